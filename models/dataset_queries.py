"""Queries over dataset versions that ingest and the API share.

Rows of version ``n`` are the rows whose validity run covers ``n``. A dataset's rows are
observations (SCHEMA.md) or, for the derived scorecard, scorecard rows; :func:`rows_of`
says which, and every query here takes that :class:`RowSchema`::

    schema = rows_of(dataset)
    rows = await rows_at_version(session, dataset.id, 3, schema)
    diff = await diff_versions(session, dataset.id, dataset.slug, old=2, new=3, schema=schema)
    diff.changed[0].old["obs_value"], diff.changed[0].new["obs_value"]

A version's content hash is a multiset hash of its rows (:class:`RowSum`), so publishing
updates it from the rows it closes and adds, without reading the rest of the dataset::

    digest = RowSum.load(previous.row_sum)       # the previous version's state
    digest.remove(closed_row); digest.add(new_row)
    digest.content_hash(slug), digest.dump()      # stored on the new version
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models.datasets import Dataset, Observation, ScorecardRow
from models.observation_schema import COLUMN_TYPES, COLUMNS, LABELS_EN, LABELS_ZH
from models.scorecard_schema import (
    SCORECARD_COLUMNS,
    SCORECARD_LABELS_EN,
    SCORECARD_LABELS_ZH,
    SCORECARD_TYPES,
)

#: columns that say where a fact was read, not what it is
PROVENANCE_COLUMNS = frozenset(
    {
        "observation_id",
        "dataset",
        "publication_id",
        "publication_version",
        "quote",
        "char_start",
        "char_end",
        "source_url",
    }
)
#: the columns that carry meaning; a row is rewritten only when one of them changes
FINGERPRINT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in PROVENANCE_COLUMNS)


class RowSchema(msgspec.Struct, frozen=True):
    """The shape of one kind of dataset row: its table, columns and which of them only
    say where a fact was read (left out of the fingerprint)."""

    table: Any  # the mapped class: Observation or ScorecardRow
    columns: tuple[str, ...]
    key: str  # the stable row id column
    types: dict[str, str]
    labels_en: dict[str, str]
    labels_zh: dict[str, str]
    provenance: frozenset[str]

    @property
    def stored(self) -> list[str]:
        """Every column but ``dataset`` (the slug, the same for all rows)."""
        return list(_stored(self.columns))

    @property
    def numbers(self) -> frozenset[str]:
        return _numbers(self.columns, tuple(self.types.items()))


# Exports ask for these once per row: derived once per schema.
@functools.cache
def _stored(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in columns if c != "dataset")


@functools.cache
def _numbers(columns: tuple[str, ...], types: tuple[tuple[str, str], ...]) -> frozenset[str]:
    kinds = dict(types)
    return frozenset(c for c in columns if kinds[c] == "number")


OBSERVATION_ROWS = RowSchema(
    table=Observation,
    columns=COLUMNS,
    key="observation_id",
    types=COLUMN_TYPES,
    labels_en=LABELS_EN,
    labels_zh=LABELS_ZH,
    provenance=PROVENANCE_COLUMNS,
)
SCORECARD_ROWS = RowSchema(
    table=ScorecardRow,
    columns=SCORECARD_COLUMNS,
    key="scorecard_id",
    types=SCORECARD_TYPES,
    labels_en=SCORECARD_LABELS_EN,
    labels_zh=SCORECARD_LABELS_ZH,
    provenance=frozenset(
        c
        for c in SCORECARD_COLUMNS
        if c == "dataset"
        or c.endswith(("_publication_id", "_publication_version", "_quote", "_url"))
    ),
)


def rows_of(dataset: Dataset) -> RowSchema:
    """The row shape of ``dataset``."""
    return SCORECARD_ROWS if dataset.kind == "scorecard" else OBSERVATION_ROWS


def fingerprint(values: dict[str, Any], schema: RowSchema = OBSERVATION_ROWS) -> str:
    """sha256 of the meaningful columns of one row."""
    columns = (
        FINGERPRINT_COLUMNS
        if schema is OBSERVATION_ROWS
        else tuple(c for c in schema.columns if c not in schema.provenance and c != schema.key)
    )
    material = json.dumps([values.get(c) for c in columns], ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


def in_version(
    version: int | sa.ColumnExpressionArgument[int], table: Any = Observation
) -> sa.ColumnElement[bool]:
    """SQL condition: the row of ``table`` belongs to dataset version ``version`` (a
    number, or an SQL expression such as the dataset's latest_version)."""
    # ``valid_from + 0``: most rows of a version start at or before it, so the range is no
    # use as an index condition; written plainly, SQLite (without ANALYZE statistics)
    # walks the valid_from index for it and sorts the whole version for any ORDER BY,
    # instead of walking the index of the ordering.
    return sa.and_(
        table.valid_from + 0 <= version,
        sa.or_(table.valid_to.is_(None), table.valid_to >= version),
    )


def row_dict(row: Any, dataset_slug: str, schema: RowSchema = OBSERVATION_ROWS) -> dict[str, Any]:
    """The columns of ``row``, in order."""
    values = {c: getattr(row, c) for c in schema.stored}
    values["dataset"] = dataset_slug
    return {c: values[c] for c in schema.columns}


#: the columns an observation row stores (``dataset`` is the slug of its dataset)
STORED_COLUMNS = tuple(c for c in COLUMNS if c != "dataset")


class RowSum:
    """Order-independent, incremental hash of a set of observation rows.

    Each row (its id and its stored SCHEMA.md columns) is expanded by SHAKE-256 to a
    4096-bit number; the state is their sum modulo 2**4096 (an additive multiset hash,
    Bellare-Micciancio's AdHash). Adding and removing a row are one addition each, so a
    new version's hash costs as much as its change. The modulus is that wide because
    sums of short hashes are open to generalized-birthday collisions (Wagner, 2002);
    at 4096 bits the known attacks cost about 2**128 work. The id is part of a row
    because exports list rows by id: equal hash means equal rows in equal order, i.e.
    byte-identical exports::

        digest = RowSum()
        digest.add(row)                 # an Observation, or (id, *stored columns)
        digest.content_hash("fuzhou")   # 64 hex digits
        RowSum.load(digest.dump()) == digest
    """

    BITS = 4096
    _MASK = (1 << BITS) - 1
    _encode = msgspec.json.Encoder().encode

    def __init__(self, total: int = 0, count: int = 0) -> None:
        self.total = total
        self.count = count

    @classmethod
    def element(cls, row: Any) -> int:
        """The number a row adds: of an Observation or a ScorecardRow, or of a sequence of
        its id and its stored values in order (a Core row of :func:`version_row_sum`)."""
        if isinstance(row, Observation | ScorecardRow):
            schema = SCORECARD_ROWS if isinstance(row, ScorecardRow) else OBSERVATION_ROWS
            row = [row.id, *(getattr(row, c) for c in schema.stored)]
        material = cls._encode(tuple(row))
        return int.from_bytes(hashlib.shake_256(material).digest(cls.BITS // 8), "little")

    def add(self, row: Any) -> None:
        self.total = (self.total + self.element(row)) & self._MASK
        self.count += 1

    def remove(self, row: Any) -> None:
        self.total = (self.total - self.element(row)) & self._MASK
        self.count -= 1

    def dump(self) -> bytes:
        """The state, to store with the version (row count, then the sum)."""
        return self.count.to_bytes(8, "little") + self.total.to_bytes(self.BITS // 8, "little")

    @classmethod
    def load(cls, state: bytes) -> RowSum:
        return cls(int.from_bytes(state[8:], "little"), int.from_bytes(state[:8], "little"))

    def content_hash(self, dataset_slug: str) -> str:
        """The version's public hash: sha256 over the slug and the state."""
        return hashlib.sha256(dataset_slug.encode() + b"\x1f" + self.dump()).hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RowSum) and (self.total, self.count) == (
            other.total,
            other.count,
        )

    __hash__ = None  # type: ignore[assignment]


async def version_row_sum(
    session: AsyncSession, dataset_id: int, version: int, schema: RowSchema = OBSERVATION_ROWS
) -> RowSum:
    """The :class:`RowSum` of a version computed from its rows: once per dataset, for a
    version written before row sums were stored (cost proportional to the version)."""
    digest = RowSum()
    if version <= 0:
        return digest
    table = schema.table
    query = (
        sa.select(table.id, *(getattr(table, c) for c in schema.stored))
        .where(table.dataset_id == dataset_id, in_version(version, table))
        .execution_options(yield_per=10_000)
    )
    result = await session.stream(query)
    # by partitions: one await per 10,000 rows, not per row
    async for rows in result.partitions():
        for row in rows:
            digest.add(row)
    return digest


async def rows_at_version(
    session: AsyncSession, dataset_id: int, version: int, schema: RowSchema = OBSERVATION_ROWS
) -> Sequence[Any]:
    table = schema.table
    query = (
        sa.select(table)
        .where(table.dataset_id == dataset_id, in_version(version, table))
        .order_by(table.id)
    )
    return (await session.scalars(query)).all()


class ObservationChange(msgspec.Struct):
    observation_id: str
    change: str  # added | removed | changed
    old: dict[str, Any] | None
    new: dict[str, Any] | None


class DatasetDiff(msgspec.Struct):
    added: list[ObservationChange]
    removed: list[ObservationChange]
    changed: list[ObservationChange]

    def all(self) -> list[ObservationChange]:
        return [*self.changed, *self.added, *self.removed]


def diff_rows(
    old_rows: Sequence[Any],
    new_rows: Sequence[Any],
    dataset_slug: str,
    schema: RowSchema = OBSERVATION_ROWS,
) -> DatasetDiff:
    old = {getattr(r, schema.key): r for r in old_rows}
    new = {getattr(r, schema.key): r for r in new_rows}
    diff = DatasetDiff(added=[], removed=[], changed=[])

    def values(row: Any) -> dict[str, Any]:
        return row_dict(row, dataset_slug, schema)

    for oid, row in new.items():
        before = old.get(oid)
        if before is None:
            diff.added.append(ObservationChange(oid, "added", None, values(row)))
        elif before.fingerprint != row.fingerprint:
            diff.changed.append(ObservationChange(oid, "changed", values(before), values(row)))
    for oid, row in old.items():
        if oid not in new:
            diff.removed.append(ObservationChange(oid, "removed", values(row), None))
    return diff


async def diff_versions(
    session: AsyncSession,
    dataset_id: int,
    dataset_slug: str,
    *,
    old: int,
    new: int,
    schema: RowSchema = OBSERVATION_ROWS,
) -> DatasetDiff:
    """Row-level diff between two versions (``old`` may be 0: the empty dataset)."""
    before = await rows_at_version(session, dataset_id, old, schema) if old > 0 else []
    after = await rows_at_version(session, dataset_id, new, schema)
    return diff_rows(before, after, dataset_slug, schema)
