"""The ingest scheduler: one APScheduler job per enabled source, guarded by leases.

    scheduler = IngestScheduler(db, fetch, SchedulerConfig(owner="host:1234"))
    await scheduler.run(stop_event)          # until stop_event is set

Jobs use the source's interval (or cron) with jitter, ``coalesce``, ``max_instances=1``
and a generous misfire grace time. Every run first takes the source's lease
(``ingest.leases``), so with several scheduler processes on one PostgreSQL database a
source is never checked twice at once, and a scheduled run is skipped when another
process checked the source within the last half interval. "Check now" requests are rows
(``source.check_requested_at``) that any scheduler picks up within a few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
import sqlalchemy as sa
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from ingest.check import CheckReport, check_source
from ingest.fetch.types import Fetch
from ingest.leases import release_all, release_lease, renew_lease, take_lease
from models import Database, Source, utcnow

log = logging.getLogger("gongkai.scheduler")


class SchedulerConfig(msgspec.Struct, frozen=True, kw_only=True):
    owner: str
    """Who holds leases: unique per process (host:pid)."""
    lease_seconds: float = 300.0
    request_poll_seconds: float = 3.0
    first_run_delay_seconds: float = 2.0
    max_jitter_seconds: float = 60.0
    misfire_grace_seconds: int = 3600


class IngestScheduler:
    def __init__(
        self,
        db: Database,
        fetch: Fetch,
        config: SchedulerConfig,
        *,
        on_report: Callable[[CheckReport], None] | None = None,
    ) -> None:
        self.db = db
        self.fetch = fetch
        self.config = config
        self.on_report = on_report
        self._scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._running: set[asyncio.Task[Any]] = set()
        self._intervals: dict[str, int | None] = {}
        self._started = False

    # --- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        async with self.db.session() as session:
            sources = (
                await session.scalars(sa.select(Source).where(Source.enabled.is_(True)))
            ).all()
        first = utcnow() + dt.timedelta(seconds=self.config.first_run_delay_seconds)
        for source in sources:
            trigger = self._trigger(source)
            if trigger is None:
                continue
            self._intervals[source.name] = source.interval_seconds
            self._scheduler.add_job(
                self._scheduled,
                trigger,
                args=[source.name],
                id=f"source:{source.name}",
                name=f"check {source.name}",
                coalesce=True,
                max_instances=1,
                misfire_grace_time=self.config.misfire_grace_seconds,
                next_run_time=first,
            )
        self._scheduler.add_job(
            self._poll_requests,
            IntervalTrigger(seconds=self.config.request_poll_seconds),
            id="check-requests",
            coalesce=True,
            max_instances=1,
        )
        self._scheduler.start()
        self._started = True
        log.info("scheduler started", extra={"sources": sorted(self._intervals)})

    def _trigger(self, source: Source) -> IntervalTrigger | CronTrigger | None:
        if source.cron:
            return (
                CronTrigger.from_crontab(source.cron, timezone=dt.UTC)
                if self.config.max_jitter_seconds == 0
                else _cron_with_jitter(source.cron, int(self.config.max_jitter_seconds))
            )
        if source.interval_seconds:
            jitter = min(self.config.max_jitter_seconds, source.interval_seconds * 0.1)
            return IntervalTrigger(seconds=source.interval_seconds, jitter=int(jitter) or None)
        return None

    def add_periodic(
        self, job_id: str, func: Callable[[], Awaitable[object]], *, seconds: float
    ) -> None:
        """Run ``func`` every ``seconds`` (housekeeping such as pruning old events);
        add before :meth:`start`. Failures are logged, never fatal."""

        async def guarded() -> None:
            try:
                await func()
            except Exception:
                log.exception("periodic job failed", extra={"job": job_id})

        self._scheduler.add_job(
            guarded,
            IntervalTrigger(seconds=seconds),
            id=job_id,
            coalesce=True,
            max_instances=1,
            next_run_time=utcnow() + dt.timedelta(seconds=self.config.first_run_delay_seconds),
        )

    async def stop(self, grace_seconds: float = 20.0) -> None:
        """Take no new work, let running checks finish within the grace, release leases."""
        if self._started:
            self._scheduler.shutdown(wait=False)
            self._started = False
        if self._running:
            _done, pending = await asyncio.wait(self._running, timeout=grace_seconds)
            for task in pending:
                task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.gather(*pending, return_exceptions=True)
        await release_all(self.db, owner=self.config.owner)
        log.info("scheduler stopped")

    async def run(self, stop: asyncio.Event, grace_seconds: float = 20.0) -> None:
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop(grace_seconds)

    def status(self) -> str:
        return "ok" if self._started and self._scheduler.running else "not running"

    def next_run(self, name: str) -> str | None:
        job = self._scheduler.get_job(f"source:{name}") if self._started else None
        when = job.next_run_time if job is not None else None
        return when.astimezone(dt.UTC).isoformat() if when else None

    # --- checks ----------------------------------------------------------------------

    async def _scheduled(self, name: str) -> None:
        interval = self._intervals.get(name)
        since = utcnow() - dt.timedelta(seconds=interval / 2) if interval else None
        await self._tracked(self.check(name, not_checked_since=since))

    async def _poll_requests(self) -> None:
        async with self.db.session() as session:
            names = (
                await session.scalars(
                    sa.select(Source.name).where(Source.check_requested_at.is_not(None))
                )
            ).all()
        for name in names:
            await self._tracked(self.check(name, requested=True))

    async def _tracked(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._running.add(task)
        try:
            await task
        finally:
            self._running.discard(task)

    async def check(
        self,
        name: str,
        *,
        not_checked_since: dt.datetime | None = None,
        requested: bool = False,
    ) -> CheckReport | None:
        """Check ``name`` if its lease can be had; None when another process has it."""
        owner = self.config.owner
        started = utcnow()
        ttl = self.config.lease_seconds
        if not await take_lease(
            self.db, name, owner=owner, ttl=ttl, not_checked_since=not_checked_since
        ):
            return None
        work = asyncio.create_task(check_source(self.db, name, self.fetch))
        keeper = asyncio.create_task(self._keep_lease(name, work))
        try:
            report = await work
            log.info(report.summary(), extra={"source": name})
            if self.on_report is not None:
                self.on_report(report)
            return report
        except asyncio.CancelledError:
            if not keeper.done():  # cancelled from outside (shutdown): pass it on
                raise
            log.warning("lease lost; check abandoned", extra={"source": name})
            return None
        except Exception:
            log.exception("check failed", extra={"source": name})
            return None
        finally:
            keeper.cancel()
            await self._after_check(name, started, requested)
            await release_lease(self.db, name, owner=owner)

    async def _keep_lease(self, name: str, work: asyncio.Task[CheckReport]) -> None:
        """Renew the lease while ``work`` runs; if it was lost (this process stalled past
        its expiry and another took over), stop the check: one fetcher per source, always.
        An abandoned check leaves nothing behind, since every version is one transaction."""
        ttl = self.config.lease_seconds
        while True:
            await asyncio.sleep(ttl / 4)
            if not await renew_lease(self.db, name, owner=self.config.owner, ttl=ttl):
                work.cancel()
                return

    async def _after_check(self, name: str, started: dt.datetime, requested: bool) -> None:
        next_run = self.next_run(name)
        values: dict[str, Any] = {
            "next_run_at": dt.datetime.fromisoformat(next_run) if next_run else None
        }
        async with self.db.transaction() as session:
            query = sa.update(Source).where(Source.name == name)
            await session.execute(query.values(**values))
            # A request made while this check ran stays for the next poll.
            await session.execute(
                sa.update(Source)
                .where(Source.name == name, Source.check_requested_at <= started)
                .values(check_requested_at=None)
            )


def _cron_with_jitter(expression: str, jitter: int) -> CronTrigger:
    fields = expression.split()
    minute, hour, day, month, day_of_week = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=day_of_week,
        jitter=jitter or None,
        timezone=dt.UTC,
    )
