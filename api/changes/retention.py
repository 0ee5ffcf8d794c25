"""Pruning old events (the scheduler calls this once a day or so)::

    removed = await prune_events(db, older_than_days=config.change_retention_days)

What goes: a prefix of the feed, in ``(xact_id, id)`` order, of events older than the
cutoff. The prefix ends before the first event that must stay:

- an event newer than the cutoff;
- an event with a webhook delivery not finished yet (``delivery.completed_at`` unset):
  deliveries cascade with their event, so pruning it would silently drop a pending
  delivery. A delivery stuck for a long time therefore holds back pruning of everything
  after it; that is deliberate (the worker gives up on a delivery after its retry
  schedule and then sets ``completed_at``);
- the newest event, always: SQLite reuses the highest id once it is deleted, and a
  reused id would hide new events from cursors that had already passed it.

Removing only a prefix keeps one invariant the 410 check relies on: while the event a
cursor names still exists, nothing after it has been pruned.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.changes.cursor import Position
from api.changes.service import bigint_literal
from models import ChangeEvent, Database, Delivery, utcnow

#: Rows deleted per statement, so a first prune of a big table does not hold one huge
#: transaction (and, on SQLite, the write lock) for long.
PRUNE_BATCH = 5000

_POSITION = sa.tuple_(ChangeEvent.xact_id, ChangeEvent.id)
_ASC = (ChangeEvent.xact_id, ChangeEvent.id)
_DESC = (ChangeEvent.xact_id.desc(), ChangeEvent.id.desc())


async def _first(session: AsyncSession, query: Any) -> Position | None:
    # ``query`` is a two-column Select; its generic form differs between SQLAlchemy
    # 2.0 and 2.1, hence Any.
    row = (await session.execute(query.limit(1))).first()
    return Position(int(row[0]), int(row[1])) if row is not None else None


async def prune_boundary(session: AsyncSession, cutoff: dt.datetime) -> Position | None:
    """The first event that must stay; everything before it may go (None: keep all)."""
    positions = sa.select(ChangeEvent.xact_id, ChangeEvent.id)
    keep = [
        await _first(session, positions.order_by(*_DESC)),
        await _first(session, positions.where(ChangeEvent.occurred_at >= cutoff).order_by(*_ASC)),
        await _first(
            session,
            positions.join(Delivery, Delivery.event_id == ChangeEvent.id)
            .where(Delivery.completed_at.is_(None))
            .order_by(*_ASC),
        ),
    ]
    found = [p for p in keep if p is not None]
    return min(found) if found else None


async def prune_events(db: Database, *, older_than_days: int) -> int:
    """Delete events older than ``older_than_days`` (see the module doc); returns the count."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be >= 0")
    cutoff = utcnow() - dt.timedelta(days=older_than_days)
    removed = 0
    while True:
        async with db.transaction() as session:
            boundary = await prune_boundary(session, cutoff)
            if boundary is None:
                return removed
            before = sa.tuple_(bigint_literal(boundary.xact_id), bigint_literal(boundary.id))
            batch = (
                sa.select(ChangeEvent.id)
                .where(before > _POSITION)
                .order_by(*_ASC)
                .limit(PRUNE_BATCH)
                .scalar_subquery()
            )
            result = await session.execute(sa.delete(ChangeEvent).where(ChangeEvent.id.in_(batch)))
            count = int(getattr(result, "rowcount", 0) or 0)
        removed += count
        if count < PRUNE_BATCH:
            return removed
