"""The store: engine, one transaction per user action, migrations at start-up.

SQLite (a file in the user's data folder) is the embedded default; a PostgreSQL URL serves a
team. A SQLite file is checked before anything touches it, copied aside before a migration,
and run in WAL mode with foreign keys on, so a crash loses at most the edit in flight.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from clearsight.db import change_feed, migrate, search_index
from clearsight.db.light import default_sqlite_path
from clearsight.errors import StoreError

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Asked of a PostgreSQL URL that has no password: returns it, or None when the user gives up.
PasswordProvider = Callable[[URL], str | None]


def resolve_url(database: str | None) -> URL:
    """A database argument as a URL: empty means the default file, a bare path means SQLite."""
    if not database:
        return make_url(f"sqlite:///{default_sqlite_path()}")
    if "://" not in database:
        return make_url(f"sqlite:///{Path(database).expanduser().resolve()}")
    try:
        return make_url(database)
    except SQLAlchemyError as err:
        raise StoreError(f"Not a database URL: {database!r} ({err})", retryable=False) from err


def describe(url: URL) -> str:
    """The URL as it may be shown: never with a password."""
    return url.render_as_string(hide_password=True)


class Store:
    """Owns the engine; hands out one session per unit of work."""

    def __init__(self, engine: Engine, url: URL, backup_path: Path | None = None) -> None:
        self.engine = engine
        self.url = url
        self.backup_path = backup_path  # the copy made before the last migration, if any
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Every write leaves a change record in its own transaction (db/change_feed.py).
        self.client = change_feed.client_name()
        event.listen(
            self._sessions,
            "after_flush",
            lambda session, _context: change_feed.record_changes(session, self.client),
        )
        # And the search index follows each write in that same transaction.
        event.listen(
            self._sessions, "after_flush", lambda session, _context: search_index.update(session)
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back (and says why) if not."""
        with translate_errors(self.url), self._sessions() as session, session.begin():
            yield session

    def before_flush(self, check: Callable[..., None]) -> None:
        """Runs ``check(session, context, instances)`` before every flush (installed once)."""
        if not event.contains(self._sessions, "before_flush", check):
            event.listen(self._sessions, "before_flush", check)

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    database: str | None = None,
    password_provider: PasswordProvider | None = None,
    busy_timeout_ms: int = 2000,
) -> Store:
    """Open (creating if needed) and migrate the database named by ``database``."""
    url = resolve_url(database)
    if not database:
        keep_private(default_sqlite_path())
    backend = url.get_backend_name()
    if backend == "sqlite":
        engine, path = _sqlite_engine(url, busy_timeout_ms)
    elif backend == "postgresql":
        engine, path = _postgres_engine(url, password_provider), None
    else:
        raise StoreError(
            f"Unsupported database {describe(url)}: use a SQLite file or a "
            "postgresql+psycopg:// URL.",
            retryable=False,
        )
    backup = None
    try:
        with translate_errors(url):
            _refuse_foreign_schema(engine, url)
            if migrate.needs_upgrade(engine):
                if path is not None and migrate.current_revision(engine) is not None:
                    backup = _backup_sqlite(path)
                migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, url, backup)


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> tuple[Engine, Path | None]:
    name = url.database
    if not name or name == ":memory:":
        engine = create_engine(url)
        _sqlite_pragmas(engine, busy_timeout_ms)
        return engine, None
    # A SQLite URI ("file:/path?mode=ro&uri=true") names the same file without its scheme.
    is_uri = str(url.query.get("uri", "")).lower() in ("true", "1") and name.startswith("file:")
    path = Path(name.removeprefix("file:")) if is_uri else Path(name)
    _check_sqlite_file(path)
    engine = create_engine(url)
    _sqlite_pragmas(engine, busy_timeout_ms)
    return engine, path


def _check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not a healthy SQLite file before SQLite writes a byte to it."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.", retryable=False)
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as err:
            raise StoreError(f"Cannot read {path}: {err.strerror}.") from err
        if head != SQLITE_MAGIC:
            raise StoreError(
                f"{path} is not a Clearsight database (not a SQLite file); it was left untouched.",
                retryable=False,
            )
        _quick_check(path)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Made empty and private before SQLite opens it: SQLite gives its -wal and -shm files
        # the database's own mode, so no reader of the folder sees a postmortem.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # made a moment ago by another process: an empty file SQLite will fill
    except OSError as err:
        raise StoreError(f"Cannot create {path}: {err.strerror}.") from err


def keep_private(path: Path) -> None:
    """The app's own data folder 0700 and its database 0600, whatever made them before."""
    for target, mode in ((path.parent, 0o700), (path, 0o600)):
        try:
            if target.exists() and target.stat().st_mode & 0o777 != mode:
                target.chmod(mode)
        except OSError:
            pass  # not ours to change (another owner): SQLite will say if it cannot open it


def _quick_check(path: Path) -> None:
    # Opened read-only through a URI so a damaged file is never "repaired" by a write.
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise StoreError(
            f"{path} is damaged and cannot be opened ({err}); it was left untouched.",
            retryable=False,
        ) from err
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise StoreError(
            f"{path} is damaged ({detail}); it was left untouched. Restore a backup copy.",
            retryable=False,
        )


