"""The PostgreSQL visibility horizon: the xact_id below which no event can still appear.

An event row carries its transaction's id (``xact_id``). A reader that returns an event
with ``xact_id = Y`` and moves its cursor there must never later meet an event with a
smaller ``xact_id``: so it only returns events of transactions below every transaction
that is still running *and could write events*, i.e. every writing transaction in this
database::

    horizon = await visibility_horizon(session)   # None on SQLite
    ... WHERE xact_id < :horizon ...

How. First the snapshot (``pg_current_snapshot()``): any transaction that gets an id
after it has an id >= its ``xmax``. Then the transactions of this database that hold an
id (``pg_stat_activity.backend_xid``, plus prepared transactions): the horizon is the
smallest of those ids and ``xmax``. Transactions of other databases on the same server
do not hold the feed back.

Fallback. When this role cannot see another session's ``backend_xid`` (no
``pg_read_all_stats`` and another role is connected to the database) the horizon is the
server-wide ``pg_snapshot_xmin``: always safe, but any writing transaction anywhere on
the server then delays the feed.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

_SNAPSHOT = sa.text(
    "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
    " FROM pg_current_snapshot() AS s"
)
# backend_xid is NULL for sessions without an id; for sessions this role may not inspect
# it is NULL as well and the query column says so.
_RUNNING = sa.text(
    "SELECT backend_xid::text::bigint, query = '<insufficient privilege>'"
    " FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    " UNION ALL"
    " SELECT transaction::text::bigint, false FROM pg_prepared_xacts"
    " WHERE database = current_database()"
)
_EPOCH = 1 << 32
_HALF = 1 << 31


def widen_xid(xid32: int, xmax: int) -> int | None:
    """The 64-bit id of a 32-bit ``xid`` seen after a snapshot whose ``xmax`` is given.

    Running ids lie within 2**31 below ``xmax`` (PostgreSQL's wraparound limit). An id
    at or above ``xmax`` was handed out after the snapshot: it returns None (such a
    transaction can only write events above the horizon anyway).
    """
    candidate = (xmax - xmax % _EPOCH) + xid32
    if candidate >= xmax:
        if candidate - xmax < _HALF:
            return None
        candidate -= _EPOCH
    return candidate


async def visibility_horizon(session: AsyncSession) -> int:
    """Events with ``xact_id`` below the returned value are final (PostgreSQL only).

    Two statements in one transaction, snapshot first: pg_stat_activity is read after
    it, so an id handed out in between is >= xmax and cannot lower the horizon wrongly.
    """
    snapshot = (await session.execute(_SNAPSHOT)).one()
    xmin, xmax = int(snapshot[0]), int(snapshot[1])
    horizon = xmax
    for row in (await session.execute(_RUNNING)).all():
        xid32: int | None = row[0]
        if row[1]:
            return xmin
        if xid32 is None:
            continue
        full = widen_xid(xid32, xmax)
        if full is not None and full < horizon:
            horizon = full
    return horizon
