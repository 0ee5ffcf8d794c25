"""Retry timing: exponential backoff with full jitter, and ``Retry-After``.

Usage::

    delay = backoff_delay(attempt, base=1.0, cap=30.0, rng=random.Random())
    delay = parse_retry_after(response.headers.get("retry-after")) or delay

Full jitter (a uniform draw in ``[0, min(cap, base * 2**attempt)]``) spreads retries from
many checks so that a struggling government server does not see them arrive together.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from models.retry_after import retry_after_seconds

#: Statuses that mean "try again later" rather than "your request is wrong".
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 522, 523, 524})


def is_retryable_status(status: int) -> bool:
    """5xx and 429 are worth retrying; other 4xx will fail the same way again."""
    return status in RETRYABLE_STATUSES or 500 <= status < 600


def backoff_delay(attempt: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait before retry number ``attempt + 1`` (``attempt`` counts from 0)."""
    ceiling = min(cap, base * (2 ** min(attempt, 32)))
    return rng.uniform(0.0, max(0.0, ceiling))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent/bad."""
    return retry_after_seconds(value, now or datetime.now(UTC))
