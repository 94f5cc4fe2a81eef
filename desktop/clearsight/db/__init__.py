"""Persistence: SQLAlchemy models, the store, and running the migrations (db/migrations)."""
