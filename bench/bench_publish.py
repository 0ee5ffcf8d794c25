"""Cost of publishing one version into datasets of growing size. Prints figures; never fails.

    python bench/bench_publish.py                          # 1k, 100k, 1M rows (SQLite)
    python bench/bench_publish.py --sizes 1000,100000 [--moved]
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1/postgres \
        python bench/bench_publish.py

For each size, the dataset holds that many rows of one publication (loaded in bulk, as
``bench_api.py`` does). Then a second publication of 200 observations is published into
it (the first publish, which also sums the loaded version's rows once: a bulk-loaded
version has no stored row sum, like a version written before row sums existed), then
``--revisions`` revisions of it, each changing 10 values: one dataset version each, in
its own write transaction, the way a source check publishes. The revision times should
be flat in the dataset's size. With ``--moved`` the changed rows also move to another
indicator, area, year and kind, so that each revision changes the version's counts.

The peer is what publishing cost before: re-reading the previous and the new version
of the whole dataset as ORM objects and hashing every row in export order (timed once
per size up to ``--peer-max`` rows: it takes minutes beyond).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_api import AREAS, INDICATORS, SLUG, build, observation_rows  # noqa: E402
from ingest.datasets import publish_observations  # noqa: E402
from models import Database, Dataset, Publication, Source  # noqa: E402
from models.dataset_queries import row_dict, rows_at_version  # noqa: E402
from models.observation_schema import COLUMNS  # noqa: E402

PUBLICATION = "pub_revised"
OBSERVATIONS = 200
CHANGED = 10
#: --moved: the changed rows also move to another indicator, area, year and kind
MOVED = {"on": False}


def publication_rows(revision: int) -> list[dict[str, Any]]:
    """The revised publication's observations; revision r changes CHANGED values."""
    rows = []
    for n, raw in enumerate(observation_rows(10**9, OBSERVATIONS, 0, PUBLICATION)):
        values: dict[str, Any] = {c: raw[c] for c in COLUMNS if c != "dataset"}
        values["dataset"] = SLUG
        values["observation_id"] = f"rev_{n:06d}"
        if n < CHANGED:
            values["obs_value"] = float(revision * 1000 + n)
            if MOVED["on"]:
                # keys of the version's counts change (models/counts.py): each revision
                # closes and opens count rows, not only the observations
                at = revision + n
                code, zh, en, measure, unit, unit_zh = INDICATORS[at % len(INDICATORS)]
                values.update(
                    indicator_code=code,
                    indicator_zh=zh,
                    indicator_en=en,
                    measure=measure,
                    unit=unit,
                    unit_zh=unit_zh,
                    ref_area=AREAS[at % len(AREAS)][0],
                    ref_area_code=AREAS[at % len(AREAS)][1],
                    time_period=str(2000 + at % 27),
                    obs_kind=("actual", "target")[at % 2],
                )
        rows.append(values)
    return rows


async def publish_once(db: Database, revision: int) -> float:
    started = time.perf_counter()
    async with db.transaction() as session:
        dataset = (await session.scalars(sa.select(Dataset).where(Dataset.slug == SLUG))).one()
        published = await publish_observations(
            session, dataset, PUBLICATION, publication_rows(revision)
        )
        assert published is not None
    return time.perf_counter() - started


async def full_reread(db: Database) -> float:
    """The previous algorithm's core: both versions read whole, every row hashed."""
    started = time.perf_counter()
    async with db.session() as session:
        dataset = (await session.scalars(sa.select(Dataset).where(Dataset.slug == SLUG))).one()
        for version in (dataset.latest_version - 1, dataset.latest_version):
            digest = hashlib.sha256()
            for row in await rows_at_version(session, dataset.id, version):
                values = row_dict(row, SLUG)
                digest.update(json.dumps([values[c] for c in COLUMNS], ensure_ascii=False).encode())
    return time.perf_counter() - started


async def measure(url: str, size: int, args: argparse.Namespace) -> dict[str, float]:
    db = Database(url)
    try:
        load = await build(db, size)
        async with db.transaction() as session:
            source = (await session.scalars(sa.select(Source))).one()
            session.add(Publication(id=PUBLICATION, source_id=source.id, url="https://e.gov.cn/r"))
        first = await publish_once(db, 0)
        times = [await publish_once(db, r) for r in range(1, args.revisions + 1)]
        peer = await full_reread(db) if size <= args.peer_max else float("nan")
    finally:
        await db.dispose()
    return {
        "load": load,
        "first": first,
        "median": statistics.median(times),
        "max": max(times),
        "peer": peer,
    }


def report(label: str, results: dict[int, dict[str, float]]) -> None:
    print(f"\n== {label}: one version (200 observations, 10 changed) per publish")
    print(
        f"{'rows in dataset':>16} {'load s':>8} {'first ms':>9} {'median ms':>10} "
        f"{'max ms':>8} {'x smallest':>10} {'full re-read ms':>16} {'re-read / ours':>15}"
    )
    smallest = results[min(results)]["median"]
    for size, f in results.items():
        print(
            f"{size:>16,} {f['load']:>8.1f} {f['first'] * 1000:>9.1f} {f['median'] * 1000:>10.1f} "
            f"{f['max'] * 1000:>8.1f} {f['median'] / smallest:>10.2f} {f['peer'] * 1000:>16.0f} "
            f"{f['peer'] / f['median']:>15.0f}"
        )


async def main(args: argparse.Namespace) -> None:
    MOVED["on"] = args.moved
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-publish-"))
    try:
        results = {}
        for size in sizes if not args.postgresql_only else []:
            results[size] = await measure(f"sqlite:///{folder}/{size}.db", size, args)
            print(f"SQLite {size:,}: {results[size]}", flush=True)
        if results:
            report("SQLite", results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if not pg:
        return
    admin = Database(pg)
    results = {}
    try:
        for size in sizes:
            name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
            async with admin.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            try:
                url = admin.url.set(database=name)
                results[size] = await measure(url.render_as_string(hide_password=False), size, args)
                print(f"PostgreSQL {size:,}: {results[size]}", flush=True)
            finally:
                async with admin.engine.connect() as conn:
                    conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        report("PostgreSQL", results)
    finally:
        await admin.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--revisions", type=int, default=7)
    parser.add_argument(
        "--moved",
        action="store_true",
        help="the changed rows also change indicator, area, year and kind",
    )
    parser.add_argument("--postgresql-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--peer-max", type=int, default=100_000, help="largest size to time the re-read at"
    )
    asyncio.run(main(parser.parse_args()))
