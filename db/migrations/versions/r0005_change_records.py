"""change records: every write leaves one, for live windows and optimistic writes

Several people edit one review from their own laptops; each window follows the others'
changes by reading the records written since the last one it saw, and a write based on an
old revision of a row is refused rather than silently overwriting.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_record")),
    )
    op.create_index(op.f("ix_change_record_review_id"), "change_record", ["review_id"])
    op.create_index("ix_change_record_row", "change_record", ["entity", "row_id"])


def downgrade() -> None:
    op.drop_table("change_record")
