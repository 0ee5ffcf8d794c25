"""Fetcher settings.

Usage::

    config = FetcherConfig(min_delay_seconds=2.0, max_retries=2)

Defaults are polite for government servers that are often slow and fragile: one request
in flight per host, a pause of a second between requests, a handful of retries.
"""

from __future__ import annotations

import msgspec

DEFAULT_USER_AGENT = "Gongkai/0.1 (+https://github.com/gongkai-data/gongkai)"


class FetcherConfig(msgspec.Struct, frozen=True):
    #: Names the project and a contact URL, so a webmaster can find out who we are.
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10
    #: Timeout for each socket read (and write, and waiting for a pooled connection).
    read_timeout: float = 30
    #: Hard cap for one attempt from connect to last byte (a trickling server cannot
    #: keep a read alive forever under ``read_timeout``).
    total_timeout: float = 120
    max_body_bytes: int = 20 * 1024 * 1024
    #: Pause between the end of one request and the start of the next to the same host.
    min_delay_seconds: float = 1.0
    #: Retries after the first attempt, for timeouts, connection errors, 5xx and 429.
    max_retries: int = 3
    backoff_base: float = 1.0
    #: Longest single backoff; a Retry-After asking for more than this gives up instead.
    backoff_max: float = 30.0
    respect_robots: bool = True
    #: The token robots.txt groups are matched against (``User-agent: Gongkai``).
    robots_product_token: str = "Gongkai"
    robots_ttl_seconds: float = 3600.0
    #: How long "robots.txt unreachable, so disallow" lasts before asking again.
    robots_error_ttl_seconds: float = 300.0
    max_redirects: int = 5
    #: Use HTTP(S)_PROXY / NO_PROXY from the environment.
    trust_env: bool = True
