"""The OpenAPI document, as served at ``/schema/openapi.json`` and as committed.

    doc = openapi_document(app)
    Path("openapi/openapi.json").write_bytes(openapi_json_bytes(app))

The bytes are deterministic (sorted keys, two-space indent, trailing newline) so CI can
diff the committed file against the code.
"""

from __future__ import annotations

import json
from typing import Any

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag

from api.docs import FAVICON, SWAGGER_UI

API_TITLE = "Gongkai"
API_VERSION = "1.0.0"
API_DESCRIPTION = (
    "Open-data change feed for Chinese government information-disclosure pages: "
    "versioned publications and datasets of the numbers in them, a change feed, "
    "webhooks and CSV exports. Errors are application/problem+json (RFC 9457). "
    "Reads are public unless the server requires a key; write endpoints need an API key "
    "(`Authorization: Bearer KEY` or `X-API-Key`). Every answer carries the IETF "
    'RateLimit headers; lists page with opaque cursors and `Link: rel="next"`.'
)
TAGS = [
    Tag(name="sources", description="Watched disclosure columns, their health and schedule"),
    Tag(name="publications", description="Documents, their versions, raw bytes and diffs"),
    Tag(name="datasets", description="Datasets and their immutable versions"),
    Tag(name="exports", description="CSV, NDJSON, JSON and Frictionless downloads"),
    Tag(name="observations", description="Search the numbers (SCHEMA.md rows)"),
    Tag(name="catalog", description="DCAT-AP catalogue"),
    Tag(
        name="series",
        description="One number across the years, the indicator catalog, "
        "and the scorecard of targets met and missed",
    ),
]


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title=API_TITLE,
        version=API_VERSION,
        description=API_DESCRIPTION,
        path="/schema",
        tags=TAGS,
        # Swagger UI from the vendored copy (api.docs): nothing is fetched from a CDN.
        render_plugins=[
            SwaggerRenderPlugin(
                path=["/", "/swagger"],
                js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
                css_url=f"{SWAGGER_UI}/swagger-ui.css",
                standalone_preset_js_url=f"{SWAGGER_UI}/swagger-ui-standalone-preset.js",
                favicon=f'<link rel="icon" href="{FAVICON}" type="image/svg+xml">',
            )
        ],
        components=Components(
            security_schemes={
                "BearerKey": SecurityScheme(
                    type="http", scheme="bearer", description="An API key: gk_..."
                ),
                "HeaderKey": SecurityScheme(
                    type="apiKey", name="X-API-Key", security_scheme_in="header"
                ),
            }
        ),
    )


def openapi_document(app: Litestar) -> dict[str, Any]:
    return app.openapi_schema.to_schema()


def openapi_json_bytes(app: Litestar) -> bytes:
    text = json.dumps(openapi_document(app), sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode()
