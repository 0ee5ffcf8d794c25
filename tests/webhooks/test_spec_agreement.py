"""The published OpenAPI document and the server agree: closed body schemas, declared
minimums, strict JSON types, a documented answer for a missing body, 429 documented,
and example cursors that work."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.changes.params import CURSOR_EXAMPLE
from tests.webhooks.test_api import create

Client = httpx.AsyncClient
Headers = dict[str, str]


@pytest.fixture
async def spec(client: Client) -> dict[str, Any]:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


async def test_body_schemas_refuse_unknown_fields_as_the_server_does(
    client: Client, alice: Headers, spec: dict[str, Any]
) -> None:
    schemas = spec["components"]["schemas"]
    for name in ("WebhookCreate", "WebhookUpdate", "Recover"):
        assert schemas[name]["additionalProperties"] is False, name
    refused = await client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "colour": "red"}, headers=alice
    )
    assert refused.status_code == 400


def _types(schema: dict[str, Any]) -> set[str]:
    found: list[Any] = [schema.get("type"), *(o.get("type") for o in schema.get("oneOf", []))]
    flat = [t for item in found for t in (item if isinstance(item, list) else [item])]
    return {t for t in flat if isinstance(t, str)}


async def test_numeric_parameters_declare_their_minimum(spec: dict[str, Any]) -> None:
    numeric = [
        (path, parameter)
        for path, operations in spec["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if _types(parameter["schema"]) & {"integer", "number"}
    ]
    assert any(p["name"] == "against" for _, p in numeric)
    for path, parameter in numeric:
        assert "minimum" in parameter["schema"], (path, parameter["name"])


@pytest.mark.parametrize("value", [0, 1, "false", "true", "yes"])
async def test_booleans_must_be_booleans(client: Client, alice: Headers, value: object) -> None:
    hook = await create(client, alice, "http://127.0.0.1:9/h")
    response = await client.patch(
        f"/v1/webhooks/{hook['id']}", json={"enabled": value}, headers=alice
    )
    assert response.status_code == 400, response.text
    assert "`bool`" in response.text  # the answer names the expected type
    after = (await client.get(f"/v1/webhooks/{hook['id']}", headers=alice)).json()
    assert after["enabled"] is True  # unchanged
    ok = await client.patch(f"/v1/webhooks/{hook['id']}", json={"enabled": False}, headers=alice)
    assert ok.status_code == 200 and ok.json()["enabled"] is False


async def test_strings_and_lists_must_have_their_types(client: Client, alice: Headers) -> None:
    for body in ({"url": 5}, {"url": "http://127.0.0.1:9/h", "datasets": "fz"}):
        response = await client.post("/v1/webhooks", json=body, headers=alice)
        assert response.status_code == 400, response.text


async def test_recover_without_a_body_is_a_documented_400(
    client: Client, alice: Headers, spec: dict[str, Any]
) -> None:
    hook = await create(client, alice, "http://127.0.0.1:9/h")
    for headers in (alice, {**alice, "content-type": "application/json"}):
        response = await client.post(f"/v1/webhooks/{hook['id']}/recover", headers=headers)
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "JSON object" in response.json()["detail"]
        assert "'data'" not in response.text
    documented = spec["paths"]["/v1/webhooks/{webhook_id}/recover"]["post"]["responses"]["400"]
    assert "application/problem+json" in documented["content"]


async def test_429_is_documented_where_it_can_happen(spec: dict[str, Any]) -> None:
    checked = 0
    for path, operations in spec["paths"].items():
        if not path.startswith(("/v1/webhooks", "/v1/changes")):
            continue
        for method, operation in operations.items():
            assert "429" in operation["responses"], (method, path)
            checked += 1
    assert checked >= 12


async def test_the_example_cursor_is_accepted(client: Client, spec: dict[str, Any]) -> None:
    examples = [
        p["examples"]
        for p in spec["paths"]["/v1/changes"]["get"]["parameters"]
        if p["name"] == "after"
    ]
    assert CURSOR_EXAMPLE in str(examples)
    response = await client.get("/v1/changes", params={"after": CURSOR_EXAMPLE})
    assert response.status_code == 200, response.text  # not 410 Gone
