"""Fixtures for the fetcher tests: a real loopback site, fake time, quick fetchers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from ingest.fetch import Fetcher, FetcherConfig
from tests.fakesite.server import FakeSite


class FakeTime:
    """A clock that only moves when someone sleeps (or the test advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)  # still yield, as a real sleep would

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def site() -> Iterator[FakeSite]:
    # Hung requests in "timeout" mode last 5 s at most, and end at once at stop().
    fake = FakeSite.start(hang_seconds=5.0)
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


#: Short timeouts so failure tests stay fast; politeness stays on (time is fake).
FAST = {"connect_timeout": 1.0, "read_timeout": 1.0, "total_timeout": 5.0, "trust_env": False}

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
async def make_fetcher(fake_time: FakeTime) -> AsyncIterator[MakeFetcher]:
    """``make_fetcher(max_retries=1, ...)``: a Fetcher on fake time, closed after the test."""
    made: list[Fetcher] = []

    def make(**overrides: Any) -> Fetcher:
        fetcher_kwargs = {k: overrides.pop(k) for k in ("state", "rng") if k in overrides}
        config = FetcherConfig(**{**FAST, **overrides})
        fetcher = Fetcher(config, sleep=fake_time.sleep, clock=fake_time.clock, **fetcher_kwargs)
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        await fetcher.aclose()
