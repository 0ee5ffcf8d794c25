"""Time as the delivery worker sees it, injectable so tests control it.

    clock = SystemClock()
    clock.now()          # aware UTC datetime

Tests pass an object with a ``now()`` they move by hand, so a 24 h retry or the 5-day
auto-disable runs in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
