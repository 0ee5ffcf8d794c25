"""Counts behind /v1/indicators, kept per dataset and brought up to date by the change.

The catalogue lists, per indicator, area and measure, how many observations the
datasets' latest versions hold. Counting them is a pass over every current row (seconds
at millions of rows), so the app keeps each dataset's counts with the version they are
of, and when the dataset has moved on from version ``v`` to ``n`` it adds the rows that
entered after ``v`` and are still in ``n`` and subtracts the rows of ``v`` that left
before ``n``: two reads of the ``(dataset_id, valid_from)`` and ``(dataset_id,
valid_to)`` indexes, in proportion to the change. Only a dataset seen for the first time
is counted whole::

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

CountKey = tuple[str, str, str, str, str]
_GROUP = (
    Observation.indicator_code,
    Observation.ref_area,
    Observation.ref_area_code,
    Observation.measure,
    Observation.unit,
)


def _grouped(*conditions: sa.ColumnElement[bool]) -> Any:
    return (
        sa.select(*_GROUP, sa.func.count())
        .where(Observation.indicator_code != "", *conditions)
        .group_by(*_GROUP)
    )


class IndicatorCounts:
    """Per dataset: (version, counts). One refresh at a time (others wait for it)."""

    def __init__(self) -> None:
        self._datasets: dict[int, tuple[int, Counter[CountKey]]] = {}
        self._lock = asyncio.Lock()
        self._totals: tuple[tuple[tuple[int, int], ...], Counter[CountKey]] | None = None
        self._born: dict[int, Any] = {}

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
        mine = Observation.dataset_id == dataset_id
        if known is not None and known[0] == version:
            return known[1]
        if known is None or known[0] > version:
            rows = await db.read(
                _grouped(
                    mine,
                    Observation.valid_from <= version,
                    sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= version),
                )
            )
            counts: Counter[CountKey] = Counter({tuple(r[:5]): int(r[5]) for r in rows})  # type: ignore[misc]
        else:
            old = known[0]
            counts = Counter(known[1])
            entered = await db.read(
                _grouped(
                    mine,
                    Observation.valid_from > old,
                    Observation.valid_from <= version,
                    sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= version),
                )
            )
            left = await db.read(
                _grouped(
                    mine,
                    Observation.valid_to >= old,
                    Observation.valid_to < version,
                    Observation.valid_from <= old,
                )
            )
            counts.update({tuple(r[:5]): int(r[5]) for r in entered})  # type: ignore[misc]
            counts.subtract({tuple(r[:5]): int(r[5]) for r in left})  # type: ignore[misc]
            counts = +counts  # drop what fell to zero
        self._datasets[dataset_id] = (version, counts)
        return counts


def indicator_counts(state: State) -> IndicatorCounts:
    """The app's counts (one per app, so apps on different databases never share)."""
    counts: IndicatorCounts | None = state.get("indicator_counts")
    if counts is None:
        counts = state["indicator_counts"] = IndicatorCounts()
    return counts
