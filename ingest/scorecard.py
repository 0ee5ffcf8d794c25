"""The scorecard: did the government meet its target?

For each area, indicator, measure and year the scorecard pairs the target of that
year's plan with the actual reported a year later (both are points of one series, see
:mod:`models.series`: the latest publication's latest statement wins) and decides an
outcome from the target's qualifier:

- ``ge`` / ``gt``: met when actual >= target (> for ``gt``); ``le`` / ``lt``: actual <= target.
- ``eq``: a stated target is a level to reach: met when the actual is at it or better.
- ``approx`` (左右, 约): met when the actual is within :data:`TOLERANCE_POINTS` of the
  target for rates in percent or percentage points (6%左右 is met by 5.5% but not by
  5.4%), within :data:`TOLERANCE_RELATIVE` of it for amounts, or better than it.
- ``range``: met when the actual is inside the range, or beyond it on the better side.
- Better is higher, except for ranks (a smaller place is better, so a rank target's
  ``ge`` means "this place or better") and for the indicators in
  :data:`LOWER_IS_BETTER` (prices, unemployment, energy intensity, PM2.5).
- ``unclear``: no actual yet, the actual is in another unit, or a range without an upper
  bound.

The gap is actual minus target in the target's unit (for a range, minus the nearer bound,
0 inside). A scorecard is a dataset of kind ``scorecard`` (declared in the sources file, see
ingest/sources.py), refreshed in the transaction that publishes new observations (the
series the publication touches), so a new report makes a new scorecard version and a
``dataset.updated`` event naming the targets met and missed::

    await refresh_scorecards(session, source, cause={"publication_id": pid}, publication_id=pid)
    outcome(Target(6.0, None, "approx", "percent"), 5.5, "percent", lower_is_better=False)
    # ('met', -0.5)
    outcome(Target(3.0, None, "ge", "rank"), 2.0, "rank", lower_is_better=True, rank=True)
    # ('met', -1.0): second place beats "third or above"
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.datasets import dataset_event_data, event_facets, publish_rows
from models import Dataset, Observation, ScorecardRow, Source
from models.outbox import record_event
from models.series import Point, Statement, group_series, load_statements, resolve_points

#: the scorecard dataset the bundled sources file declares, and /v1/scorecard's default
SCORECARD_SLUG: Final = "scorecard"
#: ``approx`` tolerance for values in percent or percentage points: half a point
TOLERANCE_POINTS: Final = 0.5
#: ``approx`` tolerance for other values: 5 % of the target
TOLERANCE_RELATIVE: Final = 0.05
#: indicators where a smaller value is the better result
LOWER_IS_BETTER: Final = frozenset({"cpi", "urban_unemployment_rate", "energy_intensity", "pm25"})
# Values are doubles read from text (5.8 - 5.3 is 0.4999999999999982): compare with a
# margin far below any published precision.
_EPSILON: Final = 1e-9


class Target(msgspec.Struct, frozen=True):
    value: float
    value_max: float | None
    qualifier: str
    unit: str


def tolerance(target: Target) -> float:
    if target.unit in ("percent", "percentage_point"):
        return TOLERANCE_POINTS
    return abs(target.value) * TOLERANCE_RELATIVE


def outcome(
    target: Target,
    actual: float | None,
    actual_unit: str | None,
    *,
    lower_is_better: bool,
    rank: bool = False,
) -> tuple[str, float | None]:
    """(``met`` | ``missed`` | ``unclear``, gap) of ``actual`` against ``target``.

    ``rank`` inverts ``ge``/``gt``/``le``/``lt`` (a place "or above" is a smaller number);
    ``lower_is_better`` orients ``eq``, ``approx`` and ``range``."""
    if actual is None or actual_unit != target.unit:
        return "unclear", None
    t, q = target.value, target.qualifier
    # sign: +1 where a larger actual is the better one for this comparison
    if q in ("ge", "gt"):
        sign = -1.0 if rank else 1.0
    elif q in ("le", "lt"):
        sign = 1.0 if rank else -1.0
    else:
        sign = -1.0 if lower_is_better else 1.0
    if q == "range":
        if target.value_max is None:
            return "unclear", None
        low, high = min(t, target.value_max), max(t, target.value_max)
        gap = 0.0 if low <= actual <= high else (actual - high if actual > high else actual - low)
        edge = low if sign > 0 else high
        return ("met" if sign * (actual - edge) >= -_EPSILON else "missed"), gap
    margin = sign * (actual - t)
    if q in ("gt", "lt"):
        met = margin > _EPSILON
    elif q == "approx":
        met = margin >= -(tolerance(target) + _EPSILON)
    else:  # ge, le, eq
        met = margin >= -_EPSILON
    return ("met" if met else "missed"), actual - t


def scorecard_id(area: str, indicator_code: str, measure: str, scope: str, period: str) -> str:
    digest = hashlib.sha256("\x1f".join((area, indicator_code, measure, scope, period)).encode())
    return "sc_" + digest.hexdigest()[:20]


def _row(target: Statement, actual: Statement | None) -> dict[str, Any]:
    decided, gap = outcome(
        Target(target.obs_value, target.obs_value_max, target.qualifier, target.unit),
        actual.obs_value if actual is not None else None,
        actual.unit if actual is not None else None,
        lower_is_better=target.measure == "rank" or target.indicator_code in LOWER_IS_BETTER,
        rank=target.measure == "rank",
    )
    return {
        "scorecard_id": scorecard_id(
            target.ref_area_code or target.ref_area,
            target.indicator_code,
            target.measure,
            target.compare_scope,
            target.time_period,
        ),
        "dataset": SCORECARD_SLUG,
        "ref_area": target.ref_area,
        "ref_area_code": target.ref_area_code,
        "time_period": target.time_period,
        "indicator_code": target.indicator_code,
        "indicator_zh": target.indicator_zh,
        "indicator_en": target.indicator_en,
        "measure": target.measure,
        "compare_scope": target.compare_scope,
        "unit": target.unit,
        "target_value": target.obs_value,
        "target_value_max": target.obs_value_max,
        "target_qualifier": target.qualifier,
        "target_text": target.value_text,
        "actual_value": actual.obs_value if actual else None,
        "actual_qualifier": actual.qualifier if actual else "",
        "actual_text": actual.value_text if actual else "",
        "outcome": decided,
        "gap": gap,
        "target_publication_id": target.publication_id,
        "target_publication_version": target.publication_version,
        "target_quote": target.quote,
        "target_url": target.source_url,
        "actual_publication_id": actual.publication_id if actual else "",
        "actual_publication_version": actual.publication_version if actual else None,
        "actual_quote": actual.quote if actual else "",
        "actual_url": actual.source_url if actual else "",
    }


def scorecard_rows(statements: list[Statement]) -> list[dict[str, Any]]:
    """The scorecard rows of ``statements``: one per target point, in a fixed order."""
    rows = []
    groups = group_series(statements)
    for key in sorted(groups):
        points: dict[tuple[str, str, str], Point] = {p.key: p for p in resolve_points(groups[key])}
        for (period, kind, scope), point in points.items():
            if kind != "target":
                continue
            actual = points.get((period, "actual", scope))
            rows.append(_row(point.winner, actual.winner if actual else None))
    return rows


SeriesKey = tuple[str, str, str]  # indicator_code, measure, area (code, else name)


def _area_key(table: Any) -> sa.ColumnElement[str]:
    """SQL: a row's area as :func:`models.series.series_key` sees it (code, else name)."""
    return sa.case((table.ref_area_code != "", table.ref_area_code), else_=table.ref_area)


