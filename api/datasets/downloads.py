"""Downloads of a dataset version: CSV, NDJSON, JSON and the Frictionless descriptor.

    GET /v1/datasets/{slug}/versions/{n|latest}/observations.csv?bom=1&labels=zh
    GET /v1/datasets/{slug}/versions/{n|latest}/observations.ndjson
    GET /v1/datasets/{slug}/versions/{n|latest}/observations.json
    GET /v1/datasets/{slug}/versions/{n|latest}/datapackage.json

Exports stream in constant memory and are never capped. A numbered version's files never
change: strong ETag from the version's content hash and the format options, cached for
a year. ``latest`` gets the same ETag (the bytes are those of the version it names) but a
short cache lifetime. With the export cache on (:mod:`api.datasets.export_cache`), a
finished export is kept as a file and later downloads are sent from it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any
from urllib.parse import quote

import msgspec
import sqlalchemy as sa
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter
from litestar.response import Stream

from api.config import ApiConfig
from api.datasets import exports
from api.datasets.cells import EXPORT_FORMAT_REVISION
from api.datasets.datapackage import datapackage
from api.datasets.export_cache import export_cache, file_chunks
from api.datasets.lookup import version_or_404
from api.etag import (
    IMMUTABLE,
    SHORT,
    cache_headers,
    not_modified,
    not_modified_response,
    strong_etag,
)
from api.observations.schemas import EXAMPLE_OBSERVATION, ObservationOut
from api.params import SlugPath, VersionRefPath
from api.responses import documented
from api.series.schemas import ScorecardRowOut
from models import Database, Dataset, DatasetVersion, Source
from models.dataset_queries import rows_of

_CSV_EXAMPLE = (
    ",".join(exports.header("codes"))
    + "\r\nobs_3f1c9a0d2b7e4c51,fuzhou-work-reports,pub_01hrv0j3p4k5m6n7p8q9r0s1t2,1,抚州市,"
    "361000,2023,actual,industrial_value_added,规模以上工业增加值,Value added of industry "
    "above designated size,growth,14.6,,eq,percent,%,,增长14.6%,规模以上工业增加值增长14.6%,"
    "1180,1196,https://www.jxfz.gov.cn/art/2024/3/11/art_4394_4137001.html\r\n"
)
_IMMUTABLE_NOTE = (
    " Streamed, never capped, rows in a fixed order: a numbered version's file is "
    "byte-identical forever (strong ETag, one year of caching; `latest` is cached briefly)."
)


def _cache(ref: str) -> str:
    return SHORT if ref == "latest" else IMMUTABLE


def _disposition(slug: SlugPath, version: int, extension: str) -> str:
    name = f"{slug}-v{version}.{extension}"
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class DownloadController(Controller):
    path = "/datasets/{slug:str}/versions/{n:str}"
    tags = ["exports"]  # noqa: RUF012

    @get(
        "/observations.csv",
        summary="Download a version as CSV",
        description="UTF-8 CSV (RFC 4180, CRLF), SCHEMA.md's columns in order, one "
        "observation per row in id order (the scorecard dataset: the scorecard's columns, "
        "one target per row). Integral numbers are written as integers "
        "(200000000000), others in plain decimal (6.3); null is empty. `bom=1` prepends "
        "a UTF-8 BOM for Excel; `labels=zh|en` replaces the column codes in the header "
        "row with Chinese or English labels." + _IMMUTABLE_NOTE,
        responses=documented(
            str,
            _CSV_EXAMPLE,
            media_type="text/csv; charset=utf-8",
            description="The observations as CSV (Content-Disposition: attachment)",
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def csv(
        self,
        state: State,
        request: Request[Any, Any, Any],
        slug: SlugPath,
        n: VersionRefPath,
        bom: Annotated[
            bool, Parameter(description="Prepend a UTF-8 byte order mark (for Excel)")
        ] = False,
        labels: Annotated[
            exports.Labels, Parameter(description="Header row: column codes, zh or en labels")
        ] = "codes",
    ) -> Response[Any]:
        dataset, version = await self._resolve(state, slug, n)
        tag = strong_etag(
            version.content_hash, "csv", f"bom={int(bom)}", f"labels={labels}",
            f"rev={EXPORT_FORMAT_REVISION}",
        )  # fmt: skip
        if not_modified(request, tag):
            return not_modified_response(tag, _cache(n))
        db: Database = state.db

        def chunks() -> AsyncIterator[bytes]:
            return exports.csv_chunks(
                db,
                dataset.id,
                dataset.slug,
                version.version,
                bom=bom,
                labels=labels,
                schema=rows_of(dataset),
            )

        return self._stream(state, chunks, "text/csv", dataset, version, "csv", tag, n)

    @get(
        "/observations.ndjson",
        summary="Download a version as NDJSON",
        description="One JSON object per line, keys in SCHEMA.md order. Served as "
        "`application/x-ndjson`: not a media type registered with IANA, but the name that "
        "NDJSON tools and clients recognise (there is no registered one)." + _IMMUTABLE_NOTE,
        responses=documented(
            str,
            msgspec.json.encode(EXAMPLE_OBSERVATION).decode() + "\n",
            media_type="application/x-ndjson",
            description="The observations as newline-delimited JSON",
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def ndjson(
        self, state: State, request: Request[Any, Any, Any], slug: SlugPath, n: VersionRefPath
    ) -> Response[Any]:
        dataset, version = await self._resolve(state, slug, n)
        tag = strong_etag(version.content_hash, "ndjson")
        if not_modified(request, tag):
            return not_modified_response(tag, _cache(n))
        db: Database = state.db

        def chunks() -> AsyncIterator[bytes]:
            return exports.ndjson_chunks(
                db, dataset.id, dataset.slug, version.version, rows_of(dataset)
            )

        return self._stream(
            state, chunks, "application/x-ndjson", dataset, version, "ndjson", tag, n
        )

    @get(
        "/observations.json",
        summary="Download a version as JSON",
        description="One JSON array of observation objects, keys in SCHEMA.md order (of "
        "scorecard rows in a scorecard dataset)." + _IMMUTABLE_NOTE,
        responses=documented(
            list[ObservationOut] | list[ScorecardRowOut],
            [EXAMPLE_OBSERVATION],
            description="The observations as a JSON array",
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def json(
        self, state: State, request: Request[Any, Any, Any], slug: SlugPath, n: VersionRefPath
    ) -> Response[Any]:
        dataset, version = await self._resolve(state, slug, n)
        tag = strong_etag(version.content_hash, "json")
        if not_modified(request, tag):
            return not_modified_response(tag, _cache(n))
        db: Database = state.db

        def chunks() -> AsyncIterator[bytes]:
            return exports.json_chunks(
                db, dataset.id, dataset.slug, version.version, rows_of(dataset)
            )

        return self._stream(state, chunks, "application/json", dataset, version, "json", tag, n)

    @get(
        "/datapackage.json",
        summary="Frictionless Data Package of a version",
        description="A tabular-data-package descriptor for the version's CSV: typed fields "
        "with the vocabularies as enum constraints, primary key observation_id, licence "
        "and sources. Its resource path `observations.csv` is relative: it resolves to the "
        "CSV over HTTP and beside a downloaded copy.",
        responses=documented(
            dict[str, Any],
            {"profile": "tabular-data-package", "name": "fuzhou-work-reports", "resources": []},
            description="The Data Package descriptor",
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def datapackage(
        self, state: State, request: Request[Any, Any, Any], slug: SlugPath, n: VersionRefPath
    ) -> Response[Any]:
        db: Database = state.db
        config: ApiConfig = state.config
        dataset, version = await self._resolve(state, slug, n)
        async with db.session() as session:
            sources = list(
                (
                    await session.scalars(
                        sa.select(Source).where(Source.dataset_slug == slug).order_by(Source.name)
                    )
                ).all()
            )
        body = msgspec.json.encode(datapackage(dataset, version, sources, config.base_url))
        tag = strong_etag(version.content_hash, "datapackage", body.decode())
        if not_modified(request, tag):
            return not_modified_response(tag, _cache(n))
        return Response(body, media_type="application/json", headers=cache_headers(tag, _cache(n)))

    async def _resolve(
        self, state: State, slug: SlugPath, n: str
    ) -> tuple[Dataset, DatasetVersion]:
        db: Database = state.db
        async with db.session() as session:
            return await version_or_404(session, slug, n)

    def _stream(
        self,
        state: State,
        chunks: Callable[[], AsyncIterator[bytes]],
        media_type: str,
        dataset: Dataset,
        version: DatasetVersion,
        extension: str,
        tag: str,
        ref: str,
    ) -> Stream:
        """The export streamed; with the export cache on, sent from its finished file
        (with its Content-Length) or kept there as it streams."""
        headers = cache_headers(tag, _cache(ref))
        headers["Content-Disposition"] = _disposition(dataset.slug, version.version, extension)
        cache = export_cache(state)
        if cache is None:
            return Stream(chunks(), media_type=media_type, headers=headers)
        name = f"{tag.strip(chr(34))}.{extension}"
        hit = cache.open(name)
        if hit is not None:
            file, size = hit
            headers["Content-Length"] = str(size)
            return Stream(file_chunks(file), media_type=media_type, headers=headers)
        return Stream(cache.tee(name, chunks()), media_type=media_type, headers=headers)
