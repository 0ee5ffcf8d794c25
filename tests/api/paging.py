"""Walking a keyset-paged list to its end through its ``Link: rel="next"`` headers.

items = await walk_observations(client, {"dataset": "sample", "sort": "-obs_value"})
"""

from __future__ import annotations

import re
from typing import Any

import httpx


async def walk_observations(
    client: httpx.AsyncClient, params: dict[str, str]
) -> list[dict[str, Any]]:
    """Every item of ``/v1/observations`` with ``params``, page after page; each page
    must answer 200, link its successor (with its cursor) while there is one, and only
    then."""
    items: list[dict[str, Any]] = []
    url: str | None = "/v1/observations"
    query: dict[str, str] | None = params
    while url is not None:
        r = await client.get(url, params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        link = r.headers.get("link")
        if page["next_cursor"] is None:
            assert link is None
            url = None
        else:
            assert link is not None
            match = re.fullmatch(r'<([^>]+)>; rel="next"', link)
            assert match, link
            url, query = match.group(1), None
            assert f"cursor={page['next_cursor']}" in url
    return items
