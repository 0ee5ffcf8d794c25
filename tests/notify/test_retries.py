"""Failures, retries and disabling, on a controllable clock (no sleeping through hours)."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import format_datetime

import pytest
import sqlalchemy as sa

from models import ChangeEvent, Database
from notify.schedule import MAX_ATTEMPTS, RETRY_DELAYS, next_delay, retry_after_seconds
from tests.notify.conftest import MakeWorker
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import (
    FakeClock,
    add_event,
    add_owner,
    add_subscription,
    attempts,
    deliveries,
    subscription,
    verify,
)


def test_jitter_stays_within_ten_percent_and_varies() -> None:
    rng = random.Random(1)
    for attempt, base in enumerate(RETRY_DELAYS, start=1):
        delays = [next_delay(attempt, rng) for _ in range(200)]
        assert all(d is not None and 0.9 * base <= d <= 1.1 * base for d in delays)
        assert len({round(d or 0, 6) for d in delays}) > 100  # really jittered
    assert next_delay(MAX_ATTEMPTS, rng) is None
    assert MAX_ATTEMPTS == 10


def test_retry_after_forms() -> None:
    now = dt.datetime(2024, 3, 11, 8, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("120", now) == 120
    later = format_datetime(now + dt.timedelta(minutes=10), usegmt=True)
    assert retry_after_seconds(later, now) == 600
    assert retry_after_seconds(format_datetime(now - dt.timedelta(hours=1), usegmt=True), now) == 0
    assert retry_after_seconds("9999999", now) == 24 * 3600  # capped
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


async def test_full_retry_schedule_then_failed(
    database: Database, receiver: Receiver, make_worker: MakeWorker, clock: FakeClock
) -> None:
    sub = await add_subscription(database, receiver.url("/down"))
    receiver.always("/down", Reply(500, body=b"\xff\xfeboom\x00" + b"x" * 5000))
    await add_event(database)
    worker = make_worker()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert await worker.run_once() == 1, f"attempt {attempt} was not due"
        assert await worker.run_once() == 0  # nothing more until the clock moves
        [delivery] = await deliveries(database)
        last = (await attempts(database))[-1]
        if attempt < MAX_ATTEMPTS:
            assert delivery.status == "pending"
            assert delivery.next_attempt_at is not None
            waited = (delivery.next_attempt_at - last.attempted_at).total_seconds()
            base = RETRY_DELAYS[attempt - 1]
            assert 0.9 * base <= waited <= 1.1 * base
            clock.advance(waited - 1)
            assert await worker.run_once() == 0  # one second early: not yet
            clock.advance(1)
    [delivery] = await deliveries(database)
    assert delivery.status == "failed" and delivery.attempt_count == MAX_ATTEMPTS
    log = await attempts(database)
    assert len(log) == MAX_ATTEMPTS
    assert all(a.status_code == 500 and a.error == "HTTP 500" for a in log)
    # the excerpt is about 1 kB of safely decoded text (no NUL for PostgreSQL)
    assert log[0].response_excerpt is not None and "boom" in log[0].response_excerpt
    assert len(log[0].response_excerpt) <= 1024 and "\x00" not in log[0].response_excerpt
    got = receiver.requests("/down")
    assert len({r.headers["webhook-id"] for r in got}) == 1  # same id on every retry
    assert len({r.headers["webhook-timestamp"] for r in got}) == MAX_ATTEMPTS
    for r in got:
        verify(sub.secret, r.body, r.headers)


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds_is_honoured(
    database: Database, receiver: Receiver, make_worker: MakeWorker, status: int
) -> None:
    await add_subscription(database, receiver.url("/busy"))
    receiver.script("/busy", Reply(status, headers={"Retry-After": "120"}))
    await add_event(database)
    await make_worker().run_once()
    [delivery] = await deliveries(database)
    [attempt] = await attempts(database)
    assert delivery.next_attempt_at is not None
    assert (delivery.next_attempt_at - attempt.attempted_at).total_seconds() == pytest.approx(120)


async def test_retry_after_date_and_cap(
    database: Database, receiver: Receiver, make_worker: MakeWorker, clock: FakeClock
) -> None:
    await add_subscription(database, receiver.url("/busy"))
    when = format_datetime(clock.now() + dt.timedelta(hours=1), usegmt=True)
    receiver.script(
        "/busy",
        Reply(503, headers={"Retry-After": when}),
        Reply(429, headers={"Retry-After": str(30 * 86400)}),
        Reply(500, headers={"Retry-After": "7200"}),
    )
    await add_event(database)
    worker = make_worker()
    waits = []
    for _ in range(3):
        await worker.run_once()
        [delivery] = await deliveries(database)
        last = (await attempts(database))[-1]
        assert delivery.next_attempt_at is not None
        waits.append((delivery.next_attempt_at - last.attempted_at).total_seconds())
        clock.advance(waits[-1])
    assert 3598 <= waits[0] <= 3600  # the HTTP date, to the second
    assert waits[1] == pytest.approx(24 * 3600)  # a month is capped at a day
    assert 0.9 * RETRY_DELAYS[2] <= waits[2] <= 1.1 * RETRY_DELAYS[2]  # ignored on a 500


async def test_410_disables_the_subscription(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    owner = await add_owner(database)
    gone = await add_subscription(database, receiver.url("/gone"), owner_key_id=owner)
    watcher = await add_subscription(
        database, receiver.url("/watch"), event_types=["webhook.disabled"], owner_key_id=owner
    )
    stranger = await add_subscription(database, receiver.url("/stranger"))
    receiver.always("/gone", Reply(410))
    await add_event(database)
    await add_event(database)
    worker = make_worker(max_per_endpoint=1)
    await worker.run_once()
    state = await subscription(database, gone.id)
    assert state.enabled is False and state.disabled_reason is not None
    assert "410" in state.disabled_reason
    assert len(receiver.requests("/gone")) == 1  # the second event was not tried
    assert {d.status for d in await deliveries(database, gone.id)} == {"failed"}
    # the watcher heard about it; the disabled endpoint itself did not
    [note] = receiver.requests("/watch")
    body = verify(watcher.secret, note.body, note.headers)
    assert body["type"] == "webhook.disabled"
    assert body["data"]["subscription_id"] == gone.id
    # another subscriber's webhook never hears of it
    assert not [r for r in receiver.requests("/stranger") if b"webhook.disabled" in r.body]
    assert stranger.id != watcher.id
    await add_event(database)
    await worker.run_once()
    assert len(receiver.requests("/gone")) == 1


async def test_five_days_of_failure_disable_with_an_event(
    database: Database, receiver: Receiver, make_worker: MakeWorker, clock: FakeClock
) -> None:
    owner = await add_owner(database)
    flaky = await add_subscription(
        database, receiver.url("/flaky"), event_types=["source.failing"], owner_key_id=owner
    )
    await add_subscription(
        database, receiver.url("/watch"), event_types=["webhook.disabled"], owner_key_id=owner
    )
    receiver.always("/flaky", Reply(500))
    worker = make_worker()

    await add_event(database, "source.failing", occurred_at=clock.now())
    await worker.run_once()
    started = (await subscription(database, flaky.id)).failing_since
    assert started is not None

    # a success in between resets the streak
    clock.advance(3 * 86400)
    receiver.script("/flaky", Reply(200), Reply(200))  # the retry and the new event
    await add_event(database, "source.failing", occurred_at=clock.now())
    await worker.run_once()
    assert (await subscription(database, flaky.id)).failing_since is None

    await add_event(database, "source.failing", occurred_at=clock.now())
    await worker.run_once()
    clock.advance(4 * 86400)
    await add_event(database, "source.failing", occurred_at=clock.now())
    await worker.run_once()
    assert (await subscription(database, flaky.id)).enabled  # 4 days: still on

    clock.advance(86400 + 1)
    await add_event(database, "source.failing", occurred_at=clock.now())
    await worker.run_once()
    state = await subscription(database, flaky.id)
    assert state.enabled is False
    assert state.disabled_reason is not None and "5 days" in state.disabled_reason
    async with database.session() as session:
        types = list(await session.scalars(sa.select(ChangeEvent.type)))
    assert types.count("webhook.disabled") == 1
    await worker.run_once()
    assert [r for r in receiver.requests("/flaky") if b"webhook.disabled" in r.body] == []
    assert len(receiver.requests("/watch")) == 1


async def test_redirects_are_not_followed(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/moved"))
    target = receiver.url("/internal/admin")
    receiver.always("/moved", Reply(302, headers={"Location": target}))
    await add_event(database)
    await make_worker().run_once()
    [attempt] = await attempts(database)
    assert attempt.status_code == 302
    assert attempt.error is not None and "not followed" in attempt.error
    assert receiver.requests("/internal/admin") == []
    [delivery] = await deliveries(database)
    assert delivery.status == "pending" and delivery.attempt_count == 1


async def test_timeout_is_a_failed_attempt(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/slow"))
    receiver.always("/slow", Reply(hang=3.0))
    await add_event(database)
    await make_worker(timeout_seconds=0.3, claim_seconds=5).run_once()
    [attempt] = await attempts(database)
    assert attempt.status_code is None
    assert attempt.error == "timed out after 0.3 s"
    assert attempt.duration_ms is not None and 250 <= attempt.duration_ms < 2000
    [delivery] = await deliveries(database)
    assert delivery.status == "pending" and delivery.next_attempt_at is not None


async def test_expired_claims_are_taken_over(
    database: Database, receiver: Receiver, make_worker: MakeWorker, clock: FakeClock
) -> None:
    from notify.liveness import Liveness
    from notify.queue import claim

    await add_subscription(database, receiver.url("/hook"))
    await add_event(database)
    # A worker claims and stalls before sending; on PostgreSQL its session stays alive
    # (it holds its liveness lock), so only the lease frees the delivery. A dead
    # worker's claims are given back at once: tests/notify/test_liveness.py.
    stalled = Liveness(database, "stalled")
    await stalled.ensure()
    result = await claim(
        database, "stalled", clock.now(), limit=10, max_per_endpoint=4, claim_seconds=10
    )
    assert len(result.jobs) == 1
    worker = make_worker()
    assert await worker.run_once() == 0
    clock.advance(11)
    assert await worker.run_once() == 1
    await stalled.aclose()
    [delivery] = await deliveries(database)
    assert delivery.status == "succeeded" and delivery.claimed_by is None


async def test_at_most_n_in_flight_per_endpoint(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/one"))
    await add_subscription(database, receiver.url("/two"))
    receiver.always("/one", Reply(delay=0.15))
    receiver.always("/two", Reply(delay=0.15))
    for _ in range(10):
        await add_event(database)
    assert await make_worker(max_per_endpoint=3).run_once() == 20
    assert receiver.max_in_flight == 6  # 3 per endpoint, both endpoints at once
