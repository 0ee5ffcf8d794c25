"""What a fetch returns and how it fails: the contract between fetching and the adapters.

Adapters and the ingest pipeline receive a :data:`Fetch` callable and never touch httpx::

    result = await fetch(FetchRequest("https://www.jxfz.gov.cn/col/col1/index.html"))
    if result.not_modified:
        return
    html = result.text
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import msgspec


class FetchRequest(msgspec.Struct, frozen=True):
    url: str
    method: str = "GET"
    #: form fields for a POST (Hanweb's ``dataproxy.jsp``)
    form: dict[str, str] | None = None
    #: send If-None-Match / If-Modified-Since remembered for this URL
    conditional: bool = True


class FetchResult(msgspec.Struct):
    url: str
    """The URL that was finally fetched (after redirects)."""
    status: int
    headers: dict[str, str]
    body: bytes
    """Raw bytes exactly as received (empty on 304)."""
    text: str | None
    """``body`` decoded (HTTP header, then ``<meta charset>``, then detection)."""
    encoding: str | None
    not_modified: bool = False
    elapsed_ms: int = 0
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """The page could not be fetched (network error, timeout, HTTP error) after retries."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class BlockedError(FetchError):
    """The site refused us: HTTP 412, or an anti-bot JavaScript challenge page."""


class RobotsDisallowedError(FetchError):
    """robots.txt forbids this URL for our User-Agent."""


class BodyTooLargeError(FetchError):
    """The response exceeded the configured maximum body size."""


class DecodeError(FetchError):
    """The body could not be decoded as text in any plausible encoding."""


Fetch = Callable[[FetchRequest], Awaitable[FetchResult]]


class UnsafeURLError(FetchError):
    """The URL was refused before any request: not http(s), no host, credentials, too long."""
