"""source.check_requested_at: "check now" requests any scheduler process can pick up

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from models.migrations import drop_column

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.add_column(sa.Column("check_requested_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    drop_column("source", "check_requested_at")
