"""Fetching for the ingest side: a polite, retrying, conditional HTTP client.

Usage::

    from ingest.fetch import Fetcher, FetcherConfig, FetchRequest

    async with Fetcher(FetcherConfig()) as fetch:  # a Fetcher is a ``Fetch`` callable
        result = await fetch(FetchRequest("https://www.jxfz.gov.cn/col/col1/index.html"))

Adapters depend only on :data:`Fetch`, :class:`FetchRequest`, :class:`FetchResult` and the
error classes; everything about HTTP stays inside this package.
"""

from ingest.fetch.challenge import looks_like_challenge
from ingest.fetch.client import Fetcher
from ingest.fetch.conditional import ConditionalStore, MemoryConditionalStore
from ingest.fetch.config import FetcherConfig
from ingest.fetch.encoding import decode_body
from ingest.fetch.types import (
    BlockedError,
    BodyTooLargeError,
    DecodeError,
    Fetch,
    FetchError,
    FetchRequest,
    FetchResult,
    RobotsDisallowedError,
    UnsafeURLError,
)
from ingest.fetch.urls import check_url

__all__ = [
    "BlockedError",
    "BodyTooLargeError",
    "ConditionalStore",
    "DecodeError",
    "Fetch",
    "FetchError",
    "FetchRequest",
    "FetchResult",
    "Fetcher",
    "FetcherConfig",
    "MemoryConditionalStore",
    "RobotsDisallowedError",
    "UnsafeURLError",
    "check_url",
    "decode_body",
    "looks_like_challenge",
]
