"""Benchmark of /v1/series and /v1/scorecard on 1,000,000 observations. Prints figures;
never fails.

    python bench/bench_series.py                  # 1,000,000 observations (SQLite)
    python bench/bench_series.py --rows 100000    # quick run
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1/postgres python bench/bench_series.py

The rows are shaped like the real column, scaled out: many areas, one work report per
area and year (2015..2024), each stating the actuals of the year before and the targets
of its year for a set of catalogued indicators, one in ten figures revised in a second
version of its report. A series (one area, indicator and measure) so holds tens of
statements among the million, as in production.

What it measures, in process (httpx over ASGI, so the figures are the app's and the
database's, not a network's):

- ``GET /v1/series`` for random (area, indicator, measure): p50, p99, requests per second;
- ``GET /v1/scorecard`` pages (limit 100) following the cursor, and filtered by area;
- the scorecard: computing it from every statement; a full refresh; the refresh a new
  report triggers (the series it touches only) when nothing changes and after one revised
  figure.

There is no peer with a series or scorecard endpoint to compare against (Datasette,
CKAN and Socrata serve rows, not points resolved across documents): the ratio printed
is the series p50 against a plain 100-row /v1/observations page on the same database.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.config import ApiConfig  # noqa: E402
from ingest.scorecard import refresh_scorecards, scorecard_rows  # noqa: E402
from models import (  # noqa: E402
    Database,
    Dataset,
    DatasetVersion,
    Observation,
    Publication,
    ScorecardRow,
    Source,
)
from models.dataset_queries import SCORECARD_ROWS, fingerprint  # noqa: E402
from models.migrations import upgrade  # noqa: E402
from models.series import load_statements  # noqa: E402

SLUG = "bench"
YEARS = range(2015, 2025)
#: (code, zh, en, measure, unit, unit_zh, target qualifier)
INDICATORS = [
    ("gdp", "地区生产总值", "Gross regional product", "growth", "percent", "%", "approx"),
    (
        "industrial_value_added",
        "规模以上工业增加值",
        "Value added of industry",
        "growth",
        "percent",
        "%",
        "ge",
    ),
    (
        "fixed_asset_investment",
        "固定资产投资",
        "Fixed-asset investment",
        "growth",
        "percent",
        "%",
        "ge",
    ),
    (
        "retail_sales",
        "社会消费品零售总额",
        "Total retail sales",
        "growth",
        "percent",
        "%",
        "approx",
    ),
    (
        "public_budget_revenue",
        "一般公共预算收入",
        "General public budget revenue",
        "growth",
        "percent",
        "%",
        "range",
    ),
    (
        "urban_unemployment_rate",
        "城镇调查失业率",
        "Surveyed urban unemployment rate",
        "level",
        "percent",
        "%",
        "le",
    ),
    ("cpi", "居民消费价格", "Consumer price index", "growth", "percent", "%", "approx"),
    ("gdp", "地区生产总值", "Gross regional product", "level", "CNY", "亿元", "ge"),
    ("urban_new_jobs", "城镇新增就业", "New urban jobs", "level", "count", "人", "ge"),
    ("gdp", "地区生产总值", "Gross regional product", "avg_growth", "percent", "%", "approx"),
]
# Each report: every indicator once as last year's actual and once as this year's target.
PER_REPORT = 2 * len(INDICATORS)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _area(i: int) -> tuple[str, str]:
    return f"区县{i:05d}", f"{360000 + i:06d}"


def report_rows(
    area_i: int, year: int, pub_id: str, dataset_id: int, rnd: random.Random
) -> list[dict[str, object]]:
    area, code = _area(area_i)
    rows: list[dict[str, object]] = []
    for j, (ind, zh, en, measure, unit, unit_zh, qualifier) in enumerate(INDICATORS):
        period_actual = str(year - 1) if measure != "avg_growth" else f"{year - 5}/{year - 1}"
        period_target = str(year) if measure != "avg_growth" else f"{year}/{year + 4}"
        for kind, period, q in (
            ("actual", period_actual, "eq"),
            ("target", period_target, qualifier),
        ):
            value = (
                round(rnd.uniform(-2, 12), 1)
                if unit == "percent"
                else float(rnd.randrange(10**6, 10**11))
            )
            rows.append(
                {
                    "dataset_id": dataset_id,
                    "valid_from": 1,
                    "valid_to": None,
                    "fingerprint": uuid.uuid4().hex * 2,
                    "observation_id": f"obs_{pub_id}_{j}_{kind}",
                    "publication_id": pub_id,
                    "publication_version": 1,
                    "ref_area": area,
                    "ref_area_code": code,
                    "time_period": period,
                    "obs_kind": kind,
                    "indicator_code": ind,
                    "indicator_zh": zh,
                    "indicator_en": en,
                    "measure": measure,
                    "obs_value": value,
                    "obs_value_max": value + 1 if q == "range" else None,
                    "qualifier": q,
                    "unit": unit,
                    "unit_zh": unit_zh,
                    "compare_scope": "",
                    "value_text": f"{value:g}{unit_zh}",
                    "quote": f"{zh}增长{value:g}{unit_zh}",
                    "char_start": 100 * j + (kind == "target") * 5000,
                    "char_end": 100 * j + 20 + (kind == "target") * 5000,
                    "source_url": f"https://example.gov.cn/art/{year}/1/20/art_{pub_id}.html",
                }
            )
    return rows


async def build(db: Database, rows: int) -> tuple[float, int]:
    """Load about ``rows`` observations; (seconds, areas)."""
    await upgrade(db)
    areas = max(1, rows // (PER_REPORT * len(YEARS)))
    started = time.perf_counter()
    async with db.transaction() as session:
        source = Source(
            name=SLUG, adapter="hanweb", url="https://example.gov.cn/", dataset_slug=SLUG
        )
        session.add(source)
        dataset = Dataset(slug=SLUG, title="Benchmark", latest_version=1)
        session.add(dataset)
        session.add(
            Dataset(slug="scorecard", kind="scorecard", title="Scorecard", latest_version=0)
        )
        await session.flush()
        session.add(
            DatasetVersion(dataset_id=dataset.id, version=1, row_count=rows, content_hash="0" * 64)
        )
        source_id, dataset_id = source.id, dataset.id
    rnd = random.Random(7)
    written = 0
    batch: list[dict[str, object]] = []
    pubs: list[dict[str, object]] = []
    obs_table = Observation.__table__

    async def flush() -> None:
        async with db.engine.begin() as conn:
            if pubs:
                await conn.execute(sa.insert(Publication.__table__), pubs)
            if batch:
                await conn.execute(sa.insert(obs_table), batch)
        pubs.clear()
        batch.clear()

    for a in range(areas):
        for year in YEARS:
            pid = f"p{a:05d}{year}"
            pubs.append(
                {
                    "id": pid,
                    "source_id": source_id,
                    "url": f"https://example.gov.cn/{pid}",
                    "title": f"{year}年政府工作报告",
                    "published_date": dt.date(year, 1, 20),
                    "status": "active",
                    "missing_checks": 0,
                    "latest_version": 1,
                    "flagged": False,
                    "first_seen_at": dt.datetime(year, 1, 20, tzinfo=dt.UTC),
                    "last_seen_at": dt.datetime(year, 1, 20, tzinfo=dt.UTC),
                    "updated_at": dt.datetime(year, 1, 20, tzinfo=dt.UTC),
                }
            )
            report = report_rows(a, year, pid, dataset_id, rnd)
            # one figure in ten revised in place: the first statement closed, a second
            # version of the report states the revised value
            for row in report[::10]:
                revised = {
                    **row,
                    "valid_from": 2,
                    "publication_version": 2,
                    "obs_value": float(row["obs_value"]) + 0.1,
                }  # type: ignore[arg-type]
                row["valid_to"] = 1
                batch.append(revised)
            batch.extend(report)
            written += len(report) + len(report[::10])
        if len(batch) >= 20_000:
            await flush()
    await flush()
    if db.is_sqlite:
        async with db.engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE")
    else:
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.exec_driver_sql("VACUUM ANALYZE observation")
    print(f"  loaded {written:,} observations ({areas:,} areas, {areas * len(YEARS):,} reports)")
    return time.perf_counter() - started, areas


async def timed(client: httpx.AsyncClient, paths: list[tuple[str, dict[str, str]]]) -> list[float]:
    latencies = []
    for path, params in paths:
        started = time.perf_counter()
        r = await client.get(path, params=params)
        latencies.append(time.perf_counter() - started)
        assert r.status_code == 200, r.text
    return latencies


def report(name: str, latencies: list[float]) -> float:
    p50 = pct(latencies, 0.5)
    print(
        f"  {name:<34} n={len(latencies):<5} p50 {p50 * 1000:7.1f} ms  "
        f"p99 {pct(latencies, 0.99) * 1000:7.1f} ms  {len(latencies) / sum(latencies):7.1f} req/s"
    )
    return p50


async def run(url: str, rows: int, requests: int, *, existing: bool = False) -> None:
    db = Database(url)
    if existing:
        async with db.session() as session:
            areas = await session.scalar(
                sa.select(sa.func.count(sa.distinct(Observation.ref_area)))
            )
        print(f"{db.engine.dialect.name}: reusing {url} ({areas:,} areas), requests only")
        await measure(db, areas or 1, requests)
        await db.dispose()
        return
    print(f"{db.engine.dialect.name}: building ~{rows:,} observations")
    seconds, areas = await build(db, rows)
    print(f"  build {seconds:.1f} s")

    started = time.perf_counter()
    async with db.session() as session:
        rows_ = scorecard_rows(await load_statements(session, include_sample=False))
    computed = time.perf_counter() - started
    async with db.engine.begin() as conn:
        scorecard_id = await conn.scalar(sa.select(Dataset.id).where(Dataset.slug == "scorecard"))
        for start in range(0, len(rows_), 20_000):
            await conn.execute(
                sa.insert(ScorecardRow.__table__),
                [
                    {
                        **{k: v for k, v in r.items() if k != "dataset"},
                        "dataset_id": scorecard_id,
                        "valid_from": 1,
                        "valid_to": None,
                        "fingerprint": fingerprint(r, SCORECARD_ROWS),
                    }
                    for r in rows_[start : start + 20_000]
                ],
            )
        await conn.execute(
            sa.update(Dataset).where(Dataset.id == scorecard_id).values(latest_version=1)
        )
        await conn.execute(
            sa.insert(DatasetVersion.__table__).values(
                dataset_id=scorecard_id,
                version=1,
                row_count=len(rows_),
                content_hash="0" * 64,
                added=len(rows_),
                removed=0,
                changed=0,
                cause={},
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    print(f"  scorecard computed from every statement: {computed:.1f} s, {len(rows_):,} rows")
    async with db.transaction() as session:
        source = (await session.scalars(sa.select(Source))).one()
        started = time.perf_counter()
        unchanged = await refresh_scorecards(session, source, cause={"bench": True})
        print(
            f"  full refresh, nothing new: {time.perf_counter() - started:.1f} s "
            f"-> {unchanged or 'no new version'}"
        )
    async with db.transaction() as session:
        started = time.perf_counter()
        unchanged = await refresh_scorecards(
            session, source, cause={"bench": True}, publication_id="p000422020"
        )
        print(
            f"  refresh for one report (its series only), nothing new: "
            f"{(time.perf_counter() - started) * 1000:.0f} ms -> {unchanged or 'no new version'}"
        )
    async with db.transaction() as session:
        revised = await session.scalar(
            sa.select(Observation.id)
            .where(Observation.publication_id == "p000422020", Observation.valid_to.is_(None))
            .where(Observation.obs_kind == "actual", Observation.measure == "growth")
            .limit(1)
        )
        await session.execute(
            sa.update(Observation)
            .where(Observation.id == revised)
            .values(obs_value=Observation.obs_value + 1, fingerprint="f" * 64)
        )
        started = time.perf_counter()
        changed = await refresh_scorecards(
            session, source, cause={"bench": True}, publication_id="p000422020"
        )
        print(
            f"  refresh for one report after one revised figure: "
            f"{time.perf_counter() - started:.1f} s -> {changed} (the new version's diff "
            f"reads both whole versions, as every dataset version does)"
        )

    await measure(db, areas, requests)
    await db.dispose()


async def measure(db: Database, areas: int, requests: int) -> None:
    app = create_app(db, ApiConfig(rate_limit_per_minute=0))
    transport = httpx.ASGITransport(app=app)
    rnd = random.Random(11)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", timeout=120
    ) as client:
        series = []
        for _ in range(requests):
            ind = rnd.choice(INDICATORS)
            area, code = _area(rnd.randrange(areas))
            where = {"ref_area_code": code} if rnd.random() < 0.5 else {"ref_area": area}
            series.append(("/v1/series", {"indicator_code": ind[0], "measure": ind[3], **where}))
        await timed(client, series[:10])  # warm-up
        p50 = report("GET /v1/series", await timed(client, series))
        report(
            "GET /v1/series.csv",
            await timed(client, [("/v1/series.csv", p) for _, p in series[: requests // 4]]),
        )

        pages = []
        cursor = None
        while len(pages) < requests:
            t0 = time.perf_counter()
            r = await client.get(
                "/v1/scorecard", params={"limit": "100", **({"cursor": cursor} if cursor else {})}
            )
            pages.append(time.perf_counter() - t0)
            cursor = r.json()["next_cursor"]
            if cursor is None:
                break
        report("GET /v1/scorecard (pages of 100)", pages)
        filtered = [
            ("/v1/scorecard", {"ref_area_code": _area(rnd.randrange(areas))[1]})
            for _ in range(requests // 4)
        ]
        report("GET /v1/scorecard?ref_area_code=", await timed(client, filtered))
        report("GET /v1/indicators", await timed(client, [("/v1/indicators", {})] * 5))
        plain = [("/v1/observations", {"dataset": SLUG, "limit": "100"})] * (requests // 4)
        base = report("GET /v1/observations (peer: 100 rows)", await timed(client, plain))
        print(f"  ratio series p50 / observations-page p50: {p50 / base:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--existing", metavar="FILE", help="measure requests on an SQLite file a run built"
    )
    args = parser.parse_args()
    if args.existing:
        asyncio.run(run(f"sqlite+aiosqlite:///{args.existing}", 0, args.requests, existing=True))
        return
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(f"sqlite+aiosqlite:///{tmp}/bench.db", args.rows, args.requests))
    pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if pg:
        admin = sa.make_url(pg).set(drivername="postgresql+asyncpg")
        name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"

        async def pg_run() -> None:
            root = Database(admin)
            async with root.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            await root.dispose()
            try:
                await run(
                    str(admin.set(database=name).render_as_string(hide_password=False)),
                    args.rows,
                    args.requests,
                )
            finally:
                root = Database(admin)
                async with root.engine.connect() as conn:
                    conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                    await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await root.dispose()

        asyncio.run(pg_run())


if __name__ == "__main__":
    main()
