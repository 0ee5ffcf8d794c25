"""``Retry-After`` (RFC 9110 10.2.3), read once for every HTTP client of the project.

    retry_after_seconds("120", now)                            # 120.0
    retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now)  # seconds until then, >= 0
    retry_after_seconds("soon", now)                           # None

It lives with the base package because both the fetcher (``ingest``) and the webhook
worker (``notify``) honour it, and neither may import the other; each applies its own cap.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from ``now``: delay-seconds or an HTTP date; None if absent or bad.

    A date in the past gives 0; a date without a zone is GMT, as HTTP dates are.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())
