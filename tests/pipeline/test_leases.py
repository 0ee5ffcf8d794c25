"""Source leases: exactly one holder, expiry, paused and disabled sources."""

from __future__ import annotations

import asyncio
import datetime as dt

import sqlalchemy as sa

from ingest.leases import release_all, release_lease, renew_lease, take_lease
from models import Database, Source, utcnow


async def _source(db: Database, **fields: object) -> None:
    values: dict[str, object] = {
        "name": "fz", "adapter": "hanweb", "url": "https://a.gov.cn/", "dataset_slug": "fz",
    }  # fmt: skip
    values.update(fields)
    async with db.transaction() as session:
        session.add(Source(**values))


async def test_only_one_of_many_concurrent_takers_wins(database: Database) -> None:
    await _source(database)
    results = await asyncio.gather(
        *(take_lease(database, "fz", owner=f"p{i}", ttl=60) for i in range(8))
    )
    assert results.count(True) == 1


async def test_expired_lease_can_be_taken_over(database: Database) -> None:
    await _source(database)
    assert await take_lease(database, "fz", owner="dead", ttl=5)
    assert not await take_lease(database, "fz", owner="alive", ttl=5)
    later = utcnow() + dt.timedelta(seconds=6)
    assert await take_lease(database, "fz", owner="alive", ttl=5, now=later)
    assert not await renew_lease(database, "fz", owner="dead", ttl=5)


async def test_release_and_release_all(database: Database) -> None:
    await _source(database)
    assert await take_lease(database, "fz", owner="a", ttl=60)
    await release_lease(database, "fz", owner="someone-else")
    assert not await take_lease(database, "fz", owner="b", ttl=60)
    await release_all(database, owner="a")
    assert await take_lease(database, "fz", owner="b", ttl=60)


async def test_paused_and_disabled_sources_are_not_checked(database: Database) -> None:
    await _source(database, paused=True)
    await _source(database, name="gone", enabled=False)
    assert not await take_lease(database, "fz", owner="a", ttl=60)
    assert not await take_lease(database, "gone", owner="a", ttl=60)


async def test_recently_checked_source_is_skipped_by_scheduled_runs(database: Database) -> None:
    await _source(database, last_check_at=utcnow())
    half_interval_ago = utcnow() - dt.timedelta(seconds=900)
    assert not await take_lease(
        database, "fz", owner="a", ttl=60, not_checked_since=half_interval_ago
    )
    assert await take_lease(database, "fz", owner="a", ttl=60)  # "check now" ignores it
    async with database.session() as session:
        assert await session.scalar(sa.select(Source.lease_owner)) == "a"
