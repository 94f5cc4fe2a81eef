"""The embedded database: WAL, foreign keys, refusing what is not ours, plain errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clearsight.db import migrate
from clearsight.db import store as store_mod
from clearsight.db.store import open_store
from clearsight.errors import StoreError
from clearsight.services.root import Services


def test_wal_and_foreign_keys_are_on(db_path: Path) -> None:
    st = open_store(str(db_path))
    with st.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    st.close()


def test_creates_the_data_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "reviews.sqlite3"
    open_store(str(path)).close()
    assert path.exists()


def test_default_database_is_in_the_user_data_folder(isolated_home: Path) -> None:
    st = open_store(None)
    assert Path(st.url.database).is_relative_to(isolated_home / "data")
    st.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("meeting notes, not a database\n")
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="not a Clearsight database"):
        open_store(str(path))
    assert _files(tmp_path) == before


def test_a_damaged_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(store_mod.SQLITE_MAGIC + b"\x10\x00" + b"\xff" * 4000)
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="damaged|not a Clearsight"):
        open_store(str(path))
    assert _files(tmp_path) == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(str(path))
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert names == ["invoices"]


def test_the_file_is_copied_aside_before_a_migration(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st = open_store(str(db_path))
    Services(st).reviews.create_review("Kept safe", "SEV-2")
    st.close()
    # Pretend a newer release ships a further migration.
    upgraded: list[bool] = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "r9999")
    monkeypatch.setattr(migrate, "upgrade", lambda engine: upgraded.append(True))
    st = open_store(str(db_path))
    st.close()
    assert upgraded == [True]
    assert st.backup_path is not None and st.backup_path.parent == db_path.parent
    copy = sqlite3.connect(st.backup_path)
    titles = [r[0] for r in copy.execute("SELECT title FROM review")]
    copy.close()
    assert titles == ["Kept safe"]


def test_a_new_database_is_not_backed_up(db_path: Path) -> None:
    st = open_store(str(db_path))
    st.close()
    assert st.backup_path is None
    assert [p.name for p in db_path.parent.iterdir() if "before-migration" in p.name] == []


def test_a_locked_database_says_so_and_a_retry_works(db_path: Path) -> None:
    st = open_store(str(db_path), busy_timeout_ms=50)
    svc = Services(st)
    rid = svc.reviews.create_review("Locked", "SEV-3")
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError, match="locked by another program") as err:
        svc.reviews.set_field(rid, "summary", "typed while locked")
    assert err.value.retryable
    other.rollback()
    other.close()
    svc.reviews.set_field(rid, "summary", "typed while locked")
    assert svc.reviews.get_review(rid).summary == "typed while locked"
    st.close()


def test_a_read_only_database_says_so(db_path: Path) -> None:
    st = open_store(str(db_path))
    svc = Services(st)
    rid = svc.reviews.create_review("Read only", "SEV-3")
    st.close()
    # Root ignores file modes, so read-only is asked of SQLite itself.
    ro = open_store(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    with pytest.raises(StoreError, match="cannot be written"):
        Services(ro).reviews.set_field(rid, "summary", "nope")
    ro.close()


def test_a_full_disk_says_so(db_path: Path) -> None:
    st = open_store(str(db_path))
    svc = Services(st)
    rid = svc.reviews.create_review("Full", "SEV-3")

    from sqlalchemy import event

    @event.listens_for(st.engine, "connect")
    def _tiny(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA max_page_count=1")

    st.engine.dispose()  # new connections get the limit
    with pytest.raises(StoreError, match="full"):
        svc.reviews.set_field(rid, "summary", "x" * 200_000)
    st.close()


def test_a_database_from_the_first_release_is_migrated_and_kept(db_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    migrate.upgrade(engine, "0001")
    engine.dispose()
    st = open_store(str(db_path))
    try:
        assert migrate.current_revision(st.engine) == migrate.HEAD
        assert st.backup_path is not None and st.backup_path.exists()
        Services(st).reviews.create_review("After the upgrade", "SEV-3")
    finally:
        st.close()
