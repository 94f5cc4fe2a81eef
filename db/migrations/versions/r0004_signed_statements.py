"""sign-offs keep the statements they signed, and voiding is signed too

A signature over the bare digest said nothing of who signed or who else had to; each sign-off
now keeps the exact approval statement its signature covers, and a voided one keeps the
signed statement that voided it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("statement", sa.Text()),
    ("void_statement", sa.Text()),
    ("void_signature", sa.LargeBinary()),
    ("void_key", sa.LargeBinary()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("sign_off", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sign_off") as batch:
        for name, _ in COLUMNS:
            batch.drop_column(name)
