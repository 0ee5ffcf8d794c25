"""Fixtures for API tests: an app over the test database, in-process or on a real port."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config import ApiConfig
from models import Database
from tests.helpers import free_port

BASE_URL = "https://gongkai.test"


@pytest.fixture
async def client(database: Database) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    app = create_app(database, ApiConfig(base_url=BASE_URL, rate_limit_per_minute=0))
    async with AsyncTestClient(app, base_url="http://testserver.local") as test_client:
        yield test_client


@dataclass
class LiveServer:
    url: str
    thread: threading.Thread
    server: uvicorn.Server


def start_live_server(database_url: str, config: ApiConfig) -> LiveServer:
    """uvicorn on a loopback port in a thread with its own loop and database engine."""
    port = free_port()
    holder: dict[str, uvicorn.Server] = {}
    ready = threading.Event()

    async def main() -> None:
        db = Database(database_url)
        app = create_app(db, config)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
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


@pytest.fixture
def live_server(database_url: str) -> Iterator[LiveServer]:
    live = start_live_server(
        database_url, ApiConfig(base_url="http://127.0.0.1", rate_limit_per_minute=0)
    )
    yield live
    live.server.should_exit = True
    live.thread.join(15)
