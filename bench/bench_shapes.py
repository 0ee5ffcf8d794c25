"""One client, every query shape of /v1/observations (and /v1/indicators) at scale, on
SQLite and PostgreSQL. Prints p50/p99 per shape per backend; never fails on time.

    python bench/bench_shapes.py --rows 5000000
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1/postgres \\
        python bench/bench_shapes.py --rows 5000000

The databases come from ``bench/fixture.py`` (built once, cached on disk). Gongkai runs
as a uvicorn subprocess; the client is httpx, sequential, after two warm-up requests per
shape. Deep pages start at the middle of each ordering (the cursor of the row there).
Shapes: first and deep page of every sort; every equality filter with a present and an
absent value; pairs that match nothing (one value absent; both present, never together);
``indicator`` text (common, rare, absent), and with the sorts other than id (with and
without ``dataset``); without ``dataset`` (first page, filters, deep); and the
indicator catalogue. Then the combinations (``--combinations``, on by
default): every pair of the six equality filters with both values common, both rare,
and the second absent, and every three of them common and rare, each with the sorts
that read most (obs_value, -obs_value, time_period), first and deep page. The target is
20 ms per request; ``--only TEXT`` keeps the shapes whose name contains TEXT.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_api import latency, start_gongkai, stop  # noqa: E402
from bench.fixture import MAIN, _publication_id, postgres_fixture, sqlite_fixture  # noqa: E402

TARGET_MS = 20.0
SORT_COLUMNS = {
    "time_period": "time_period",
    "-time_period": "time_period",
    "indicator_code": "indicator_code",
    "obs_value": "obs_value",
    "-obs_value": "obs_value",
}


def _middle_keys(url: str) -> dict[str, list[object]]:
    """The (value, id) key of the row in the middle of each ordering of the main
    dataset's latest version (the cursor of a deep page)."""
    import sqlalchemy as sa

    from api.observations import service
    from models import Database

    async def run() -> dict[str, list[object]]:
        db = Database(url)
        keys: dict[str, list[object]] = {}
        try:
            async with db.engine.connect() as conn:
                total = (
                    await conn.exec_driver_sql(
                        "SELECT count(*) FROM observation WHERE dataset_id = 1 AND valid_to IS NULL"
                    )
                ).scalar_one()
                for sort, spec in service.SORTS.items():
                    column = spec.column or "id"
                    direction = "DESC" if spec.descending else "ASC"
                    order = f"{column} {direction}, id {direction}" if spec.column else "id"
                    row = (
                        await conn.execute(
                            sa.text(
                                f"SELECT {column}, id FROM observation WHERE dataset_id = 1 "
                                f"AND valid_to IS NULL ORDER BY {order} "
                                f"LIMIT 1 OFFSET {total // 2}"
                            )
                        )
                    ).one()
                    keys[sort] = [row[1]] if spec.column is None else [row[0], row[1]]
        finally:
            await db.dispose()
        return keys

    return asyncio.run(run())


def _text_sorted(
    label: str, base: str, text: str, sort: str, keys: dict[str, list[object]]
) -> list[tuple[str, str]]:
    """The first and a deep page of the ``indicator`` text in ``sort`` order under ``base``."""
    from api.pagination import encode_cursor

    cursor = quote(encode_cursor(f"obs:{sort}", keys[sort]))
    where = f"{base}&{urlencode({'indicator': text})}&sort={sort}"
    return [
        (f"{label}indicator={text} sort {sort} first", where),
        (f"{label}indicator={text} sort {sort} deep", f"{where}&cursor={cursor}"),
    ]


