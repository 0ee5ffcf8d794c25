"""Queries over dataset versions that ingest and the API share.

Rows of version ``n`` are the observation rows whose validity run covers ``n``::

    rows = await rows_at_version(session, dataset.id, 3)
    diff = await diff_versions(session, dataset.id, old=2, new=3)
    diff.changed[0].old.obs_value, diff.changed[0].new.obs_value
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
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


def in_version(version: int) -> sa.ColumnElement[bool]:
    """SQL condition: the observation row belongs to dataset version ``version``."""
    return sa.and_(
        Observation.valid_from <= version,
        sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= version),
    )


def row_dict(row: Observation, dataset_slug: str) -> dict[str, Any]:
    """The SCHEMA.md columns of ``row``, in order."""
    values = {c: getattr(row, c) for c in COLUMNS if c != "dataset"}
    values["dataset"] = dataset_slug
    return {c: values[c] for c in COLUMNS}


def content_hash(rows: Iterable[dict[str, Any]]) -> str:
    """sha256 over rows in export order: equal hash, equal dataset version content."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row[c] for c in COLUMNS], ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


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
