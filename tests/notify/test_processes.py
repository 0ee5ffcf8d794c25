"""Real worker processes: SIGKILLed mid-stream, and several sharing one queue."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from models import Database, Delivery, DeliveryAttempt
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import add_subscription

ROOT = Path(__file__).resolve().parents[2]


def spawn_worker(database_url: str, *extra: str, wait: bool = True) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "notify",
            "--database-url",
            database_url,
            "--base-url",
            "https://gongkai.example",
            "--allowed-networks",
            "127.0.0.0/8",
            "--poll-seconds",
            "0.2",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    if wait:
        wait_ready(proc)
    return proc


def wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("WORKER_READY"), f"worker did not start: {line!r}"


async def fan_out(db: Database, events: int) -> None:
    """``events`` events in a few transactions, like an ingest run publishing."""
    from models.outbox import record_event

    for start in range(0, events, 100):
        async with db.transaction() as session:
            for n in range(start, min(start + 100, events)):
                await record_event(session, "publication.created", {"n": n})


async def wait_all_done(db: Database, total: int, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        async with db.session() as session:
            done = await session.scalar(
                sa.select(sa.func.count()).where(Delivery.status == "succeeded")
            )
        if done == total:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"only {done} of {total} deliveries succeeded within {within}s")


def stop_worker(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.slow
async def test_sigkilled_workers_lose_nothing(database: Database, database_url: str) -> None:
    events = 300
    with Receiver.start() as rx:
        subs = [
            await add_subscription(database, rx.url("/a")),
            await add_subscription(database, rx.url("/b")),
        ]
        secrets = {"/a": subs[0].secret, "/b": subs[1].secret}
        rx.always("/a", Reply(delay=0.02))
        rx.always("/b", Reply(delay=0.02))
        await fan_out(database, events)
        flags = ("--claim-seconds", "1.5", "--timeout", "1", "--max-per-endpoint", "4")
        kills = 0
        rng = random.Random(3)
        while kills < 6:
            proc = await asyncio.to_thread(spawn_worker, database_url, *flags)
            await asyncio.sleep(rng.uniform(0.3, 0.4))
            proc.send_signal(signal.SIGKILL)
            await asyncio.to_thread(proc.wait)
            kills += 1
        received_before_last = len(rx.requests())
        assert 0 < received_before_last < 2 * events, "the kills must land mid-stream"

        last = await asyncio.to_thread(spawn_worker, database_url, *flags)
        try:
            await wait_all_done(database, 2 * events, within=40)
        finally:
            stop_worker(last)

        async with database.session() as session:
            ids = set(await session.scalars(sa.select(Delivery.id)))
        got: dict[tuple[str, int], set[str]] = defaultdict(set)
        for r in rx.requests():
            body = Webhook(secrets[r.path]).verify(r.body, r.headers)
            got[(r.path, body["data"]["n"])].add(r.headers["webhook-id"])
        missing = [(p, n) for p in ("/a", "/b") for n in range(events) if (p, n) not in got]
        assert missing == []
        # at-least-once: a resend after a crash carries the same webhook-id
        assert all(len(webhook_ids) == 1 for webhook_ids in got.values())
        assert {next(iter(v)) for v in got.values()} == ids
        duplicates = len(rx.requests()) - 2 * events
        print(f"kills={kills} requests={len(rx.requests())} duplicates={duplicates}")


@pytest.mark.slow
async def test_parallel_workers_never_send_twice(database: Database, database_url: str) -> None:
    # SQLite runs one worker in production; the claim columns still keep several apart
    # (checked with a smaller load there so the writer lock does not dominate the test).
    events = 60 if database.is_sqlite else 150
    with Receiver.start() as rx_a, Receiver.start() as rx_b:
        await add_subscription(database, rx_a.url("/a"))
        await add_subscription(database, rx_b.url("/b"))
        rx_a.always("/a", Reply(delay=0.01))
        rx_b.always("/b", Reply(delay=0.01))
        await fan_out(database, events)
        workers = [
            spawn_worker(
                database_url,
                "--claim-seconds",
                "60",
                "--max-per-endpoint",
                "4",
                "--user-agent",
                f"Gongkai-Webhooks/test worker-{i}",
                wait=False,
            )
            for i in range(3)
        ]
        try:
            for proc in workers:
                await asyncio.to_thread(wait_ready, proc)
            await wait_all_done(database, 2 * events, within=40)
        finally:
            for proc in workers:
                stop_worker(proc)
        requests = rx_a.requests() + rx_b.requests()
        assert len(requests) == 2 * events  # not one duplicate
        assert len({r.headers["webhook-id"] for r in requests}) == 2 * events
        # the limit holds across processes
        assert rx_a.max_in_flight <= 4 and rx_b.max_in_flight <= 4
        senders = {r.headers["user-agent"] for r in requests}
        async with database.session() as session:
            attempts = await session.scalar(sa.select(sa.func.count(DeliveryAttempt.id)))
        assert attempts == 2 * events
        if not database.is_sqlite:
            assert len(senders) >= 2, f"only {senders} did any work"