def shapes(keys: dict[str, list[object]]) -> list[tuple[str, str]]:
    from api.pagination import encode_cursor

    base = f"/v1/observations?dataset={MAIN}&limit=100"
    found: list[tuple[str, str]] = []
    for sort in ("id", *SORT_COLUMNS):
        cursor = encode_cursor(f"obs:{sort}", keys[sort])
        found.append((f"sort {sort} first", f"{base}&sort={sort}"))
        found.append((f"sort {sort} deep", f"{base}&sort={sort}&cursor={quote(cursor)}"))
    filters = [
        ("indicator_code", "gdp"),
        ("indicator_code", "forest_coverage"),
        ("indicator_code", "grain_output_absent"),
        ("ref_area", "临川区"),
        ("ref_area", "北京市"),
        ("time_period", "2020"),
        ("time_period", "1999"),
        ("obs_kind", "target"),
        ("measure", "rank"),
        ("measure", "pp_gap"),
        ("publication_id", "pub_absent"),
    ]
    for column, value in filters:
        found.append((f"filter {column}={value}", f"{base}&{urlencode({column: value})}"))
    for combo in (
        {"indicator_code": "gdp", "ref_area": "北京市"},
        {"indicator_code": "gdp", "time_period": "1999"},
        {"indicator_code": "gdp", "measure": "pp_gap", "obs_kind": "target"},
        {"ref_area": "临川区", "publication_id": "pub_absent"},
        {"measure": "pp_gap", "time_period": "2001", "sort": "obs_value"},
    ):
        found.append((f"no match {urlencode(combo)}", f"{base}&{urlencode(combo)}"))
    for text in ("生产总值", "GDP", "森林覆盖", "农村旅游收入", "不存在的指标"):
        found.append((f"indicator={text}", f"{base}&{urlencode({'indicator': text})}"))
    # the text with another sort than id (a branch per name walks the sort's index)
    for text, sort in (
        ("GDP", "obs_value"),
        ("生产总值", "time_period"),
        ("GDP", "indicator_code"),
        ("生产总值", "indicator_code"),
        ("森林覆盖", "indicator_code"),
        ("森林覆盖", "obs_value"),
        ("森林覆盖", "-time_period"),
        ("农村旅游收入", "time_period"),
    ):
        found.extend(_text_sorted("", base, text, sort, keys))
    everywhere = "/v1/observations?limit=100"
    # without a dataset: GDP (more than MAX_BRANCHES names: the ILIKE condition before),
    # 生产总值 and 森林覆盖 (names of every dataset) in the orders other than id
    for text, sort in (
        ("GDP", "indicator_code"),
        ("GDP", "obs_value"),
        ("GDP", "time_period"),
        ("生产总值", "indicator_code"),
        ("生产总值", "-obs_value"),
        ("生产总值", "time_period"),
        ("森林覆盖", "obs_value"),
        ("森林覆盖", "-time_period"),
    ):
        found.extend(_text_sorted("no dataset: ", everywhere, text, sort, keys))
    found.append(("no dataset: first page", everywhere))
    found.append(("no dataset: indicator_code=gdp", f"{everywhere}&indicator_code=gdp"))
    found.append(
        ("no dataset: ref_area=北京市", f"{everywhere}&{urlencode({'ref_area': '北京市'})}")
    )
    found.append(("no dataset: sort -obs_value", f"{everywhere}&sort=-obs_value"))
    found.append(
        ("no dataset: indicator=生产总值", f"{everywhere}&{urlencode({'indicator': '生产总值'})}")
    )
    found.append(("indicator catalogue /v1/indicators", "/v1/indicators"))
    return found


#: per filter: a common value, a rare one (present in the main dataset) and an absent
#: one (None: the API accepts only values that all occur)
COMBINED: dict[str, tuple[str, str, str | None]] = {
    "indicator_code": ("gdp", "forest_coverage", "grain_output_absent"),
    "ref_area": ("临川区", "宜黄县", "北京市"),
    "time_period": ("2024", "2001", "1999"),
    "obs_kind": ("actual", "target", None),
    "measure": ("growth", "pp_gap", None),
    "publication_id": (_publication_id(5), _publication_id(4_001), "pub_absent"),
}
#: the sorts that read most for a filtered page (another column than the filters')
ADVERSE = ("obs_value", "-obs_value", "time_period")


