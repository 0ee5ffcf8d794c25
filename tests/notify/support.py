"""Helpers the notify and webhooks tests share (fixtures live in conftest.py files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from models import Database, Delivery, DeliveryAttempt, Subscription
from models.ids import new_id
from models.outbox import record_event
from notify.signing import generate_secret

LOOPBACK = ("127.0.0.0/8",)


class FakeClock:
    """The real time plus an offset that only the test moves.

    Events recorded with the real clock are due at once; ``advance`` jumps hours or days
    ahead without sleeping."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += dt.timedelta(seconds=seconds)


async def add_owner(db: Database) -> str:
    """An API key to own subscriptions (webhook.* events go to their owner only)."""
    from api.auth import create_key

    async with db.transaction() as session:
        return (await create_key(session, scope="subscriber")).id


async def add_subscription(
    db: Database,
    url: str,
    *,
    event_types: Sequence[str] = (),
    datasets: Sequence[str] = (),
    secret: str | None = None,
    owner_key_id: str | None = None,
) -> Subscription:
    sub = Subscription(
        id=new_id("sub"),
        url=url,
        event_types=list(event_types),
        datasets=list(datasets),
        secret=secret or generate_secret(),
        owner_key_id=owner_key_id,
    )
    async with db.transaction() as session:
        session.add(sub)
    return sub


async def add_event(
    db: Database,
    event_type: str = "publication.created",
    data: dict[str, Any] | None = None,
    *,
    dataset: str | None = None,
    occurred_at: dt.datetime | None = None,
    only_subscription: str | None = None,
) -> int:
    async with db.transaction() as session:
        event = await record_event(
            session,
            event_type,
            data if data is not None else {"title": "政府工作报告"},
            dataset_slug=dataset,
            occurred_at=occurred_at,
            only_subscription=only_subscription,
        )
        return event.id


async def deliveries(db: Database, subscription_id: str | None = None) -> list[Delivery]:
    query = sa.select(Delivery).order_by(Delivery.created_at, Delivery.id)
    if subscription_id is not None:
        query = query.where(Delivery.subscription_id == subscription_id)
    async with db.session() as session:
        return list(await session.scalars(query))


async def attempts(db: Database, delivery_id: str | None = None) -> list[DeliveryAttempt]:
    query = sa.select(DeliveryAttempt).order_by(DeliveryAttempt.id)
    if delivery_id is not None:
        query = query.where(DeliveryAttempt.delivery_id == delivery_id)
    async with db.session() as session:
        return list(await session.scalars(query))


async def subscription(db: Database, subscription_id: str) -> Subscription:
    async with db.session() as session:
        return await session.get_one(Subscription, subscription_id)


def verify(secret: str, body: bytes, headers: dict[str, str]) -> Any:
    """Check a received webhook with the standardwebhooks package (a peer implementation).

    Its ``verify`` also insists the timestamp is within 5 minutes of the real clock; for
    attempts made on a fake clock days ahead, the signature is checked with the same
    package's ``sign`` against each signature sent, which is what ``verify`` does inside.
    """
    hook = Webhook(secret)
    stamp = int(headers["webhook-timestamp"])
    if abs(stamp - dt.datetime.now(dt.UTC).timestamp()) < 240:
        return hook.verify(body, headers)
    expected = hook.sign(
        headers["webhook-id"], dt.datetime.fromtimestamp(stamp, dt.UTC), body.decode()
    )
    assert expected in headers["webhook-signature"].split(" "), "signature does not verify"
    return None
