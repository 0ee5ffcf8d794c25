"""observation_count: per-version counts of each dataset's values, kept at publish time

/v1/indicators counted a dataset whole the first time a process saw it (a GROUP BY over
its current rows: 32.6 s on SQLite, 8.6 s on PostgreSQL at 5,000,000 rows), and a
filtered page on SQLite probed and sampled indexes to tell a rare filter from a common
one, or an empty combination from a rare one. This table holds, per dataset version,
how many rows hold each value of each equality filter, each pair of values of the
filter columns, and each (indicator_code, ref_area, ref_area_code, measure, unit)
group, and the version's total (models/counts.py). Each count row is valid for a run
of versions like an observation, so a publication writes the counts its added and
closed rows change, nothing else.

The upgrade fills the counts of each observation dataset's latest version from two
GROUP BYs of its rows (by the grouped columns without the publication, and by the
publication); earlier versions have no counts (no total row), and pages of them plan
as before. The keys are built by models/counts.py, whose format they share.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from models.counts import GROUPED, counts_from_groups

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "observation_count",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("facet", sa.String(length=40), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_observation_count_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation_count")),
        sa.UniqueConstraint(
            "dataset_id",
            "key",
            "valid_from",
            name=op.f("uq_observation_count_dataset_id_key_valid_from"),
        ),
    )
    op.create_index(
        op.f("ix_observation_count_dataset_id_facet_valid_to_valid_from"),
        "observation_count",
        ["dataset_id", "facet", "valid_to", "valid_from"],
    )
    conn = op.get_bind()
    datasets = conn.execute(
        sa.text(
            "SELECT id, latest_version FROM dataset "
            "WHERE kind = 'observations' AND latest_version > 0 ORDER BY id"
        )
    ).all()
    fine = [c for c in GROUPED if c != "publication_id"]
    current = "dataset_id = :d AND valid_from <= :v AND (valid_to IS NULL OR valid_to >= :v)"
    table = sa.table(
        "observation_count",
        *(sa.column(c) for c in ("dataset_id", "facet", "key", "n", "valid_from")),
    )
    for dataset_id, version in datasets:
        params = {"d": dataset_id, "v": version}
        # publication_id left out of the groups (about 180 rows each, it would make
        # nearly every row a group of its own) and counted by a grouping of its own,
        # added to the groups as one more value
        groups = conn.execute(
            sa.text(
                f"SELECT {', '.join(fine)}, count(*) FROM observation WHERE {current} "
                f"GROUP BY {', '.join(fine)}"
            ),
            params,
        ).all()
        publications = conn.execute(
            sa.text(
                f"SELECT publication_id, count(*) FROM observation WHERE {current} "
                "GROUP BY publication_id"
            ),
            params,
        ).all()
        counts = counts_from_groups(
            ((g[:-1], int(g[-1])) for g in groups), ((p[0], int(p[1])) for p in publications)
        )
        rows = [
            {
                "dataset_id": dataset_id,
                "facet": k.partition("=")[0],
                "key": k,
                "n": n,
                "valid_from": version,
            }
            for k, n in counts.items()
        ]
        for start in range(0, len(rows), 10_000):
            conn.execute(sa.insert(table), rows[start : start + 10_000])


def downgrade() -> None:
    op.drop_index(
        op.f("ix_observation_count_dataset_id_facet_valid_to_valid_from"),
        table_name="observation_count",
    )
    op.drop_table("observation_count")
