"""Alembic environment: always handed a connection by clearsight.db.migrate."""

from __future__ import annotations

from alembic import context

from clearsight.db.migrate import include_name
from clearsight.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
    # The search index is made by hand in SQL, not from the models.
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
