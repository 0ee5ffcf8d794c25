"""Source leases: one check of a source at a time, across any number of processes.

APScheduler 3 knows nothing of other schedulers, so a check first takes a lease with an
atomic conditional UPDATE (it succeeds in exactly one process), keeps it fresh while it
works, and releases it at the end. A process that dies leaves a lease that simply
expires, and the next scheduler to look takes over::

    if await take_lease(db, "fuzhou", owner="host:pid", ttl=120):
        try: ...
        finally: await release_lease(db, "fuzhou", owner="host:pid")
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import Database, Source, utcnow


async def take_lease(
    db: Database,
    name: str,
    *,
    owner: str,
    ttl: float,
    not_checked_since: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Take the lease on source ``name``; False when another process holds it, the source
    is paused or disabled (removed from the sources file, or a sample), or (with
    ``not_checked_since``) it was checked after that time."""
    now = now or utcnow()
    conditions = [
        Source.name == name,
        Source.enabled.is_(True),
        Source.paused.is_(False),
        sa.or_(
            Source.lease_owner.is_(None),
            Source.lease_expires_at < now,
            Source.lease_owner == owner,
        ),
    ]
    if not_checked_since is not None:
        conditions.append(
            sa.or_(Source.last_check_at.is_(None), Source.last_check_at < not_checked_since)
        )
    async with db.transaction() as session:
        result = await session.execute(
            sa.update(Source)
            .where(*conditions)
            .values(lease_owner=owner, lease_expires_at=now + dt.timedelta(seconds=ttl))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


async def renew_lease(db: Database, name: str, *, owner: str, ttl: float) -> bool:
    async with db.transaction() as session:
        result = await session.execute(
            sa.update(Source)
            .where(Source.name == name, Source.lease_owner == owner)
            .values(lease_expires_at=utcnow() + dt.timedelta(seconds=ttl))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


async def release_lease(db: Database, name: str, *, owner: str) -> None:
    async with db.transaction() as session:
        await session.execute(
            sa.update(Source)
            .where(Source.name == name, Source.lease_owner == owner)
            .values(lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )


async def release_all(db: Database, *, owner: str) -> None:
    """Give back every lease ``owner`` holds (on shutdown)."""
    async with db.transaction() as session:
        await session.execute(
            sa.update(Source)
            .where(Source.lease_owner == owner)
            .values(lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )
