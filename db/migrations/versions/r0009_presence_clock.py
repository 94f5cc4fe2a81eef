"""presence.clock: the facilitator's meeting clock, for the windows that follow them

The facilitator moves the agenda and the clock: a window that follows the facilitator shows
their phase (migration 0007) and now their clock too.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("presence") as batch:
        batch.add_column(sa.Column("clock", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("presence") as batch:
        batch.drop_column("clock")
