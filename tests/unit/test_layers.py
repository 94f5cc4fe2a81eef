"""Qt stays in desktop/clearsight/ui/ (house style 1): any other module importing PySide6 fails."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(
            n == "PySide6" or n.startswith("PySide6.") or n.startswith("shiboken") for n in names
        ):
            return True
    return False


def test_no_module_outside_ui_imports_pyside6() -> None:
    modules = [*(ROOT / "desktop").rglob("*.py"), *(ROOT / "db").rglob("*.py")]
    ui = ROOT / "desktop" / "clearsight" / "ui"
    assert len(modules) > 10
    offenders = [
        str(p.relative_to(ROOT)) for p in modules if ui not in p.parents and _imports_qt(p)
    ]
    assert offenders == []


def test_the_checker_sees_an_import(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert _imports_qt(sample)


def test_cli_and_services_load_without_qt() -> None:
    code = (
        "import sys, clearsight.cli, clearsight.review.service, clearsight.record.machine_import, "
        "clearsight.record.demo, clearsight.db.store, clearsight.secrets, clearsight.app; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
