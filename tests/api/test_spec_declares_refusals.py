"""What the server refuses, the published schema says (each found by schemathesis with all
its checks, tests/api/test_stateful_schemathesis.py):

- NUL in any free-text query parameter is a 400, on both backends: the schema's pattern says so;
- nested body objects refuse unknown fields (``WebhookFilters``): ``additionalProperties: false``;
- the feed's ``types``, ``dataset``, ``obs_kind`` and ``format`` accept exactly what their
  declared patterns and enums accept (empty values included);
- every list's unknown cursor is the same 400 problem naming ``cursor``.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from api.auth import create_key
from api.openapi import NO_NUL
from models import Database
from tests.api.seed import seed_world

Doc = dict[str, Any]


@pytest.fixture
async def doc(client: httpx.AsyncClient) -> Doc:
    served: Doc = (await client.get("/schema/openapi.json")).json()
    return served


async def _admin(database: Database) -> dict[str, str]:
    async with database.transaction() as session:
        key = await create_key(session, scope="admin")
    return {"Authorization": f"Bearer {key.secret}"}


def _patterns(schema: Doc) -> list[str]:
    found = [schema["pattern"]] if "pattern" in schema else []
    for option in schema.get("oneOf", []):
        found += _patterns(option)
    return found


async def test_nul_in_any_free_text_query_parameter_is_a_declared_400(
    database: Database, client: httpx.AsyncClient, doc: Doc
) -> None:
    world = await seed_world(database)
    headers = await _admin(database)
    hook = await client.post(
        "/v1/webhooks", json={"url": "https://93.184.215.14/h"}, headers=headers
    )
    assert hook.status_code == 201, hook.text
    ids = {
        "slug": world.slug,
        "n": "1",
        "publication_id": world.pub_id,
        "name": world.source,
        "webhook_id": hook.json()["id"],
    }
    probed = []
    for path, item in doc["paths"].items():
        if path == "/v1/changes/stream":
            continue  # the same parameters as /v1/changes, on a stream that never ends
        get = item.get("get")
        for parameter in (get or {}).get("parameters", []):
            if parameter["in"] != "query" or NO_NUL not in _patterns(parameter["schema"]):
                continue
            url = path.format(**{k: v for k, v in ids.items() if "{" + k + "}" in path})
            answer = await client.get(url, params={parameter["name"]: "a\x00b"}, headers=headers)
            probed.append(f"{path}?{parameter['name']}")
            assert answer.status_code == 400, (url, parameter["name"], answer.text)
            assert answer.headers["content-type"].startswith("application/problem+json")
    assert len(probed) >= 20, probed
    assert "/v1/publications?q" in probed and "/v1/observations?ref_area" in probed


async def test_nested_body_objects_are_closed_as_the_server_is(
    database: Database, client: httpx.AsyncClient, doc: Doc
) -> None:
    assert doc["components"]["schemas"]["WebhookFilters"]["additionalProperties"] is False
    headers = await _admin(database)
    body = {"url": "https://93.184.215.14/h", "filters": {"colour": ["red"]}}
    refused = await client.post("/v1/webhooks", json=body, headers=headers)
    assert refused.status_code == 400, refused.text


def _feed_schema(doc: Doc, name: str) -> Doc:
    parameters = doc["paths"]["/v1/changes"]["get"]["parameters"]
    schema: Doc = next(p["schema"] for p in parameters if p["name"] == name)
    return schema


FEED_VALUES = {
    "types": [
        "publication.*,dataset.updated",
        " dataset.updated , ",
        "",
        ",",
        "source.*",
        "publication.created,,source.failing",
        "pub.*",
        "x",
        "dataset.updated.*",
        "webhook.disabled",
    ],
    "dataset": ["fz", "", "a-b_1", "NOT A SLUG", "-x", "x" * 100, "x" * 101],
    "obs_kind": ["actual", "target", "", "Actual", "both"],
    "format": ["json", "cloudevents", "", "xml"],
}


@pytest.mark.parametrize("name", sorted(FEED_VALUES))
async def test_feed_filters_accept_exactly_what_the_schema_declares(
    client: httpx.AsyncClient, doc: Doc, name: str
) -> None:
    schema = _feed_schema(doc, name)
    disagree = []
    for value in FEED_VALUES[name]:
        if "enum" in schema:
            valid = value in schema["enum"]
        else:
            valid = re.search(schema["pattern"], value) is not None
        answer = await client.get("/v1/changes", params={name: value})
        assert answer.status_code in (200, 400), answer.text
        if valid != (answer.status_code == 200):
            disagree.append((value, valid, answer.status_code, answer.text[:200]))
    assert not disagree, disagree


async def test_an_unknown_cursor_is_the_same_problem_on_every_list(
    database: Database, client: httpx.AsyncClient
) -> None:
    headers = await _admin(database)
    hook = await client.post(
        "/v1/webhooks", json={"url": "https://93.184.215.14/h"}, headers=headers
    )
    lists = [
        "/v1/publications",
        "/v1/observations",
        f"/v1/webhooks/{hook.json()['id']}/deliveries",
    ]
    for path in lists:
        answer = await client.get(path, params={"cursor": "sBU"}, headers=headers)
        assert answer.status_code == 400, (path, answer.text)
        problem = answer.json()
        assert problem["errors"] == [
            {"key": "cursor", "source": "query", "message": "not a cursor of this API"}
        ], path
        assert problem["detail"].startswith("invalid cursor: not a cursor of this API"), path
