"""Refuse hostile or malformed URLs before any socket is opened.

Usage::

    url = check_url(request.url)  # raises UnsafeURLError with a reason a human can act on

Source URLs come from configuration and from links inside fetched pages (attachments,
redirects), i.e. partly from the sites themselves. A defaced page can link to
``javascript:``, ``file:`` or credential-carrying URLs; none of those may reach httpx.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ingest.fetch.types import UnsafeURLError

#: Longer than any real government URL; many servers and proxies cut at 2-8 KB anyway.
MAX_URL_LENGTH = 2048

ALLOWED_SCHEMES = frozenset({"http", "https"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_url(url: str) -> str:
    """Return ``url`` unchanged when it is safe to request, else raise UnsafeURLError."""
    shown = url if len(url) <= 200 else url[:200] + "..."
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURLError(shown, f"URL is {len(url)} characters long (max {MAX_URL_LENGTH})")
    if _CONTROL.search(url):
        # Tabs/newlines are stripped by some parsers and not others: classic smuggling.
        raise UnsafeURLError(shown, "URL contains control characters")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a non-numeric or out-of-range port
    except ValueError as exc:
        raise UnsafeURLError(shown, f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(shown, f"scheme {scheme or '(none)'!r} is not http or https")
    if not parts.hostname:
        raise UnsafeURLError(shown, "URL has no host")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UnsafeURLError(shown, "URL embeds credentials (user:password@host)")
    if port == 0:
        raise UnsafeURLError(shown, "URL has port 0")
    return url
