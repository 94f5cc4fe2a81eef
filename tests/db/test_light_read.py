"""The light read of the review list (no SQLAlchemy) agrees with the store, or steps aside."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from clearsight.db import light
from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services


def test_it_lists_what_the_store_lists(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite3"
    store = open_store(str(path))
    service = Services(store)
    add_demo(service)
    service.reviews.create_review("No date yet", "SEV-3")
    service.reviews.create_review("Earlier", "SEV-1", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    full = service.reviews.list_reviews()
    store.close()
    assert light.list_reviews(light.sqlite_path(str(path))) == full
    assert [r.title for r in full][-2:] == ["Earlier", "No date yet"]


def test_it_steps_aside_for_what_only_the_store_can_do(tmp_path: Path) -> None:
    assert light.sqlite_path("postgresql://u@h/db") is None
    assert light.list_reviews(None) is None
    assert light.list_reviews(tmp_path / "missing.sqlite3") is None  # to be created
    old = tmp_path / "old.sqlite3"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("INSERT INTO alembic_version VALUES ('0001')")  # to be migrated
    con.commit()
    con.close()
    assert light.list_reviews(old) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database")
    assert light.list_reviews(tmp_path / "junk.sqlite3") is None


def test_listing_loads_no_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite3"
    store = open_store(str(path))
    add_demo(Services(store))
    store.close()
    code = (
        "import sys; from clearsight.cli import main; "
        f"main(['--database', {str(path)!r}, 'list']); "
        "print('sqlalchemy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("False") and "Checkout API" in out
