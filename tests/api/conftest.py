"""Fixtures for API tests: an app over the test database, in-process or on a real port."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from litestar import Litestar

from api.app import create_app
from api.changes import close_change_waiter
from api.config import ApiConfig
from models import Database
from tests.helpers import free_port

BASE_URL = "https://gongkai.test"


def make_client(app: Litestar) -> httpx.AsyncClient:
    """An HTTP client calling ``app`` in the test's own event loop.

    (Litestar's AsyncTestClient runs the app in a portal thread with another loop, where
    the test database's asyncpg connections cannot be used.)
    """
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver.local")


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database, ApiConfig(base_url=BASE_URL, rate_limit_per_minute=0))
    async with make_client(app) as test_client:
        yield test_client
    await close_change_waiter(app)  # its LISTEN connection (lifespan does not run here)


@dataclass
class LiveServer:
    url: str
    thread: threading.Thread
    server: uvicorn.Server


def start_live_server(database_url: str, config: ApiConfig, **options: Any) -> LiveServer:
    """uvicorn on a loopback port in a thread with its own loop and database engine;
    ``options`` go to ``uvicorn.Config``."""
    port = free_port()
    holder: dict[str, uvicorn.Server] = {}
    ready = threading.Event()

    async def main() -> None:
        db = Database(database_url)
        app = create_app(db, config)
        server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", **options
            )
        )
        holder["server"] = server
        ready.set()
        try:
            await server.serve()
        finally:
            await db.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.start()
    ready.wait(10)
    server = holder["server"]
    for _ in range(200):
        if server.started:
            break
        threading.Event().wait(0.05)
    return LiveServer(url=f"http://127.0.0.1:{port}", thread=thread, server=server)


def serve_for_fuzzing(database_url: str) -> Iterator[LiveServer]:
    """A live server for schemathesis: no rate limit, webhooks may point anywhere public
    (the SSRF rules still refuse loopback); stopped when the generator closes. Use it as a
    fixture body: ``yield from serve_for_fuzzing(database_url)``."""
    config = ApiConfig(
        base_url="http://127.0.0.1", rate_limit_per_minute=0, webhook_allowed_networks=()
    )
    server = start_live_server(database_url, config)
    yield server
    server.server.should_exit = True
    server.thread.join(15)


@pytest.fixture
def live_server(database_url: str) -> Iterator[LiveServer]:
    live = start_live_server(
        database_url, ApiConfig(base_url="http://127.0.0.1", rate_limit_per_minute=0)
    )
    yield live
    live.server.should_exit = True
    live.thread.join(15)
