"""Alembic environment: always handed a connection by clearsight.db.migrate."""

from __future__ import annotations

from alembic import context

from clearsight.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
