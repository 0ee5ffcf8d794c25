"""The long-running loop: prompt wake-ups, LISTEN on PostgreSQL, graceful stop."""

from __future__ import annotations

import asyncio
import time

from models import Database
from notify import queue_stats
from tests.notify.conftest import MakeWorker
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import add_event, add_subscription, attempts, deliveries


async def test_wake_delivers_at_once_and_stop_returns(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/hook"))
    worker = make_worker(poll_seconds=30, listen=False)  # only wake() can be prompt
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.2)
    assert worker.status() == "ok"
    started = time.monotonic()
    await add_event(database)
    worker.wake()
    await asyncio.to_thread(receiver.wait_for, 1, 5.0)
    assert time.monotonic() - started < 2
    stop.set()
    await asyncio.wait_for(task, 5)
    assert worker.status() == "stopped"
    [delivery] = await deliveries(database)
    assert delivery.status == "succeeded"


async def test_new_events_are_found_without_wake(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    """PostgreSQL: LISTEN (the poll is 30 s, so only NOTIFY can be this quick).
    SQLite: the short poll."""
    await add_subscription(database, receiver.url("/hook"))
    worker = make_worker(poll_seconds=30 if not database.is_sqlite else 0.3)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.5)  # the listener connects
    started = time.monotonic()
    await add_event(database)  # its commit NOTIFYs; nobody calls wake()
    await asyncio.to_thread(receiver.wait_for, 1, 5.0)
    assert time.monotonic() - started < 2
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_stop_gives_back_unfinished_claims(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/slow"))
    receiver.always("/slow", Reply(hang=5))
    await add_event(database)
    worker = make_worker(timeout_seconds=8, claim_seconds=30)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop, grace_seconds=0.3))
    await asyncio.to_thread(receiver.wait_for, 1, 5.0)
    started = time.monotonic()
    stop.set()
    await asyncio.wait_for(task, 5)
    assert time.monotonic() - started < 2
    [delivery] = await deliveries(database)
    assert delivery.status == "pending" and delivery.claimed_by is None
    assert await attempts(database) == []
    stats = await queue_stats(database)
    assert stats.due == 1 and stats.oldest_due_age_seconds is not None


async def test_queue_stats_empty(database: Database) -> None:
    stats = await queue_stats(database)
    assert stats.due == 0 and stats.oldest_due_age_seconds is None


async def test_the_loop_keeps_the_per_endpoint_limit_and_sends_each_once(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    """Claims run beside the deliveries and a finished attempt stops counting as in
    flight before its outcome is written: the endpoint still never holds more than the
    limit at once, and no delivery goes out twice."""
    await add_subscription(database, receiver.url("/limited"))
    await add_subscription(database, receiver.url("/other"))
    receiver.always("/limited", Reply(delay=0.03))
    receiver.always("/other", Reply(delay=0.03))
    for _ in range(30):
        await add_event(database)
    worker = make_worker(max_per_endpoint=2, poll_seconds=0.1, concurrency=8, batch_size=5)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.to_thread(receiver.wait_for, 60, 30.0)
    stop.set()
    await asyncio.wait_for(task, 10)
    limited = receiver.requests("/limited")
    assert len(limited) == 30 and len(receiver.requests("/other")) == 30
    assert len({r.headers["webhook-id"] for r in receiver.requests()}) == 60
    assert receiver.max_in_flight <= 2 * 2  # two endpoints, two each
    assert {d.status for d in await deliveries(database)} == {"succeeded"}
