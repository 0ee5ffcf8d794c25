"""Queries behind /v1/series, /v1/scorecard and /v1/indicators.

A series is small (one area, indicator and measure: tens of points), so it is resolved
whole (:func:`models.series.resolve_points`) and paged by the point key
``(time_period, obs_kind, compare_scope)``; the scorecard is paged by row id within its
latest version::

    page = await series_page(session, SeriesQuery(indicator_code="gdp", ref_area="抚州市",
                                                  measure="growth"), limit=50)
    rows = await scorecard_page(session, ScorecardQuery(outcome="missed"), limit=100)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.datasets.exports import format_number
from api.pagination import decode_cursor, encode_cursor
from api.problems import Problem
from api.series.schemas import (
    AreaCount,
    IndicatorOut,
    ScorecardPage,
    ScorecardRowOut,
    SeriesPage,
    SeriesPoint,
    StatementOut,
)
from ingest.indicators import load_catalog
from ingest.scorecard import SCORECARD_SLUG
from models import Dataset, ScorecardRow
from models.scorecard_schema import SCORECARD_COLUMNS
from models.series import Point, Statement, load_statements, resolve_points

SERIES_TAG = "series"
SCORECARD_TAG = "scorecard"


class SeriesQuery(msgspec.Struct, kw_only=True):
    indicator_code: str
    measure: str
    ref_area: str | None = None
    ref_area_code: str | None = None
    obs_kind: str | None = None


class ScorecardQuery(msgspec.Struct, kw_only=True):
    dataset: str = SCORECARD_SLUG
    indicator_code: str | None = None
    ref_area: str | None = None
    ref_area_code: str | None = None
    time_period: str | None = None
    measure: str | None = None
    outcome: str | None = None


def _statement(s: Statement) -> StatementOut:
    return StatementOut(
        obs_value=s.obs_value,
        obs_value_max=s.obs_value_max,
        qualifier=s.qualifier,
        unit=s.unit,
        unit_zh=s.unit_zh,
        value_text=s.value_text,
        quote=s.quote,
        observation_id=s.observation_id,
        dataset=s.dataset,
        publication_id=s.publication_id,
        publication_version=s.publication_version,
        published_date=s.published_date,
        current=s.current,
        source_url=s.source_url,
    )


def _point(p: Point) -> SeriesPoint:
    w = p.winner
    return SeriesPoint(
        time_period=p.time_period,
        obs_kind=p.obs_kind,
        compare_scope=p.compare_scope,
        obs_value=w.obs_value,
        obs_value_max=w.obs_value_max,
        qualifier=w.qualifier,
        unit=w.unit,
        unit_zh=w.unit_zh,
        value_text=w.value_text,
        quote=w.quote,
        observation_id=w.observation_id,
        dataset=w.dataset,
        publication_id=w.publication_id,
        publication_version=w.publication_version,
        published_date=w.published_date,
        source_url=w.source_url,
        superseded=[_statement(s) for s in p.superseded],
    )


async def series_points(session: AsyncSession, q: SeriesQuery) -> tuple[str, list[Point]]:
    """(indicator_en, every point of the series in key order)."""
    statements = await load_statements(
        session,
        indicator_code=q.indicator_code,
        ref_area=q.ref_area,
        ref_area_code=q.ref_area_code,
        measure=q.measure,
    )
    if q.obs_kind is not None:
        statements = [s for s in statements if s.obs_kind == q.obs_kind]
    en = next((s.indicator_en for s in statements if s.indicator_en), "")
    return en, resolve_points(statements)


async def series_page(
    session: AsyncSession, q: SeriesQuery, *, limit: int, cursor: str | None = None
) -> SeriesPage:
    en, points = await series_points(session, q)
    if cursor is not None:
        after = tuple(decode_cursor(cursor, SERIES_TAG, (str, str, str)))
        points = [p for p in points if p.key > after]
    shown = points[:limit]
    token = encode_cursor(SERIES_TAG, list(shown[-1].key)) if len(points) > limit else None
    return SeriesPage(
        indicator_code=q.indicator_code,
        indicator_en=en,
        ref_area=q.ref_area,
        ref_area_code=q.ref_area_code,
        measure=q.measure,
        items=[_point(p) for p in shown],
        next_cursor=token,
    )


SERIES_CSV_COLUMNS = (
    "time_period",
    "obs_kind",
    "compare_scope",
    "obs_value",
    "obs_value_max",
    "qualifier",
    "unit",
    "unit_zh",
    "value_text",
    "quote",
    "observation_id",
    "dataset",
    "publication_id",
    "publication_version",
    "published_date",
    "source_url",
    "superseded",
)


def series_csv(points: Sequence[Point]) -> bytes:
    """One CSV row per point; ``superseded`` lists the other statements, newest first,
    as ``value_text (publication_id vN)`` joined by ``; ``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SERIES_CSV_COLUMNS)
    for p in points:
        w = p.winner
        writer.writerow(
            [
                p.time_period,
                p.obs_kind,
                p.compare_scope,
                format_number(w.obs_value),
                format_number(w.obs_value_max),
                w.qualifier,
                w.unit,
                w.unit_zh,
                w.value_text,
                w.quote,
                w.observation_id,
                w.dataset,
                w.publication_id,
                w.publication_version,
                w.published_date.isoformat() if w.published_date else "",
                w.source_url,
                "; ".join(
                    f"{s.value_text} ({s.publication_id} v{s.publication_version})"
                    for s in p.superseded
                ),
            ]
        )
    return buffer.getvalue().encode()


