"""The CLI tests' database: a file of its own per test, named the way a user names one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(path))
    return path
