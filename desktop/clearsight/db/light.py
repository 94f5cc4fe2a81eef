"""A light read of the review list from a SQLite file, without loading SQLAlchemy.

`clearsight list` and the window's first paint need a dozen rows; importing SQLAlchemy and
mapping the models costs half a second before the first row. So when the database is a SQLite
file already at the current schema, the list is read with the standard library's sqlite3,
read-only. Anything else (PostgreSQL, a file to create or migrate, any error) returns None and
the caller takes the full path through the store, which also migrates and reports problems.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from clearsight.db.revision import HEAD
from clearsight.review.data import ReviewSummary

# Newest incident first, reviews without a date last: as services.reviews.list_reviews orders.
_LIST = (
    "SELECT id, title, severity, status, incident_id, incident_start FROM review "
    "ORDER BY incident_start IS NULL, incident_start DESC, id DESC"
)


def default_sqlite_path() -> Path:
    """The SQLite file used when no database is named: in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Clearsight", appauthor=False)) / "clearsight.sqlite3"


def sqlite_path(database: str | None) -> Path | None:
    """The SQLite file a --database argument names, or None for another kind of database."""
    if not database:
        return default_sqlite_path()
    if database.startswith("sqlite:///"):
        return Path(database.removeprefix("sqlite:///"))
    if "://" in database:
        return None
    return Path(database).expanduser().resolve()


def list_reviews(path: Path | None) -> list[ReviewSummary] | None:
    """The review list, or None when the light read cannot answer for the full one."""
    if path is None or not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchall()
        if version != [(HEAD,)]:
            return None  # to be created or migrated: the store does that
        return [
            ReviewSummary(id_, title, severity, status, incident_id, _instant(start))
            for id_, title, severity, status, incident_id, start in con.execute(_LIST)
        ]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()


def _instant(stored: str | None) -> datetime | None:
    """As db.types.UTCDateTime reads it: stored naive UTC, returned aware."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC) if stored else None
