"""Fixtures for the change-feed tests: the app on the test database served by a real
uvicorn server on loopback inside the test's event loop (Litestar's AsyncTestClient runs
the app on another loop, which asyncpg connections cannot cross), and an event writer."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from litestar import Litestar

from api.app import create_app
from api.changes import close_change_waiter
from api.changes.horizon import visibility_horizon
from api.changes.sse import HEARTBEAT_STATE_KEY
from api.config import ApiConfig
from models import ChangeEvent, Database
from models.outbox import record_event
from tests.helpers import free_port

BASE_URL = "https://gongkai.test"
SETTLE_SECONDS = 15.0


async def add_event(
    db: Database, event_type: str = "publication.created", *, settle: bool = True, **data: Any
) -> ChangeEvent:
    """Record one event in its own committed transaction (and wait until it is visible)."""
    async with db.transaction() as session:
        event = await record_event(session, event_type, data or {"title": "t"})
    if settle:
        await settled(db)
    return event


async def settled(db: Database) -> None:
    """Wait until every committed event is visible to feed readers (PostgreSQL).

    The feed holds events back while an older writing transaction of the database is
    open; tests that assert exact pages wait for the horizon instead of racing it.
    """
    if db.is_sqlite:
        return
    async with asyncio.timeout(SETTLE_SECONDS):
        while True:
            async with db.session() as session:
                horizon = await visibility_horizon(session)
                newest = await session.scalar(sa.select(sa.func.max(ChangeEvent.xact_id)))
            if newest is None or newest < horizon:
                return
            await asyncio.sleep(0.02)


def build_app(db: Database, **config: Any) -> Litestar:
    config.setdefault("rate_limit_per_minute", 1_000_000)
    app = create_app(db, ApiConfig(base_url=BASE_URL, **config))
    # The process wiring adds this hook in create_app; until then the tests add it.
    if close_change_waiter not in app.on_shutdown:
        app.on_shutdown.append(close_change_waiter)
    app.state[HEARTBEAT_STATE_KEY] = 0.3
    return app


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # Leave pytest's signal handlers alone.
        yield


@contextlib.asynccontextmanager
async def serve(app: Litestar) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 inside the current event loop."""
    port = free_port()
    server = _Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    )
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        # Streams end when the waiter closes; then uvicorn can drain and stop.
        await close_change_waiter(app)
        server.should_exit = True
        async with asyncio.timeout(10):
            await task


class _SharedApps:
    """One app and uvicorn server per backend for the whole session: starting a server
    per test would cost more than most tests."""

    def __init__(self) -> None:
        self.stack = contextlib.AsyncExitStack()
        self.apps: dict[str, tuple[Litestar, str]] = {}

    async def get(self, backend: str, db: Database) -> tuple[Litestar, str]:
        if backend not in self.apps:
            app = build_app(db)
            url = await self.stack.enter_async_context(serve(app))
            self.apps[backend] = (app, url)
        return self.apps[backend]


@pytest.fixture(scope="session")
async def _shared_apps() -> AsyncIterator[_SharedApps]:
    shared = _SharedApps()
    async with shared.stack:
        yield shared


@pytest.fixture
async def app(database: Database, backend: str, _shared_apps: _SharedApps) -> Litestar:
    """The shared app on ``database`` (tests that shut an app down build their own)."""
    return (await _shared_apps.get(backend, database))[0]


@pytest.fixture
async def live_url(database: Database, backend: str, _shared_apps: _SharedApps) -> str:
    return (await _shared_apps.get(backend, database))[1]


@pytest.fixture
async def client(live_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_url, timeout=10) as session:
        yield session
