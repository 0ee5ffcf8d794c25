"""observation: the indicator names in value and in time order, for the text's pages

A page of the ``indicator`` text in another order than id or indicator_code (obs_value,
-obs_value, time_period, -time_period) is the merge of one branch per name (an equality
on indicator_zh and indicator_en). No index held a name and a sort column together, so
each branch either walked the sort's covering index and checked the name on every table
row it passed (the name is not in that index), or read every row of its name by the
name index of 0009 and sorted them: rare text (``森林覆盖``, 11 names, 1.3% of the rows
at 5,000,000) took 20-60 ms a page on both backends. With these two indexes each
branch is a seek to its name and the cursor's key, walked in the page's order (the
descending sorts walk them backwards) and stopped with the page: SQLite merges the arms
lazily, PostgreSQL reads a page per name in one lateral join (as by id).

Each carries the version run (valid_from, valid_to) after the id: a name's page is then
read from its entries alone (on PostgreSQL an index-only scan per name, the page's ids
merged before any table row is read, then the page's rows by id), instead of a table
row for each of the up to a page per name each branch reads.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (the convention's names are over PostgreSQL's 63 characters)
INDEXES = {
    "ix_observation_dataset_id_indicator_zh_en_obs_value_id": "obs_value",
    "ix_observation_dataset_id_indicator_zh_en_time_period_id": "time_period",
}
CARRIED = ["valid_from", "valid_to"]


def upgrade() -> None:
    for name, column in INDEXES.items():
        op.create_index(
            name,
            "observation",
            ["dataset_id", "indicator_zh", "indicator_en", column, "id", *CARRIED],
        )


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="observation")
