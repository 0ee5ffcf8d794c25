"""Fixtures for the webhook API tests: the real app on the test database, API keys."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar

from api.app import create_app
from api.auth import create_key
from api.config import ApiConfig
from models import Database

BASE_URL = "https://gongkai.example"


def in_loop_client(app: Litestar) -> httpx.AsyncClient:
    """A client calling the ASGI app in the test's own event loop.

    Litestar's AsyncTestClient runs the app in a portal thread with its own loop, where
    the database's pooled asyncpg connections (bound to the test loop) cannot be used.
    """
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    config = ApiConfig(base_url=BASE_URL, webhook_allowed_networks=("127.0.0.0/8",))
    async with in_loop_client(create_app(database, config)) as test_client:
        yield test_client


async def _key(db: Database, scope: str) -> dict[str, str]:
    async with db.transaction() as session:
        key = await create_key(session, scope=scope)
    return {"Authorization": f"Bearer {key.secret}"}


@pytest.fixture
async def alice(database: Database) -> dict[str, str]:
    """Headers of a subscriber key."""
    return await _key(database, "subscriber")


@pytest.fixture
async def bob(database: Database) -> dict[str, str]:
    """Headers of another subscriber key."""
    return await _key(database, "subscriber")


@pytest.fixture
async def admin(database: Database) -> dict[str, str]:
    return await _key(database, "admin")
