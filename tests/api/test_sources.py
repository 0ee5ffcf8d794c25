"""/v1/sources: reading health and schedule; admin actions through SourceControl."""

from __future__ import annotations

import datetime as dt

import httpx
import sqlalchemy as sa

from api.app import create_app
from api.auth import create_key
from api.config import ApiConfig
from models import Database, Source
from tests.api.conftest import make_client
from tests.api.factories import make_source


class FakeControl:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    async def check_now(self, name: str) -> None:
        if name == "ghost":
            raise KeyError(name)
        self.calls.append(("check", name))

    async def pause(self, name: str) -> None:
        self.calls.append(("pause", name))

    async def resume(self, name: str) -> None:
        self.calls.append(("resume", name))

    def next_run(self, name: str) -> str | None:
        return "2030-01-01T00:00:00Z" if name == "fz" else None


async def usable_key(db: Database, scope: str) -> str:
    """A key that authenticates.

    api.auth.keys splits keys on "_" but token_urlsafe may put "_" in the random part,
    so about half of the keys create_key hands out never authenticate (reported; not
    this package's code). Until that is fixed, retry.
    """
    for _ in range(50):
        async with db.transaction() as session:
            key = await create_key(session, scope=scope)
        if key.secret.count("_") == 2:
            return key.secret
    raise AssertionError("no usable key")


async def _keys(db: Database) -> tuple[str, str]:
    return await usable_key(db, "admin"), await usable_key(db, "subscriber")


async def test_list_and_get(client: httpx.AsyncClient, database: Database) -> None:
    failed = dt.datetime(2024, 3, 1, 8, tzinfo=dt.UTC)
    async with database.transaction() as session:
        await make_source(session, "fz", next_run_at=failed)
        await make_source(
            session,
            "bad",
            health="failing",
            last_error="HTTP 503",
            last_error_at=failed,
            last_anomaly="listing shrank",
            is_sample=True,
            failing_since=failed,
        )
    items = (await client.get("/v1/sources")).json()["items"]
    assert [s["name"] for s in items] == ["bad", "fz"]
    bad = (await client.get("/v1/sources/bad")).json()
    assert bad["health"] == "failing" and bad["last_error"] == "HTTP 503"
    assert bad["last_anomaly"] == "listing shrank" and bad["is_sample"] is True
    assert bad["last_error_at"] == "2024-03-01T08:00:00Z"
    assert (await client.get("/v1/sources/fz")).json()["next_run"] == "2024-03-01T08:00:00Z"
    assert (await client.get("/v1/sources/none")).status_code == 404


async def test_admin_actions(database: Database) -> None:
    async with database.transaction() as session:
        await make_source(session, "fz")
        await make_source(session, "ghost")
    admin, sub = await _keys(database)
    control = FakeControl()
    app = create_app(database, ApiConfig(rate_limit_per_minute=0), source_control=control)
    async with make_client(app) as client:
        assert (await client.post("/v1/sources/fz/check")).status_code == 401
        r = await client.post("/v1/sources/fz/check", headers={"Authorization": f"Bearer {sub}"})
        assert r.status_code == 403, r.text
        r = await client.post("/v1/sources/fz/check", headers={"Authorization": "Bearer gk_x_y"})
        assert r.status_code == 401
        auth = {"Authorization": f"Bearer {admin}"}
        r = await client.post("/v1/sources/fz/check", headers=auth)
        assert r.status_code == 202 and r.json()["status"] == "queued"
        assert (await client.post("/v1/sources/nope/check", headers=auth)).status_code == 404
        assert (await client.post("/v1/sources/ghost/check", headers=auth)).status_code == 404

        r = await client.post("/v1/sources/fz/pause", headers={"X-API-Key": admin})
        assert r.status_code == 200 and r.json()["paused"] is True
        assert r.json()["next_run"] == "2030-01-01T00:00:00Z"
        async with database.session() as session:
            assert await session.scalar(sa.select(Source.paused).where(Source.name == "fz"))
        r = await client.post("/v1/sources/fz/resume", headers=auth)
        assert r.status_code == 200 and r.json()["paused"] is False
        assert control.calls == [("check", "fz"), ("pause", "fz"), ("resume", "fz")]


async def test_default_control_works_through_the_database(database: Database) -> None:
    """Any API process can pause, resume and request checks: the schedulers read the rows."""
    async with database.transaction() as session:
        await make_source(session, "fz")
    admin, _ = await _keys(database)
    app = create_app(database, ApiConfig(rate_limit_per_minute=0))
    auth = {"Authorization": f"Bearer {admin}"}
    async with make_client(app) as client:
        assert (await client.post("/v1/sources/fz/pause", headers=auth)).json()["paused"] is True
        assert (await client.post("/v1/sources/fz/check", headers=auth)).status_code == 202
        assert (await client.post("/v1/sources/nope/check", headers=auth)).status_code == 404
    async with database.session() as session:
        row = await session.scalar(sa.select(Source).where(Source.name == "fz"))
    assert row is not None and row.paused and row.check_requested_at is not None
