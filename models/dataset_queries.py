"""Queries over dataset versions that ingest and the API share.

Rows of version ``n`` are the observation rows whose validity run covers ``n``::

    rows = await rows_at_version(session, dataset.id, 3)
    diff = await diff_versions(session, dataset.id, old=2, new=3)
    diff.changed[0].old.obs_value, diff.changed[0].new.obs_value

A version's content hash is a multiset hash of its rows (:class:`RowSum`), so publishing
updates it from the rows it closes and adds, without reading the rest of the dataset::

    digest = RowSum.load(previous.row_sum)       # the previous version's state
    digest.remove(closed_row); digest.add(new_row)
    digest.content_hash(slug), digest.dump()      # stored on the new version
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models.datasets import Observation
from models.observation_schema import COLUMNS

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


def fingerprint(values: dict[str, Any]) -> str:
    """sha256 of the meaningful columns of one observation."""
    material = json.dumps([values.get(c) for c in FINGERPRINT_COLUMNS], ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


def in_version(version: int | sa.ColumnExpressionArgument[int]) -> sa.ColumnElement[bool]:
    """SQL condition: the observation row belongs to dataset version ``version`` (a
    number, or an SQL expression such as the dataset's latest_version)."""
    # ``valid_from + 0``: most rows of a version start at or before it, so the range is no
    # use as an index condition; written plainly, SQLite (without ANALYZE statistics)
    # walks the valid_from index for it and sorts the whole version for any ORDER BY,
    # instead of walking the index of the ordering.
    return sa.and_(
        Observation.valid_from + 0 <= version,
        sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= version),
    )


def row_dict(row: Observation, dataset_slug: str) -> dict[str, Any]:
    """The SCHEMA.md columns of ``row``, in order."""
    values = {c: getattr(row, c) for c in COLUMNS if c != "dataset"}
    values["dataset"] = dataset_slug
    return {c: values[c] for c in COLUMNS}


#: the columns an observation row stores (``dataset`` is the slug of its dataset)
STORED_COLUMNS = tuple(c for c in COLUMNS if c != "dataset")
_STORED = STORED_COLUMNS


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
        """The number a row adds: of an Observation, or of a sequence of its id and its
        _STORED values in order (a Core row of :func:`version_row_sum`'s select)."""
        if isinstance(row, Observation):
            row = [row.id, *(getattr(row, c) for c in _STORED)]
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


async def version_row_sum(session: AsyncSession, dataset_id: int, version: int) -> RowSum:
    """The :class:`RowSum` of a version computed from its rows: once per dataset, for a
    version written before row sums were stored (cost proportional to the version)."""
    digest = RowSum()
    if version <= 0:
        return digest
    query = (
        sa.select(Observation.id, *(getattr(Observation, c) for c in _STORED))
        .where(Observation.dataset_id == dataset_id, in_version(version))
        .execution_options(yield_per=10_000)
    )
    result = await session.stream(query)
    # by partitions: one await per 10,000 rows, not per row
    async for rows in result.partitions():
        for row in rows:
            digest.add(row)
    return digest


async def rows_at_version(
    session: AsyncSession, dataset_id: int, version: int
) -> Sequence[Observation]:
    query = (
        sa.select(Observation)
        .where(Observation.dataset_id == dataset_id, in_version(version))
        .order_by(Observation.id)
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
    old_rows: Sequence[Observation], new_rows: Sequence[Observation], dataset_slug: str
) -> DatasetDiff:
    old = {r.observation_id: r for r in old_rows}
    new = {r.observation_id: r for r in new_rows}
    diff = DatasetDiff(added=[], removed=[], changed=[])
    for oid, row in new.items():
        before = old.get(oid)
        if before is None:
            diff.added.append(ObservationChange(oid, "added", None, row_dict(row, dataset_slug)))
        elif before.fingerprint != row.fingerprint:
            diff.changed.append(
                ObservationChange(
                    oid, "changed", row_dict(before, dataset_slug), row_dict(row, dataset_slug)
                )
            )
    for oid, row in old.items():
        if oid not in new:
            diff.removed.append(
                ObservationChange(oid, "removed", row_dict(row, dataset_slug), None)
            )
    return diff


async def diff_versions(
    session: AsyncSession, dataset_id: int, dataset_slug: str, *, old: int, new: int
) -> DatasetDiff:
    """Observation-level diff between two versions (``old`` may be 0: the empty dataset)."""
    before = await rows_at_version(session, dataset_id, old) if old > 0 else []
    after = await rows_at_version(session, dataset_id, new)
    return diff_rows(before, after, dataset_slug)
