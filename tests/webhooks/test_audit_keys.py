"""Audit findings about keys and secrets: revocation stops a key's webhooks, the use of
a key is recorded (cheaply), and only a webhook's owner ever sees its signing secret."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.auth import revoke_key
from api.auth.keys import REVOKED_REASON, TOUCH_INTERVAL
from models import ApiKey, ChangeEvent, Database, Delivery, DeliveryAttempt, Subscription
from notify.queue import claim
from tests.notify.receiver import Receiver
from tests.notify.support import add_event, add_subscription
from tests.webhooks.test_api import create, worker_for

Client = httpx.AsyncClient
Headers = dict[str, str]


@pytest.fixture
def receiver() -> Any:
    with Receiver.start() as rx:
        yield rx


async def _key_id(database: Database, headers: Headers) -> str:
    prefix = headers["Authorization"].split("_")[1]
    async with database.session() as session:
        key_id = await session.scalar(sa.select(ApiKey.id).where(ApiKey.prefix == prefix))
    assert key_id is not None
    return key_id


async def test_revoking_a_key_disables_its_webhooks_and_their_queue(
    client: Client, alice: Headers, bob: Headers, receiver: Receiver, database: Database
) -> None:
    mine = [await create(client, alice, receiver.url(f"/alice{n}")) for n in range(2)]
    theirs = await create(client, bob, receiver.url("/bob"))
    await add_event(database, "publication.created", {"n": 1})  # queued for all three

    async with database.transaction() as session:
        assert await revoke_key(session, await _key_id(database, alice))

    async with database.session() as session:
        subs = {s.id: s for s in await session.scalars(sa.select(Subscription))}
        pending = await session.scalar(
            sa.select(sa.func.count())
            .select_from(Delivery)
            .where(Delivery.status == "pending", Delivery.subscription_id != theirs["id"])
        )
        disabled_events = list(
            await session.scalars(
                sa.select(ChangeEvent).where(ChangeEvent.type == "webhook.disabled")
            )
        )
    for hook in mine:  # disabled, not deleted, with the reason
        assert not subs[hook["id"]].enabled
        assert subs[hook["id"]].disabled_reason == REVOKED_REASON
    assert subs[theirs["id"]].enabled
    assert pending == 0
    assert sorted(e.data["subscription_id"] for e in disabled_events) == sorted(
        h["id"] for h in mine
    )
    assert {e.data["reason"] for e in disabled_events} == {REVOKED_REASON}

    await add_event(database, "publication.created", {"n": 2})  # a new event after revoking
    worker = worker_for(database)
    await worker.run_once()
    await worker.aclose()
    assert receiver.requests("/alice0") == receiver.requests("/alice1") == []
    assert len(receiver.requests("/bob")) == 2
    # the revoked key cannot re-enable them
    again = await client.patch(
        f"/v1/webhooks/{mine[0]['id']}", json={"enabled": True}, headers=alice
    )
    assert again.status_code == 401


async def test_a_delivery_claimed_before_revocation_is_not_sent(
    client: Client, alice: Headers, bob: Headers, receiver: Receiver, database: Database
) -> None:
    """A worker that claimed a delivery before the key was revoked checks, right before
    sending, that the webhook is still enabled: the receiver gets nothing, the delivery
    says why, and nothing counts as an attempt."""
    mine = await create(client, alice, receiver.url("/alice"))
    theirs = await create(client, bob, receiver.url("/bob"))
    await add_event(database, "publication.created", {"n": 1})
    worker = worker_for(database)
    result = await claim(
        database,
        worker.worker_id,
        dt.datetime.now(dt.UTC),
        limit=10,
        max_per_endpoint=4,
        claim_seconds=60,
    )
    assert {job.subscription_id for job in result.jobs} == {mine["id"], theirs["id"]}

    async with database.transaction() as session:  # revoked while the worker holds both
        assert await revoke_key(session, await _key_id(database, alice))
    for job in result.jobs:  # the worker proceeds
        await worker.deliver(job)
    await worker.aclose()

    assert receiver.requests("/alice") == []
    assert len(receiver.requests("/bob")) == 1
    async with database.session() as session:
        by_sub = {d.subscription_id: d for d in await session.scalars(sa.select(Delivery))}
        tried = set(await session.scalars(sa.select(DeliveryAttempt.delivery_id)))
    assert by_sub[mine["id"]].status == "failed"
    assert REVOKED_REASON in (by_sub[mine["id"]].last_error or "")
    assert by_sub[mine["id"]].id not in tried
    assert by_sub[theirs["id"]].status == "succeeded"


async def test_a_claimed_delivery_of_a_disabled_webhook_is_marked_not_sent(
    database: Database, receiver: Receiver
) -> None:
    """Disabling fails pending deliveries; one still pending under the claim (written
    by anything that only switched the webhook off) is failed by the worker, unsent."""
    sub = await add_subscription(database, receiver.url("/off"))
    await add_event(database, "publication.created", {"n": 1})
    worker = worker_for(database)
    [job] = (
        await claim(
            database,
            worker.worker_id,
            dt.datetime.now(dt.UTC),
            limit=10,
            max_per_endpoint=4,
            claim_seconds=60,
        )
    ).jobs
    async with database.transaction() as session:
        await session.execute(
            sa.update(Subscription)
            .where(Subscription.id == sub.id)
            .values(enabled=False, disabled_reason="paused by hand")
        )
    await worker.deliver(job)
    await worker.aclose()
    assert receiver.requests() == []
    async with database.session() as session:
        delivery = await session.get_one(Delivery, job.delivery_id)
    assert delivery.status == "failed" and delivery.claimed_by is None
    assert delivery.last_error == "not sent: webhook disabled: paused by hand"


async def test_last_used_at_is_written_once_per_interval(
    client: Client, alice: Headers, database: Database
) -> None:
    key_id = await _key_id(database, alice)

    async def last_used() -> dt.datetime | None:
        async with database.session() as session:
            return await session.scalar(sa.select(ApiKey.last_used_at).where(ApiKey.id == key_id))

    assert await last_used() is None
    assert (await client.get("/v1/webhooks", headers=alice)).status_code == 200
    first = await last_used()
    assert first is not None
    for _ in range(3):  # within the interval: no further write
        assert (await client.get("/v1/webhooks", headers=alice)).status_code == 200
    assert await last_used() == first

    # once the recorded use is older than the interval, the next request records it again
    old = dt.datetime.now(dt.UTC) - TOUCH_INTERVAL - dt.timedelta(seconds=5)
    async with database.transaction() as session:
        await session.execute(sa.update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=old))
    assert (await client.get("/v1/webhooks", headers=alice)).status_code == 200
    newer = await last_used()
    assert newer is not None
    if newer.tzinfo is None:
        newer = newer.replace(tzinfo=dt.UTC)
    assert newer > old + TOUCH_INTERVAL


async def test_only_the_owner_can_rotate_a_secret(
    client: Client, alice: Headers, admin: Headers, receiver: Receiver, database: Database
) -> None:
    hook = await create(client, alice, receiver.url("/hook"))
    refused = await client.post(f"/v1/webhooks/{hook['id']}/rotate-secret", headers=admin)
    assert refused.status_code == 403
    assert "owner" in refused.json()["detail"] and "secret" not in refused.json()
    async with database.session() as session:
        sub = await session.get_one(Subscription, hook["id"])
    assert sub.secret == hook["secret"] and sub.previous_secret is None  # unchanged

    mine = await create(client, admin, receiver.url("/admin"))  # an admin's own webhook
    rotated = await client.post(f"/v1/webhooks/{mine['id']}/rotate-secret", headers=admin)
    assert rotated.status_code == 200 and rotated.json()["secret"] != mine["secret"]
    owner = await client.post(f"/v1/webhooks/{hook['id']}/rotate-secret", headers=alice)
    assert owner.status_code == 200 and owner.json()["secret"] != hook["secret"]
