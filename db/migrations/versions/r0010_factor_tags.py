"""factor_tag: the team's tags on contributing factors as well as on reviews

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 22:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "factor_tag",
        sa.Column("factor_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["factor_id"],
            ["factor.id"],
            name=op.f("fk_factor_tag_factor_id_factor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_factor_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("factor_id", "tag_id", name=op.f("pk_factor_tag")),
    )
    op.create_index(op.f("ix_factor_tag_tag_id"), "factor_tag", ["tag_id"])


def downgrade() -> None:
    op.drop_table("factor_tag")
