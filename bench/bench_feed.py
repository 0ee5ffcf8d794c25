"""Change-feed benchmark: long-poll wake-up latency and page throughput, over real HTTP.

    python bench/bench_feed.py                      # SQLite in a temporary folder
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        python bench/bench_feed.py                  # a scratch database on that server

Prints figures; never fails on time. Knobs: GONGKAI_BENCH_WAKEUPS (default 50),
GONGKAI_BENCH_EVENTS (default 20000), GONGKAI_BENCH_POLLERS (default 20).

- wake-up latency: a client long-polls (``wait=10``); the bench commits one event and
  measures from the end of the commit to the arrival of the response.
- fan-out: the same with several long-polls waiting at once (time until the last one
  answers).
- throughput: paging the whole feed with ``limit=100`` and ``limit=500``, and with a
  ``dataset`` filter that matches one event in ten; over HTTP and in-process
  (``read_page`` alone), with the HTTP round trip of ``/health`` as the floor.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.app import create_app
from api.changes import close_change_waiter
from api.changes.cursor import START
from api.changes.filters import FeedFilter
from api.changes.service import read_page
from api.config import ApiConfig
from models import ChangeEvent, Database
from models.migrations import upgrade
from models.outbox import record_event

WAKEUPS = int(os.environ.get("GONGKAI_BENCH_WAKEUPS", "50"))
EVENTS = int(os.environ.get("GONGKAI_BENCH_EVENTS", "20000"))
POLLERS = int(os.environ.get("GONGKAI_BENCH_POLLERS", "20"))


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def scratch_database() -> AsyncIterator[Database]:
    admin_url = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if not admin_url:
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite+aiosqlite:///{folder}/bench.db")
            await upgrade(db)
            try:
                yield db
            finally:
                await db.dispose()
        return
    name = f"gongkai_bench_{uuid.uuid4().hex[:10]}"
    admin = Database(admin_url)
    async with admin.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    db = Database(admin.url.set(database=name))
    try:
        await upgrade(db)
        yield db
    finally:
        await db.dispose()
        async with admin.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@contextlib.asynccontextmanager
async def serving(db: Database) -> AsyncIterator[str]:
    app = create_app(db, ApiConfig(rate_limit_per_minute=10_000_000))
    config = uvicorn.Config(app, log_config=None, lifespan="on", access_log=False)
    server = _Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn only offers a flag
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await close_change_waiter(app)
        server.should_exit = True
        await task


async def add_events(db: Database, count: int, *, batch: int = 500) -> None:
    for start in range(0, count, batch):
        async with db.transaction() as session:
            for n in range(start, min(count, start + batch)):
                dataset = "rare" if n % 10 == 0 else "common"
                await record_event(
                    session, "dataset.updated", {"dataset": dataset, "version": n, "changed": 1}
                )


async def caught_up(client: httpx.AsyncClient) -> str:
    cursor = None
    while True:
        params = {"limit": 500, **({"after": cursor} if cursor else {})}
        body = (await client.get("/v1/changes", params=params)).json()
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return str(cursor)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(value: float) -> str:
    return f"{value * 1000:7.1f} ms"


async def wakeup_latency(db: Database, client: httpx.AsyncClient) -> None:
    latencies: list[float] = []
    cursor = await caught_up(client)
    for n in range(WAKEUPS):
        request = asyncio.create_task(
            client.get("/v1/changes", params={"after": cursor, "wait": 10}, timeout=15)
        )
        await asyncio.sleep(0.05)  # let it reach the wait
        async with db.transaction() as session:
            await record_event(session, "publication.created", {"title": f"wake {n}"})
        committed = time.perf_counter()
        body = (await request).json()
        latencies.append(time.perf_counter() - committed)
        assert body["events"], "long-poll answered without the event"
        cursor = body["next_cursor"]
    print(
        f"long-poll wake-up (n={WAKEUPS}):  median {ms(statistics.median(latencies))}"
        f"  p99 {ms(pct(latencies, 0.99))}  max {ms(max(latencies))}"
    )


async def fan_out(db: Database, client: httpx.AsyncClient, rounds: int = 5) -> None:
    lasts: list[float] = []
    for n in range(rounds):
        cursor = await caught_up(client)
        requests = [
            asyncio.create_task(
                client.get("/v1/changes", params={"after": cursor, "wait": 10}, timeout=15)
            )
            for _ in range(POLLERS)
        ]
        await asyncio.sleep(0.3)
        async with db.transaction() as session:
            await record_event(session, "publication.created", {"title": f"fan {n}"})
        committed = time.perf_counter()
        answers = await asyncio.gather(*requests)
        lasts.append(time.perf_counter() - committed)
        assert all(a.json()["events"] for a in answers)
    print(
        f"fan-out, {POLLERS} long-polls at once: all answered after median"
        f" {ms(statistics.median(lasts))}  max {ms(max(lasts))}  ({rounds} rounds)"
    )


async def throughput(client: httpx.AsyncClient, label: str, **params: Any) -> None:
    cursor = None
    events = pages = 0
    started = time.perf_counter()
    while True:
        query = {**params, **({"after": cursor} if cursor else {})}
        body = (await client.get("/v1/changes", params=query)).json()
        pages += 1
        events += len(body["events"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    elapsed = time.perf_counter() - started
    print(
        f"paging {label:<28} {events:6d} events in {pages:4d} pages, {elapsed:6.2f} s:"
        f" {events / elapsed:8.0f} events/s  {pages / elapsed:6.1f} pages/s"
        f"  ({elapsed / pages * 1000:.1f} ms/page)"
    )


async def baseline(client: httpx.AsyncClient, n: int = 20) -> None:
    started = time.perf_counter()
    for _ in range(n):
        await client.get("/health")
    print(f"HTTP floor: GET /health round trip {ms((time.perf_counter() - started) / n)}")


async def service_pages(db: Database, limit: int, feed_filter: FeedFilter) -> None:
    """The same paging without HTTP: what the feed's own queries cost."""
    position, events, pages = START, 0, 0
    started = time.perf_counter()
    while True:
        page = await read_page(db, after=position, feed_filter=feed_filter, limit=limit)
        events += len(page.events)
        pages += 1
        position = page.position
        if not page.has_more:
            break
    elapsed = time.perf_counter() - started
    label = f"read_page limit={limit}" + (" dataset=rare" if feed_filter.dataset else "")
    print(
        f"in-process {label:<26} {events:6d} events in {pages:4d} pages, {elapsed:6.2f} s:"
        f" {events / elapsed:8.0f} events/s  ({elapsed / pages * 1000:.1f} ms/page)"
    )


async def main() -> None:
    async with scratch_database() as db:
        print(f"backend: {db.backend}  ({db.url.render_as_string(hide_password=True)})")
        async with serving(db) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
            await baseline(client)
            await wakeup_latency(db, client)
            await fan_out(db, client)
            started = time.perf_counter()
            await add_events(db, EVENTS)
            print(f"wrote {EVENTS} events in {time.perf_counter() - started:.1f} s (setup)")
            async with db.session() as session:
                total = await session.scalar(sa.select(sa.func.count()).select_from(ChangeEvent))
            print(f"feed holds {total} events")
            await throughput(client, "limit=100", limit=100)
            await throughput(client, "limit=500", limit=500)
            await throughput(client, "limit=500 dataset=rare (10%)", limit=500, dataset="rare")
            await throughput(
                client, "limit=500 format=cloudevents", limit=500, format="cloudevents"
            )
        await service_pages(db, 100, FeedFilter())
        await service_pages(db, 500, FeedFilter())
        await service_pages(db, 500, FeedFilter(dataset="rare"))


if __name__ == "__main__":
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
