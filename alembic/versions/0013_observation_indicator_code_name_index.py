"""observation: an index on the indicator names and their code, for the codes read

A page of the ``indicator`` text in indicator_code order is read code by code from the
codes each (indicator_zh, indicator_en) pair is found with (``NameCache.codes``, kept per
dataset and latest version). No index held names and codes together, so the first such
page of a dataset version in a process read the dataset's rows (on SQLite a pass over
the table, or the rows of a small dataset by the name index). With this index the read
is a loose scan of it, one to three seeks per distinct (indicator_zh, indicator_en,
indicator_code) within the dataset (a few hundred) and one row by id, whatever the
number of rows, in one statement that also gives the names (before: two seeks per pair
from Python). At 1,000,000 rows (``bench``, 279 triples; ``bench/bench_name_cache.py``,
p50 of 9 runs, the first read of a new engine), the codes: 356-411 ms -> 8-11 ms on
SQLite, 321-396 ms -> 11-14 ms on PostgreSQL (6 ms of execution, index-only); names
then codes: 562-835 ms -> 6-9 ms, 665-704 ms -> 13-16 ms.
The id at the end serves the branches of a name found with several codes (an
``indicator_code`` equality, a page by id).

It does not replace the name index of 0009 (dataset_id, indicator_zh, indicator_en, id):
a name's page by id (``sort=id``, and each code's names in indicator_code order) is that
index walked in order and stopped at the page; over this one, whose entries of a name
are by code first, both planners read every row of the name and sort them.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (the convention's name, 69 characters, is over PostgreSQL's 63)
NAME = "ix_observation_dataset_id_indicator_zh_en_code_id"
COLUMNS = ["dataset_id", "indicator_zh", "indicator_en", "indicator_code", "id"]


def upgrade() -> None:
    op.create_index(NAME, "observation", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="observation")
