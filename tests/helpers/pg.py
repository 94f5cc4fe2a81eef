"""Reaching the throwaway PostgreSQL server that packaging/test.sh (and CI) starts."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from clearsight.secrets import Secrets, database_key


def pg_url_or_skip() -> str:
    """The test server's URL (no password in it); skip, or fail in CI, when there is none."""
    url = os.environ.get("CLEARSIGHT_TEST_PG_URL")
    if not url:
        reason = (
            "no PostgreSQL test server (CLEARSIGHT_TEST_PG_URL unset; packaging/test.sh starts one)"
        )
        if os.environ.get("CLEARSIGHT_REQUIRE_PG"):
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def store_password_in_keyring(url: str) -> None:
    """Hand the password to the app the way a user's keyring would."""
    u = make_url(url)
    Secrets().set(
        database_key(u.username, u.host, u.port, u.database),
        os.environ["CLEARSIGHT_TEST_PG_PASSWORD"],
    )


def reset_schema(url: str) -> None:
    """An empty database for each test: drop everything the last test left."""
    engine = create_engine(make_url(url).set(password=os.environ["CLEARSIGHT_TEST_PG_PASSWORD"]))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
