"""observation: indexes for keyset pages in every sort order of /v1/observations

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_observation_dataset_id_indicator_code", table_name="observation")
    op.create_index(
        "ix_observation_dataset_id_indicator_code_id",
        "observation",
        ["dataset_id", "indicator_code", "id"],
    )
    op.create_index(
        "ix_observation_dataset_id_time_period_id",
        "observation",
        ["dataset_id", "time_period", "id"],
    )
    op.create_index(
        "ix_observation_dataset_id_obs_value_id", "observation", ["dataset_id", "obs_value", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_observation_dataset_id_obs_value_id", table_name="observation")
    op.drop_index("ix_observation_dataset_id_time_period_id", table_name="observation")
    op.drop_index("ix_observation_dataset_id_indicator_code_id", table_name="observation")
    op.create_index(
        "ix_observation_dataset_id_indicator_code", "observation", ["dataset_id", "indicator_code"]
    )
