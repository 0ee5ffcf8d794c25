"""Counts behind /v1/indicators, read from the per-version counts of each dataset.

The catalogue lists, per indicator, area and measure, how many observations the
datasets' latest versions hold. Publishing keeps those counts per dataset version in
``observation_count`` (models/counts.py, facet ``indicators``), so the app reads a
dataset's counts in one indexed query the first time it sees the dataset, and when the
dataset has moved on from version ``v`` to ``n`` only the count rows that differ
between the two (those that ended after ``v`` and those that began after it). A
dataset whose version has no counts (none kept before migration 0012 for versions
older than its latest then) is counted from its rows::

    counts = indicator_counts(state)
    totals, key = await counts.current(db)    # {(code, area, area_code, measure, unit): n}
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import sqlalchemy as sa
from litestar.datastructures import State

from models import Database, Dataset, Observation
from models.counts import (
    INDICATORS,
    TOTAL,
    CountKey,
    changes_statement,
    facet_statement,
    values_of,
)

__all__ = ["CountKey", "IndicatorCounts", "indicator_counts"]

_GROUP = (
    Observation.indicator_code,
    Observation.ref_area,
    Observation.ref_area_code,
    Observation.measure,
    Observation.unit,
)
_FACET = facet_statement(INDICATORS)
_CHANGES = changes_statement(INDICATORS)
_TOTAL = facet_statement(TOTAL)


def _grouped(*conditions: sa.ColumnElement[bool]) -> Any:
    return (
        sa.select(*_GROUP, sa.func.count())
        .where(Observation.indicator_code != "", *conditions)
        .group_by(*_GROUP)
    )


def _count_key(count_key: str) -> CountKey:
    code, area, area_code, measure, unit = values_of(count_key)
    return (code, area, area_code, measure, unit)


class IndicatorCounts:
    """Per dataset: (version, counts). One refresh at a time (others wait for it)."""

    def __init__(self) -> None:
        self._datasets: dict[int, tuple[int, Counter[CountKey]]] = {}
        self._lock = asyncio.Lock()
        self._totals: tuple[tuple[tuple[int, int], ...], Counter[CountKey]] | None = None
        self._born: dict[int, Any] = {}
        # datasets whose known counts are of the table (those a change applies to)
        self._tabled: set[int] = set()

    async def current(self, db: Database) -> tuple[Counter[CountKey], tuple[tuple[int, int], ...]]:
        """The counts of every observation dataset's latest version, and the
        (dataset id, version) pairs they are of (a key for what is built from them)."""
        listed: Any = await db.read(
            sa.select(Dataset.id, Dataset.latest_version, Dataset.created_at)
            .where(Dataset.kind == "observations", Dataset.latest_version > 0)
            .order_by(Dataset.id)
        )
        key = tuple((int(r[0]), int(r[1])) for r in listed)
        # a database rebuilt under the app reuses ids and versions, not the moments its
        # datasets were created
        born = {int(r[0]): r[2] for r in listed}
        for dataset_id in [d for d in self._datasets if self._born.get(d) != born.get(d)]:
            del self._datasets[dataset_id]
            self._totals = None
        self._born = born
        if self._totals is not None and self._totals[0] == key:
            return self._totals[1], key
        async with self._lock:
            if self._totals is not None and self._totals[0] == key:
                return self._totals[1], key
            totals: Counter[CountKey] = Counter()
            for dataset_id, version in key:
                totals.update(await self._dataset(db, dataset_id, version))
            self._datasets = {d: self._datasets[d] for d, _ in key}
            self._totals = (key, +totals)
            return self._totals[1], key

    async def _dataset(self, db: Database, dataset_id: int, version: int) -> Counter[CountKey]:
        known = self._datasets.get(dataset_id)
        if known is not None and known[0] == version:
            return known[1]
        params = {"dataset_id": dataset_id, "version": version}
        if known is not None and known[0] < version and dataset_id in self._tabled:
            counts = Counter(known[1])
            changes: Any = await db.read(_CHANGES, {**params, "old": known[0]})
            for count_key, n, entered in changes:
                counts[_count_key(count_key)] += int(n) if entered else -int(n)
            counts = +counts  # drop what fell to zero
        elif await db.read(_TOTAL, params):
            found: Any = await db.read(_FACET, params)
            counts = Counter({_count_key(r[0]): int(r[1]) for r in found})
            self._tabled.add(dataset_id)
        else:
            self._tabled.discard(dataset_id)
            # a version without counts: its rows, grouped
            rows = await db.read(
                _grouped(
                    Observation.dataset_id == dataset_id,
                    Observation.valid_from <= version,
                    sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= version),
                )
            )
            counts = Counter({tuple(r[:5]): int(r[5]) for r in rows})  # type: ignore[misc]
        self._datasets[dataset_id] = (version, counts)
        return counts


def indicator_counts(state: State) -> IndicatorCounts:
    """The app's counts (one per app, so apps on different databases never share)."""
    counts: IndicatorCounts | None = state.get("indicator_counts")
    if counts is None:
        counts = state["indicator_counts"] = IndicatorCounts()
    return counts
