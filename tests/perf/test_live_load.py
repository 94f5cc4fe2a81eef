"""The issue's live load test at full size: 8 client processes edit one review for 2 minutes
at 2 edits a second each, with overlaps on the same fields, on SQLite and PostgreSQL. It
prints the figures for the note; the checks are the same as tests/db/test_live_load.py's.

    .venv/bin/python -m pytest -q -s -m perf tests/perf/test_live_load.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password
from tests.helpers.live_load import run_load
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring

pytestmark = pytest.mark.perf

SECONDS = float(os.environ.get("CLEARSIGHT_LOAD_SECONDS", "120"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_eight_clients_for_two_minutes(backend: str, tmp_path: Path) -> None:
    database = str(tmp_path / "team.sqlite3")
    if backend == "postgresql":
        database = pg_url_or_skip()
        reset_schema(database)
        store_password_in_keyring(database)
    store = open_store(database, password_provider=keyring_password)
    try:
        service = Services(store)
        review = add_demo(service)
        figures, _, _ = run_load(service, database, review, 8, SECONDS, 2.0, tmp_path)
        backend = "PostgreSQL" if "://" in database else "SQLite"
        print(f"\n{backend}\n{figures.table()}")
        assert figures.lost == [] and figures.duplicates == [] and figures.missing == []
        assert not figures.views_differ and figures.final_mismatch == []
    finally:
        store.close()