def _sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
        finally:
            cur.close()


DEAD_NETWORK = {
    "connect_timeout": 5,
    "tcp_user_timeout": 5000,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
}


def _postgres_engine(url: URL, password_provider: PasswordProvider | None) -> Engine:
    if url.password:
        raise StoreError(
            "Put no password in the database URL: it would end up in shell history and "
            "settings. Store it in the keyring with `clearsight --database URL set-password`.",
            retryable=False,
        )
    from sqlalchemy.exc import NoSuchModuleError

    # The driver is an extra (clearsight[postgres]): say so before asking for a password.
    try:
        url.get_dialect().import_dbapi()
    except (ImportError, NoSuchModuleError) as err:
        driver = getattr(err, "name", None) or url.get_driver_name() or "psycopg"
        raise StoreError(
            f"The PostgreSQL driver ({driver}) is not installed. Install it with "
            "`pip install 'clearsight[postgres]'` and use a postgresql+psycopg:// URL.",
            retryable=False,
        ) from None
    password = password_provider(url) if password_provider else None
    if password:
        url = url.set(password=password)
    # A laptop in a meeting room loses its Wi-Fi: without these, a query on a connection whose
    # packets vanish waits for the kernel's default (many minutes) with the window frozen.
    # Connect within 5 s, give up on unacknowledged data after 5 s, and probe an idle
    # connection after 10 s (libpq's parameters).
    return create_engine(url, pool_pre_ping=True, connect_args=DEAD_NETWORK)


def _refuse_foreign_schema(engine: Engine, url: URL) -> None:
    """A database with tables but none of ours belongs to some other program: leave it alone."""
    names = set(inspect(engine).get_table_names())
    if names and "alembic_version" not in names and "review" not in names:
        raise StoreError(
            f"{describe(url)} holds another program's tables, not a Clearsight database; "
            "it was left untouched.",
            retryable=False,
        )


def _backup_sqlite(path: Path) -> Path:
    """Copy the database aside (consistent even in WAL mode) before changing its schema."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.before-migration")
    try:
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))  # private, as the database
        src = sqlite3.connect(path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as err:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"Could not copy {path} aside before upgrading it ({err}); nothing was changed."
        ) from err
    log.info("copied %s to %s before migrating", path, target)
    return target


# SQLite files a syntax error or a missing table under OperationalError too, so for SQLite
# the result code decides: these are about the file, its lock or its disk, which the user can
# see to; any other code (a broken statement, a constraint) is a bug in Clearsight.
_SQLITE_USER_CODES = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_READONLY",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
    "SQLITE_NOLFS",
    "SQLITE_PROTOCOL",
)
# PostgreSQL states the driver files as ProgrammingError or InternalError that are for the
# database's administrator to fix, not a bug: no write permission, a read-only server.
_PG_USER_STATES = frozenset({"42501", "25006"})


def is_user_fixable(err: DBAPIError) -> bool:
    """True when the database failed for a reason outside Clearsight (lock, disk, server,
    password); False for a bug such as a constraint violated or a statement the server refused.
    """
    if err.connection_invalidated:  # the server went away mid-statement
        return True
    if isinstance(err.orig, sqlite3.Error):
        # No result code: Python's sqlite3 itself refused a misuse (a closed connection...).
        code = getattr(err.orig, "sqlite_errorname", None)
        return isinstance(code, str) and code.startswith(_SQLITE_USER_CODES)
    if getattr(err.orig, "sqlstate", None) in _PG_USER_STATES:
        return True
    return isinstance(err, OperationalError | InterfaceError)


@contextmanager
def translate_errors(url: URL) -> Iterator[None]:
    """Turn driver errors the user can act on into a StoreError with a plain message.

    Anything else (an IntegrityError, a ProgrammingError, ...) is a bug and goes on unchanged,
    to be logged with its traceback: calling it "try again" would hide it behind a Retry that
    can never work.
    """
    try:
        yield
    except DBAPIError as err:
        if not is_user_fixable(err):
            raise
        raise StoreError(_plain_message(url, err)) from err


def _plain_message(url: URL, err: DBAPIError) -> str:
    text = str(err.orig).lower() if err.orig is not None else str(err).lower()
    where = describe(url)
    if "locked" in text or "busy" in text:
        return f"{where} is locked by another program. Your edit is kept; try again."
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return f"{where} cannot be written (read-only file or folder). Your edit is kept."
    if "full" in text or "no space" in text:
        return f"The disk holding {where} is full. Free some space; your edit is kept."
    if "password authentication failed" in text or "no password supplied" in text:
        return f"PostgreSQL refused the password for {where}."
    if "connection refused" in text or "could not connect" in text or "timeout" in text:
        return f"Cannot reach the database server for {where}. Check it is running."
    if "unable to open" in text:
        return f"{where} cannot be opened: is its folder missing or read-only?"
    if "not a database" in text or "malformed" in text:
        return f"{where} is not a Clearsight database or is damaged; it was left untouched."
    return f"The database {where} reported an error: {err.orig}"
