"""A postmortem is not for every local user: the data folder is 0700, the database and its
backups 0600. Exports are for sharing and follow the umask (tests/cli/test_export_targets.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from clearsight.db import store as store_module
from clearsight.db.store import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "reviews.sqlite3"
    opened = open_store(str(path))
    opened.close()
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    for side in path.parent.glob("reviews.sqlite3-*"):
        assert _mode(side) == 0o600, side


def test_the_default_data_folder_is_made_private_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "clearsight.sqlite3"
    monkeypatch.setattr(store_module, "default_sqlite_path", lambda: path)
    open_store().close()
    path.parent.chmod(0o755)
    path.chmod(0o644)  # as an earlier release left them
    open_store().close()
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


def test_a_backup_before_a_migration_is_private(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    open_store(str(path)).close()
    backup = store_module._backup_sqlite(path)
    assert _mode(backup) == 0o600
