"""Reading the change feed: pages in commit order, the newest events, cursor checks.

    page = await read_page(db, after=START, feed_filter=FeedFilter(), limit=100)
    page.events        # ChangeEvent rows in (xact_id, id) order
    page.position      # where the next page starts (encode it as next_cursor)
    page.has_more      # more matching events may follow right away

Visibility. Events are sorted by ``(xact_id, id)``. On PostgreSQL a page only holds
events whose writing transaction is older than every writing transaction of this
database still running (see :mod:`api.changes.horizon`; it falls back to
``pg_snapshot_xmin(pg_current_snapshot())`` when other sessions are hidden from this
role): a transaction that got its id earlier but commits later cannot then land behind
a cursor that already moved on. On SQLite writers are serialized (``BEGIN IMMEDIATE``),
``xact_id`` is 0 and ids commit in order.

Filters. ``types`` and ``dataset`` are evaluated in SQL over a bounded window of the
next :data:`SCAN_WINDOW` visible events, so a rare filter never scans the whole table in
one request, and the cursor still moves past the events that did not match.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.changes.cursor import Position
from api.changes.filters import FeedFilter
from api.changes.horizon import visibility_horizon
from models import ChangeEvent, Database

#: Events looked at per SQL round trip when a filter is set.
SCAN_WINDOW = 1000
#: Events looked at per request at most; then the page ends with ``has_more``.
MAX_SCAN = 20 * SCAN_WINDOW

_POSITION = sa.tuple_(ChangeEvent.xact_id, ChangeEvent.id)
_ORDER = (ChangeEvent.xact_id, ChangeEvent.id)


class Page(NamedTuple):
    events: list[ChangeEvent]
    position: Position
    has_more: bool


def _filter_clause(feed_filter: FeedFilter) -> sa.ColumnElement[bool] | None:
    clauses: list[sa.ColumnElement[bool]] = [ChangeEvent.type.in_(feed_filter.event_types)]
    if feed_filter.dataset is not None:
        # data->>'dataset' on PostgreSQL, json_extract on SQLite: the slug lives in the
        # payload (not every event has a dataset_id), so that is what the filter reads.
        clauses.append(ChangeEvent.data["dataset"].as_string() == feed_filter.dataset)
    token = feed_filter.facet_token
    if token is not None:
        clauses.append(ChangeEvent.facets.contains(f" {token} ", autoescape=True))
    if not clauses:
        return None
    return sa.and_(*clauses)


def bigint_literal(value: int) -> sa.BindParameter[int]:
    # Typed so PostgreSQL compares as bigint whatever the size of the value.
    return sa.literal(value, sa.BigInteger())


def _after(position: Position, horizon: int | None) -> list[sa.ColumnElement[bool]]:
    start = sa.tuple_(bigint_literal(position.xact_id), bigint_literal(position.id))
    where = [start < _POSITION]
    if horizon is not None:
        where.append(ChangeEvent.xact_id < horizon)
    return where


def position_of(event: ChangeEvent) -> Position:
    return Position(event.xact_id, event.id)


async def read_page(db: Database, *, after: Position, feed_filter: FeedFilter, limit: int) -> Page:
    """Up to ``limit`` visible events after ``after`` that match ``feed_filter``."""
    async with db.session() as session:
        horizon = None if db.is_sqlite else await visibility_horizon(session)
        clause = _filter_clause(feed_filter)
        if clause is None:
            return await _read_unfiltered(session, after, horizon, limit)
        return await _read_filtered(session, after, horizon, limit, clause)


async def _read_unfiltered(
    session: AsyncSession, after: Position, horizon: int | None, limit: int
) -> Page:
    query = sa.select(ChangeEvent).where(*_after(after, horizon)).order_by(*_ORDER)
    rows = list((await session.scalars(query.limit(limit + 1))).all())
    has_more = len(rows) > limit
    events = rows[:limit]
    return Page(events, position_of(events[-1]) if events else after, has_more)


async def _read_filtered(
    session: AsyncSession,
    after: Position,
    horizon: int | None,
    limit: int,
    clause: sa.ColumnElement[bool],
) -> Page:
    position = after
    scanned = 0
    hits: list[Position] = []
    window_full = True
    # Narrow rows (position and whether it matches) window by window; full rows are
    # loaded only for the hits.
    while window_full and not hits and scanned < MAX_SCAN:
        query = (
            sa.select(ChangeEvent.xact_id, ChangeEvent.id, sa.case((clause, 1), else_=0))
            .where(*_after(position, horizon))
            .order_by(*_ORDER)
            .limit(SCAN_WINDOW)
        )
        window = (await session.execute(query)).all()
        scanned += len(window)
        window_full = len(window) == SCAN_WINDOW
        for row in window:
            here = Position(int(row[0]), int(row[1]))
            if row[2]:
                if len(hits) == limit:
                    # A further hit in this window: the page is full and ends at the
                    # last hit taken, so nothing after it is skipped.
                    return Page(await _load(session, hits), hits[-1], True)
                hits.append(here)
            position = here
    # Every event up to the end of the window was looked at: the cursor moves there.
    return Page(await _load(session, hits), position, window_full)


async def _load(session: AsyncSession, hits: list[Position]) -> list[ChangeEvent]:
    if not hits:
        return []
    ids = [p.id for p in hits]
    query = sa.select(ChangeEvent).where(ChangeEvent.id.in_(ids)).order_by(*_ORDER)
    return list((await session.scalars(query)).all())


async def read_latest(db: Database, *, feed_filter: FeedFilter, limit: int) -> list[ChangeEvent]:
    """The newest ``limit`` matching events, newest first (for Atom)."""
    async with db.session() as session:
        query = sa.select(ChangeEvent).order_by(ChangeEvent.xact_id.desc(), ChangeEvent.id.desc())
        clause = _filter_clause(feed_filter)
        if clause is not None:
            query = query.where(clause)
        return list((await session.scalars(query.limit(limit))).all())


async def event_exists(db: Database, position: Position) -> bool:
    async with db.session() as session:
        found: Any = await session.scalar(
            sa.select(ChangeEvent.id).where(
                ChangeEvent.id == position.id, ChangeEvent.xact_id == position.xact_id
            )
        )
        return found is not None
