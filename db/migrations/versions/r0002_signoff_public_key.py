"""sign-off keeps the public key it was signed with

A person's key can change (a new machine, a lost keyring); each signature must stay
verifiable with the key that made it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sign_off", sa.Column("public_key", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sign_off") as batch:
        batch.drop_column("public_key")
