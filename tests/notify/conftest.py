"""Fixtures for the delivery tests: loopback receivers, a fake clock, workers on it."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from models import Database
from notify import DeliveryWorker, WorkerConfig
from tests.notify.receiver import Receiver
from tests.notify.support import LOOPBACK, FakeClock


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver.start() as rx:
        yield rx


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


MakeWorker = Callable[..., DeliveryWorker]


@pytest.fixture
async def make_worker(database: Database, clock: FakeClock) -> AsyncIterator[MakeWorker]:
    """``make_worker(timeout_seconds=1, ...)``: a worker on the fake clock, loopback allowed."""
    made: list[DeliveryWorker] = []

    def make(**overrides: Any) -> DeliveryWorker:
        kwargs: dict[str, Any] = {
            "base_url": "https://gongkai.example",
            "allowed_networks": LOOPBACK,
            "timeout_seconds": 2.0,
            "claim_seconds": 10.0,
        }
        worker_kwargs = {k: overrides.pop(k) for k in ("worker_id", "transport") if k in overrides}
        kwargs.update(overrides)
        worker = DeliveryWorker(
            database, WorkerConfig(**kwargs), clock=clock, rng=random.Random(7), **worker_kwargs
        )
        made.append(worker)
        return worker

    yield make
    for worker in made:
        await worker.aclose()
