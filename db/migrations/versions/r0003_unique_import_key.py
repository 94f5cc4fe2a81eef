"""an imported message is in a review once: (review_id, source_key) unique

Two clients importing the same channel export at once could each add every message. Copies
already made (the same key twice in one review) keep their oldest row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM timeline_event WHERE source_key IS NOT NULL AND id NOT IN ("
        " SELECT MIN(id) FROM timeline_event WHERE source_key IS NOT NULL"
        " GROUP BY review_id, source_key)"
    )
    with op.batch_alter_table("timeline_event") as batch:
        batch.create_unique_constraint("uq_timeline_event_source", ["review_id", "source_key"])


def downgrade() -> None:
    with op.batch_alter_table("timeline_event") as batch:
        batch.drop_constraint("uq_timeline_event_source", type_="unique")
