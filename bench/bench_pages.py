"""Benchmark of the dataset page on 1,000,000 observations: server time. Prints figures.

    python bench/bench_pages.py                  # 1,000,000 observations (SQLite)
    python bench/bench_pages.py --rows 100000    # quick run
    python bench/bench_pages.py --exports        # also time the full CSV and XLSX downloads
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1/postgres python bench/bench_pages.py

The app runs in this process and is called through ASGI (no socket, no browser), so the
time is the server's: routing, the queries, rendering the template. Each page is asked
for ``--runs`` times after a warm-up; the median and p95 are printed, with the ratio to
the JSON API's answer for the same rows (``/v1/observations``, the peer that does the
same query without the HTML). The rows are bench_api's (``bench/bench_api.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import SLUG, build  # noqa: E402

from api.app import create_app  # noqa: E402
from api.config import ApiConfig  # noqa: E402
from models import Database  # noqa: E402


async def timed(client: httpx.AsyncClient, url: str, runs: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, bytes) of ``runs`` GETs of ``url`` after two warm-up calls."""
    for _ in range(2):
        answer = await client.get(url)
        answer.raise_for_status()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = await client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(answer.content)


async def download_seconds(client: httpx.AsyncClient, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = 0
    async with client.stream("GET", url) as answer:
        answer.raise_for_status()
        async for chunk in answer.aiter_bytes():
            size += len(chunk)
    return time.perf_counter() - started, size


async def measure(label: str, db: Database, rows: int, args: argparse.Namespace) -> None:
    app = create_app(db, ApiConfig(rate_limit_per_minute=0))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as c:
        first = await c.get(f"/datasets/{SLUG}")
        cursor = first.text.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        api = "/v1/observations?dataset=" + SLUG + "&limit=50"
        cases = [
            ("first page (id order)", f"/datasets/{SLUG}", api),
            ("next page (cursor)", cursor, None),
            (
                "sorted by value, descending",
                f"/datasets/{SLUG}?sort=-obs_value",
                api + "&sort=-obs_value",
            ),
            (
                "filtered: gdp actuals",
                f"/datasets/{SLUG}?indicator=gdp&kind=actual",
                api + "&indicator_code=gdp&obs_kind=actual",
            ),
            (
                "filtered: year 2020, sorted by year",
                f"/datasets/{SLUG}?year=2020&sort=time_period",
                api + "&time_period=2020&sort=time_period",
            ),
            (
                "name search (substring, scans)",
                f"/datasets/{SLUG}?indicator=" + quote("零售"),
                api + "&indicator=" + quote("零售"),
            ),
        ]
        print(f"\n{label}: {rows:,} observations, {args.runs} runs per page")
        print(f"{'page':38} {'median':>9} {'p95':>9} {'KiB':>6} {'JSON API':>9} {'ratio':>6}")
        for name, url, peer in cases:
            median, p95, size = await timed(c, url, args.runs)
            line = f"{name:38} {median:7.1f}ms {p95:7.1f}ms {size / 1024:6.0f}"
            if peer:
                peer_median, _, _ = await timed(c, peer, args.runs)
                line += f" {peer_median:7.1f}ms {median / peer_median:5.2f}x"
            print(line)
        if args.exports:
            here = f"/v1/datasets/{SLUG}/versions/1/observations"
            csv_s, csv_b = await download_seconds(c, here + ".csv")
            xlsx_s, xlsx_b = await download_seconds(c, here + ".xlsx")
            print(
                f"full CSV  {csv_s:6.1f} s {rows / csv_s:9,.0f} rows/s {csv_b / 2**20:7.1f} MiB\n"
                f"full XLSX {xlsx_s:6.1f} s {rows / xlsx_s:9,.0f} rows/s {xlsx_b / 2**20:7.1f} MiB"
                f"  (XLSX/CSV time {xlsx_s / csv_s:.1f}x)"
            )


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-pages-"))
    try:
        db = Database(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
        seconds = await build(db, args.rows)
        print(f"loaded {args.rows:,} rows into SQLite in {seconds:.1f} s")
        await measure("SQLite", db, args.rows, args)
        await db.dispose()
        pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
        if pg:
            admin = Database(pg)
            name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
            async with admin.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            try:
                pdb = Database(admin.url.set(database=name))
                seconds = await build(pdb, args.rows)
                print(f"\nloaded {args.rows:,} rows into PostgreSQL in {seconds:.1f} s")
                await measure("PostgreSQL", pdb, args.rows, args)
                await pdb.dispose()
            finally:
                async with admin.engine.connect() as conn:
                    conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("GONGKAI_BENCH_ROWS", 1_000_000))
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--exports", action="store_true", help="time full CSV and XLSX too")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
