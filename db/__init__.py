"""Persistence: SQLAlchemy models, the store, and the Alembic migrations."""
