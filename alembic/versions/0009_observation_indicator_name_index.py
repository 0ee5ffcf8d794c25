"""observation: an index on the indicator names, for the ``indicator`` text filter

``/v1/observations?indicator=...`` (text in indicator_zh or indicator_en) was an ILIKE
over every row of the version. Indicator names are few (hundreds per dataset), rows
many: the API now finds the distinct (indicator_zh, indicator_en) pairs by a loose scan
of this index, matches the text against them, and reads each matching pair's rows in id
order from the same index (api/observations/service.py).

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_observation_dataset_id_indicator_zh_indicator_en_id"


def upgrade() -> None:
    op.create_index(NAME, "observation", ["dataset_id", "indicator_zh", "indicator_en", "id"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="observation")
