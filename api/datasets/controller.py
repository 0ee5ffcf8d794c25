"""``/v1/datasets``: datasets, their immutable versions and observation-level diffs.

    GET /v1/datasets
    GET /v1/datasets/{slug}
    GET /v1/datasets/{slug}/versions
    GET /v1/datasets/{slug}/versions/{n|latest}
    GET /v1/datasets/{slug}/versions/{n|latest}/diff?against={m}

Downloads live in :mod:`api.datasets.downloads`.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter

from api.config import ApiConfig
from api.datasets import service
from api.datasets.lookup import dataset_or_404, version_or_404
from api.datasets.schemas import (
    EXAMPLE_DATASET,
    EXAMPLE_DIFF,
    EXAMPLE_VERSION,
    DatasetDiffOut,
    DatasetList,
    DatasetOut,
    DatasetVersionList,
    DatasetVersionOut,
)
from api.etag import (
    IMMUTABLE,
    SHORT,
    cache_headers,
    not_modified,
    not_modified_response,
    strong_etag,
)
from api.params import MAX_VERSION, MIN_ZERO, SlugPath, VersionRefPath
from api.problems import Problem
from api.responses import documented
from models import Database


def _cache(ref: str) -> str:
    return SHORT if ref == "latest" else IMMUTABLE


class DatasetController(Controller):
    path = "/datasets"
    tags = ["datasets"]  # noqa: RUF012

    @get(
        "/",
        summary="List datasets",
        description="Every dataset with its latest version number, row count and download "
        "links of the latest version.",
        responses=documented(DatasetList, {"items": [EXAMPLE_DATASET]}),
    )
    async def list_datasets(self, state: State) -> Response[DatasetList]:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.session() as session:
            rows = await service.list_datasets(session)
        items = [service.dataset_out(d, n, config.base_url) for d, n in rows]
        return Response(DatasetList(items=items), headers={"Cache-Control": SHORT})

    @get(
        "/{slug:str}",
        summary="Get a dataset",
        description="One dataset: title, description, latest version and its row count.",
        responses=documented(DatasetOut, EXAMPLE_DATASET, errors=(404,)),
    )
    async def get_dataset(self, state: State, slug: SlugPath) -> Response[DatasetOut]:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.session() as session:
            dataset = await dataset_or_404(session, slug)
            count = await service.latest_row_count(session, dataset)
        body = service.dataset_out(dataset, count, config.base_url)
        return Response(body, headers={"Cache-Control": SHORT})

    @get(
        "/{slug:str}/versions",
        summary="List dataset versions",
        description="Every version, newest first, with its row count, content hash, "
        "added/removed/changed counts and cause (the publication versions that made it).",
        responses=documented(DatasetVersionList, {"items": [EXAMPLE_VERSION]}, errors=(404,)),
    )
    async def list_versions(self, state: State, slug: SlugPath) -> Response[DatasetVersionList]:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.session() as session:
            dataset = await dataset_or_404(session, slug)
            versions = await service.list_versions(session, dataset)
        items = [service.version_out(dataset, v, config.base_url) for v in versions]
        return Response(DatasetVersionList(items=items), headers={"Cache-Control": SHORT})

    @get(
        "/{slug:str}/versions/{n:str}",
        summary="Get a dataset version",
        description="One immutable version (or `latest`): row count, content hash, change "
        "counts, cause and download links. Numbered versions are cached for a year.",
        responses=documented(
            DatasetVersionOut, EXAMPLE_VERSION, errors=(400, 404), not_modified=True
        ),
    )
    async def get_version(
        self, state: State, request: Request[Any, Any, Any], slug: SlugPath, n: VersionRefPath
    ) -> Response[Any]:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.session() as session:
            dataset, version = await version_or_404(session, slug, n)
        tag = strong_etag(version.content_hash, "version", slug, str(version.version))
        if not_modified(request, tag):
            return not_modified_response(tag, _cache(n))
        body = service.version_out(dataset, version, config.base_url)
        return Response(body, headers=cache_headers(tag, _cache(n)))

    @get(
        "/{slug:str}/versions/{n:str}/diff",
        summary="Diff two dataset versions",
        description="Observations added, removed and changed from version `against` "
        "(default n-1; 0 is the empty dataset) to version n, keyed by observation_id, with "
        "old and new values.",
        responses=documented(DatasetDiffOut, EXAMPLE_DIFF, errors=(400, 404), not_modified=True),
    )
    async def diff(
        self,
        state: State,
        request: Request[Any, Any, Any],
        slug: SlugPath,
        n: VersionRefPath,
        against: Annotated[
            int | None,
            Parameter(ge=0, le=MAX_VERSION, description="Older version (default n-1)", **MIN_ZERO),
        ] = None,
    ) -> Response[Any]:
        db: Database = state.db
        async with db.session() as session:
            dataset, version = await version_or_404(session, slug, n)
            older = version.version - 1 if against is None else against
            if older > dataset.latest_version:
                raise Problem(404, "Not found", f"dataset {slug!r} has no version {older}")
            old_hash = "empty"
            if older > 0:
                old_version = await service.get_version(session, dataset, older)
                if old_version is None:
                    raise Problem(404, "Not found", f"dataset {slug!r} has no version {older}")
                old_hash = old_version.content_hash
            tag = strong_etag(
                old_hash, version.content_hash, "diff", slug, str(older), str(version.version)
            )
            if not_modified(request, tag):
                return not_modified_response(tag, _cache(n))
            body = await service.diff(session, dataset, new=version.version, old=older)
        return Response(body, headers=cache_headers(tag, _cache(n)))
