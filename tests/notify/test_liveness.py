"""PostgreSQL: the claims of a dead worker stop counting at once, so a worker that
crash-loops next to a healthy one cannot fill every endpoint's in-flight limit with
claims nobody will finish (they used to count for the whole 60 s lease)."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from models import Database, Delivery, DeliveryAttempt
from notify import DeliveryWorker, WorkerConfig
from notify.liveness import Liveness, live_keys, lock_key
from tests.conftest import BACKENDS
from tests.notify.receiver import Receiver
from tests.notify.support import LOOPBACK, add_event, add_subscription
from tests.notify.test_processes import ROOT


@pytest.fixture(params=[b for b in BACKENDS if b == "postgresql"], scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """Liveness is PostgreSQL's (SQLite runs one worker): these tests run there only."""
    name: str = request.param
    return name


# A worker process that claims everything it may (max_per_endpoint per endpoint, a 60 s
# lease), says so, and then hangs until it is SIGKILLed: a crash between claim and send.
CRASHER = """
import asyncio, sys
from models import Database
from notify import DeliveryWorker, WorkerConfig

async def main():
    db = Database(sys.argv[1])
    worker = DeliveryWorker(db, WorkerConfig(allowed_networks=("127.0.0.0/8",),
                            max_per_endpoint=4, claim_seconds=60), worker_id=sys.argv[2])
    result = await worker._claim(1000)
    print("CLAIMED", len(result.jobs), flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


def crash_once(database_url: str, worker_id: str) -> int:
    """Run :data:`CRASHER`, SIGKILL it once it has claimed; how many it claimed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHER, database_url, worker_id],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("CLAIMED"), line
        return int(line.split()[1])
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)


async def wait_lock_gone(db: Database, worker_id: str) -> None:
    """PostgreSQL ends the killed process's session (and its lock) a moment later."""
    deadline = time.monotonic() + 10
    while lock_key(worker_id) in await live_keys(db):
        assert time.monotonic() < deadline, "the dead worker's session did not end"
        await asyncio.sleep(0.02)


def healthy(db: Database) -> DeliveryWorker:
    config = WorkerConfig(
        base_url="https://gongkai.example",
        allowed_networks=LOOPBACK,
        max_per_endpoint=4,
        timeout_seconds=5,
        reap_seconds=0,
    )
    return DeliveryWorker(db, config, rng=random.Random(3))


async def not_ok(db: Database) -> list[tuple[str, int | None, str | None]]:
    """The attempts that did not get a 200, for a failure message."""
    async with db.session() as session:
        rows = await session.execute(
            sa.select(
                DeliveryAttempt.delivery_id, DeliveryAttempt.status_code, DeliveryAttempt.error
            )
        )
    return [(d, code, error) for d, code, error in rows if code != 200]


async def claimed_by(db: Database, worker_id: str) -> int:
    async with db.session() as session:
        return int(
            await session.scalar(
                sa.select(sa.func.count()).where(
                    Delivery.claimed_by == worker_id, Delivery.status == "pending"
                )
            )
            or 0
        )


async def test_a_crash_looping_worker_does_not_hold_endpoints(
    database: Database, database_url: str, receiver: Receiver
) -> None:
    endpoints = 5
    for n in range(endpoints):
        await add_subscription(database, receiver.url(f"/e{n}"))
    worker = healthy(database)
    delivered = 0
    try:
        for round_ in range(4):  # the crasher restarts, claims and dies, again and again
            for _ in range(6):
                await add_event(database)
            dead = f"crasher-{round_}"
            assert await asyncio.to_thread(crash_once, database_url, dead) == 4 * endpoints
            await wait_lock_gone(database, dead)
            assert await claimed_by(database, dead) == 4 * endpoints
            # Everything is due for the healthy worker now, the dead claims included:
            # with the old lease-only claims, run_once found every endpoint full (0).
            delivered += await worker.run_once()
            assert await claimed_by(database, dead) == 0
            assert delivered == (round_ + 1) * 6 * endpoints
    finally:
        await worker.aclose()
    async with database.session() as session:
        statuses = list(await session.scalars(sa.select(Delivery.status)))
    assert statuses == ["succeeded"] * 4 * 6 * endpoints, await not_ok(database)
    # one attempt per delivery: nothing the dead worker claimed was sent twice
    assert sum(len(receiver.requests(f"/e{n}")) for n in range(endpoints)) == len(statuses)


async def test_a_live_workers_claims_are_respected(database: Database, receiver: Receiver) -> None:
    """A worker that holds its lock keeps its claims (until the lease ends)."""
    await add_subscription(database, receiver.url("/hook"))
    for _ in range(3):
        await add_event(database)
    slow = DeliveryWorker(database, WorkerConfig(allowed_networks=LOOPBACK), worker_id="slow")
    other = healthy(database)
    try:
        assert len((await slow._claim(10)).jobs) == 3  # claims, holds its lock, sends nothing
        assert await other.run_once() == 0
        assert await claimed_by(database, "slow") == 3
        await slow.aclose()  # the session ends: now the claims are given back
        await wait_lock_gone(database, "slow")
        assert await other.run_once() == 3
    finally:
        await slow.aclose()
        await other.aclose()
    assert len(receiver.requests("/hook")) == 3


async def test_liveness_lock_is_taken_once_per_worker(database: Database) -> None:
    first, second = Liveness(database, "w-a"), Liveness(database, "w-a")
    try:
        await first.ensure()
        await second.ensure()  # the same id twice: no wait, the first lock vouches
        await first.ensure()  # idempotent
        assert lock_key("w-a") in await live_keys(database)
        await first.aclose()
        await wait_lock_gone(database, "w-a")
    finally:
        await first.aclose()
        await second.aclose()


async def test_locks_in_another_database_do_not_count(database: Database) -> None:
    """Advisory locks are cluster-wide: a worker of another database on the same server
    (its key colliding with a dead worker's here) must not vouch for that worker."""
    elsewhere = Database(database.url.set(database="postgres"))
    other = Liveness(elsewhere, "w-elsewhere")
    try:
        await other.ensure()
        assert lock_key("w-elsewhere") in await live_keys(elsewhere)
        assert lock_key("w-elsewhere") not in await live_keys(database)
    finally:
        await other.aclose()
        await elsewhere.dispose()
