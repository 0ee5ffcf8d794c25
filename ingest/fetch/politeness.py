"""Per-host politeness: one request in flight per host, and a pause between requests.

Usage::

    gate = HostGate(min_delay=1.0, clock=time.monotonic, sleep=asyncio.sleep)
    async with gate.slot("www.jxfz.gov.cn"):
        ...  # exactly one request to that host runs here

The pause is measured from the *end* of the previous request to the start of the next,
so a slow server automatically gets fewer requests per minute. The clock and sleep are
injected so tests can check the waits without really sleeping.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager


class HostGate:
    """Serialises requests per host and spaces them by at least ``min_delay`` seconds."""

    def __init__(
        self,
        *,
        min_delay: float,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
    ) -> None:
        self._min_delay = min_delay
        self._clock = clock
        self._sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last_done: dict[str, float] = {}
        self._delay_override: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """Raise the pause for one host (robots.txt ``Crawl-delay``); never lowers it."""
        key = host.lower()
        self._delay_override[key] = max(self._min_delay, seconds)

    def delay_for(self, host: str) -> float:
        return self._delay_override.get(host.lower(), self._min_delay)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold the host's single request slot, after waiting out its pause."""
        key = host.lower()
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last_done.get(key)
            if last is not None:
                wait = last + self.delay_for(key) - self._clock()
                if wait > 0:
                    await self._sleep(wait)
            try:
                yield
            finally:
                self._last_done[key] = self._clock()
