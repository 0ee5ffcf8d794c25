"""observation: an indicator's rows in value order, carrying the other filters

A page of one indicator (``indicator_code``) sorted by ``obs_value``, with another
filter beside it (``obs_kind=target``), either read every entry of the indicator and
sorted the matches (``forest_coverage`` with ``obs_kind=target`` at 5,000,000 rows:
28,188 entries for 8,515 matches, a deep page 14.5 ms at the median and 23.5 ms at p99
on PostgreSQL) or walked the whole value order checking the indicator. As with
``(measure, obs_value)`` in 0010, values follow the indicator's unit: one indicator's
rows are a band of the value order. With this index the page is a seek to the
indicator and the cursor's value, walked in order and stopped with the page; the other
filters and the version run are checked in the entry.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_observation_dataset_id_indicator_code_obs_value_id_carried"
#: after the leading columns and the id, as every covering index of 0010
CARRIED = ("ref_area", "time_period", "obs_kind", "measure", "valid_from", "valid_to")


def upgrade() -> None:
    op.create_index(
        NAME, "observation", ["dataset_id", "indicator_code", "obs_value", "id", *CARRIED]
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="observation")
