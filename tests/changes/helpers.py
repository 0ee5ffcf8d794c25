"""Small helpers for the change-feed tests: paging to the end, reading SSE frames."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx


async def read_all(
    client: httpx.AsyncClient, after: str | None = None, **params: Any
) -> tuple[list[dict[str, Any]], str]:
    """Follow next_cursor until has_more is false; returns (events, last cursor)."""
    events: list[dict[str, Any]] = []
    cursor = after
    for _ in range(1000):
        query = {**params, **({"after": cursor} if cursor else {})}
        response = await client.get("/v1/changes", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        events.extend(body["events"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return events, cursor
    raise AssertionError("the feed never reported has_more=false")


async def sse_frames(response: httpx.Response) -> AsyncIterator[dict[str, str]]:
    """SSE frames as dicts of their fields; comment lines come as {"comment": ...}."""
    frame: dict[str, str] = {}
    async for line in response.aiter_lines():
        if line == "":
            if frame:
                yield frame
            frame = {}
        elif line.startswith(":"):
            frame["comment"] = line[1:].strip()
        else:
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            frame[name] = frame[name] + "\n" + value if name in frame else value
