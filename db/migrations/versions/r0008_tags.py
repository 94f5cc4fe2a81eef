"""tags: the team's taxonomy (services, kinds of trigger, themes) on reviews

Reviews about the same service or the same kind of trigger find each other: search filters by
tag, each review lists its related ones, and the Insights count the most frequent tags.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_tag_kind")),
    )
    op.create_table(
        "review_tag",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_review_tag_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_review_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("review_id", "tag_id", name=op.f("pk_review_tag")),
    )
    op.create_index(op.f("ix_review_tag_tag_id"), "review_tag", ["tag_id"])


def downgrade() -> None:
    op.drop_table("review_tag")
    op.drop_table("tag")
