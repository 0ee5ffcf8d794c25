"""The OpenAPI document, as served at ``/schema/openapi.json`` and as committed.

    doc = openapi_document(app)
    Path("openapi/openapi.json").write_bytes(openapi_json_bytes(app))

The bytes are deterministic (sorted keys, two-space indent, trailing newline) so CI can
diff the committed file against the code.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
from litestar import Litestar, Request
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag

from api.docs import FAVICON, SWAGGER_UI
from api.openapi_links import add_links

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


#: No text parameter may hold NUL (api.params.text_param: PostgreSQL refuses it in text,
#: and both backends answer the same 400).
NO_NUL = "^[^\\u0000]*$"


def declare_no_nul(doc: dict[str, Any]) -> dict[str, Any]:
    """Every free-text query parameter says that NUL is refused (in place; idempotent)."""
    for item in doc.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                for text in _free_text(parameter.get("schema")):
                    text["pattern"] = NO_NUL
    return doc


def _strict_structs() -> set[str]:
    """Names of the API's body structs that refuse unknown fields."""
    names: set[str] = set()
    pending: list[type[msgspec.Struct]] = [msgspec.Struct]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("api.") and cls.__struct_config__.forbid_unknown_fields:
            names.add(cls.__name__)
    return names


def _free_text(schema: Any) -> list[dict[str, Any]]:
    """The free-text string schemas inside ``schema`` (not through references)."""
    if not isinstance(schema, dict) or {"enum", "pattern", "format", "const"} & set(schema):
        return []  # constrained already (a top-level constraint covers the oneOf below)
    found = []
    if schema.get("type") == "string":
        found.append(schema)
    for key in ("oneOf", "anyOf", "allOf"):
        for option in schema.get(key, []):
            found += _free_text(option)
    found += _free_text(schema.get("items"))
    for value in schema.get("properties", {}).values():
        found += _free_text(value)
    return found


def close_strict_structs(doc: dict[str, Any]) -> dict[str, Any]:
    """The request bodies' components (the structs that refuse unknown fields, nested ones
    included): ``additionalProperties: false`` (Litestar writes it only where a body says
    so), and no NUL in their text (the webhook service refuses it with a 400)."""
    strict = _strict_structs()
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        if name in strict and schema.get("type") == "object":
            schema["additionalProperties"] = False
            for text in _free_text(schema):
                text["pattern"] = NO_NUL
    return doc


def finish_document(doc: dict[str, Any]) -> dict[str, Any]:
    """What Litestar's generator cannot say, added to its document (in place; idempotent):
    the links between operations, closed objects, and the text rules."""
    return declare_no_nul(close_strict_structs(add_links(doc)))


class _LinkedJson(JsonRenderPlugin):
    """``/schema/openapi.json``, finished by :func:`finish_document`."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, finish_document(openapi_schema))


class _LinkedSwagger(SwaggerRenderPlugin):
    """``/docs``' Swagger UI embeds the document: the same one."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, finish_document(openapi_schema))


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title=API_TITLE,
        version=API_VERSION,
        description=API_DESCRIPTION,
        path="/schema",
        tags=TAGS,
        # Swagger UI from the vendored copy (api.docs): nothing is fetched from a CDN.
        render_plugins=[
            _LinkedJson(),
            _LinkedSwagger(
                path=["/", "/swagger"],
                js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
                css_url=f"{SWAGGER_UI}/swagger-ui.css",
                standalone_preset_js_url=f"{SWAGGER_UI}/swagger-ui-standalone-preset.js",
                favicon=f'<link rel="icon" href="{FAVICON}" type="image/svg+xml">',
            ),
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
    return finish_document(app.openapi_schema.to_schema())


def openapi_json_bytes(app: Litestar) -> bytes:
    text = json.dumps(openapi_document(app), sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode()
