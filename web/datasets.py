"""Dataset pages: versions, the observations table, what changed, one indicator's series.

    GET /datasets/{slug}?version=&indicator=&kind=&year=&area=&sort=&cursor=
    GET /datasets/{slug}/diff?from=1&to=2
    GET /datasets/{slug}/series?indicator=gdp&area=抚州市&measure=growth

Thin: the queries are the API's (``api.datasets.service``, ``api.observations.service``);
this module checks the parameters and hands the results to the templates.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.response import Template

from api.changes.words import describe_observation_change
from api.datasets import service as datasets
from api.datasets.lookup import dataset_or_404
from api.observations import service as observations
from api.observations.schemas import ObservationOut
from api.params import bad_param, text_param
from models import Database
from web.chart import series_chart
from web.i18n import KINDS
from web.params import PathText, QueryText, RequiredText
from web.render import page

PAGE_SIZE = 50
SERIES_LIMIT = 1000
_CODE = re.compile(r"^[a-z0-9_]+$")


def _version_number(raw: str | None, name: str, latest: int, *, lowest: int = 1) -> int:
    """A version number from the query (empty or ``latest``: the latest)."""
    if raw is None or raw in ("", "latest"):
        return latest
    if not raw.isascii() or not raw.isdigit() or not lowest <= int(raw) <= latest:
        raise bad_param(name, f"a version number between {lowest} and {latest}")
    return int(raw)


def downloads(slug: str, version: int) -> dict[str, str]:
    """Same-origin links to the API's exports of ``version``."""
    here = f"/v1/datasets/{slug}/versions/{version}"
    return {
        "csv": f"{here}/observations.csv",
        "csv_excel": f"{here}/observations.csv?bom=1&labels=zh",
        "xlsx": f"{here}/observations.xlsx",
        "json": f"{here}/observations.json",
        "datapackage": f"{here}/datapackage.json",
    }


def clause_link(o: ObservationOut) -> str:
    """The publication version the number was read from, with its clause highlighted."""
    return (
        f"/publications/{o.publication_id}/versions/{o.publication_version}"
        f"?obs={o.observation_id}#{o.observation_id}"
    )


class DatasetPages(Controller):
    path = "/datasets/{slug:str}"

    @get("/", name="web:dataset")
    async def dataset(
        self,
        state: State,
        request: Request[Any, Any, Any],
        slug: PathText,
        version: QueryText = None,
        indicator: QueryText = None,
        kind: QueryText = None,
        year: QueryText = None,
        area: QueryText = None,
        sort: RequiredText = "id",
        cursor: QueryText = None,
    ) -> Template:
        if sort not in observations.SORTS:
            raise bad_param("sort", f"one of {', '.join(observations.SORTS)}")
        if kind not in (None, "", *KINDS):
            raise bad_param("kind", "actual or target")
        indicator = text_param("indicator", indicator)
        code = indicator if indicator and _CODE.match(indicator) else None
        db: Database = state.db
        async with db.session() as session:
            ds = await dataset_or_404(session, slug)
            versions = await datasets.list_versions(session, ds)
            number = _version_number(version, "version", ds.latest_version)
            rows: list[ObservationOut] = []
            next_cursor = None
            if number:
                query = observations.ObservationQuery(
                    dataset=ds.slug,
                    dataset_id=ds.id,
                    version=number,
                    indicator_code=code,
                    indicator=None if code else indicator,
                    obs_kind=kind or None,
                    time_period=text_param("year", year) or None,
                    ref_area=text_param("area", area) or None,
                    sort=sort,
                )
                found = await observations.find(
                    db,
                    query,
                    limit=PAGE_SIZE,
                    cursor=text_param("cursor", cursor, max_length=2000),
                )
                rows, next_cursor = found.items, found.next_cursor
        current = next((v for v in versions if v.version == number), None)
        filters = {
            "version": version,
            "indicator": indicator,
            "kind": kind,
            "year": year,
            "area": area,
            "sort": sort if sort != "id" else None,
        }
        return page(
            request,
            "dataset.html",
            dataset=ds,
            versions=versions,
            current=current,
            number=number,
            rows=rows,
            next_cursor=next_cursor,
            cursor=cursor,
            filters=filters,
            sorts=list(observations.SORTS),
            downloads=downloads(ds.slug, number) if number else {},
            clause_link=clause_link,
        )

    @get("/diff", name="web:dataset-diff")
    async def diff(
        self,
        state: State,
        request: Request[Any, Any, Any],
        slug: PathText,
        to: QueryText = None,
    ) -> Template:
        db: Database = state.db
        # ``from`` is a Python keyword, so it is read from the query string itself.
        raw_from = request.query_params.get("from")
        async with db.session() as session:
            ds = await dataset_or_404(session, slug)
            new = _version_number(to, "to", ds.latest_version)
            # from=0 compares with the empty dataset (everything added).
            old = (
                _version_number(raw_from, "from", ds.latest_version, lowest=0)
                if raw_from
                else new - 1
            )
            if new < 1:
                raise bad_param("to", "this dataset has no version yet")
            result = await datasets.diff(session, ds, new=new, old=old)
            versions = await datasets.list_versions(session, ds)
        return page(
            request,
            "dataset_diff.html",
            dataset=ds,
            versions=versions,
            old=old,
            new=new,
            result=result,
            changes=[*result.changed, *result.added, *result.removed],
            describe=describe_change,
            clause_link=clause_link,
        )

    @get("/series", name="web:series")
    async def series(
        self,
        state: State,
        request: Request[Any, Any, Any],
        slug: PathText,
        indicator: RequiredText,
        area: QueryText = None,
        measure: QueryText = None,
    ) -> Template:
        code = text_param("indicator", indicator)
        if not code or not _CODE.match(code):
            raise bad_param("indicator", "an indicator code such as gdp")
        db: Database = state.db
        async with db.session() as session:
            ds = await dataset_or_404(session, slug)
            query = observations.ObservationQuery(
                dataset=ds.slug,
                dataset_id=ds.id,
                version=ds.latest_version,
                indicator_code=code,
                ref_area=text_param("area", area) or None,
                measure=text_param("measure", measure) or None,
                sort="time_period",
            )
            found = await observations.find(db, query, limit=SERIES_LIMIT)
        rows = found.items
        # One area and one measure per chart: the first row's, unless the link chose them.
        if rows:
            area = area or rows[0].ref_area
            measure = measure or rows[0].measure
            rows = [r for r in rows if r.ref_area == area and r.measure == measure]
        return page(
            request,
            "series.html",
            dataset=ds,
            code=code,
            area=area,
            measure=measure,
            rows=rows,
            chart=series_chart(rows),
            clause_link=clause_link,
            truncated=found.next_cursor is not None,
        )


def describe_change(change: Any) -> str:
    """The feed's wording for one observation-level change (``2024年目标: ... 6% -> 5.5%``)."""
    side = change.new or change.old
    return describe_observation_change(
        {
            "change": change.change,
            "time_period": side.time_period,
            "obs_kind": side.obs_kind,
            "indicator_zh": side.indicator_zh,
            "indicator_code": side.indicator_code,
            "measure": side.measure,
            "unit_zh": side.unit_zh,
            "old": _values(change.old),
            "new": _values(change.new),
        }
    )


def _values(o: ObservationOut | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "obs_value": o.obs_value,
        "obs_value_max": o.obs_value_max,
        "qualifier": o.qualifier,
        "value_text": o.value_text,
    }
