"""The Server-Sent Events stream: history after the cursor, then live events.

    async for message in event_stream(db, waiter, after=pos, ...):
        ...  # ServerSentEventMessage: id = cursor, event = type, data = JSON

Each event carries ``id: <cursor>`` so a reconnecting browser resumes with
``Last-Event-ID``. When nothing was written for :data:`HEARTBEAT_SECONDS` a
``: keepalive`` comment goes out (proxies close idle connections); if a filtered read
moved the position past events that did not match, the keepalive also carries the new
``id:`` so a reconnect does not scan them again. The generator ends when the waiter
closes (app shutdown); a client disconnect cancels it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Literal

import msgspec
from litestar.response import ServerSentEventMessage

from api.changes.cursor import Position, encode_cursor
from api.changes.filters import FeedFilter
from api.changes.longpoll import RECHECK_SECONDS
from api.changes.render import cloud_event, feed_event
from api.changes.service import position_of, read_page
from api.changes.waiter import ChangeWaiter
from models import ChangeEvent, Database

#: Seconds of silence before a keepalive comment; tests lower it via app state
#: (``app.state["changes_heartbeat_seconds"]``).
HEARTBEAT_SECONDS = 15.0
HEARTBEAT_STATE_KEY = "changes_heartbeat_seconds"
#: Reconnection delay suggested to clients (ms).
RETRY_MS = 3000
_PAGE = 100

Format = Literal["json", "cloudevents"]


def _message(event: ChangeEvent, base_url: str, fmt: Format) -> ServerSentEventMessage:
    body = cloud_event(event, base_url) if fmt == "cloudevents" else feed_event(event, base_url)
    return ServerSentEventMessage(
        id=encode_cursor(position_of(event)),
        event=event.type,
        data=msgspec.json.encode(body).decode("utf-8"),
    )


async def event_stream(
    db: Database,
    waiter: ChangeWaiter,
    *,
    after: Position,
    feed_filter: FeedFilter,
    base_url: str,
    fmt: Format = "json",
    heartbeat: float = HEARTBEAT_SECONDS,
) -> AsyncIterator[ServerSentEventMessage]:
    loop = asyncio.get_running_loop()
    position = sent = after
    yield ServerSentEventMessage(comment="connected", data=None, retry=RETRY_MS)
    last_write = loop.time()
    while not waiter.closed:
        ticket = waiter.ticket()
        page = await read_page(db, after=position, feed_filter=feed_filter, limit=_PAGE)
        position = page.position
        for event in page.events:
            yield _message(event, base_url, fmt)
        if page.events:
            sent = position
            last_write = loop.time()
        if page.has_more:
            continue
        silence = loop.time() - last_write
        if silence >= heartbeat:
            moved = encode_cursor(position) if position != sent else None
            yield ServerSentEventMessage(comment="keepalive", data=None, id=moved)
            sent = position
            last_write = loop.time()
            continue
        if not page.events:
            await waiter.wait(ticket, within=min(heartbeat - silence, RECHECK_SECONDS))
