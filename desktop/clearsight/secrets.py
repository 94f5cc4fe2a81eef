"""Secrets behind one adapter: the OS keyring, or this session's memory when there is none.

Nothing secret is ever written to a file or the database. With no keyring backend the
caller is told (``persistent`` is False) so it can say that the secret lasts this session only.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from clearsight import APP_ID

log = logging.getLogger(__name__)


class Secrets:
    def __init__(self, service: str = APP_ID) -> None:
        self.service = service
        self._session: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        """True when a real keyring backend stores secrets across sessions."""
        import keyring  # imported late: it costs ~0.25 s and most runs never need it
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)

    def get(self, key: str) -> str | None:
        if key in self._session:
            return self._session[key]
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, key)
        except KeyringError as err:
            log.info("no keyring for %s: %s", key, err)
            return None

    def set(self, key: str, value: str) -> bool:
        """Store ``value``; returns False when it could only be kept for this session."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.service, key, value)
        except KeyringError as err:
            log.info("keyring refused %s (%s): kept for this session only", key, err)
            self._session[key] = value
            return False
        self._session.pop(key, None)
        return True

    def delete(self, key: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        self._session.pop(key, None)
        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(self.service, key)


def database_password(secrets: Secrets, url: Any) -> str | None:
    """The stored password for a database URL (a SQLAlchemy URL), if any."""
    return secrets.get(database_key(url.username, url.host, url.port, url.database))


def database_key(user: str | None, host: str | None, port: int | None, name: str | None) -> str:
    """The keyring entry that holds a PostgreSQL password for one server and database."""
    return f"db:{user or ''}@{host or 'localhost'}:{port or 5432}/{name or ''}"
