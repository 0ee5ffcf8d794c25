"""Strong ETags, conditional GET and cache lifetimes.

Immutable resources (a dataset version, its exports, a publication version, raw bytes)
never change once written, so they carry a strong ETag derived from their content hash
and may be cached for a year. ``latest`` aliases and lists change, so they are cached
briefly::

    tag = strong_etag(version.content_hash, "csv", "bom=1")
    if not_modified(request, tag):
        return not_modified_response(tag, IMMUTABLE)
    return Response(body, headers=cache_headers(tag, IMMUTABLE))
"""

from __future__ import annotations

import hashlib
from typing import Any

from litestar import Request, Response

#: For content that can never change (addressed by version number or hash).
IMMUTABLE = "public, max-age=31536000, immutable"
#: For ``latest`` aliases and lists: fresh data within a minute.
SHORT = "public, max-age=60"


def strong_etag(*parts: str) -> str:
    """A quoted strong ETag over ``parts`` (content hash first, then format options)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def not_modified(request: Request[Any, Any, Any], etag: str) -> bool:
    """True when the request's ``If-None-Match`` lists ``etag`` (or is ``*``)."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    # If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
    candidates = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in candidates or etag in candidates


def cache_headers(etag: str | None, cache_control: str) -> dict[str, str]:
    headers = {"Cache-Control": cache_control}
    if etag is not None:
        headers["ETag"] = etag
    return headers


def not_modified_response(etag: str, cache_control: str) -> Response[None]:
    """304 with no body, repeating the validator and cache lifetime (RFC 9110 15.4.5)."""
    return Response(None, status_code=304, headers=cache_headers(etag, cache_control))
