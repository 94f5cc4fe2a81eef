from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clearsight.db.store import Store, open_store
from clearsight.secrets import Secrets, database_password
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring


def keyring_password(url):  # type: ignore[no-untyped-def]
    return database_password(Secrets(), url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty database, on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "team.sqlite3")
    url = pg_url_or_skip()
    reset_schema(url)
    store_password_in_keyring(url)
    return url


@pytest.fixture
def any_store(database: str) -> Iterator[Store]:
    st = open_store(database, password_provider=keyring_password)
    yield st
    st.close()
