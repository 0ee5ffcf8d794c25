"""Process wiring: which roles run in this process and how they start and stop.

SIGTERM or SIGINT sets one stop event; every role watches it, finishes what is in
flight within the grace period, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator

import uvicorn

from api.app import create_app
from api.config import ApiConfig
from gongkai.settings import Settings
from models import Database
from models.migrations import upgrade

log = logging.getLogger("gongkai")


def api_config(settings: Settings, roles: tuple[str, ...]) -> ApiConfig:
    return ApiConfig(
        base_url=settings.base_url,
        require_key_for_reads=settings.require_key_for_reads,
        rate_limit_per_minute=settings.rate_limit_per_minute,
        change_retention_days=settings.change_retention_days,
        webhook_allowed_networks=settings.webhook_allowed_networks,
        roles=roles,
    )


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The process owns the signals (see install_stop_handlers); uvicorn would
        # re-raise them after shutdown and turn a clean stop into exit status -15.
        yield


def install_stop_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


async def serve(settings: Settings) -> int:
    """``gongkai serve``: migrate, then run the API until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    install_stop_handlers(stop)
    db = Database(settings.database_url)
    await db.ping()
    await upgrade(db)
    app = create_app(db, api_config(settings, ("api",)))
    server = _Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
        )
    )
    log.info("serving", extra={"url": f"http://{settings.host}:{settings.port}"})
    serving = asyncio.create_task(server.serve())
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        server.should_exit = True
        await serving
    finally:
        stopping.cancel()
        await db.dispose()
    log.info("stopped")
    return 0
