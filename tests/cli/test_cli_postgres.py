"""A team database: the CLI reaches PostgreSQL with the password from the keyring only."""

from __future__ import annotations

import io

import pytest

from clearsight.cli import main
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring

pytestmark = pytest.mark.pg


def test_cli_on_postgres_with_keyring_password(capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_url_or_skip()
    reset_schema(url)
    store_password_in_keyring(url)
    assert main(["--database", url, "demo"]) == 0
    assert main(["--database", url, "list"]) == 0
    out = capsys.readouterr().out
    assert "Checkout API returned errors" in out


def test_no_password_and_no_terminal_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_url_or_skip()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--database", url, "list"]) == 2
    assert "set-password" in capsys.readouterr().err
