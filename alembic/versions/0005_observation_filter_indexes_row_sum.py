"""observation: an index per /v1/observations filter in keyset order; dataset_version.row_sum

Each equality filter of /v1/observations gets an index ``(dataset_id, column, id)``, so a
filtered page (or a filter that matches nothing) reads only matching rows, in id order;
indicator_code with ref_area and with time_period get one for the pair.
``dataset_version.row_sum`` holds the multiset-hash state behind ``content_hash`` so the
next version's hash is computed from the rows that change.

Revision ID: 0005
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: filter columns that had no index leading with (dataset_id, column); indicator_code
#: and time_period have theirs from 0003
FILTER_COLUMNS = ("ref_area", "obs_kind", "measure", "publication_id")
#: the usual pairs ("what" with "where" or "when"): each may match many rows alone and
#: nothing together, which one index per filter cannot tell without reading them
FILTER_PAIRS = (("indicator_code", "ref_area"), ("indicator_code", "time_period"))


def upgrade() -> None:
    for column in FILTER_COLUMNS:
        op.create_index(
            f"ix_observation_dataset_id_{column}_id", "observation", ["dataset_id", column, "id"]
        )
    for pair in FILTER_PAIRS:
        op.create_index(
            f"ix_observation_dataset_id_{'_'.join(pair)}_id",
            "observation",
            ["dataset_id", *pair, "id"],
        )
    with op.batch_alter_table("dataset_version") as batch_op:
        batch_op.add_column(sa.Column("row_sum", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dataset_version") as batch_op:
        batch_op.drop_column("row_sum")
    for pair in reversed(FILTER_PAIRS):
        op.drop_index(f"ix_observation_dataset_id_{'_'.join(pair)}_id", table_name="observation")
    for column in reversed(FILTER_COLUMNS):
        op.drop_index(f"ix_observation_dataset_id_{column}_id", table_name="observation")
