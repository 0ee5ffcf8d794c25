"""Crafted input that used to answer 500 answers a clear 400 on both backends: bodies
nested past the decoder's depth, dates that overflow with extreme offsets, and NUL
characters (PostgreSQL text cannot hold them, so every backend refuses them)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.webhooks.test_api import create

Client = httpx.AsyncClient
Headers = dict[str, str]

DEEP = "[" * 5000 + "]" * 5000
EXTREMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]


def _cursor(stamp: str, delivery_id: str = "msg_x") -> str:
    raw = json.dumps([stamp, delivery_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture
async def hook(client: Client, alice: Headers) -> dict[str, Any]:
    return await create(client, alice, "http://127.0.0.1:9/hook")


def _assert_400(response: httpx.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    detail = response.json()["detail"]
    assert detail and "\n" not in detail


@pytest.mark.parametrize("where", ["create", "patch", "recover"])
async def test_deeply_nested_bodies(
    client: Client, alice: Headers, hook: dict[str, Any], where: str
) -> None:
    url = {
        "create": "/v1/webhooks",
        "patch": f"/v1/webhooks/{hook['id']}",
        "recover": f"/v1/webhooks/{hook['id']}/recover",
    }[where]
    method = "PATCH" if where == "patch" else "POST"
    for body in (DEEP, '{"url": ' + DEEP + "}", '{"datasets": ' + "[" * 2000 + "]" * 2000 + "}"):
        headers = {**alice, "content-type": "application/json"}
        response = await client.request(method, url, content=body, headers=headers)
        _assert_400(response)
        assert "nested" in response.json()["detail"]


@pytest.mark.parametrize("stamp", EXTREMES)
async def test_recover_since_that_overflows(
    client: Client, alice: Headers, hook: dict[str, Any], stamp: str
) -> None:
    response = await client.post(
        f"/v1/webhooks/{hook['id']}/recover", json={"since": stamp}, headers=alice
    )
    _assert_400(response)
    assert "since" in response.json()["detail"]


@pytest.mark.parametrize("stamp", EXTREMES)
async def test_cursor_dates_that_overflow(
    client: Client, alice: Headers, hook: dict[str, Any], stamp: str
) -> None:
    url = f"/v1/webhooks/{hook['id']}/deliveries?cursor={_cursor(stamp)}"
    _assert_400(await client.get(url, headers=alice))


async def test_nul_in_a_cursor(client: Client, alice: Headers, hook: dict[str, Any]) -> None:
    url = f"/v1/webhooks/{hook['id']}/deliveries"
    cursor = _cursor("2024-03-11T08:00:00+00:00", "msg_\x00x")
    _assert_400(await client.get(url, params={"cursor": cursor}, headers=alice))


@pytest.mark.parametrize(
    "body",
    [
        {"description": "a\x00b"},
        {"datasets": ["fz\x00"]},
        {"event_types": ["dataset.updated\x00"]},
        {"url": "http://127.0.0.1:9/a\x00b"},
    ],
)
async def test_nul_characters_in_bodies(
    client: Client, alice: Headers, hook: dict[str, Any], body: dict[str, Any]
) -> None:
    created = await client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/new", **body}, headers=alice
    )
    _assert_400(created)
    assert "NUL" in created.json()["detail"]
    patched = await client.patch(f"/v1/webhooks/{hook['id']}", json=body, headers=alice)
    _assert_400(patched)
    assert "NUL" in patched.json()["detail"]
    listed = (await client.get("/v1/webhooks", headers=alice)).json()["items"]
    assert [h["id"] for h in listed] == [hook["id"]]  # nothing was created or changed
    assert listed[0]["description"] == hook["description"]
