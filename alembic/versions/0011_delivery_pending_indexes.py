"""delivery: partial indexes over the pending queue, for claims and the reaper

A claim ranked every due delivery per webhook (a sort of the whole queue) and counted
each webhook's claims in flight by reading all its deliveries ever made: with 40,000
waiting a claim took 100-300 ms, and more as the history grew. Both read these instead:
each webhook's next due deliveries in order, and the claims in flight (few, whatever the
queue's depth). Deliveries leave both when they are done.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("status = 'pending'")
INDEXES = {
    "ix_delivery_pending_due": ["subscription_id", "next_attempt_at", "id"],
    "ix_delivery_pending_claims": ["claim_expires_at", "subscription_id", "claimed_by"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "delivery", columns, postgresql_where=PENDING, sqlite_where=PENDING)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="delivery")
