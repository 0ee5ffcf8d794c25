"""GET /v1/changes/stream: events, resume with Last-Event-ID, keepalives, shutdown."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from litestar import Litestar

from api.changes import close_change_waiter
from api.changes.waiter import change_waiter
from models import Database
from tests.changes.conftest import add_event, build_app, serve
from tests.changes.helpers import sse_frames


async def _events(
    client: httpx.AsyncClient, count: int, *, headers: dict[str, str] | None = None, **params: Any
) -> tuple[list[dict[str, str]], list[str]]:
    """The first ``count`` event frames of a new stream and the comments before them."""
    events: list[dict[str, str]] = []
    comments: list[str] = []
    async with (
        asyncio.timeout(10),
        client.stream("GET", "/v1/changes/stream", params=params, headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        frames: AsyncIterator[dict[str, str]] = sse_frames(response)
        async for frame in frames:
            if "data" in frame:
                events.append(frame)
                if len(events) == count:
                    break
            elif "comment" in frame:
                comments.append(frame["comment"])
    return events, comments


async def test_stream_sends_history_then_live_events(database: Database, client: httpx.AsyncClient):
    await add_event(database, "publication.created", title="first")

    async def later() -> None:
        await asyncio.sleep(0.5)
        await add_event(database, "dataset.updated", dataset="fz", version=2)

    writer = asyncio.create_task(later())
    events, comments = await _events(client, 2)
    await writer
    assert comments[0] == "connected"
    assert [f["event"] for f in events] == ["publication.created", "dataset.updated"]
    first = json.loads(events[0]["data"])
    assert first["data"]["title"] == "first" and first["cursor"] == events[0]["id"]


async def test_resume_with_last_event_id_gives_only_later_events(
    database: Database, client: httpx.AsyncClient
):
    for title in ("a", "b", "c"):
        await add_event(database, title=title)
    events, _ = await _events(client, 3)
    resumed, _ = await _events(client, 1, headers={"Last-Event-ID": events[0]["id"]})
    assert json.loads(resumed[0]["data"])["data"]["title"] == "b"
    # The header wins over ?after (browsers keep the URL and add the header).
    resumed, _ = await _events(
        client, 1, headers={"Last-Event-ID": events[1]["id"]}, after=events[0]["id"]
    )
    assert json.loads(resumed[0]["data"])["data"]["title"] == "c"
    bad = await client.get("/v1/changes/stream", headers={"Last-Event-ID": "nonsense"})
    assert bad.status_code == 400


async def test_keepalive_comment_when_idle(database: Database, client: httpx.AsyncClient):
    # The test app sets a 0.3 s heartbeat (conftest); production uses 15 s.
    comments: list[str] = []
    async with (
        asyncio.timeout(5),
        client.stream("GET", "/v1/changes/stream") as response,
    ):
        async for frame in sse_frames(response):
            comments.append(frame.get("comment", ""))
            if comments.count("keepalive") == 2:
                break
    assert comments[:3] == ["connected", "keepalive", "keepalive"]


async def test_stream_in_cloudevents_format(database: Database, client: httpx.AsyncClient):
    await add_event(database, "dataset.updated", dataset="fz", version=3)
    events, _ = await _events(client, 1, format="cloudevents")
    body = json.loads(events[0]["data"])
    assert body["specversion"] == "1.0" and body["type"] == "org.gongkai.dataset.updated"
    assert events[0]["event"] == "dataset.updated"


async def test_stream_ends_when_the_app_shuts_down(database: Database):
    app = build_app(database)  # its own app: this test shuts it down
    async with (
        serve(app) as url,
        httpx.AsyncClient(base_url=url) as client,
        asyncio.timeout(5),
        client.stream("GET", "/v1/changes/stream") as response,
    ):
        frames = sse_frames(response)
        assert (await anext(frames)).get("comment") == "connected"
        await close_change_waiter(app)
        rest = [frame async for frame in frames]
    # The body ended by itself (no timeout); at most a keepalive came first.
    assert all("data" not in f for f in rest)


async def test_client_disconnect_stops_the_generator(
    database: Database, app: Litestar, client: httpx.AsyncClient
):
    async with (
        asyncio.timeout(5),
        client.stream("GET", "/v1/changes/stream") as response,
    ):
        frames = sse_frames(response)
        assert (await anext(frames)).get("comment") == "connected"
        waiter = change_waiter(app.state)
        while waiter.waiting == 0:
            await asyncio.sleep(0.02)
    # The client hung up: the stream stops waiting (its generator was cancelled).
    async with asyncio.timeout(3):
        while waiter.waiting:
            await asyncio.sleep(0.02)
