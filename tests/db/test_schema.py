"""The migrations build exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from clearsight.db import migrate
from clearsight.db.models import Base
from clearsight.db.store import Store


def test_migration_from_empty_reaches_head(any_store: Store) -> None:
    assert migrate.current_revision(any_store.engine) == migrate.head_revision()
    tables = set(inspect(any_store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_migrations_match_the_models(any_store: Store) -> None:
    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_the_search_index_is_made_and_only_it_is_left_out_of_the_comparison(
    any_store: Store,
) -> None:
    tables = set(inspect(any_store.engine).get_table_names())
    assert migrate.UNMODELLED in tables
    left_out = {t for t in tables if not migrate.include_name(t, "table", {})}
    assert migrate.UNMODELLED in left_out  # with FTS5's shadow tables on SQLite
    assert all(t.startswith(migrate.UNMODELLED) for t in left_out)
    assert left_out.isdisjoint(Base.metadata.tables)


def test_reopening_does_not_migrate_again(any_store: Store) -> None:
    assert not migrate.needs_upgrade(any_store.engine)


def test_head_constant_is_alembics_head() -> None:
    # A new migration must bump migrate.HEAD, or start-up would think a migrated database is
    # current and skip it.
    assert migrate.script_head() == migrate.HEAD
