"""The import rules of docs/ARCHITECTURE.md, checked on the source: no cycles (imports inside
functions count), SQLAlchemy only in the store layer, Qt only in the window, and the pure
layers import neither."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.imports import cycles, graph, imported

# Layers by the top-level package of their modules (clearsight.<part>).
STORE = ("clearsight.db", "clearsight.services")
WINDOW = ("clearsight.ui",)
PURE = (
    "clearsight.review",
    "clearsight.record",
    "clearsight.language",
    "clearsight.timeline",
    "clearsight.drawing",
)
# What a pure module may import from the app: other pure modules and the small shared ones.
SHARED = ("clearsight.errors", "clearsight.resources_access", "clearsight.secrets", "clearsight")


def _in(module: str, layer: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in layer)


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_sqlalchemy_only_in_the_store_layer() -> None:
    offenders = sorted(
        m for m, deps in graph().items() if "sqlalchemy" in deps and not _in(m, STORE)
    )
    assert offenders == []


def test_qt_only_in_the_window() -> None:
    qt = ("PySide6", "shiboken6")
    offenders = sorted(m for m, deps in graph().items() if deps & set(qt) and not _in(m, WINDOW))
    assert offenders == []


def test_pure_layers_import_only_pure_code() -> None:
    offenders = {
        m: sorted(d for d in deps if d.startswith("clearsight.") and not _in(d, PURE + SHARED))
        for m, deps in graph().items()
        if _in(m, PURE)
    }
    assert {m: d for m, d in offenders.items() if d} == {}


def test_the_store_layer_never_imports_the_window() -> None:
    offenders = {m: sorted(d for d in deps if _in(d, WINDOW)) for m, deps in graph().items()}
    assert {m: d for m, d in offenders.items() if d and _in(m, STORE + PURE)} == {}


def test_the_checker_sees_imports_in_functions_and_skips_type_checking(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import clearsight.ui.shell.main_window\n"
        "def f():\n    from PySide6.QtWidgets import QWidget\n"
        "    from . import sibling\n"
    )
    known = {"clearsight.x.m", "clearsight.x.sibling", "clearsight.ui.shell.main_window"}
    found = imported("clearsight.x.m", sample, known)
    assert found == {"typing", "PySide6", "clearsight.x.sibling"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_cli_and_services_load_without_qt() -> None:
    code = (
        "import sys, clearsight.cli, clearsight.services.root, clearsight.record.machine_import, "
        "clearsight.services.demo, clearsight.db.store, clearsight.secrets, clearsight.app; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
