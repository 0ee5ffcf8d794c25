"""The outbox writer: deliveries per matching subscription, private webhook events, NULs."""

from __future__ import annotations

import sqlalchemy as sa

from models import ChangeEvent, Database, Delivery, Subscription
from models.outbox import record_event


async def _subscribe(db: Database, sid: str, **fields: object) -> None:
    async with db.transaction() as session:
        session.add(
            Subscription(id=sid, url=f"https://example.org/{sid}", secret="whsec_x", **fields)
        )


async def _targets(db: Database, event_id: int) -> set[str]:
    async with db.session() as session:
        rows = await session.scalars(
            sa.select(Delivery.subscription_id).where(Delivery.event_id == event_id)
        )
        return set(rows)


async def test_deliveries_follow_type_and_dataset_filters(database: Database) -> None:
    await _subscribe(database, "all")
    await _subscribe(database, "datasets-only", event_types=["dataset.updated"])
    await _subscribe(database, "other-dataset", datasets=["elsewhere"])
    await _subscribe(database, "off", enabled=False)
    async with database.transaction() as session:
        event = await record_event(session, "dataset.updated", {"dataset": "fz"}, dataset_slug="fz")
    assert await _targets(database, event.id) == {"all", "datasets-only"}


async def test_webhook_events_go_only_to_their_subscriber(database: Database) -> None:
    await _subscribe(database, "mine")
    await _subscribe(database, "theirs")
    async with database.transaction() as session:
        ping = await record_event(session, "webhook.ping", {}, only_subscription="mine")
        orphan = await record_event(session, "webhook.disabled", {"subscription_id": "x"})
    assert await _targets(database, ping.id) == {"mine"}
    assert await _targets(database, orphan.id) == set()


async def test_nul_characters_are_dropped(database: Database) -> None:
    async with database.transaction() as session:
        await record_event(
            session, "publication.created", {"title": "报\x00告", "dataset": "d\x00"}
        )
    async with database.session() as session:
        stored = await session.scalar(sa.select(ChangeEvent))
        found = await session.scalar(
            sa.select(sa.func.count())
            .select_from(ChangeEvent)
            .where(ChangeEvent.data["dataset"].as_string() == "d")
        )
    assert stored is not None and stored.data["title"] == "报告"
    assert found == 1
