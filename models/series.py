"""One number across the years: the statements of a series and the point each settles on.

A series is one area, indicator and measure across every publication and version of
every observations dataset. Several statements may give the same point (a time period
and a kind, and for ranks and gaps what they compare against): a preliminary figure in
one report and a revised one in the next, a document revised in place, the same dataset
row in several datasets. The latest publication (by published date) wins; within it a
statement its latest version still makes, then the latest version, then the first in the
text; the others are kept as
the point's superseded statements::

    statements = await load_statements(session, indicator_code="gdp", ref_area="抚州市",
                                       measure="growth")
    for point in resolve_points(statements):
        point.time_period, point.obs_kind, point.winner.obs_value, len(point.superseded)

The API's /v1/series and the scorecard builder (ingest/scorecard.py) both use these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models.datasets import Dataset, Observation
from models.publications import Publication
from models.sources import Source


class Statement(msgspec.Struct, kw_only=True):
    """One observation row as a statement of a series point, with its provenance."""

    observation_id: str
    dataset: str
    publication_id: str
    publication_version: int
    published_date: dt.date | None
    current: bool  # still in its dataset's latest version (False: revised away)
    ref_area: str
    ref_area_code: str
    time_period: str
    obs_kind: str
    indicator_code: str
    indicator_zh: str
    indicator_en: str
    measure: str
    obs_value: float
    obs_value_max: float | None
    qualifier: str
    unit: str
    unit_zh: str
    compare_scope: str
    value_text: str
    quote: str
    char_start: int
    source_url: str

    @property
    def precedence(self) -> tuple[dt.date, str, bool, int, int]:
        """Larger wins: later publication, still in it, later version, earlier in the text."""
        return (
            self.published_date or dt.date.min,
            self.publication_id,
            self.current,
            self.publication_version,
            -self.char_start,
        )

    @property
    def statement_key(self) -> tuple[object, ...]:
        """Equal for the same statement seen twice (one row in several datasets)."""
        return (
            self.publication_id,
            self.publication_version,
            self.char_start,
            self.obs_value,
            self.obs_value_max,
            self.qualifier,
        )


class Point(msgspec.Struct, kw_only=True):
    time_period: str
    obs_kind: str
    compare_scope: str
    winner: Statement
    superseded: list[Statement]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.time_period, self.obs_kind, self.compare_scope)


_COLUMNS = [
    Observation.observation_id,
    Dataset.slug,
    Observation.publication_id,
    Observation.publication_version,
    Publication.published_date,
    Observation.valid_to,
    Observation.ref_area,
    Observation.ref_area_code,
    Observation.time_period,
    Observation.obs_kind,
    Observation.indicator_code,
    Observation.indicator_zh,
    Observation.indicator_en,
    Observation.measure,
    Observation.obs_value,
    Observation.obs_value_max,
    Observation.qualifier,
    Observation.unit,
    Observation.unit_zh,
    Observation.compare_scope,
    Observation.value_text,
    Observation.quote,
    Observation.char_start,
    Observation.source_url,
]


_NAMES = [("dataset" if c.key == "slug" else c.key) for c in _COLUMNS]


async def load_statements(
    session: AsyncSession,
    *,
    indicator_code: str | None = None,
    ref_area: str | None = None,
    ref_area_code: str | None = None,
    measure: str | None = None,
    include_sample: bool = True,
    sources: Sequence[str] | None = None,
    series: Sequence[tuple[str, str, str]] | None = None,
) -> list[Statement]:
    """Every statement (all versions, all observations datasets) matching the filters;
    with no filter at all, every catalogued statement (for the scorecard). ``series``
    keeps the statements of those (indicator_code, measure, area) series only, the area
    being the code, else the name (:func:`series_key`)."""
    query = (
        sa.select(*_COLUMNS)
        .join(Dataset, Dataset.id == Observation.dataset_id)
        .join(Publication, Publication.id == Observation.publication_id)
        .where(Dataset.kind == "observations")
    )
    if indicator_code is not None:
        query = query.where(Observation.indicator_code == indicator_code)
    else:
        query = query.where(Observation.indicator_code != "")
    if ref_area is not None:
        query = query.where(Observation.ref_area == ref_area)
    if ref_area_code is not None:
        query = query.where(Observation.ref_area_code == ref_area_code)
    if measure is not None:
        query = query.where(Observation.measure == measure)
    if not include_sample:
        query = query.where(Dataset.is_sample.is_(False))
    if sources is not None:
        query = query.where(
            Publication.source_id.in_(sa.select(Source.id).where(Source.name.in_(sources)))
        )
    wanted = None
    if series is not None:
        wanted = set(series)
        # the indexes lead with the indicator code; the exact key is checked below
        query = query.where(Observation.indicator_code.in_({k[0] for k in wanted}))
        areas = {k[2] for k in wanted}
        query = query.where(
            sa.or_(Observation.ref_area_code.in_(areas), Observation.ref_area.in_(areas))
        )
    out = []
    for row in (await session.execute(query)).all():
        values: dict[str, Any] = dict(zip(_NAMES, row, strict=True))
        values["current"] = values.pop("valid_to") is None
        statement = Statement(**values)
        key = (statement.indicator_code, statement.measure, series_key(statement)[0])
        if wanted is None or key in wanted:
            out.append(statement)
    return out


def resolve_points(statements: Iterable[Statement]) -> list[Point]:
    """One point per (time_period, obs_kind, compare_scope) of one series, in key order.

    Call it with the statements of one series (one area, indicator and measure);
    :func:`group_series` splits a mixed list."""
    by_key: dict[tuple[str, str, str], dict[tuple[object, ...], Statement]] = {}
    for s in statements:
        seen = by_key.setdefault((s.time_period, s.obs_kind, s.compare_scope), {})
        # One statement in several datasets: keep one copy, the current one if any.
        previous = seen.get(s.statement_key)
        if previous is None or (s.current and not previous.current):
            seen[s.statement_key] = s
    points = []
    for key in sorted(by_key):
        ordered = sorted(by_key[key].values(), key=lambda s: s.precedence, reverse=True)
        points.append(
            Point(
                time_period=key[0],
                obs_kind=key[1],
                compare_scope=key[2],
                winner=ordered[0],
                superseded=ordered[1:],
            )
        )
    return points


def series_key(s: Statement) -> tuple[str, str, str]:
    """Which series a statement belongs to: area (code, else name), indicator, measure."""
    return (s.ref_area_code or s.ref_area, s.indicator_code, s.measure)


def group_series(
    statements: Sequence[Statement],
) -> dict[tuple[str, str, str], list[Statement]]:
    groups: dict[tuple[str, str, str], list[Statement]] = {}
    for s in statements:
        groups.setdefault(series_key(s), []).append(s)
    return groups
