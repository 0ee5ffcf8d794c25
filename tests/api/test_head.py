"""HEAD answers like GET, without a body (RFC 9110 9.3.2), on every kind of resource."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from models import Database
from tests.api.seed import seed_world

#: Headers that legitimately differ between two answers.
VOLATILE = {"date", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset"}


@pytest.mark.parametrize(
    "path",
    [
        "/health",
        "/metrics",
        "/v1/datasets",
        "/v1/datasets/fz",
        "/v1/datasets/fz/versions/1/observations.csv",
        "/v1/datasets/fz/versions/1/observations.json",
        "/v1/observations?dataset=fz&limit=1",
        "/v1/publications/{pub}/versions/1/raw",
        "/v1/changes",
        "/v1/changes.atom",
        "/v1/sources",
        "/schema/openapi.json",
    ],
)
async def test_head_has_the_status_and_headers_of_get(
    client: httpx.AsyncClient, database: Database, path: str
) -> None:
    world = await seed_world(database)
    url = path.format(pub=world.pub_id)
    get = await client.get(url)
    head = await client.head(url)
    assert get.status_code == 200, get.text
    assert head.status_code == 200
    assert head.content == b""
    # /metrics is computed afresh per request (a gauge may move between the two), so its
    # length may too; every other resource here answers the same bytes both times.
    volatile = VOLATILE | ({"content-length"} if path == "/metrics" else set())
    same = {k: v for k, v in get.headers.items() if k not in volatile}
    assert {k: v for k, v in head.headers.items() if k not in volatile} == same


async def test_head_of_a_missing_resource_is_its_404_and_conditional_head_is_304(
    client: httpx.AsyncClient, database: Database
) -> None:
    await seed_world(database)
    missing = await client.head("/v1/datasets/nope")
    assert missing.status_code == 404 and missing.content == b""
    etag = (await client.get("/v1/datasets/fz/versions/1/observations.csv")).headers["etag"]
    again = await client.head(
        "/v1/datasets/fz/versions/1/observations.csv", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304


async def test_head_of_the_event_stream_returns_at_once(
    client: httpx.AsyncClient, database: Database
) -> None:
    await seed_world(database)
    async with asyncio.timeout(10):
        head = await client.head("/v1/changes/stream")
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("text/event-stream")
    assert head.content == b""
