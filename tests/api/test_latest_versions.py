"""The latest version of a dataset known in process: a cached latest page, and a
conditional request for it, need no database statement while nothing was published;
a publication (in this process, or another process's commit) is seen by the next
request (SQLite: at once; PostgreSQL: once its NOTIFY arrives)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from sqlalchemy import event

from api.app import create_app
from api.changes import close_change_waiter
from api.config import ApiConfig
from api.etag import SHORT
from api.observations import latest
from models import Database, Dataset
from tests.api.conftest import make_client
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish

URL = "/v1/observations?dataset=a&limit=10"
ROOT = Path(__file__).resolve().parents[2]


class Statements:
    """Every SQL statement either of the database's engines runs."""

    def __init__(self, db: Database) -> None:
        self.count = 0
        self.engines = {id(e): e for e in (db.engine.sync_engine, db._read_engine.sync_engine)}

    def _count(self, *_: Any) -> None:
        self.count += 1

    def __enter__(self) -> Statements:
        for engine in self.engines.values():
            event.listen(engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_: object) -> None:
        for engine in self.engines.values():
            event.remove(engine, "before_cursor_execute", self._count)


@pytest.fixture
def statements(database: Database) -> Iterator[Statements]:
    with Statements(database) as counted:
        yield counted


@pytest.fixture
async def app(database: Database) -> AsyncIterator[Litestar]:
    app = create_app(database, ApiConfig(rate_limit_per_minute=0))
    yield app
    await close_change_waiter(app)  # the LISTEN connection on PostgreSQL


@pytest.fixture
async def app_client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(app) as client:
        yield client


async def _seed(db: Database) -> None:
    async with db.transaction() as session:
        source = await make_source(session, "a")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "a")
        await publish(
            session, dataset, [obs(f"a{i}", pub.id, obs_value=float(i)) for i in range(3)]
        )


def _ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [i["observation_id"] for i in response.json()["items"]]


async def test_a_cached_latest_page_needs_no_statement(
    app_client: httpx.AsyncClient, database: Database, statements: Statements
) -> None:
    await _seed(database)
    first = await app_client.get(URL)
    assert _ids(first) == ["a0", "a1", "a2"]
    assert first.headers["cache-control"] == SHORT
    etag = first.headers["etag"]
    before = statements.count
    assert before > 0  # the first request read the dataset row and the page
    again = await app_client.get(URL)
    assert again.content == first.content and again.headers["etag"] == etag
    validated = await app_client.get(URL, headers={"If-None-Match": etag})
    assert validated.status_code == 304 and validated.content == b""
    assert validated.headers["etag"] == etag and validated.headers["cache-control"] == SHORT
    assert statements.count == before  # neither touched the database


async def test_a_publication_in_this_process_is_seen_by_the_next_request(
    app_client: httpx.AsyncClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(latest, "MAX_AGE", 3600.0)  # only the invalidation can help
    await _seed(database)
    first = await app_client.get(URL)
    assert _ids(first) == ["a0", "a1", "a2"]
    async with database.transaction() as session:
        dataset = (await session.scalars(sa.select(Dataset).where(Dataset.slug == "a"))).one()
        pub = await make_publication(session, await make_source(session, "b"), texts=["t"])
        await publish(session, dataset, [obs("n1", pub.id)])
    new = await app_client.get(URL)
    assert _ids(new) == ["n1"]
    assert new.headers["etag"] != first.headers["etag"]
    # the old validator no longer matches: the new page, not a 304
    conditional = await app_client.get(URL, headers={"If-None-Match": first.headers["etag"]})
    assert _ids(conditional) == ["n1"]


_PUBLISH = textwrap.dedent(
    """
    import asyncio, sys
    import sqlalchemy as sa
    from ingest.datasets import dataset_event_data, event_facets, publish_observations
    from models import Database, Dataset
    from models.db import PUBLISHED
    from models.outbox import record_event
    from tests.api.factories import make_publication, make_source, obs

    async def main() -> None:
        db = Database(sys.argv[1])
        async with db.transaction() as session:
            dataset = (await session.scalars(sa.select(Dataset).where(Dataset.slug == "a"))).one()
            source = await make_source(session, "other")
            pub = await make_publication(session, source, texts=["t"])
            rows = [obs("x1", pub.id, dataset="a")]
            published = await publish_observations(session, dataset, pub.id, rows)
            assert published is not None
            await record_event(
                session, "dataset.updated", dataset_event_data(published),
                dataset_id=dataset.id, dataset_slug=dataset.slug, publication_id=pub.id,
                facets=event_facets(published),
            )
        assert PUBLISHED.commits == 1
        await db.dispose()

    asyncio.run(main())
    """
)


async def test_a_publication_by_another_process_invalidates(
    app_client: httpx.AsyncClient,
    database: Database,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(latest, "MAX_AGE", 3600.0)  # only NOTIFY / data_version can help
    await _seed(database)
    assert _ids(await app_client.get(URL)) == ["a0", "a1", "a2"]
    assert _ids(await app_client.get(URL)) == ["a0", "a1", "a2"]  # from the map
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", _PUBLISH, database_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # The other process has committed. SQLite: data_version has changed, the next
    # request sees it. PostgreSQL: the NOTIFY reaches the listener within milliseconds.
    ids = _ids(await app_client.get(URL))
    if not database.is_sqlite:
        for _ in range(100):
            if "x1" in ids:
                break
            await asyncio.sleep(0.02)
            ids = _ids(await app_client.get(URL))
    assert ids == ["a0", "a1", "a2", "x1"]  # the other publication's rows stay


async def test_without_the_listener_every_request_reads_the_row(
    app: Litestar, app_client: httpx.AsyncClient, database: Database, statements: Statements
) -> None:
    """PostgreSQL with LISTEN down (here: the waiter closed) keeps nothing; SQLite's
    check needs no listener and keeps the entry."""
    await _seed(database)
    await app_client.get(URL)
    waiter = app.state.get("change_waiter")
    if waiter is not None:
        await waiter.close()
    before = statements.count
    assert _ids(await app_client.get(URL)) == ["a0", "a1", "a2"]
    if database.is_sqlite:
        assert statements.count == before
    else:
        assert statements.count == before + 1  # the dataset row, not the page


async def test_requests_finding_the_entry_stale_together_share_one_read(
    app: Litestar, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _seed(database)
    async with database.session() as session:
        dataset_id = (await session.scalars(sa.select(Dataset.id))).one()
    versions = latest.latest_versions(app.state)
    first = await versions.get(dataset_id)
    assert first is not None and first[0] == 1 and versions.reads == 1
    monkeypatch.setattr(latest, "MAX_AGE", 0.0)  # every entry has run out
    found = await asyncio.gather(*(versions.get(dataset_id) for _ in range(30)))
    assert found == [first] * 30
    assert versions.reads == 2  # one for all thirty
    assert await versions.get(dataset_id + 1000) is None  # no such dataset
