"""When to try a failed delivery again.

Attempt 1 goes out at once; after each failure the next waits (with ±10 % jitter so a
burst of failures does not come back as a burst)::

    5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h

After the 10th attempt fails the delivery is ``failed``. A 429 or 503 with
``Retry-After`` waits at least that long (capped at :data:`RETRY_AFTER_CAP`)::

    next_delay(1, random.Random())                         # ~5 s
    retry_after_seconds("120", now)                        # 120.0
    retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now)
"""

from __future__ import annotations

import datetime as dt
import random

from models.retry_after import retry_after_seconds as read_retry_after

#: Waits after attempt 1, 2, ... fails (seconds); len + 1 attempts in all.
RETRY_DELAYS: tuple[float, ...] = (
    5,
    5 * 60,
    30 * 60,
    2 * 3600,
    5 * 3600,
    10 * 3600,
    14 * 3600,
    20 * 3600,
    24 * 3600,
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.10
#: A Retry-After longer than the longest step of the schedule is not honoured beyond it:
#: an endpoint asking for a week would otherwise hold a delivery hostage.
RETRY_AFTER_CAP = 24 * 3600.0


def next_delay(attempts_made: int, rng: random.Random) -> float | None:
    """Seconds to wait after attempt number ``attempts_made`` failed; None when it was the last."""
    if attempts_made < 1:
        return 0.0
    if attempts_made >= MAX_ATTEMPTS:
        return None
    base = RETRY_DELAYS[attempts_made - 1]
    return base * rng.uniform(1 - JITTER, 1 + JITTER)


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """``Retry-After`` (delay-seconds or an HTTP date) as seconds from ``now``, capped.

    None when absent or unreadable; a date in the past gives 0.
    """
    seconds = read_retry_after(value, now)
    return None if seconds is None else min(seconds, RETRY_AFTER_CAP)
