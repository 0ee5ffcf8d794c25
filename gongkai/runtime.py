"""Process wiring: which roles run in this process, and how they start and stop.

``gongkai serve`` runs every role in one process on the embedded SQLite default;
``gongkai api``, ``gongkai scheduler`` and ``gongkai worker`` run one role each, for
PostgreSQL deployments over several processes and machines.

SIGTERM or SIGINT sets one stop event: the API stops accepting connections, the
scheduler takes no new checks and the worker no new deliveries; in-flight work gets
``shutdown_grace_seconds``; leases and claims are released; the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
import socket
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn

from api.app import create_app
from api.config import ApiConfig
from gongkai.connlimits import bounded_protocol
from gongkai.settings import Settings, default_export_cache_dir, describe_database
from models import Database
from models.migrations import upgrade

log = logging.getLogger("gongkai")

SAMPLE_PAGE = Path(__file__).resolve().parent / "data" / "sample" / "fuzhou-2024-work-report.html"
SAMPLE_URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"


@dataclasses.dataclass(frozen=True)
class Roles:
    api: bool = False
    scheduler: bool = False
    worker: bool = False

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in ("api", "scheduler", "worker") if getattr(self, n))


ALL_ROLES = Roles(api=True, scheduler=True, worker=True)


def api_config(settings: Settings, roles: tuple[str, ...]) -> ApiConfig:
    return ApiConfig(
        base_url=settings.base_url,
        feed_tag_authority=settings.feed_tag_authority,
        contact_email=settings.contact_email,
        require_key_for_reads=settings.require_key_for_reads,
        rate_limit_per_minute=settings.rate_limit_per_minute,
        change_retention_days=settings.change_retention_days,
        webhook_allowed_networks=settings.webhook_allowed_networks,
        roles=roles,
        export_cache_dir=settings.export_cache_dir or str(default_export_cache_dir()),
        export_cache_bytes=settings.export_cache_mb * 1024 * 1024,
    )


def process_id() -> str:
    """Who holds leases and claims: unique per process."""
    return f"{socket.gethostname()}:{os.getpid()}"


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The process owns the signals (install_stop_handlers); uvicorn would re-raise
        # them after shutdown and turn a clean stop into exit status -15.
        yield


def install_stop_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


async def import_sample_if_empty(db: Database) -> bool:
    """First start on an empty database: import the bundled sample page as source
    ``sample`` (marked as sample data), so a newcomer sees data offline at once."""
    from sqlalchemy.exc import IntegrityError

    from ingest.register import PageOrigin, has_any_publication, import_page

    if await has_any_publication(db):
        return False
    origin = PageOrigin(url=SAMPLE_URL, area="抚州市", area_code="361000", sample=True)
    try:
        outcome = await import_page(db, SAMPLE_PAGE.read_bytes(), origin)
    except IntegrityError:
        # another process starting at the same moment imported it; its copy stands
        return False
    log.info(
        "imported the bundled sample",
        extra={"publication": outcome.publication_id, "datasets": outcome.dataset_versions},
    )
    return True


async def prepare(settings: Settings, *, migrate: bool = True) -> Database:
    db = Database(settings.database_url, pool_size=settings.database_pool_size)
    await db.ping()
    if migrate:
        await upgrade(db)
    return db


async def run_roles(
    settings: Settings,
    roles: Roles,
    *,
    load_sample: bool,
    listener: socket.socket | None = None,
) -> int:
    """Run ``roles`` until SIGTERM/SIGINT; 0 on a clean stop, 1 when a role crashed.

    ``listener`` is the API's socket, already bound by the CLI (so a busy port fails
    before anything starts); without it uvicorn binds ``settings.host:port`` itself.
    """
    # The first line says which data this process works on: a wrong folder or a missing
    # GONGKAI_DATABASE_URL should be obvious before anything else happens.
    log.info(
        "starting %s on database %s",
        "+".join(roles.names()),
        describe_database(settings.database_url),
    )
    stop = asyncio.Event()
    install_stop_handlers(stop)
    db = await prepare(settings)
    owner = process_id()
    grace = settings.shutdown_grace_seconds
    jobs: dict[str, Awaitable[Any]] = {}
    probes: dict[str, Callable[[], str]] = {}
    closers: list[Callable[[], Awaitable[None]]] = []
    scheduler = None
    try:
        if roles.scheduler:
            from ingest.check import DatabaseValidators
            from ingest.fetch import Fetcher, FetcherConfig
            from ingest.metrics import instrument, record_report
            from ingest.register import register_sources
            from ingest.scheduler import IngestScheduler, SchedulerConfig
            from ingest.sources import load_sources_file

            await register_sources(db, load_sources_file(settings.sources_file))
            fetcher = Fetcher(
                FetcherConfig(
                    user_agent=settings.user_agent,
                    min_delay_seconds=settings.fetch_min_delay,
                    respect_robots=settings.respect_robots,
                ),
                state=DatabaseValidators(db),
            )
            closers.append(fetcher.aclose)
            scheduler = IngestScheduler(
                db,
                instrument(fetcher),
                SchedulerConfig(owner=owner, lease_seconds=settings.scheduler_lease_seconds),
                on_report=record_report,
            )
            retention_days = settings.change_retention_days

            async def prune() -> None:
                from api.changes import prune_events

                removed = await prune_events(db, older_than_days=retention_days)
                if removed:
                    log.info("pruned old change events", extra={"removed": removed})

            scheduler.add_periodic("prune-change-events", prune, seconds=6 * 3600)
            jobs["scheduler"] = scheduler.run(stop, grace)
            probes["scheduler"] = scheduler.status
        if load_sample and settings.load_sample:
            await import_sample_if_empty(db)
        if roles.worker:
            from notify import DeliveryWorker, WorkerConfig

            worker = DeliveryWorker(
                db,
                WorkerConfig(
                    base_url=settings.base_url,
                    allowed_networks=settings.webhook_allowed_networks,
                ),
                worker_id=owner,
            )
            jobs["worker"] = worker.run(stop, grace)
            probes["worker"] = worker.status
        if roles.api:
            from api.control import DatabaseSourceControl

            app = create_app(
                db,
                api_config(settings, roles.names()),
                source_control=DatabaseSourceControl(
                    db, next_run=scheduler.next_run if scheduler is not None else None
                ),
                readiness_probes=probes,
            )
            server = _Server(
                uvicorn.Config(
                    app,
                    host=settings.host,
                    port=settings.port,
                    log_config=None,
                    access_log=False,
                    lifespan="on",
                    timeout_graceful_shutdown=int(grace),
                    http=bounded_protocol(
                        receive_timeout=settings.request_receive_timeout,
                        max_per_address=settings.max_connections_per_address,
                    ),
                )
            )

            async def serve_api() -> None:
                await server.serve(sockets=[listener] if listener is not None else None)
                if not stop.is_set() and not server.started:
                    raise RuntimeError(
                        f"the API could not listen on {settings.host}:{settings.port}"
                    )

            async def stop_api() -> None:
                from api.changes import close_change_waiter

                await stop.wait()
                # End long-polls and SSE streams now: uvicorn waits for open connections
                # before it runs the app's own shutdown hooks.
                await close_change_waiter(app)
                server.should_exit = True

            jobs["api"] = serve_api()
            jobs["api-stopper"] = stop_api()
        log.info("started", extra={"roles": list(roles.names()), "owner": owner})
        if roles.api:
            # uvicorn does not announce a socket it was handed: say where to go
            host = f"[{settings.host}]" if ":" in settings.host else settings.host
            log.info("API at http://%s:%d/ (documentation at /docs)", host, settings.port)
        return await _supervise(jobs, stop)
    finally:
        for close in closers:
            await close()
        await db.dispose()
        log.info("stopped", extra={"owner": owner})


async def _supervise(jobs: dict[str, Awaitable[Any]], stop: asyncio.Event) -> int:
    """Run the roles; if one fails, stop the others and report failure."""
    tasks = {asyncio.ensure_future(job): name for name, job in jobs.items()}
    failed = False
    pending = set(tasks)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task.cancelled():
                continue
            exc = task.exception()
            if exc is not None:
                failed = True
                log.error("%s stopped with an error: %s", tasks[task], exc, exc_info=exc)
            if not stop.is_set():
                stop.set()
    return 1 if failed else 0
