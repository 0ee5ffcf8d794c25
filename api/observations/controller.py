"""``GET /v1/observations``: search observations across datasets, keyset-paginated.

GET /v1/observations?dataset=fuzhou-work-reports&indicator_code=gdp&sort=time_period
GET /v1/observations?dataset=...&version=3&limit=1000&cursor=...
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import sqlalchemy as sa
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter

from api.etag import SHORT
from api.observations import service
from api.observations.schemas import EXAMPLE_OBSERVATION, ObservationPage
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, next_link_headers
from api.params import VERSION_PATTERN, bad_param, parse_version, text_param
from api.problems import Problem
from api.responses import documented
from models import Database, Dataset
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
        "time_period, -time_period, indicator_code, obs_value, -obs_value (ties by id). "
        'Keyset pagination: follow `next_cursor` or the `Link: <...>; rel="next"` header; '
        "a cursor only works with the sort it came from.",
        responses=documented(ObservationPage, _EXAMPLE, errors=(400, 404)),
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
    ) -> Response[ObservationPage]:
        query = service.ObservationQuery(
            indicator_code=text_param("indicator_code", indicator_code),
            indicator=text_param("indicator", indicator),
            ref_area=text_param("ref_area", ref_area),
            time_period=text_param("time_period", time_period),
            obs_kind=obs_kind,
            measure=measure,
            publication_id=text_param("publication_id", publication_id),
            sort=sort,
        )
        slug = text_param("dataset", dataset)
        token = text_param("cursor", cursor, max_length=2000)
        db: Database = state.db
        async with db.session() as session:
            if slug is not None:
                found = await session.execute(
                    sa.select(Dataset.id, Dataset.latest_version).where(Dataset.slug == slug)
                )
                row = found.first()
                if row is None:
                    raise Problem(404, "Not found", f"no dataset {slug!r}")
                query.dataset_id = row[0]
                number = parse_version("version", version or "latest", latest=row[1])
                if number is None or number > row[1]:
                    raise Problem(
                        404, "Not found", f"dataset {slug!r} has no version {version or 'yet'}"
                    )
                query.version = number
            elif version is not None:
                raise bad_param("version", "needs `dataset`")
            page = await service.find(session, query, limit=limit, cursor=token)
        headers = {"Cache-Control": SHORT, **next_link_headers(request, page.next_cursor)}
        return Response(page, headers=headers)
