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

    The feed holds events back while any older writing transaction on the server is
    open, and other test suites may share the server: tests that assert exact pages
    wait for the horizon first instead of racing it.
    """
    if db.is_sqlite:
        return
    query = sa.text(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        " > coalesce(max(xact_id), 0) FROM change_event"
    )
    async with asyncio.timeout(SETTLE_SECONDS):
        while True:
            async with db.session() as session:
                if await session.scalar(query):
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


@pytest.fixture
def app(database: Database) -> Litestar:
    return build_app(database)


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
            while not server.started:  # noqa: ASYNC110 - uvicorn only offers a flag
                await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        # Streams end when the waiter closes; then uvicorn can drain and stop.
        await close_change_waiter(app)
        server.should_exit = True
        async with asyncio.timeout(10):
            await task


@pytest.fixture
async def live_url(app: Litestar) -> AsyncIterator[str]:
    async with serve(app) as url:
        yield url


@pytest.fixture
async def client(live_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_url, timeout=10) as session:
        yield session
