"""Deliveries reach real loopback receivers, signed so a peer implementation verifies them."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from models import Database, Subscription
from notify.signing import generate_secret
from tests.notify.conftest import MakeWorker
from tests.notify.receiver import Receiver
from tests.notify.support import (
    FakeClock,
    add_event,
    add_subscription,
    attempts,
    deliveries,
    verify,
)


async def test_delivery_is_signed_and_verifies(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    sub = await add_subscription(database, receiver.url("/hook"))
    await add_event(
        database,
        "publication.created",
        {"title": "报告", "links": {"publication": "/v1/publications/p1"}},
    )
    worker = make_worker()
    assert await worker.run_once() == 1

    [got] = receiver.requests("/hook")
    payload = verify(sub.secret, got.body, got.headers)
    assert payload["type"] == "publication.created"
    assert payload["data"]["links"]["publication"] == "https://gongkai.example/v1/publications/p1"
    assert got.headers["content-type"] == "application/json"
    assert "Gongkai" in got.headers["user-agent"]
    [delivery] = await deliveries(database)
    assert got.headers["webhook-id"] == delivery.id
    assert delivery.status == "succeeded" and delivery.attempt_count == 1
    [attempt] = await attempts(database)
    assert attempt.status_code == 200 and attempt.response_excerpt == "ok"
    assert attempt.duration_ms is not None and attempt.error is None


async def test_filters_pick_subscribers(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/all"))
    await add_subscription(database, receiver.url("/ds"), datasets=["fuzhou"])
    await add_subscription(database, receiver.url("/pub"), event_types=["publication.updated"])
    await add_event(database, "dataset.updated", {"dataset": "fuzhou"}, dataset="fuzhou")
    await add_event(database, "dataset.updated", {"dataset": "other"}, dataset="other")
    await make_worker().run_once()
    assert len(receiver.requests("/all")) == 2
    assert len(receiver.requests("/ds")) == 1
    assert receiver.requests("/pub") == []


async def test_rotation_signs_with_both_secrets_for_a_day(
    database: Database, receiver: Receiver, make_worker: MakeWorker, clock: FakeClock
) -> None:
    sub = await add_subscription(database, receiver.url("/hook"))
    new_secret = generate_secret()
    async with database.transaction() as session:
        await session.execute(
            sa.update(Subscription)
            .where(Subscription.id == sub.id)
            .values(
                secret=new_secret,
                previous_secret=sub.secret,
                previous_secret_expires_at=clock.now() + dt.timedelta(hours=24),
            )
        )
    await add_event(database)
    worker = make_worker()
    await worker.run_once()
    [got] = receiver.requests("/hook")
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    verify(new_secret, got.body, got.headers)
    verify(sub.secret, got.body, got.headers)

    clock.advance(24 * 3600 + 1)
    await add_event(database, occurred_at=clock.now())
    await worker.run_once()
    later = receiver.requests("/hook")[1]
    assert len(later.headers["webhook-signature"].split(" ")) == 1
    verify(new_secret, later.body, later.headers)


async def test_big_dataset_diff_is_cut_under_20kb(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    sub = await add_subscription(database, receiver.url("/hook"))
    changes = [
        {
            "observation_id": i,
            "change": "changed",
            "indicator_zh": "地区生产总值" * 3,
            "old": {"obs_value": i},
            "new": {"obs_value": i + 1},
        }
        for i in range(2000)
    ]
    await add_event(
        database,
        "dataset.updated",
        {"dataset": "fuzhou", "changes": changes, "links": {"diff": "/v1/datasets/fuzhou/diff"}},
    )
    await make_worker().run_once()
    [got] = receiver.requests("/hook")
    assert len(got.body) <= 20_000
    payload = verify(sub.secret, got.body, got.headers)
    assert payload["data"]["truncated"] is True
    assert 0 < len(payload["data"]["changes"]) < 2000
    assert payload["data"]["changes"][0]["observation_id"] == 0
    assert payload["data"]["links"]["diff"] == "https://gongkai.example/v1/datasets/fuzhou/diff"
    assert json.loads(got.body) == payload
