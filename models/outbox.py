"""Writing change events: the outbox row and its webhook deliveries, in the caller's
transaction, so an event exists exactly when the change it describes does::

    async with db.transaction() as session:
        ...  # the change itself
        await record_event(session, "publication.updated", {"publication_id": pid},
                           source_id=source.id, dataset_slug="fuzhou-work-reports")

Every enabled subscription whose filters match gets one ``delivery`` row (the unique
``(event_id, subscription_id)`` makes a second one impossible). On PostgreSQL the row
carries the writing transaction's id for the feed cursor, and a ``NOTIFY`` wakes
long-polls and workers when the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import utcnow
from models.events import EVENT_TYPES, ChangeEvent
from models.facets import filters_match
from models.ids import new_id
from models.webhooks import Delivery, Subscription

NOTIFY_CHANNEL = "gongkai_events"

EVENTS_WRITTEN = Counter(
    "gongkai_events_written_total",
    "Change events written (counted when written; a rolled-back transaction counts too)",
    ["type"],
)


def _without_nul(value: Any) -> Any:
    """PostgreSQL's json operators fail on U+0000; no legitimate event text contains it."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def subscription_matches(
    subscription: Subscription, event_type: str, dataset: str | None, facets: str = ""
) -> bool:
    """Whether ``subscription`` wants an event of ``event_type`` about ``dataset``; its
    indicator/area/kind ``filters`` pass only events whose ``facets`` satisfy them."""
    if subscription.event_types and event_type not in subscription.event_types:
        return False
    if subscription.datasets and dataset not in subscription.datasets:
        return False
    return filters_match(subscription.filters, facets)


async def record_event(
    session: AsyncSession,
    event_type: str,
    data: dict[str, Any],
    *,
    source_id: int | None = None,
    dataset_id: int | None = None,
    dataset_slug: str | None = None,
    publication_id: str | None = None,
    only_subscription: str | None = None,
    owner_key_id: str | None = None,
    occurred_at: dt.datetime | None = None,
    facets: str = "",
) -> ChangeEvent:
    """Insert one event and its deliveries; returns the flushed event row.

    ``webhook.*`` events concern one subscriber: they go to ``only_subscription``, or to
    the enabled webhooks of ``owner_key_id``, never to everyone."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    data = _without_nul(data)
    values: dict[str, Any] = {
        "type": event_type,
        "occurred_at": occurred_at or utcnow(),
        "source_id": source_id,
        "dataset_id": dataset_id,
        "publication_id": publication_id,
        "data": data,
        "facets": facets,
    }
    if dialect == "postgresql":
        values["xact_id"] = sa.text("pg_current_xact_id()::text::bigint")
    event_id = await session.scalar(
        sa.insert(ChangeEvent).values(**values).returning(ChangeEvent.id)
    )
    assert event_id is not None
    event = await session.get_one(ChangeEvent, event_id)

    query = sa.select(Subscription).where(Subscription.enabled.is_(True))
    if only_subscription is not None:
        query = query.where(Subscription.id == only_subscription)
    elif event_type.startswith("webhook."):
        query = query.where(
            Subscription.owner_key_id == owner_key_id if owner_key_id else sa.false()
        )
    subscriptions = (await session.scalars(query)).all()
    rows = [
        {
            "id": new_id("msg"),
            "event_id": event_id,
            "subscription_id": sub.id,
            "status": "pending",
            "next_attempt_at": event.occurred_at,
            "created_at": event.occurred_at,
        }
        for sub in subscriptions
        if only_subscription is not None
        or subscription_matches(sub, event_type, dataset_slug, facets)
    ]
    if rows:
        await session.execute(sa.insert(Delivery), rows)
    if dialect == "postgresql":
        await session.execute(sa.select(sa.func.pg_notify(NOTIFY_CHANNEL, str(event_id))))
    EVENTS_WRITTEN.labels(event_type).inc()
    return event


def absolute_links(data: dict[str, Any], base_url: str) -> dict[str, Any]:
    """``data`` with its ``links`` (API paths) turned into absolute URLs."""
    links = data.get("links")
    if not isinstance(links, dict):
        return data
    base = base_url.rstrip("/")
    absolute = {
        k: (base + v if isinstance(v, str) and v.startswith("/") else v) for k, v in links.items()
    }
    return {**data, "links": absolute}


def envelope(event: ChangeEvent, base_url: str) -> dict[str, Any]:
    """The public form of an event: ``{"type", "timestamp", "data"}`` (Standard Webhooks)."""
    return {
        "type": event.type,
        "timestamp": event.occurred_at.isoformat().replace("+00:00", "Z"),
        "data": absolute_links(event.data, base_url),
    }
