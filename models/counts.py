"""Per-version counts of a dataset's observations, kept at publish time (migration 0012).

A count row says how many rows of a dataset version hold one value of a *facet*: a
filter column (``ref_area=["临川区"]``), a pair of filter columns
(``ref_area,obs_kind=["临川区","target"]``), the catalogue's group behind /v1/indicators
(``indicators=[code, area, area code, measure, unit]``, rows with an indicator code
only), or the version's total (facet ``""``). Like observations, each row is valid for a
run of versions (``valid_from`` .. ``valid_to``, NULL while current), so a publication
closes and opens only the rows of the values its added and closed rows hold: writes in
proportion to the change, never a read of the dataset. A value no row of the version
holds has no count row (0); the total row is there for every version counted, so its
absence says the version predates the counts::

    keys = row_keys(obs)                  # the count keys one observation adds to
    await apply_delta(session, dataset_id, version, delta)   # inside the publish
    found = await counts_at(db, dataset_id, version, [key("ref_area", "临川区")])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any, Final

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK

#: (indicator_code, ref_area, ref_area_code, measure, unit): one /v1/indicators count
CountKey = tuple[str, str, str, str, str]

INDICATORS: Final = "indicators"
INDICATOR_GROUP: Final = ("indicator_code", "ref_area", "ref_area_code", "measure", "unit")
TOTAL: Final = ""
#: the equality filters of /v1/observations counted one value at a time
SINGLE: Final = (
    "indicator_code",
    "ref_area",
    "time_period",
    "obs_kind",
    "measure",
    "publication_id",
)
#: counted in pairs of values: every pair of these (a publication's rows are few, and
#: its pairs would be as many as its rows)
PAIRED: Final = ("indicator_code", "ref_area", "time_period", "obs_kind", "measure")
PAIRS: Final = tuple(combinations(PAIRED, 2))
#: the columns a row's keys are made of, in this order (:func:`keys_of`)
GROUPED: Final = (
    "indicator_code",
    "ref_area",
    "ref_area_code",
    "time_period",
    "obs_kind",
    "measure",
    "unit",
    "publication_id",
)
_AT: Final = {c: i for i, c in enumerate(GROUPED)}
_GROUP_AT: Final = tuple(_AT[c] for c in INDICATOR_GROUP)
_SINGLE_AT: Final = tuple((c, _AT[c]) for c in SINGLE)
_PAIR_AT: Final = tuple((f"{a},{b}", _AT[a], _AT[b]) for a, b in PAIRS)
_ENCODE = msgspec.json.Encoder()


class ObservationCount(Base):
    """How many rows of a dataset's versions ``valid_from`` .. ``valid_to`` hold ``key``."""

    __tablename__ = "observation_count"
    __table_args__ = (
        sa.UniqueConstraint("dataset_id", "key", "valid_from"),
        # one facet of one version (the catalogue's group behind /v1/indicators)
        sa.Index(None, "dataset_id", "facet", "valid_to", "valid_from"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(sa.ForeignKey("dataset.id", ondelete="CASCADE"))
    facet: Mapped[str] = mapped_column(sa.String(40))
    # the facet, "=", and the JSON array of its values (:func:`key`)
    key: Mapped[str] = mapped_column(sa.Text)
    n: Mapped[int]
    valid_from: Mapped[int]
    valid_to: Mapped[int | None]


def key(facet: str, *values: str) -> str:
    """The count key of ``values`` in ``facet`` (a column, ``a,b`` for a pair of columns,
    :data:`INDICATORS` or :data:`TOTAL`)."""
    return f"{facet}={_ENCODE.encode(values).decode()}"


def values_of(count_key: str) -> list[str]:
    """The values of a count key."""
    values: list[str] = msgspec.json.decode(count_key.partition("=")[2])
    return values


def pair_facet(a: str, b: str) -> str | None:
    """The facet counting columns ``a`` and ``b`` together (None: not counted)."""
    for x, y in PAIRS:
        if {x, y} == {a, b}:
            return f"{x},{y}"
    return None


def pair_key(a: str, value_a: str, b: str, value_b: str) -> str | None:
    """The count key of ``a = value_a`` with ``b = value_b`` (None: not counted)."""
    facet = pair_facet(a, b)
    if facet is None:
        return None
    return (
        key(facet, value_a, value_b) if facet.startswith(f"{a},") else key(facet, value_b, value_a)
    )


def _facet_values(values: Sequence[Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """(facet, values) of each count one row of ``values`` (in :data:`GROUPED` order)
    adds to, the total included."""
    found: list[tuple[str, tuple[Any, ...]]] = [(TOTAL, ())]
    if values[0]:
        found.append((INDICATORS, tuple(values[i] for i in _GROUP_AT)))
    found += [(column, (values[i],)) for column, i in _SINGLE_AT]
    found += [(facet, (values[i], values[j])) for facet, i, j in _PAIR_AT]
    return found


def row_keys(row: Any) -> list[str]:
    """The count keys an observation (any object with its columns as attributes) adds
    to."""
    return [key(f, *v) for f, v in _facet_values([getattr(row, c) for c in GROUPED])]


def grouped_counts(groups: Iterable[tuple[Sequence[Any], int]]) -> Counter[str]:
    """The counts of rows grouped by :data:`GROUPED` (values, how many rows)."""
    found: Counter[tuple[str, tuple[Any, ...]]] = Counter()
    for values, n in groups:
        for facet_values in _facet_values(values):
            found[facet_values] += n
    return Counter({key(f, *v): n for (f, v), n in found.items()})


_TOTAL_KEY: Final = key(TOTAL)


def counts_from_groups(
    groups: Iterable[tuple[Sequence[Any], int]], publications: Iterable[tuple[str, int]]
) -> Counter[str]:
    """The counts of a version from its rows grouped two ways: by :data:`GROUPED` without
    publication_id (values, rows), and by publication_id (publication, rows): a grouping
    with the publication would make nearly every row a group of its own."""
    counts = grouped_counts(((*values, ""), n) for values, n in groups)
    del counts[key("publication_id", "")]
    for publication_id, n in publications:
        counts[key("publication_id", publication_id)] += n
    found = +counts
    found[_TOTAL_KEY] = counts[_TOTAL_KEY]  # there even when 0: the version is counted
    return found


def facet_of(count_key: str) -> str:
    return count_key.partition("=")[0]


def _in_version(version: Any) -> sa.ColumnElement[bool]:
    table = ObservationCount
    return sa.and_(
        table.valid_from <= version, sa.or_(table.valid_to.is_(None), table.valid_to >= version)
    )


async def apply_delta(
    session: AsyncSession, dataset_id: int, version: int, delta: Counter[str]
) -> None:
    """Make the counts of ``version`` (the dataset's new latest) those of the previous
    version plus ``delta``: the current row of each changed key closed at ``version - 1``
    and, unless it fell to 0, a row from ``version`` on. Reads and writes only the changed
    keys' current rows."""
    changed = [k for k, d in delta.items() if d and k != _TOTAL_KEY]
    changed.insert(0, _TOTAL_KEY)
    table = ObservationCount
    current: dict[str, tuple[int, int]] = {}
    for start in range(0, len(changed), 500):
        found = await session.execute(
            sa.select(table.key, table.id, table.n).where(
                table.dataset_id == dataset_id,
                table.valid_to.is_(None),
                table.key.in_(changed[start : start + 500]),
            )
        )
        current.update({r[0]: (int(r[1]), int(r[2])) for r in found})
    if version > 1 and _TOTAL_KEY not in current:
        return  # the dataset's counts were never kept (its versions have none)
    if not delta[_TOTAL_KEY]:
        changed.pop(0)  # the total stands
    closing = [current[k][0] for k in changed if k in current]
    for start in range(0, len(closing), 500):
        await session.execute(
            sa.update(table)
            .where(table.id.in_(closing[start : start + 500]))
            .values(valid_to=version - 1)
        )
    opened = []
    for k in changed:
        n = max(current.get(k, (0, 0))[1] + delta[k], 0)
        if n or facet_of(k) == TOTAL:
            opened.append(
                {
                    "dataset_id": dataset_id,
                    "facet": facet_of(k),
                    "key": k,
                    "n": n,
                    "valid_from": version,
                    "valid_to": None,
                }
            )
    if opened:
        await session.execute(sa.insert(table), opened)


def counts_statement(version: Any) -> Any:
    """Count rows (key, n) of the keys ``keys`` (expanding) in dataset ``dataset_id`` at
    ``version`` (a parameter or a scalar subquery)."""
    table = ObservationCount
    return sa.select(table.key, table.n).where(
        table.dataset_id == sa.bindparam("dataset_id", type_=sa.Integer),
        table.key.in_(sa.bindparam("keys", expanding=True)),
        _in_version(version),
    )


def facet_statement(facet: str) -> Any:
    """Count rows (key, n) of one facet of dataset ``dataset_id`` at ``version``."""
    table = ObservationCount
    return sa.select(table.key, table.n).where(
        table.dataset_id == sa.bindparam("dataset_id", type_=sa.Integer),
        table.facet == facet,
        _in_version(sa.bindparam("version", type_=sa.Integer)),
    )


def changes_statement(facet: str) -> Any:
    """Count rows (key, n, entered) of one facet of dataset ``dataset_id`` that differ
    between versions ``old`` and ``version`` (later): the rows of ``old`` that ended
    before ``version`` (entered false) and the rows of ``version`` that began after
    ``old`` (entered true)."""
    table = ObservationCount
    old, new = sa.bindparam("old", type_=sa.Integer), sa.bindparam("version", type_=sa.Integer)
    mine = sa.and_(
        table.dataset_id == sa.bindparam("dataset_id", type_=sa.Integer), table.facet == facet
    )
    left = sa.select(table.key, table.n, sa.literal(False).label("entered")).where(
        mine, table.valid_to >= old, table.valid_to < new, table.valid_from <= old
    )
    entered = sa.select(table.key, table.n, sa.literal(True).label("entered")).where(
        mine,
        table.valid_from > old,
        table.valid_from <= new,
        sa.or_(table.valid_to.is_(None), table.valid_to >= new),
    )
    return sa.union_all(left, entered)
