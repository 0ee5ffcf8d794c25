"""robots.txt: fetched once per origin per Fetcher, cached with a TTL, read per RFC 9309.

Usage::

    cache = RobotsCache(product_token="Gongkai", ttl=3600, error_ttl=300, clock=time.monotonic)
    rules = cache.get(origin) or await load_robots(client, origin + "/robots.txt")
    cache.put(origin, rules)
    rules.allows(url)

RFC 9309 outcomes:

* 2xx: the rules apply (groups for ``Gongkai`` first, else ``*``);
* 4xx (including 401/403: "unavailable"): no rules, everything allowed;
* 5xx, 429, network failure: "unreachable", everything *disallowed* until the short
  ``error_ttl`` expires and we ask again;
* redirects are followed (up to 5); too many counts as unavailable.

Matching is RFC 9309's, by Protego: ``*`` and ``$`` wildcards in paths, and the longest
matching rule wins (``Allow`` on a tie), so ``Disallow: /col/`` with
``Allow: /col/col3787/`` lets the watched column through and ``Disallow: /*.pdf$`` keeps
attachments out. (The standard library's parser applies the first rule that matches and
reads wildcards literally.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx
from protego import Protego

#: RFC 9309 asks crawlers to parse at least 500 KiB; anything after that is ignored.
MAX_ROBOTS_BYTES = 512 * 1024

#: Crawl-delay values above this are capped (a typo of 86400 must not stall a source).
MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True)
class RobotsRules:
    """The verdict for one origin. ``parser`` is None when there are no usable rules."""

    product_token: str
    parser: Protego | None = None
    allow_all: bool = False
    #: why everything is disallowed (robots.txt unreachable), else None
    unreachable_reason: str | None = None

    @property
    def temporary(self) -> bool:
        """True when this verdict comes from a failure and should be re-checked soon."""
        return self.unreachable_reason is not None

    def allows(self, url: str) -> bool:
        if self.unreachable_reason is not None:
            return False
        if self.allow_all or self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, self.product_token))

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.product_token)
        if delay is None:
            return None
        return min(float(delay), MAX_CRAWL_DELAY)


class RobotsCache:
    """Remembers :class:`RobotsRules` per origin (``scheme://host:port``) until they expire."""

    def __init__(
        self,
        *,
        product_token: str,
        ttl: float,
        error_ttl: float,
        clock: Callable[[], float],
    ) -> None:
        self.product_token = product_token
        self._ttl = ttl
        self._error_ttl = error_ttl
        self._clock = clock
        self._entries: dict[str, tuple[float, RobotsRules]] = {}

    def get(self, origin: str) -> RobotsRules | None:
        entry = self._entries.get(origin)
        if entry is None:
            return None
        expires, rules = entry
        if self._clock() >= expires:
            del self._entries[origin]
            return None
        return rules

    def put(self, origin: str, rules: RobotsRules) -> None:
        ttl = self._error_ttl if rules.temporary else self._ttl
        self._entries[origin] = (self._clock() + ttl, rules)


def parse_robots(text: str, product_token: str) -> RobotsRules:
    """Rules from robots.txt text."""
    return RobotsRules(product_token=product_token, parser=Protego.parse(text))


async def load_robots(
    client: httpx.AsyncClient, robots_url: str, product_token: str
) -> RobotsRules:
    """Fetch and interpret ``robots_url``; never raises for HTTP or network failures."""
    unavailable = RobotsRules(product_token=product_token, allow_all=True)
    try:
        async with client.stream("GET", robots_url, follow_redirects=True) as response:
            status = response.status_code
            if 200 <= status < 300:
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size >= MAX_ROBOTS_BYTES:
                        break
                body = b"".join(chunks)[:MAX_ROBOTS_BYTES]
                # robots.txt is UTF-8 by RFC 9309; a stray GBK comment must not break it.
                return parse_robots(body.decode("utf-8", errors="replace"), product_token)
    except (httpx.TooManyRedirects, httpx.UnsupportedProtocol, httpx.InvalidURL):
        return unavailable
    except httpx.HTTPError as exc:
        return RobotsRules(
            product_token=product_token,
            unreachable_reason=f"robots.txt unreachable ({type(exc).__name__}: {exc})",
        )
    if status == 429 or status >= 500:
        return RobotsRules(
            product_token=product_token,
            unreachable_reason=f"robots.txt answered HTTP {status}",
        )
    # 4xx (401 and 403 included, per RFC 9309) or an unfollowed 3xx: no rules apply.
    return unavailable
