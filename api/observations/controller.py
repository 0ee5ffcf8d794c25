"""``GET /v1/observations``: search observations across datasets, keyset-paginated.

GET /v1/observations?dataset=fuzhou-work-reports&indicator_code=gdp&sort=time_period
GET /v1/observations?dataset=...&version=3&limit=1000&cursor=...
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, MediaType, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter

from api.etag import (
    IMMUTABLE,
    SHORT,
    cache_headers,
    not_modified,
    not_modified_response,
    strong_etag,
)
from api.observations import service
from api.observations.cache import page_cache
from api.observations.latest import latest_versions
from api.observations.schemas import EXAMPLE_OBSERVATION, ObservationPage
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, next_link_headers
from api.params import VERSION_PATTERN, bad_param, parse_version, text_param
from api.problems import Problem
from api.responses import documented
from models import Database
from models.observation_schema import Measure

Sort = Literal["id", "time_period", "-time_period", "indicator_code", "obs_value", "-obs_value"]

_EXAMPLE = {"items": [EXAMPLE_OBSERVATION], "next_cursor": "WyJvYnM6aWQiLFs0MV1d"}


def _text(description: str) -> Any:
    return Parameter(description=description, max_length=500)


class ObservationController(Controller):
    path = "/observations"
    tags = ["observations"]  # noqa: RUF012

    @get(
        "/",
        summary="Search observations",
        description="Observations of one dataset version (default: the latest) or, without "
        "`dataset`, of every dataset's latest version. Filters combine with AND; "
        "`indicator` matches text in indicator_zh or indicator_en. `sort`: id (default), "
        "time_period, -time_period, indicator_code, obs_value, -obs_value (ties by id; a "
        "`-` sort is the exact reverse, ties included). Pages of a numbered `version` are "
        "immutable (strong ETag, cached for a year). "
        'Keyset pagination: follow `next_cursor` or the `Link: <...>; rel="next"` header; '
        "a cursor only works with the sort it came from.",
        responses=documented(ObservationPage, _EXAMPLE, errors=(400, 404), not_modified=True),
    )
    async def search(
        self,
        state: State,
        request: Request[Any, Any, Any],
        dataset: Annotated[str | None, _text("Dataset slug")] = None,
        version: Annotated[
            str | None,
            Parameter(
                pattern=VERSION_PATTERN,
                description="Dataset version number or `latest` (default); needs `dataset`",
            ),
        ] = None,
        indicator_code: Annotated[str | None, _text("Indicator code, e.g. gdp")] = None,
        indicator: Annotated[
            str | None, _text("Text contained in indicator_zh or indicator_en")
        ] = None,
        ref_area: Annotated[str | None, _text("Area name, e.g. 抚州市")] = None,
        time_period: Annotated[str | None, _text("Year, e.g. 2023")] = None,
        obs_kind: Annotated[
            Literal["actual", "target"] | None, Parameter(description="actual or target")
        ] = None,
        measure: Annotated[
            Measure | None,
            Parameter(description="What the number measures"),
        ] = None,
        publication_id: Annotated[str | None, _text("Source publication id")] = None,
        sort: Annotated[Sort, Parameter(description="Ordering")] = "id",
        limit: Annotated[
            int, Parameter(ge=1, le=MAX_LIMIT, description="Page size (1..1000)")
        ] = DEFAULT_LIMIT,
        cursor: Annotated[
            str | None, Parameter(description="Opaque cursor from the previous page")
        ] = None,
    ) -> Response[Any]:
        slug = text_param("dataset", dataset)
        if slug is None and version is not None:
            raise bad_param("version", "needs `dataset`")
        numbered = version is not None and version != "latest"
        number = parse_version("version", version, latest=0) if version and numbered else None
        query = service.ObservationQuery(
            dataset=slug,
            version=number,
            indicator_code=text_param("indicator_code", indicator_code),
            indicator=text_param("indicator", indicator),
            ref_area=text_param("ref_area", ref_area),
            time_period=text_param("time_period", time_period),
            obs_kind=obs_kind,
            measure=measure,
            publication_id=text_param("publication_id", publication_id),
            sort=sort,
        )
        token = text_param("cursor", cursor, max_length=2000)
        if slug is not None and numbered and number is None:
            raise Problem(404, "Not found", f"dataset {slug!r} has no version {version}")
        if number is None and slug is not None:
            return await _latest_page(state, request, query, limit, token)
        if number is None:
            return await _page(state, request, query, limit, token, SHORT, None)
        # A numbered version never changes: its pages are validated and cached by URL,
        # answered before the database is touched.
        key = f"{request.url.path}?{request.url.query}"
        return await _cached_page(state, request, query, limit, token, key, IMMUTABLE)


#: changes whenever the bytes of a page would (names the page encoding in ETags)
PAGE_FORMAT = "observations-page-1"


async def _cached_page(
    state: State,
    request: Request[Any, Any, Any],
    query: service.ObservationQuery,
    limit: int,
    token: str | None,
    key: str,
    cache_control: str,
) -> Response[Any]:
    """The page whose bytes never change for ``key``: a conditional request is answered
    from the key's ETag, a repeated one from the page cache, else the page is read and
    kept."""
    tag = strong_etag(PAGE_FORMAT, key)
    if not_modified(request, tag):
        return not_modified_response(tag, cache_control)
    pages = page_cache(state)
    hit = pages.get(key)
    if hit is not None:
        return _response(hit[0], hit[1], cache_control, tag)
    response = await _page(state, request, query, limit, token, cache_control, tag)
    pages.put(key, response.content, response.headers.get("Link"))
    return response


async def _latest_page(
    state: State,
    request: Request[Any, Any, Any],
    query: service.ObservationQuery,
    limit: int,
    token: str | None,
) -> Response[Any]:
    """A page of a dataset's latest version: the page of that version's number, so its
    bytes are cached like a numbered version's, keyed by the number the dataset has now.
    That number comes from the in-process map of :mod:`api.observations.latest` (no
    database round trip while nothing was published); a new version is a new key. Its
    ETag names the version too, so a conditional request for an unchanged latest page
    is answered from the map alone."""
    db: Database = state.db
    assert query.dataset is not None
    dataset_id = await _dataset_id(state, db, query.dataset)
    found = await latest_versions(state).get(dataset_id)
    if found is None or not found[0]:
        return await _page(state, request, query, limit, token, SHORT, None)
    latest, created = found
    key = f"latest:{dataset_id}:{created}:{latest}:{request.url.path}?{request.url.query}"
    query.version = latest
    return await _cached_page(state, request, query, limit, token, key, SHORT)


async def _page(
    state: State,
    request: Request[Any, Any, Any],
    query: service.ObservationQuery,
    limit: int,
    token: str | None,
    cache_control: str,
    etag: str | None,
) -> Response[bytes]:
    db: Database = state.db
    if query.dataset is not None:
        query.dataset_id = await _dataset_id(state, db, query.dataset)
    # One statement: the latest version rides in it (service.page_query). Only an empty
    # page asks again, to tell "no such version" from "no matching rows".
    page = await service.find(db, query, limit=limit, cursor=token)
    if not page.items and query.dataset is not None:
        found = await service.dataset_state(db, query.dataset)
        if found is None:
            raise Problem(404, "Not found", f"no dataset {query.dataset!r}")
        latest = found[1]
        wanted = latest if query.version is None else query.version
        if wanted == 0 or wanted > latest:
            raise Problem(
                404,
                "Not found",
                f"dataset {query.dataset!r} has no version {query.version or 'yet'}",
            )
    link = next_link_headers(request, page.next_cursor).get("Link")
    return _response(msgspec.json.encode(page), link, cache_control, etag)


async def _dataset_id(state: State, db: Database, slug: str) -> int:
    """The dataset's id, remembered by the app: a slug always names the same dataset
    (datasets are never deleted), so only its first request pays the lookup."""
    ids: dict[str, int] | None = state.get("dataset_ids")
    if ids is None:
        ids = state["dataset_ids"] = {}
    if slug not in ids:
        found = await service.dataset_state(db, slug)
        if found is None:
            raise Problem(404, "Not found", f"no dataset {slug!r}")
        if len(ids) >= MAX_REMEMBERED_DATASETS:
            ids.clear()
        ids[slug] = found[0]
    return ids[slug]


#: bound of the slug -> id memory (there are a handful of datasets; this caps abuse)
MAX_REMEMBERED_DATASETS = 10_000


def _response(
    body: bytes, link: str | None, cache_control: str, etag: str | None
) -> Response[bytes]:
    headers = cache_headers(etag, cache_control)
    if link is not None:
        headers["Link"] = link
    return Response(body, media_type=MediaType.JSON, headers=headers)
