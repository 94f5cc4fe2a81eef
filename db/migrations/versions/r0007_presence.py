"""presence: who has a review open, in which phase and field, and in which role

Several laptops in one review meeting: each window says every few seconds where its person
is, so the others see who is typing where and can follow the facilitator's phase.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("phase", sa.String(50), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_presence_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client", name=op.f("pk_presence")),
    )
    op.create_index(op.f("ix_presence_review_id"), "presence", ["review_id"])


def downgrade() -> None:
    op.drop_table("presence")
