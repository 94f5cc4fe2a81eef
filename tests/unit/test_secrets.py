from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from clearsight.secrets import Secrets, database_key


def test_secrets_go_to_the_keyring(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    secrets = Secrets()
    assert secrets.persistent
    assert secrets.set("db:x", "s3cret")
    assert memory_keyring.items == {("org.clearsight.Clearsight", "db:x"): "s3cret"}
    assert Secrets().get("db:x") == "s3cret"
    secrets.delete("db:x")
    assert Secrets().get("db:x") is None


def test_without_a_keyring_secrets_last_this_session_only(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    secrets = Secrets()
    assert not secrets.persistent
    assert secrets.set("db:x", "s3cret") is False
    assert secrets.get("db:x") == "s3cret"
    assert Secrets().get("db:x") is None  # nothing was written anywhere


def test_database_key_names_server_and_database() -> None:
    assert database_key("ana", "db.internal", None, "reviews") == "db:ana@db.internal:5432/reviews"
