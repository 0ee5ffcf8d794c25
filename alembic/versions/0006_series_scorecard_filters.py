"""series indexes, the scorecard row table, dataset kind, event facets, webhook filters

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from models.migrations import drop_column

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_observation_indicator_code_ref_area_measure",
        "observation",
        ["indicator_code", "ref_area", "measure"],
    )
    op.create_index(
        "ix_observation_indicator_code_ref_area_code_measure",
        "observation",
        ["indicator_code", "ref_area_code", "measure"],
    )
    with op.batch_alter_table("dataset") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="observations")
        )
    with op.batch_alter_table("change_event") as batch:
        batch.add_column(sa.Column("facets", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("subscription") as batch:
        batch.add_column(sa.Column("filters", sa.JSON(), nullable=False, server_default="{}"))
    op.create_table(
        "scorecard_row",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("scorecard_id", sa.String(length=64), nullable=False),
        sa.Column("ref_area", sa.String(length=100), nullable=False),
        sa.Column("ref_area_code", sa.String(length=12), nullable=False),
        sa.Column("time_period", sa.String(length=10), nullable=False),
        sa.Column("indicator_code", sa.String(length=64), nullable=False),
        sa.Column("indicator_zh", sa.Text(), nullable=False),
        sa.Column("indicator_en", sa.Text(), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("compare_scope", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("target_value", sa.Double(), nullable=False),
        sa.Column("target_value_max", sa.Double(), nullable=True),
        sa.Column("target_qualifier", sa.String(length=8), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("actual_value", sa.Double(), nullable=True),
        sa.Column("actual_qualifier", sa.String(length=8), nullable=False),
        sa.Column("actual_text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("gap", sa.Double(), nullable=True),
        sa.Column("target_publication_id", sa.String(length=40), nullable=False),
        sa.Column("target_publication_version", sa.Integer(), nullable=False),
        sa.Column("target_quote", sa.Text(), nullable=False),
        sa.Column("target_url", sa.Text(), nullable=False),
        sa.Column("actual_publication_id", sa.String(length=40), nullable=False),
        sa.Column("actual_publication_version", sa.Integer(), nullable=True),
        sa.Column("actual_quote", sa.Text(), nullable=False),
        sa.Column("actual_url", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["dataset.id"],
            name=op.f("fk_scorecard_row_dataset_id_dataset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_row")),
        sa.UniqueConstraint(
            "dataset_id",
            "scorecard_id",
            "valid_from",
            name=op.f("uq_scorecard_row_dataset_id_scorecard_id_valid_from"),
        ),
    )
    op.create_index(
        "ix_scorecard_row_dataset_id_valid_from", "scorecard_row", ["dataset_id", "valid_from"]
    )
    op.create_index(
        "ix_scorecard_row_dataset_id_valid_to", "scorecard_row", ["dataset_id", "valid_to"]
    )
    op.create_index(
        "ix_scorecard_row_dataset_id_ref_area_code_id",
        "scorecard_row",
        ["dataset_id", "ref_area_code", "id"],
    )
    op.create_index(
        "ix_scorecard_row_dataset_id_indicator_code_id",
        "scorecard_row",
        ["dataset_id", "indicator_code", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_scorecard_row_dataset_id_indicator_code_id", table_name="scorecard_row")
    op.drop_index("ix_scorecard_row_dataset_id_ref_area_code_id", table_name="scorecard_row")
    op.drop_index("ix_scorecard_row_dataset_id_valid_to", table_name="scorecard_row")
    op.drop_index("ix_scorecard_row_dataset_id_valid_from", table_name="scorecard_row")
    op.drop_table("scorecard_row")
    drop_column("subscription", "filters")
    drop_column("change_event", "facets")
    drop_column("dataset", "kind")
    op.drop_index("ix_observation_indicator_code_ref_area_code_measure", table_name="observation")
    op.drop_index("ix_observation_indicator_code_ref_area_measure", table_name="observation")
