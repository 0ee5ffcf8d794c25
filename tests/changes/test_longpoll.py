"""``wait=N``: the answer comes when a matching event commits, or empty after N s."""

from __future__ import annotations

import asyncio
import time

import httpx
from litestar import Litestar

from api.changes import close_change_waiter
from api.changes.cursor import decode_cursor
from api.changes.waiter import PostgresWaiter, change_waiter
from models import Database
from tests.changes.conftest import add_event, build_app, serve
from tests.changes.helpers import read_all

WAIT = 6.0


async def _caught_up(client: httpx.AsyncClient) -> str:
    _, cursor = await read_all(client)
    return cursor


async def test_long_poll_answers_when_an_event_commits(
    database: Database, app: Litestar, client: httpx.AsyncClient
):
    await add_event(database, title="old")
    cursor = await _caught_up(client)
    started = time.monotonic()
    request = asyncio.create_task(
        client.get("/v1/changes", params={"after": cursor, "wait": WAIT}, timeout=WAIT + 5)
    )
    await asyncio.sleep(0.5)
    assert not request.done(), "the long-poll answered before anything happened"
    committed = time.monotonic()
    await add_event(database, title="new")
    response = await request
    answered = time.monotonic()

    assert [e["data"]["title"] for e in response.json()["events"]] == ["new"]
    assert answered - committed < WAIT / 2, f"took {answered - committed:.2f}s after the commit"
    assert answered - started >= 0.5
    waiter = change_waiter(app.state)
    if isinstance(waiter, PostgresWaiter):
        # The wake-up came through LISTEN, not only the periodic re-read.
        assert waiter.listening


async def test_long_poll_returns_empty_after_the_wait(
    database: Database, client: httpx.AsyncClient
):
    await add_event(database, title="only")
    cursor = await _caught_up(client)
    started = time.monotonic()
    response = await client.get("/v1/changes", params={"after": cursor, "wait": 1})
    elapsed = time.monotonic() - started
    body = response.json()
    assert response.status_code == 200 and body["events"] == []
    assert decode_cursor(body["next_cursor"]).position == decode_cursor(cursor).position
    assert 1.0 <= elapsed < 3.0, elapsed


async def test_long_poll_with_a_filter_ignores_other_events(
    database: Database, client: httpx.AsyncClient
):
    cursor = await _caught_up(client)
    request = asyncio.create_task(
        client.get(
            "/v1/changes",
            params={"after": cursor, "wait": WAIT, "types": "dataset.updated"},
            timeout=WAIT + 5,
        )
    )
    await asyncio.sleep(0.3)
    await add_event(database, "publication.created", title="not this")
    await asyncio.sleep(1.2)  # several wake-ups and re-reads happen meanwhile
    assert not request.done(), "answered with an event the filter excludes"
    committed = time.monotonic()
    await add_event(database, "dataset.updated", dataset="fz", version=2)
    response = await request
    assert time.monotonic() - committed < WAIT / 2
    assert [e["type"] for e in response.json()["events"]] == ["dataset.updated"]


async def test_shutdown_ends_waiting_requests(database: Database):
    app = build_app(database)  # its own app: this test shuts it down
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
        cursor = await _caught_up(client)
        request = asyncio.create_task(
            client.get("/v1/changes", params={"after": cursor, "wait": 30}, timeout=35)
        )
        await asyncio.sleep(0.3)
        started = time.monotonic()
        await close_change_waiter(app)
        response = await request
        assert response.status_code == 200 and response.json()["events"] == []
        assert time.monotonic() - started < 3
