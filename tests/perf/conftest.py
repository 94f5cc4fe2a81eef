"""What several benchmarks share: the app's state once it has started, and an empty store on
each backend, for an archive to be built in (tests/helpers/archive.py), closed after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from clearsight.db.store import Store, open_store
from tests.db.conftest import keyring_password
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring


@pytest.fixture(scope="session")
def started_app() -> None:
    """What the app does while its first list shows (launch.warm_up): the pages loaded, the
    blame detector built, the garbage collector tuned. Benchmarks of the window start there."""
    from clearsight.ui import launch

    launch.warm_up()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        store = open_store(str(tmp_path / "archive.sqlite3"))
    else:
        url = pg_url_or_skip()
        reset_schema(url)
        store_password_in_keyring(url)
        store = open_store(url, password_provider=keyring_password)
    yield store
    store.close()


def backend(store: Store) -> str:
    return "SQLite" if store.is_sqlite else "PostgreSQL"


def analyze(store: Store) -> None:
    """What PostgreSQL's autovacuum does soon after a bulk load, done at once."""
    if not store.is_sqlite:
        with store.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
