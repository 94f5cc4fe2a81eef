"""Alembic, run from code: the migrations ship inside the package, no alembic.ini needed.

Alembic is imported only when a migration really runs: loading it costs about a tenth of a
second, and a database already at ``HEAD`` (every start-up but the first after an upgrade)
needs just one SELECT to know that.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from clearsight.db.revision import HEAD

__all__ = ["HEAD"]


# The search index is no model: an FTS5 table (with its shadow tables) on SQLite and a table
# with a generated tsvector on PostgreSQL, written by SQL of its own (db/search_index.py).
# Comparing the database with the models leaves it out.
UNMODELLED = "search_index"


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's filter for comparing the database with the models (see UNMODELLED)."""
    if type_ == "table" and name is not None:
        return name != UNMODELLED and not name.startswith(f"{UNMODELLED}_")
    return True


def _config() -> Config:
    from alembic.config import Config

    # The migrations are plain files in the package (editable, wheel or bundle alike).
    cfg = Config()
    cfg.set_main_option("script_location", str(files("clearsight.migrations")))
    return cfg


def head_revision() -> str:
    return HEAD


def script_head() -> str | None:
    """Alembic's head, read from the migration scripts (slow; for the test of ``HEAD``)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
