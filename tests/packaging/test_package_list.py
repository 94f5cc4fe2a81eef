"""pyproject.toml ships every package and data file: what a wheel (and so the bundle) holds.

The editable install that development and the other tests use maps whole folders, so a
package or a data file missing from pyproject.toml goes unnoticed until a real install.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]


def folder_of(package: str) -> Path:
    """The folder a dotted package name maps to through package-dir."""
    mapping: dict[str, str] = SETUPTOOLS["package-dir"]
    parts = package.split(".")
    for cut in range(len(parts), -1, -1):
        prefix = ".".join(parts[:cut])  # "" last: the root folder of every other package
        if prefix in mapping:
            return REPO / mapping[prefix] / Path(*parts[cut:])
    raise AssertionError(f"{package} is under no package-dir entry")


def test_every_folder_with_an_init_is_a_listed_package() -> None:
    found = set()
    for root, folder in SETUPTOOLS["package-dir"].items():
        for init in (REPO / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / folder)
            found.add(".".join([*([root] if root else []), *relative.parts]))
    assert found == set(SETUPTOOLS["packages"])


def test_every_data_file_matches_a_package_data_pattern() -> None:
    for package, patterns in SETUPTOOLS["package-data"].items():
        folder = folder_of(package)
        matched = {path for pattern in patterns for path in folder.glob(pattern)}
        data = {
            path
            for path in folder.rglob("*")
            if path.is_file()
            and path.suffix not in {".py", ".pyc"}
            and "__pycache__" not in path.parts
        }
        assert sorted(map(str, data - matched)) == [], f"not shipped with {package}"
