"""Where ETag / Last-Modified validators live between fetches.

Usage::

    store = MemoryConditionalStore()
    fetcher = Fetcher(FetcherConfig(), state=store)

The pipeline backs :class:`ConditionalStore` with the database. The fetcher calls
``put`` after every 200 answer to a GET, before handing the result back. A pipeline that
wants validators saved only once the snapshot is committed passes a store whose ``put``
writes inside its own transaction (or buffers until commit): then a crash between fetch
and commit cannot leave a validator pointing at content that was never stored.
"""

from __future__ import annotations

from typing import Protocol


class ConditionalStore(Protocol):
    async def get(self, url: str) -> tuple[str | None, str | None]:
        """Return ``(etag, last_modified)`` remembered for ``url`` (``(None, None)`` if none)."""
        ...

    async def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of the latest 200 answer for ``url``."""
        ...


class MemoryConditionalStore:
    """Dict-backed store; the default, and enough for one process or tests."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str | None, str | None]] = {}

    async def get(self, url: str) -> tuple[str | None, str | None]:
        return self._data.get(url, (None, None))

    async def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag is None and last_modified is None:
            # The server stopped sending validators: forget the old ones.
            self._data.pop(url, None)
        else:
            self._data[url] = (etag, last_modified)
