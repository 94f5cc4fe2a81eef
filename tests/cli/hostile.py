"""What the hostile-input tests share: the CLI run in process, documents and files to feed it."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from clearsight.cli import main

DEEP = 1000
EXIT_BUG = 70


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code != EXIT_BUG, err
    assert "Traceback" not in err
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The command exits 2; its message (stderr)."""
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    return err


def _doc(**review: Any) -> dict[str, Any]:
    return {
        "schema": "clearsight.review",
        "version": 1,
        "review": {"title": "t", "severity": "SEV-2", **review},
    }


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _review(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "new", "--title", "t", "--incident-start", "2026-03-15T14:00Z")
    assert code == 0
    return out.strip()


def _deep_doc() -> str:
    return (
        '{"schema": "clearsight.review", "version": 1, "review": ' + "[" * DEEP + "]" * DEEP + "}"
    )


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
