"""``GET /v1/series``, ``/v1/series.csv``, ``/v1/scorecard`` and ``/v1/indicators``.

GET /v1/series?indicator_code=gdp&ref_area=抚州市&measure=growth
GET /v1/series.csv?indicator_code=gdp&ref_area_code=361000&measure=growth
GET /v1/scorecard?ref_area_code=361000&outcome=missed
GET /v1/indicators

Answers are computed from the stored versions, so they carry an ETag over their content
(``If-None-Match`` gives 304) and a short cache lifetime.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import quote

import msgspec
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter

from api.config import ApiConfig
from api.etag import SHORT, cache_headers, not_modified, not_modified_response, strong_etag
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, next_link_headers
from api.params import bad_param, text_param
from api.responses import documented
from api.series import service
from api.series.counts import indicator_counts
from api.series.schemas import (
    EXAMPLE_INDICATORS,
    EXAMPLE_SCORECARD_ROW,
    EXAMPLE_SERIES,
    IndicatorList,
    ScorecardPage,
    SeriesPage,
)
from models import Database

_SERIES_NOTE = (
    "One point per (time_period, obs_kind), and for ranks and gaps per compare_scope, "
    "across every publication and version of every source. When several statements give "
    "the same point (a preliminary figure in one report and a revised one in the next, a "
    "document revised in place) the latest publication's latest version wins; the others "
    "are listed in `superseded` with their provenance, newest first. time_period is a "
    "year or an interval (`2021/2025`). Needs `indicator_code`, `measure` and "
    "`ref_area` or `ref_area_code`."
)

IndicatorCode = Annotated[
    str, Parameter(description="Indicator code, e.g. gdp", min_length=1, max_length=64)
]
MeasureParam = Annotated[
    str,
    Parameter(
        description="What the number measures: level, growth, avg_growth, pp_change, "
        "avg_pp_change, change, rank, rank_change, pp_gap, ...",
        min_length=1,
        max_length=16,
    ),
]
RefArea = Annotated[str | None, Parameter(description="Area name, e.g. 抚州市", max_length=100)]
RefAreaCode = Annotated[
    str | None, Parameter(description="GB/T 2260 area code, e.g. 361000", max_length=12)
]
ObsKind = Annotated[
    Literal["actual", "target"] | None, Parameter(description="Only actual or only target")
]
Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description="Page size (1..1000)")]
Cursor = Annotated[str | None, Parameter(description="Opaque cursor from the previous page")]


def _series_query(
    indicator_code: str,
    measure: str,
    ref_area: str | None,
    ref_area_code: str | None,
    obs_kind: str | None,
) -> service.SeriesQuery:
    area = text_param("ref_area", ref_area) or None
    code = text_param("ref_area_code", ref_area_code) or None
    if area is None and code is None:
        raise bad_param("ref_area", "give ref_area or ref_area_code")
    return service.SeriesQuery(
        indicator_code=text_param("indicator_code", indicator_code) or "",
        measure=text_param("measure", measure) or "",
        ref_area=area,
        ref_area_code=code,
        obs_kind=obs_kind,
    )


def _json(request: Request[Any, Any, Any], value: Any, extra: dict[str, str]) -> Response[Any]:
    body = msgspec.json.encode(value)
    tag = strong_etag(body.decode())
    if not_modified(request, tag):
        return not_modified_response(tag, SHORT)
    return Response(
        body, media_type="application/json", headers={**cache_headers(tag, SHORT), **extra}
    )


class SeriesController(Controller):
    path = "/"
    tags = ["series"]  # noqa: RUF012

    @get(
        "/series",
        summary="One indicator of one area across the years",
        description=_SERIES_NOTE
        + ' Keyset pagination by point: follow `next_cursor` or the `Link: <...>; rel="next"` '
        "header.",
        responses=documented(SeriesPage, EXAMPLE_SERIES, errors=(400,), not_modified=True),
    )
    async def series(
        self,
        state: State,
        request: Request[Any, Any, Any],
        indicator_code: IndicatorCode,
        measure: MeasureParam,
        ref_area: RefArea = None,
        ref_area_code: RefAreaCode = None,
        obs_kind: ObsKind = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[SeriesPage]:
        query = _series_query(indicator_code, measure, ref_area, ref_area_code, obs_kind)
        token = text_param("cursor", cursor, max_length=2000)
        db: Database = state.db
        async with db.session() as session:
            page = await service.series_page(session, query, limit=limit, cursor=token)
        return _json(request, page, next_link_headers(request, page.next_cursor))

    @get(
        "/series.csv",
        summary="A series as CSV",
        description=_SERIES_NOTE + " UTF-8 CSV (CRLF), every point, one per row; "
        "`superseded` lists the other statements as `value_text (publication_id vN)`.",
        responses=documented(
            str,
            "time_period,obs_kind,compare_scope,obs_value,...\r\n2023,actual,,5,...\r\n",
            media_type="text/csv; charset=utf-8",
            description="The series as CSV",
            errors=(400,),
            not_modified=True,
        ),
    )
    async def series_csv(
        self,
        state: State,
        request: Request[Any, Any, Any],
        indicator_code: IndicatorCode,
        measure: MeasureParam,
        ref_area: RefArea = None,
        ref_area_code: RefAreaCode = None,
        obs_kind: ObsKind = None,
    ) -> Response[Any]:
        query = _series_query(indicator_code, measure, ref_area, ref_area_code, obs_kind)
        db: Database = state.db
        async with db.session() as session:
            _, points = await service.series_points(session, query)
        body = service.series_csv(points)
        tag = strong_etag(body.decode(), "csv")
        if not_modified(request, tag):
            return not_modified_response(tag, SHORT)
        headers = cache_headers(tag, SHORT)
        name = f"series-{query.indicator_code}-{query.measure}.csv"
        # header values are latin-1: an ASCII fallback plus the RFC 6266 UTF-8 form
        fallback = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        headers["Content-Disposition"] = (
            f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
        )
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    @get(
        "/scorecard",
        summary="Targets met and missed",
        description="The latest version of the scorecard dataset: for each area, indicator, "
        "measure and year, the target of that year's plan, the actual reported a year "
        "later, the outcome (`met`, `missed`, `unclear`) decided by the target's qualifier, "
        "the gap (actual minus target, in the target's unit) and both provenances. Its "
        "versions, diffs and downloads are those of dataset `scorecard` under "
        "/v1/datasets/scorecard (`dataset` picks another scorecard dataset). Keyset "
        "pagination by row.",
        responses=documented(
            ScorecardPage,
            {"version": 3, "items": [EXAMPLE_SCORECARD_ROW], "next_cursor": None},
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def scorecard(
        self,
        state: State,
        request: Request[Any, Any, Any],
        dataset: Annotated[
            str,
            Parameter(description="Scorecard dataset slug", min_length=1, max_length=100),
        ] = "scorecard",
        indicator_code: Annotated[
            str | None, Parameter(description="Indicator code", max_length=64)
        ] = None,
        ref_area: RefArea = None,
        ref_area_code: RefAreaCode = None,
        time_period: Annotated[
            str | None, Parameter(description="Year of the target, e.g. 2024", max_length=10)
        ] = None,
        measure: Annotated[str | None, Parameter(description="Measure", max_length=16)] = None,
        outcome: Annotated[
            Literal["met", "missed", "unclear"] | None, Parameter(description="Outcome")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[ScorecardPage]:
        query = service.ScorecardQuery(
            dataset=text_param("dataset", dataset) or "scorecard",
            indicator_code=text_param("indicator_code", indicator_code),
            ref_area=text_param("ref_area", ref_area),
            ref_area_code=text_param("ref_area_code", ref_area_code),
            time_period=text_param("time_period", time_period),
            measure=text_param("measure", measure),
            outcome=outcome,
        )
        token = text_param("cursor", cursor, max_length=2000)
        db: Database = state.db
        async with db.session() as session:
            page = await service.scorecard_page(session, query, limit=limit, cursor=token)
        return _json(request, page, next_link_headers(request, page.next_cursor))

    @get(
        "/indicators",
        summary="The indicator catalog",
        description="Every catalogued indicator: code, Chinese and English names, the "
        "units its observations use, its aliases, and per area the number of observations "
        "in the datasets' latest versions by measure, with links to each series.",
        responses=documented(IndicatorList, EXAMPLE_INDICATORS, errors=(), not_modified=True),
    )
    async def indicators(self, state: State, request: Request[Any, Any, Any]) -> Response[Any]:
        db: Database = state.db
        config: ApiConfig = state.config
        counted, key = await indicator_counts(state).current(db)
        # The same counts make the same bytes: encoded once per set of versions.
        cached = state.get("indicator_list")
        if cached is None or cached[0] != (key, config.base_url):
            items = service.indicators(counted, config.base_url)
            body = msgspec.json.encode(IndicatorList(items=items))
            cached = state["indicator_list"] = (
                (key, config.base_url),
                body,
                strong_etag(body.decode()),
            )
        _, body, tag = cached
        if not_modified(request, tag):
            return not_modified_response(tag, SHORT)
        return Response(body, media_type="application/json", headers=cache_headers(tag, SHORT))
