"""delivery: an index on the head of each subscription's pending queue, for claims

A claim took the first few due deliveries of each subscription by ranking every due
row, which on PostgreSQL sorted the whole backlog by subscription in each claim (140 ms
for 16,000 due rows). With this partial index it reads each subscription's head.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_delivery_pending_subscription_next",
        "delivery",
        ["subscription_id", "next_attempt_at", "id"],
        postgresql_where=sa.text("status = 'pending'"),
        sqlite_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index("ix_delivery_pending_subscription_next", table_name="delivery")
