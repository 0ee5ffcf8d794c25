"""Which delivery workers are alive, on PostgreSQL: a claim counts only while its
worker's database session lives.

A claim (``claimed_by`` + ``claim_expires_at``) outlives a crashed worker by its whole
lease, and meanwhile counts against its endpoint's in-flight limit: next to a worker
killed every few seconds, endpoints stay "full" of dead claims and healthy workers idle.
So each worker holds a session-level advisory lock, keyed by its id, on a connection of
its own for as long as it runs::

    liveness = Liveness(db, "host:1234:ab12cd")
    await liveness.ensure()                       # before each claim; reconnects if dropped
    await release_dead_claims(db, now)            # claims of workers without a lock: due
    await liveness.aclose()

When the process dies, PostgreSQL ends its session and the lock goes with it, at once
(no heartbeat to wait out). :func:`release_dead_claims` reads ``pg_locks`` and gives
back the claims of every worker whose lock is gone, so they stop counting and are due
again. A worker that briefly lost its lock connection may see its claims taken over:
that costs a duplicate attempt with the same ``webhook-id`` (at-least-once), never a
lost delivery. SQLite has one worker and no sessions to watch: nothing to do there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import zlib
from typing import Any

import sqlalchemy as sa

from models import Database, Delivery
from notify.queue import pending

log = logging.getLogger("gongkai.notify")

#: The first key of the two-key advisory lock form ("gk"): other users of advisory
#: locks in the same database pick other namespaces.
NAMESPACE = 0x676B


def lock_key(worker_id: str) -> int:
    """The advisory lock key of ``worker_id`` (31 bits, so it fits the ``oid`` column)."""
    return zlib.crc32(worker_id.encode()) & 0x7FFFFFFF


class Liveness:
    """Holds ``worker_id``'s advisory lock on a dedicated connection (PostgreSQL only)."""

    def __init__(self, db: Database, worker_id: str) -> None:
        self.db = db
        self.key = lock_key(worker_id)
        self._conn: Any = None

    async def ensure(self) -> None:
        """Hold the lock, (re)connecting when needed. Raises ``OSError`` or asyncpg's
        errors when the database is unreachable: the caller then claims nothing."""
        if self.db.is_sqlite or (self._conn is not None and not self._conn.is_closed()):
            return
        import asyncpg  # type: ignore[import-untyped]

        dsn = self.db.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            conn = await asyncpg.connect(dsn)
        except asyncpg.PostgresError as exc:  # the worker's loop handles OSError
            raise OSError(f"liveness connection: {exc}") from exc
        try:
            held = await conn.fetchval("SELECT pg_try_advisory_lock($1, $2)", NAMESPACE, self.key)
        except asyncpg.PostgresError as exc:
            await conn.close()
            raise OSError(f"liveness lock: {exc}") from exc
        if not held:
            # Another live worker has the same key (a crc32 collision, or the same
            # explicit id twice): its lock vouches for our claims as long as it lives.
            log.warning("liveness lock %s is held by another worker", self.key)
        self._conn = conn

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close(timeout=2)


async def live_keys(db: Database) -> set[int]:
    """The lock keys of every worker whose session is alive, in this database (advisory
    locks are cluster-wide: workers of other databases neither vouch nor count)."""
    rows = await db.read(
        sa.text(
            "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' "
            "AND classid = :ns AND objsubid = 2 AND granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"ns": NAMESPACE},
    )
    return {int(row[0]) for row in rows}


async def release_dead_claims(db: Database, now: dt.datetime) -> int:
    """Give back the unexpired claims of workers whose session has ended; returns how
    many. A no-op on SQLite."""
    if db.is_sqlite:
        return 0
    # The claims in flight, by the pending-claims index: few, whatever the queue's depth.
    claimed = pending() & (Delivery.claim_expires_at > now)
    # Reads on an autocommit connection (no BEGIN, ROLLBACK or ping): this runs often.
    claimers = [
        row[0] for row in await db.read(sa.select(Delivery.claimed_by).where(claimed).distinct())
    ]
    if not claimers:
        return 0
    # Read the locks after the claimers: a worker that claimed just now holds its lock
    # already (it takes it before claiming), so it cannot look dead.
    live = await live_keys(db)
    dead = [c for c in claimers if c is not None and lock_key(c) not in live]
    if not dead:
        return 0
    async with db.transaction() as session:
        # Lock the rows with SKIP LOCKED first: a claimer holding some of them right now
        # is left alone, and two workers releasing the same claims never deadlock.
        ids = list(
            await session.scalars(
                sa.select(Delivery.id)
                .where(claimed, Delivery.claimed_by.in_(dead))
                .order_by(Delivery.id)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            await session.execute(
                sa.update(Delivery)
                .where(Delivery.id.in_(ids), Delivery.claimed_by.in_(dead))
                .values(claimed_by=None, claim_expires_at=None)
                .execution_options(synchronize_session=False)
            )
    if ids:
        log.info("released %d claims of %d dead workers", len(ids), len(dead))
    return len(ids)
