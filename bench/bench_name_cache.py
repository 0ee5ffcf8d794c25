"""The first read of a dataset's indicator names and codes in a process (a cold
``NameCache``), on the bench fixtures of both backends.

    python bench/bench_name_cache.py --rows 1000000 --runs 7
    python bench/bench_name_cache.py --postgres postgresql://postgres@127.0.0.1/postgres

Each run opens a new ``Database`` (a new engine: no compiled or prepared statements
kept), opens its connection by a ``SELECT 1`` (not timed), then times, on a new
``NameCache``, ``codes``, or ``names``, or ``names`` then ``codes`` (what the first
``indicator`` page in indicator_code order reads). Prints the p50 and the range of the
runs per dataset, in ms. The fixtures come from ``bench/fixture.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.observations.service import NameCache  # noqa: E402
from bench import fixture  # noqa: E402
from models import Database, Dataset  # noqa: E402

DATASETS = (fixture.MAIN, fixture.FILTERED, fixture.SMALL)


async def _first(url: str, slug: str, reads: tuple[str, ...]) -> tuple[float, int, int]:
    """ms of ``reads`` (NameCache methods, in turn, on one new cache) in a new Database,
    the first statements of its engine after ``SELECT 1``; the pairs and triples."""
    db = Database(url)
    try:
        await db.read(sa.select(sa.literal(1)))
        row: Any = (
            await db.read(
                sa.select(Dataset.id, Dataset.latest_version, Dataset.created_at).where(
                    Dataset.slug == slug
                )
            )
        )[0]
        dataset_id, stamp = int(row.id), (row.latest_version, row.created_at)
        cache = NameCache()
        started = time.perf_counter()
        for read in reads:
            await getattr(cache, read)(db, dataset_id, stamp)
        elapsed = (time.perf_counter() - started) * 1000
        codes = await cache.codes(db, dataset_id, stamp)
        assert set(await cache.names(db, dataset_id, stamp)) == set(codes), slug
        return elapsed, len(codes), sum(len(c) for c in codes.values())
    finally:
        await db.dispose()


READS: dict[str, tuple[str, ...]] = {
    "codes": ("codes",),
    "names": ("names",),
    "both": ("names", "codes"),
}


async def _bench(label: str, url: str, runs: int) -> None:
    for slug in DATASETS:
        line = f"{label:10} {slug:12}"
        for key, reads in READS.items():
            found = [await _first(url, slug, reads) for _ in range(runs)]
            ms = sorted(t for t, _, _ in found)
            if key == "codes":
                line += f" pairs {found[0][1]:4} triples {found[0][2]:4}"
            line += f"  {key} p50 {statistics.median(ms):7.1f} ({ms[0]:.1f}-{ms[-1]:.1f})"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    if args.backend in ("both", "sqlite"):
        path = fixture.sqlite_fixture(args.rows)
        asyncio.run(_bench("sqlite", f"sqlite+aiosqlite:///{path}", args.runs))
    if args.backend in ("both", "postgresql") and args.postgres:
        url = asyncio.run(fixture.postgres_fixture(args.postgres, args.rows))
        asyncio.run(_bench("postgresql", url, args.runs))


if __name__ == "__main__":
    main()
