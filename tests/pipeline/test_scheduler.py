"""The ingest scheduler in-process: jobs, check-now requests, and losing a lease."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from api.control import DatabaseSourceControl
from ingest.fetch import Fetcher
from ingest.scheduler import IngestScheduler, SchedulerConfig
from models import Database, PublicationVersion, Source
from tests.fakesite.hanweb import SEED_ART, HanwebSite


async def test_lost_lease_abandons_the_check(
    database: Database, fetch: Fetcher, source: str, gov: HanwebSite
) -> None:
    doc = gov.docs[SEED_ART]
    gov.server.set(doc.path, gov.detail_html(doc), delay=2.0)
    scheduler = IngestScheduler(database, fetch, SchedulerConfig(owner="me", lease_seconds=3))
    check = asyncio.create_task(scheduler.check(source))
    while not gov.server.in_flight:
        await asyncio.sleep(0.02)
    async with database.transaction() as session:  # another process takes over
        await session.execute(sa.update(Source).values(lease_owner="someone-else"))
    assert await check is None
    async with database.session() as session:
        versions = await session.scalar(sa.select(sa.func.count()).select_from(PublicationVersion))
        owner = await session.scalar(sa.select(Source.lease_owner))
    assert versions == 0
    assert owner == "someone-else"  # our release never touches a lease we lost


async def test_check_now_requests_are_picked_up(
    database: Database, fetch: Fetcher, source: str
) -> None:
    scheduler = IngestScheduler(
        database,
        fetch,
        SchedulerConfig(owner="me", request_poll_seconds=0.2, first_run_delay_seconds=3600),
    )
    stop = asyncio.Event()
    running = asyncio.create_task(scheduler.run(stop, grace_seconds=5))
    try:
        await DatabaseSourceControl(database).check_now(source)
        for _ in range(150):
            async with database.session() as session:
                row = await session.scalar(sa.select(Source))
            if row is not None and row.last_check_at is not None and row.check_requested_at is None:
                break
            await asyncio.sleep(0.1)
        assert row is not None and row.health == "ok" and row.check_requested_at is None
        assert scheduler.status() == "ok"
        assert scheduler.next_run(source) is not None
    finally:
        stop.set()
        await running
    assert scheduler.status() == "not running"
