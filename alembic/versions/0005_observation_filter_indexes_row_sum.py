"""observation: an index per /v1/observations filter in keyset order; dataset_version.row_sum

Each equality filter of /v1/observations gets an index ``(dataset_id, column, id)``, so a
filtered page (or a filter that matches nothing) reads only matching rows, in id order;
indicator_code with ref_area and with time_period get one for the pair.
``dataset_version.row_sum`` holds the multiset-hash state behind ``content_hash`` so the
next version's hash is computed from the rows that change. The upgrade sums the rows of
each dataset's latest version once (a pass over the observations), so the first publish
after it does not do that inside its write transaction; older versions keep their hash.

Revision ID: 0005
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from models.migrations import drop_column

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
    _sum_latest_versions()


def _sum_latest_versions() -> None:
    """Store the row sum of every dataset's latest version (its content_hash stays)."""
    from models.dataset_queries import STORED_COLUMNS, RowSum

    bind = op.get_bind()
    observation = sa.table(
        "observation",
        sa.column("id"),
        sa.column("dataset_id"),
        sa.column("valid_from"),
        sa.column("valid_to"),
        *(sa.column(c) for c in STORED_COLUMNS),
    )
    latest = bind.execute(
        sa.text("SELECT id, latest_version FROM dataset WHERE latest_version > 0")
    ).all()
    for dataset_id, version in latest:
        digest = RowSum()
        # Keyset pages of plain fetches, not a server-side cursor: an open cursor keeps
        # the table "in use", and a later migration of this transaction could not index
        # it (PostgreSQL).
        last_id = 0
        while True:
            page = bind.execute(
                sa.select(observation.c.id, *(observation.c[c] for c in STORED_COLUMNS))
                .where(
                    observation.c.dataset_id == dataset_id,
                    observation.c.id > last_id,
                    observation.c.valid_from <= version,
                    sa.or_(observation.c.valid_to.is_(None), observation.c.valid_to >= version),
                )
                .order_by(observation.c.id)
                .limit(10_000)
            ).all()
            for row in page:
                digest.add(row)
            if len(page) < 10_000:
                break
            last_id = page[-1][0]
        bind.execute(
            sa.text(
                "UPDATE dataset_version SET row_sum = :state "
                "WHERE dataset_id = :dataset AND version = :version"
            ),
            {"state": digest.dump(), "dataset": dataset_id, "version": version},
        )


def downgrade() -> None:
    drop_column("dataset_version", "row_sum")
    for pair in reversed(FILTER_PAIRS):
        op.drop_index(f"ix_observation_dataset_id_{'_'.join(pair)}_id", table_name="observation")
    for column in reversed(FILTER_COLUMNS):
        op.drop_index(f"ix_observation_dataset_id_{column}_id", table_name="observation")