async def scorecard_version(session: AsyncSession, slug: str) -> tuple[int, int] | None:
    """(dataset id, latest version) of scorecard dataset ``slug`` (version 0 before its
    first); None when there is no such scorecard."""
    row = (
        await session.execute(
            sa.select(Dataset.id, Dataset.latest_version).where(
                Dataset.slug == slug, Dataset.kind == "scorecard"
            )
        )
    ).first()
    return None if row is None else (row[0], row[1])


async def scorecard_page(
    session: AsyncSession, q: ScorecardQuery, *, limit: int, cursor: str | None = None
) -> ScorecardPage:
    found = await scorecard_version(session, q.dataset)
    if found is None:
        if q.dataset != SCORECARD_SLUG:
            raise Problem(404, "Not found", f"no scorecard dataset {q.dataset!r}")
        found = (0, 0)  # the default scorecard is not declared: nothing scored yet
    dataset_id, version = found
    stored = [c for c in SCORECARD_COLUMNS if c != "dataset"]
    # The latest version's rows are the open ones; (dataset_id, valid_to IS NULL) is one
    # index key whose entries are in id order, so a page is a range scan, never a sort.
    query = sa.select(ScorecardRow.id, *(getattr(ScorecardRow, c) for c in stored)).where(
        ScorecardRow.dataset_id == dataset_id, ScorecardRow.valid_to.is_(None)
    )
    for column in ("indicator_code", "ref_area", "ref_area_code", "time_period", "measure"):
        value = getattr(q, column)
        if value is not None:
            query = query.where(getattr(ScorecardRow, column) == value)
    if q.outcome is not None:
        query = query.where(ScorecardRow.outcome == q.outcome)
    after = int(decode_cursor(cursor, SCORECARD_TAG, (int,))[0]) if cursor is not None else 0
    query = query.where(ScorecardRow.id > after).order_by(ScorecardRow.id).limit(limit + 1)
    rows = (await session.execute(query)).all()
    items = [
        ScorecardRowOut(**dict(zip(stored, r[1:], strict=True)), dataset=q.dataset)
        for r in rows[:limit]
    ]
    token = encode_cursor(SCORECARD_TAG, [rows[limit - 1][0]]) if len(rows) > limit else None
    return ScorecardPage(version=version, items=items, next_cursor=token)


def series_link(base_url: str, code: str, area: str, area_code: str, measure: str) -> str:
    where = {"ref_area_code": area_code} if area_code else {"ref_area": area}
    query = urlencode({"indicator_code": code, **where, "measure": measure})
    return f"{base_url.rstrip('/')}/v1/series?{query}"


def indicators(
    counted: Mapping[tuple[str, str, str, str, str], int], base_url: str
) -> list[IndicatorOut]:
    """The catalog with counts of current observations per area and measure (from
    :class:`api.series.counts.IndicatorCounts`)."""
    areas: dict[str, dict[tuple[str, str], AreaCount]] = {}
    units: dict[str, set[str]] = {}
    for (code, area, area_code, measure, unit), n in sorted(counted.items()):
        entry = areas.setdefault(code, {}).setdefault(
            (area, area_code),
            AreaCount(
                ref_area=area, ref_area_code=area_code, observations=0, measures={}, series={}
            ),
        )
        entry.observations += n
        entry.measures[measure] = entry.measures.get(measure, 0) + n
        entry.series[measure] = series_link(base_url, code, area, area_code, measure)
        units.setdefault(code, set()).add(unit)
    out = []
    for ind in load_catalog().indicators:
        found: dict[tuple[str, str], AreaCount] = areas.get(ind.code, {})
        out.append(
            IndicatorOut(
                code=ind.code,
                zh=(ind.zh or ind.exact or ("",))[0],
                en=ind.en,
                units=sorted(units.get(ind.code, set())),
                aliases=list(dict.fromkeys([*ind.zh, *ind.exact])),
                observations=sum(a.observations for a in found.values()),
                areas=[found[k] for k in sorted(found)],
            )
        )
    return out
