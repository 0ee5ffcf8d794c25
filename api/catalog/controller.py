"""``GET /v1/catalog.jsonld``: the DCAT-AP catalogue of every dataset (JSON-LD)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.datastructures import State

from api.catalog.dcat import CONTEXT, catalog_document
from api.catalog.service import catalog_entries
from api.config import ApiConfig
from api.etag import SHORT, cache_headers, not_modified, not_modified_response, strong_etag
from api.responses import documented
from models import Database

MEDIA_TYPE = "application/ld+json"
_EXAMPLE = {
    "@context": CONTEXT,
    "@id": "https://gongkai.example/v1/catalog.jsonld",
    "@type": "dcat:Catalog",
    "dct:title": "Gongkai open data",
    "dcat:dataset": [
        {
            "@id": "https://gongkai.example/v1/datasets/fuzhou-work-reports",
            "@type": "dcat:Dataset",
            "dct:title": "抚州市政府工作报告中的数字",
            "dct:temporal": {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": {"@value": "2023", "@type": "xsd:gYear"},
                "dcat:endDate": {"@value": "2024", "@type": "xsd:gYear"},
            },
        }
    ],
}


@get(
    "/catalog.jsonld",
    summary="DCAT-AP catalogue",
    description="Every dataset as a dcat:Dataset (JSON-LD): title, description, publisher, "
    "licence, spatial coverage (areas), temporal coverage (min/max time_period of the latest "
    "version), issued/modified, and distributions (CSV, NDJSON, JSON, Data Package) of the "
    "latest version with download URLs and media types.",
    tags=["catalog"],
    responses=documented(
        dict[str, Any],
        _EXAMPLE,
        media_type=MEDIA_TYPE,
        description="The catalogue",
        errors=(),
        not_modified=True,
    ),
)
async def catalog(state: State, request: Request[Any, Any, Any]) -> Response[Any]:
    db: Database = state.db
    config: ApiConfig = state.config
    async with db.session() as session:
        entries = await catalog_entries(session)
    document = catalog_document(config.base_url, entries, contact_email=config.contact_email)
    body = msgspec.json.encode(document)
    tag = strong_etag(body.decode())
    if not_modified(request, tag):
        return not_modified_response(tag, SHORT)
    return Response(body, media_type=MEDIA_TYPE, headers=cache_headers(tag, SHORT))
