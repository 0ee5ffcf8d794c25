"""prune_events: drops an old prefix of the feed, never pending deliveries or the newest event."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import sqlalchemy as sa

from api.changes import prune_events
from api.changes.cursor import Position, encode_cursor
from models import ChangeEvent, Database, Delivery, Subscription, utcnow
from models.outbox import record_event
from tests.changes.conftest import add_event, settled

OLD = utcnow() - dt.timedelta(days=120)


async def _old_event(db: Database, title: str) -> ChangeEvent:
    async with db.transaction() as session:
        event = await record_event(
            session, "publication.created", {"title": title}, occurred_at=OLD
        )
    await settled(db)
    return event


async def _titles(db: Database) -> list[str]:
    async with db.session() as session:
        rows = await session.scalars(sa.select(ChangeEvent).order_by(ChangeEvent.id))
        return [row.data["title"] for row in rows]


async def test_prunes_old_events_but_keeps_recent_ones(database: Database):
    for n in range(3):
        await _old_event(database, f"old{n}")
    await add_event(database, title="new")
    assert await prune_events(database, older_than_days=90) == 3
    assert await _titles(database) == ["new"]
    assert await prune_events(database, older_than_days=90) == 0


async def test_keeps_the_newest_event_even_when_old(database: Database):
    for n in range(3):
        await _old_event(database, f"old{n}")
    assert await prune_events(database, older_than_days=90) == 2
    # SQLite would hand out the deleted highest id again; keeping it prevents that.
    assert await _titles(database) == ["old2"]


async def test_pending_delivery_holds_back_pruning(database: Database):
    async with database.transaction() as session:
        session.add(Subscription(id="sub_1", url="https://hook.test/", secret="whsec_x"))
    await _old_event(database, "old0")
    await _old_event(database, "old1-pending")
    await _old_event(database, "old2")
    await add_event(database, title="new")
    async with database.transaction() as session:
        events = {e.data["title"]: e.id for e in await session.scalars(sa.select(ChangeEvent))}
        await session.execute(
            sa.update(Delivery)
            .where(Delivery.event_id != events["old1-pending"])
            .values(status="delivered", completed_at=utcnow())
        )
    assert await prune_events(database, older_than_days=90) == 1
    assert await _titles(database) == ["old1-pending", "old2", "new"]
    async with database.session() as session:
        pending = await session.scalar(sa.select(sa.func.count()).select_from(Delivery))
    assert pending == 3  # the pruned event's finished delivery went with it


async def test_a_cursor_into_pruned_history_gets_410(database: Database, client: httpx.AsyncClient):
    first = await _old_event(database, "old0")
    await _old_event(database, "old1")
    await add_event(database, title="new")
    old_cursor = encode_cursor(
        Position(first.xact_id, first.id), issued_at=int(time.time()) - 100 * 86_400
    )
    assert (await client.get("/v1/changes", params={"after": old_cursor})).status_code == 200
    await prune_events(database, older_than_days=90)
    response = await client.get("/v1/changes", params={"after": old_cursor})
    assert response.status_code == 410
    # Starting over without a cursor works.
    fresh = (await client.get("/v1/changes")).json()
    assert [e["data"]["title"] for e in fresh["events"]] == ["new"]