async def touched_series(session: AsyncSession, publication_id: str) -> list[SeriesKey]:
    """The series a publication states something about, in any of its versions."""
    query = (
        sa.select(Observation.indicator_code, Observation.measure, _area_key(Observation))
        .where(Observation.publication_id == publication_id, Observation.indicator_code != "")
        .distinct()
    )
    return [(r[0], r[1], r[2]) for r in (await session.execute(query)).all()]


async def refresh_scorecards(
    session: AsyncSession,
    source: Source,
    *,
    cause: dict[str, Any],
    publication_id: str | None = None,
) -> dict[str, int]:
    """Rebuild every scorecard dataset fed by ``source`` (its filter's ``sources``, empty
    for all) from the observations of its sources; returns {slug: new version} for those
    that changed. Runs in the caller's transaction, after the observations were published.

    With ``publication_id`` only the series that publication touches are recomputed (the
    other rows cannot have changed); a scorecard's first version is always built whole.
    """
    versions: dict[str, int] = {}
    touched = await touched_series(session, publication_id) if publication_id else None
    scorecards = (
        await session.scalars(
            sa.select(Dataset).where(Dataset.kind == "scorecard").order_by(Dataset.id)
        )
    ).all()
    for dataset in scorecards:
        wanted = list((dataset.filter or {}).get("sources") or [])
        if wanted and source.name not in wanted:
            continue
        codes = list((dataset.filter or {}).get("indicator_codes") or [])
        only = touched if dataset.latest_version > 0 else None
        if only is not None and not only:
            continue
        statements = await load_statements(
            session, include_sample=False, sources=wanted or None, series=only
        )
        rows = [
            {**row, "dataset": dataset.slug}
            for row in scorecard_rows(statements)
            if not codes or row["indicator_code"] in codes
        ]
        scope = (
            None
            if only is None
            else sa.tuple_(
                ScorecardRow.indicator_code, ScorecardRow.measure, _area_key(ScorecardRow)
            ).in_(only)
        )
        published = await publish_rows(session, dataset, rows, scope=scope, cause=cause)
        if published is None:
            continue
        versions[dataset.slug] = published.version.version
        await record_event(
            session,
            "dataset.updated",
            dataset_event_data(published),
            source_id=source.id,
            dataset_id=dataset.id,
            dataset_slug=dataset.slug,
            facets=event_facets(published),
        )
    return versions
