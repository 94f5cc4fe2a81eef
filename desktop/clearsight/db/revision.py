"""The schema revision this version of Clearsight expects, in a module of its own so that the
light read (db/light.py) can check it without importing SQLAlchemy or Alembic."""

# The newest revision under migrations/versions; tests/db/test_schema.py checks that it is
# Alembic's own head, so a new migration without a bump here fails the tests.
HEAD = "0010"
