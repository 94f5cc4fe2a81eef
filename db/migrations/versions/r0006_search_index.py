"""search index: every review's text, searchable across reviews

One row per searchable piece of a review (its title with the incident id, summary and impact,
each impact figure, timeline event, why problem and answer, factor, action item and lesson):
which review, which part, which row, and the text. Its key is ``(review_id * 2**36 + row_id)
* 16 + the part's number``, so an edit replaces its own piece by key without a scan, and a
search filters by review on the key alone. SQLite keeps it in an FTS5 table, PostgreSQL in
a table with a generated tsvector and a GIN index. An existing database is indexed here, once;
from then on each write keeps it current in its own transaction (clearsight/db/search_index.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The backfill, frozen as the schema stood at this revision (the app's own copy, which later
# revisions may change, is search_index.PIECES): part, number, text, FROM, review, row.
_PIECES = (
    ("title", 0, "r.title || ' ' || r.incident_id", "review r", "r.id", "r.id"),
    ("summary", 1, "r.summary", "review r", "r.id", "r.id"),
    ("impact", 2, "r.impact", "review r", "r.id", "r.id"),
    ("figure", 3, "x.label || ': ' || x.value", "impact_figure x", "x.review_id", "x.id"),
    ("event", 4, "x.text", "timeline_event x", "x.review_id", "x.id"),
    ("problem", 5, "x.problem", "why_tree x", "x.review_id", "x.id"),
    (
        "why",
        6,
        "x.text",
        "why_node x JOIN why_tree t ON t.id = x.tree_id",
        "t.review_id",
        "x.id",
    ),
    ("factor", 7, "x.text || ' ' || x.accepted_reason", "factor x", "x.review_id", "x.id"),
    (
        "action",
        8,
        "x.what || ' ' || x.verification || ' ' || x.evidence",
        "action_item x",
        "x.review_id",
        "x.id",
    ),
    ("lesson", 9, "x.text", "lesson x", "x.review_id", "x.id"),
)
_MOST_CHARS = 50_000  # as search_index.MOST_CHARS
_PUNCTUATION = r"""!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~"""  # ' doubled for SQL: 32 characters


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # The text is the only indexed column; the others ride along for the results.
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "text, review_id UNINDEXED, part UNINDEXED, row_id UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        key = "rowid"
    else:
        op.create_table(
            "search_index",
            sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
            sa.Column("review_id", sa.Integer(), nullable=False),
            sa.Column("part", sa.String(10), nullable=False),
            sa.Column("row_id", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            # 'simple': lower-cased words without stemming, as SQLite's unicode61 sees them, so
            # a word typed halfway matches as a prefix on both. ASCII punctuation becomes a
            # space first: PostgreSQL's parser would read "INC-2041" as "inc" and "-2041" and
            # "v1.2" as one version token, where SQLite (and the query) see plain words.
            sa.Column(
                "doc",
                postgresql.TSVECTOR(),
                sa.Computed(
                    f"to_tsvector('simple'::regconfig, translate(text, '{_PUNCTUATION}', "
                    f"'{' ' * 32}'))",
                    persisted=True,
                ),
            ),
            sa.ForeignKeyConstraint(
                ["review_id"],
                ["review.id"],
                name="fk_search_index_review_id_review",
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("id", name="pk_search_index"),
        )
        op.create_index("ix_search_index_doc", "search_index", ["doc"], postgresql_using="gin")
        op.create_index("ix_search_index_review_id", "search_index", ["review_id"])
        key = "id"
    for part, number, text, source, review, row in _PIECES:
        op.execute(
            f"INSERT INTO search_index ({key}, review_id, part, row_id, text) "
            f"SELECT ({review} * {2**36} + {row}) * 16 + {number}, {review}, '{part}', {row}, "
            f"trim(substr({text}, 1, {_MOST_CHARS})) FROM {source} "
            f"WHERE trim({text}) <> ''"
        )


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