def combinations(keys: dict[str, list[object]]) -> list[tuple[str, str]]:
    """Every pair of filters (common+common, rare+rare, present+absent) and every three
    (common, rare), each with the adverse sorts, first and deep page."""
    import itertools

    from api.pagination import encode_cursor

    base = f"/v1/observations?dataset={MAIN}&limit=100"
    combos: list[tuple[str, dict[str, str]]] = []
    for a, b in itertools.combinations(COMBINED, 2):
        combos.append(("common", {a: COMBINED[a][0], b: COMBINED[b][0]}))
        combos.append(("rare", {a: COMBINED[a][1], b: COMBINED[b][1]}))
        absent = COMBINED[b][2]
        if absent is not None:
            combos.append(("absent", {a: COMBINED[a][0], b: absent}))
    for trio in itertools.combinations(COMBINED, 3):
        combos.append(("common", {c: COMBINED[c][0] for c in trio}))
        combos.append(("rare", {c: COMBINED[c][1] for c in trio}))
    found = []
    for kind, filters in combos:
        for sort in ADVERSE:
            query = urlencode({**filters, "sort": sort})
            cursor = quote(encode_cursor(f"obs:{sort}", keys[sort]))
            label = f"{kind} {'&'.join(f'{c}={v[:12]}' for c, v in filters.items())} {sort}"
            found.append((f"{label} first", f"{base}&{query}"))
            found.append((f"{label} deep", f"{base}&{query}&cursor={cursor}"))
    return found


async def measure(
    base: str, table: list[tuple[str, str]], requests: int
) -> list[tuple[float, float, int]]:
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        return [await latency(path, requests, client) for _, path in table]


def run_backend(
    label: str, url: str, rows: int, requests: int, combined: bool = True, only: str = ""
) -> None:
    keys = _middle_keys(url)
    table = shapes(keys) + (combinations(keys) if combined else [])
    table = [(name, path) for name, path in table if only in name]
    proc, base = start_gongkai(url)
    try:
        # the catalogue's first request of the process counts every dataset it has
        # not seen (api/series/counts.py): timed alone, before anything else
        started = time.perf_counter()
        httpx.get(f"{base}/v1/indicators", timeout=600).raise_for_status()
        cold = (time.perf_counter() - started) * 1000
        figures = asyncio.run(measure(base, table, requests))
    finally:
        stop(proc)
    print(f"\n== {label}: {rows:,} observations, one client, {requests} requests per shape")
    print(f"  /v1/indicators, first request of the process: {cold:.0f} ms")
    print(f"  {'shape':<64} {'p50 ms':>8} {'p99 ms':>8}")
    over = over50 = 0
    for (name, _), (p50, p99, status) in zip(table, figures, strict=True):
        flag = "" if p99 < TARGET_MS else f"  over {TARGET_MS:.0f} ms"
        over += p99 >= TARGET_MS
        over50 += p50 >= TARGET_MS
        http = "" if status == 200 else f" (HTTP {status})"
        print(f"  {name:<64} {p50:8.1f} {p99:8.1f}{http}{flag}")
    p50s = sorted(f[0] for f in figures)
    p99s = sorted(f[1] for f in figures)
    print(
        f"  {over} of {len(table)} shapes with p99 at or over {TARGET_MS:.0f} ms, {over50} with p50"
    )
    if figures:
        print(f"  slowest p50 {p50s[-1]:.1f} ms, slowest p99 {p99s[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("GONGKAI_BENCH_ROWS", 1_000_000))
    )
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument(
        "--no-combinations",
        dest="combinations",
        action="store_false",
        help="only the single shapes, not the pairs and threes of filters",
    )
    parser.add_argument("--only", default="", help="the shapes whose name contains this")
    args = parser.parse_args()
    options = {"combined": args.combinations, "only": args.only}
    if args.backend in ("both", "sqlite"):
        path = sqlite_fixture(args.rows)
        run_backend("SQLite", f"sqlite+aiosqlite:///{path}", args.rows, args.requests, **options)
    pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if pg and args.backend in ("both", "postgresql"):
        url = asyncio.run(postgres_fixture(pg, args.rows))
        run_backend("PostgreSQL", url, args.rows, args.requests, **options)


if __name__ == "__main__":
    main()
