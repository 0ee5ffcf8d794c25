"""Encoded pages of numbered dataset versions, kept in memory (bounded in bytes).

A numbered version never changes, so its page for a given query string is the same bytes
forever: the app keeps the most recently used ones (least recently used leave first once
the byte budget is spent) and serves them without touching the database::

    pages = page_cache(state)
    hit = pages.get(key)                 # (body, link header) or None
    pages.put(key, body, link)
"""

from __future__ import annotations

from collections import OrderedDict

from litestar.datastructures import State

#: memory the cached pages may take (bodies and links); a 1000-row page is ~1 MB
MAX_BYTES = 32 * 1024 * 1024
#: a page larger than this is served but not kept (it would evict too much)
MAX_ENTRY_BYTES = 2 * 1024 * 1024

Entry = tuple[bytes, str | None]


class PageCache:
    """LRU of encoded pages keyed by the request's path and query string."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def get(self, key: str) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, body: bytes, link: str | None) -> None:
        cost = _cost(key, body, link)
        if cost > min(MAX_ENTRY_BYTES, self.max_bytes) or key in self._entries:
            return
        self._entries[key] = (body, link)
        self.size += cost
        while self.size > self.max_bytes:
            old_key, (old_body, old_link) = self._entries.popitem(last=False)
            self.size -= _cost(old_key, old_body, old_link)

    def __len__(self) -> int:
        return len(self._entries)


def _cost(key: str, body: bytes, link: str | None) -> int:
    return len(key) + len(body) + len(link or "")


def page_cache(state: State) -> PageCache:
    """The app's page cache (one per app, so apps on different databases never share)."""
    cache: PageCache | None = state.get("observation_pages")
    if cache is None:
        cache = PageCache()
        state["observation_pages"] = cache
    return cache
