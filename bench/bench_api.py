"""Benchmark of the read API against Datasette on the same rows. Prints figures; never fails.

    python bench/bench_api.py                 # 1,000,000 observations (SQLite)
    python bench/bench_api.py --rows 100000   # quick run
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1/postgres python bench/bench_api.py

The rows are ``bench/fixture.py``'s (built once per row count, cached on disk): the
SQLite file serves Gongkai on SQLite and Datasette, the PostgreSQL fixture holds the same
rows. What it measures, for Gongkai (uvicorn subprocess) and for Datasette (subprocess,
on that SQLite file), one after the other in the same run:

- a 100-row page (Gongkai ``/v1/observations?dataset=bench&limit=100``; Datasette
  ``/db/observation.json?_size=100&_nocount=1``) under 50 concurrent clients for a fixed
  duration: requests per second, p50 and p99 latency;
- the full CSV export (Gongkai ``.../versions/3/observations.csv``; Datasette
  ``/db/observation.csv?_stream=on&_size=max``): rows per second, the first download
  and the same again (Gongkai's second comes from its export cache, a temporary folder);
- the server process's peak RSS (VmHWM) after the export, to show memory stays flat;
- one client, each query shape in turn (``--shape-requests`` requests each, p50/p99):
  first page, deep page, each filter alone (present and absent values), combined
  filters that match nothing, each sort's first and deep page. Datasette gets the same
  filters (``column=value``), sorts (``_sort``/``_sort_desc``) and depth (``_next``).

``--distinct`` gives every loaded request its own URL (no page-cache hit), ``--warmup S``
runs S seconds of the same load unmeasured before each server's measurement,
``--no-csv`` skips the exports, ``--csv-only`` the page load. Gongkai runs with the
app's default settings (``--pool-size`` to change the PostgreSQL pools).

Ratios are Gongkai / Datasette (higher is better for rates, lower for latency and memory).
The load generator is wrk (``apt-get install wrk``) in its own process when installed,
else an httpx client in this process (a client-side ceiling both sides share).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import Database, Dataset, DatasetVersion, Observation, Publication, Source  # noqa: E402
from models.counts import GROUPED, TOTAL, ObservationCount, facet_of, grouped_counts, key  # noqa: E402
from models.migrations import upgrade  # noqa: E402

SLUG = "bench"
LATEST = 3  # the fixture's main dataset has three versions (bench/fixture.py)
WARMUP = [0.0]  # --warmup: seconds of unmeasured load before each server's page load
DISTINCT = [False]  # --distinct: every loaded request a URL of its own (no cache hits)
CSV_ONLY = [False]  # --csv-only: no page load, the exports alone
POOL_SIZE: list[int | None] = [None]  # --pool-size: the server's PostgreSQL pool (None: the app's)
INDICATORS = [
    ("gdp", "地区生产总值", "Gross regional product", "level", "CNY", "亿元"),
    (
        "industrial_value_added",
        "规模以上工业增加值",
        "Value added of industry",
        "growth",
        "percent",
        "%",
    ),
    ("retail_sales", "社会消费品零售总额", "Total retail sales", "growth", "percent", "%"),
    ("urban_new_jobs", "城镇新增就业", "New urban jobs", "level", "count", "人"),
    ("pm25", "PM2.5平均浓度", "PM2.5 mean concentration", "level", "ug_m3", "微克/立方米"),
    ("", "对全省经济增长贡献率", "", "level", "percent", "%"),
]
AREAS = [("抚州市", "361000"), ("临川区", "361002"), ("南城县", "361021"), ("崇仁县", "361024")]


# --------------------------------------------------------------------------- data


def observation_rows(
    start: int, count: int, dataset_id: int, pub_id: str
) -> list[dict[str, object]]:
    rnd = random.Random(start)
    rows = []
    for i in range(start, start + count):
        code, zh, en, measure, unit, unit_zh = INDICATORS[i % len(INDICATORS)]
        area, area_code = AREAS[i % len(AREAS)]
        value = round(rnd.uniform(-10, 3000), 2) if i % 3 else float(rnd.randrange(1, 10**9))
        rows.append(
            {
                "dataset_id": dataset_id,
                "valid_from": 1,
                "valid_to": None,
                "fingerprint": f"{i:064x}",
                "observation_id": f"obs_{i:012x}",
                "publication_id": pub_id,
                "publication_version": 1,
                "ref_area": area,
                "ref_area_code": area_code,
                "time_period": str(2015 + i % 10),
                "obs_kind": "target" if i % 4 == 0 else "actual",
                "indicator_code": code,
                "indicator_zh": zh,
                "indicator_en": en,
                "measure": measure,
                "obs_value": value,
                "obs_value_max": value + 0.5 if i % 11 == 0 else None,
                "qualifier": "range" if i % 11 == 0 else "eq",
                "unit": unit,
                "unit_zh": unit_zh,
                "compare_scope": "",
                "value_text": f"{value}{unit_zh}",
                "quote": f"{zh}增长{value}{unit_zh},排名全省第{i % 11 + 1}",
                "char_start": i % 5000,
                "char_end": i % 5000 + 20,
                "source_url": f"https://www.jxfz.gov.cn/art/2024/3/11/art_4394_{i % 997}.html",
            }
        )
    return rows


async def build(db: Database, rows: int, batch: int = 20_000) -> float:
    """Migrate and load ``rows`` observations as dataset version 1; seconds taken."""
    await upgrade(db)
    started = time.perf_counter()
    async with db.transaction() as session:
        source = Source(
            name=SLUG, adapter="hanweb", url="https://example.gov.cn/", dataset_slug=SLUG
        )
        session.add(source)
        await session.flush()
        session.add(
            Publication(id="pub_bench", source_id=source.id, url="https://example.gov.cn/a")
        )
        dataset = Dataset(slug=SLUG, title="Benchmark", latest_version=1)
        session.add(dataset)
        await session.flush()
        session.add(
            DatasetVersion(dataset_id=dataset.id, version=1, row_count=rows, content_hash="0" * 64)
        )
        dataset_id = dataset.id
    table = Observation.__table__
    counts: Counter[str] = Counter()
    async with db.engine.begin() as conn:
        for start in range(0, rows, batch):
            chunk = observation_rows(start, min(batch, rows - start), dataset_id, "pub_bench")
            await conn.execute(sa.insert(table), chunk)
            counts += grouped_counts((tuple(r[c] for c in GROUPED), 1) for r in chunk)
        # version 1's counts, as publishing would have kept them (models/counts.py)
        counts[key(TOTAL)] = rows
        await conn.execute(
            sa.insert(ObservationCount),
            [
                {"dataset_id": dataset_id, "facet": facet_of(k), "key": k, "n": n, "valid_from": 1}
                for k, n in counts.items()
            ],
        )
    # Statistics as the app would have them: SQLite none (the app runs no ANALYZE; with
    # statistics of this one-publication load SQLite took no index for a publication's
    # rows), PostgreSQL what autovacuum would have gathered.
    if not db.is_sqlite:
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.exec_driver_sql("VACUUM ANALYZE observation")
    return time.perf_counter() - started


async def copy_to_sqlite(db: Database, path: Path, rows: int) -> None:
    """The same observation rows in an SQLite file, for Datasette (PostgreSQL runs)."""
    target = Database(f"sqlite+aiosqlite:///{path}")
    await build(target, 0)
    table = Observation.__table__
    last = 0
    async with db.engine.connect() as src, target.engine.begin() as dst:
        while True:
            result = await src.execute(
                sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(20_000)
            )
            chunk = [dict(r._mapping) for r in result]
            if not chunk:
                break
            await dst.execute(sa.insert(table), chunk)
            last = int(chunk[-1]["id"])  # type: ignore[call-overload]
    await target.dispose()


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, port: int, pool_size: int | None, export_cache: str) -> None:
    """Child process: Gongkai's app on ``port`` (rate limit off, the export cache in
    ``export_cache``, the app's pool size unless ``pool_size``)."""
    import uvicorn

    from api.app import create_app
    from api.config import ApiConfig

    db = Database(url) if pool_size is None else Database(url, pool_size=pool_size)
    config = ApiConfig(rate_limit_per_minute=0, export_cache_dir=export_cache)
    app = create_app(db, config)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --------------------------------------------------------------------------- load


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def load(url: str, concurrency: int, duration: float) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await client.get(url)  # warm-up
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors += 1
                    if errors == 1:
                        print(
                            f"  first error from {url}: {r.status_code if 'r' in locals() else '-'}"
                        )

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return LoadResult(len(latencies), errors, seconds, latencies)


@dataclass
class WrkResult:
    """The same figures from wrk (a C load generator in its own process), which unlike an
    httpx client in this process does not cap what a fast server can show."""

    rps: float
    errors: int
    percentiles: dict[float, float]  # quantile -> milliseconds

    def pct(self, q: float) -> float:
        return self.percentiles.get(q, float("nan"))


def _wrk_ms(text: str) -> float:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
    for unit in ("us", "ms", "s", "m"):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
            return float(text[: -len(unit)]) * units[unit]
    return float("nan")


#: wrk script: every request its own ``_bench`` parameter (ignored by both servers), so
#: no response comes from Gongkai's page cache
_DISTINCT_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "&_bench=" .. n)
end
"""


def load_wrk(url: str, concurrency: int, duration: float, distinct: bool = False) -> WrkResult:
    command = ["wrk", "-t2", f"-c{concurrency}", f"-d{int(duration)}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_DISTINCT_LUA)
    if distinct:
        command += ["-s", script.name]
    try:
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    rps = 0.0
    errors = 0
    percentiles: dict[float, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rps = float(parts[1])
        elif line.strip().startswith(("50%", "99%")) and len(parts) == 2:
            percentiles[float(parts[0].rstrip("%")) / 100] = _wrk_ms(parts[1])
        elif "Non-2xx or 3xx responses:" in line or line.strip().startswith("Socket errors"):
            errors += sum(int(p.rstrip(",")) for p in parts if p.rstrip(",").isdigit())
    return WrkResult(rps, errors, percentiles)


async def export(url: str) -> tuple[int, float, int]:
    """(rows, seconds, bytes) of one full CSV download."""
    newlines = 0
    size = 0
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=None) as client, client.stream("GET", url) as r:
        r.raise_for_status()
        async for chunk in r.aiter_bytes():
            newlines += chunk.count(b"\n")
            size += len(chunk)
    return newlines - 1, time.perf_counter() - started, size


@dataclass
class Figures:
    name: str
    page: LoadResult | WrkResult
    export_rows: int
    export_seconds: float
    export_bytes: int
    rss_before: float
    peak_rss: float
    again_seconds: float  # the same export a second time (Gongkai: from its export cache)

    @property
    def csv_rate(self) -> float:
        return self.export_rows / self.export_seconds

    @property
    def again_rate(self) -> float:
        return self.export_rows / self.again_seconds


async def measure(
    name: str,
    pid: int,
    page_url: str,
    csv_url: str,
    concurrency: int,
    duration: float,
    *,
    csv: bool = True,
    again: bool = True,
) -> Figures:
    """The page load (none with ``--csv-only``), then (``csv``) the export and
    (``again``) the same export again; without ``again`` the second figure is the first
    (a server without an export cache: Datasette)."""
    if CSV_ONLY[0]:
        page: LoadResult | WrkResult = WrkResult(float("nan"), 0, {})
    elif shutil.which("wrk"):
        if WARMUP[0]:
            # the same load, not measured: pools and caches filled, as in a running server
            load_wrk(page_url, concurrency, WARMUP[0], DISTINCT[0])
        page = load_wrk(page_url, concurrency, duration, DISTINCT[0])
    else:
        page = await load(page_url, concurrency, duration)
    before = rss_mb(pid)
    if not csv:
        return Figures(name, page, 0, float("nan"), 0, before, peak_rss_mb(pid), float("nan"))
    rows, seconds, size = await export(csv_url)
    peak = peak_rss_mb(pid)
    repeated = (await export(csv_url))[1] if again else seconds
    return Figures(name, page, rows, seconds, size, before, peak, repeated)


def report(ours: Figures, theirs: Figures | None) -> None:
    def line(f: Figures) -> str:
        return (
            f"{f.name:<22} page: {f.page.rps:8.0f} req/s  p50 {f.page.pct(0.5):7.1f} ms  "
            f"p99 {f.page.pct(0.99):7.1f} ms  errors {f.page.errors:<4} | "
            f"CSV: {f.export_rows:>9} rows in {f.export_seconds:6.2f} s = "
            f"{f.export_rows / f.export_seconds:9.0f} rows/s ({f.export_bytes / 1e6:.0f} MB), "
            f"again {f.again_rate:9.0f} rows/s | "
            f"RSS {f.rss_before:.0f} MB -> peak {f.peak_rss:.0f} MB"
        )

    print(line(ours))
    if theirs is None:
        return
    print(line(theirs))
    if not (theirs.page.rps and theirs.peak_rss):
        print("no ratios: Datasette answered nothing usable")
        return
    print(
        "ratios (Gongkai / Datasette): "
        f"page req/s {ours.page.rps / theirs.page.rps:.2f}, "
        f"p50 {ours.page.pct(0.5) / theirs.page.pct(0.5):.2f}, "
        f"p99 {ours.page.pct(0.99) / theirs.page.pct(0.99):.2f}, "
        + (
            f"CSV rows/s {ours.csv_rate / theirs.csv_rate:.2f} "
            f"(again {ours.again_rate / theirs.again_rate:.2f}), "
            if theirs.export_rows and ours.export_rows
            else ""
        )
        + f"peak RSS {ours.peak_rss / theirs.peak_rss:.2f}"
    )


# --------------------------------------------------------------------------- shapes


def shapes(rows: int, db_name: str) -> list[tuple[str, str, str]]:
    """(name, Gongkai path, Datasette path) of every query shape, one client each."""
    from api.pagination import encode_cursor

    ours = f"/v1/observations?dataset={SLUG}&limit=100"
    theirs = f"/{db_name}/observation.json?_size=100&_nocount=1&_nofacet=1&_nosuggest=1"
    middle = rows // 2
    found: list[tuple[str, str, str]] = [
        ("first page", ours, theirs),
        (
            "deep page (middle)",
            f"{ours}&cursor={encode_cursor('obs:id', [middle])}",
            f"{theirs}&_next={middle}",
        ),
    ]
    filters = [
        ("indicator_code", "gdp"),
        ("ref_area", "临川区"),
        ("time_period", "2020"),
        ("obs_kind", "target"),
        ("measure", "growth"),
        ("publication_id", "pub_bench"),
        ("ref_area", "南昌市"),  # absent
        ("indicator_code", "grain_output"),  # absent
    ]
    for column, value in filters:
        q = f"{column}={quote(value)}"
        found.append((f"filter {column}={value}", f"{ours}&{q}", f"{theirs}&{q}"))
    for combo in (
        "indicator_code=gdp&ref_area=" + quote("南昌市"),  # one value absent
        "indicator_code=gdp&measure=rank",  # both present, never together
        "indicator_code=gdp&ref_area=" + quote("临川区"),  # both present, never together
    ):
        found.append((f"no match {combo}", f"{ours}&{combo}", f"{theirs}&{combo}"))
    deep_keys = {"time_period": "2019", "indicator_code": "pm25", "obs_value": 1500.0}
    for sort in ("time_period", "-time_period", "indicator_code", "obs_value", "-obs_value"):
        column = sort.lstrip("-")
        peer_sort = f"_sort_desc={column}" if sort.startswith("-") else f"_sort={column}"
        found.append((f"sort {sort} first", f"{ours}&sort={sort}", f"{theirs}&{peer_sort}"))
        key = deep_keys[column]
        cursor = encode_cursor(f"obs:{sort}", [key, middle])
        found.append(
            (
                f"sort {sort} deep",
                f"{ours}&sort={sort}&cursor={cursor}",
                f"{theirs}&{peer_sort}&_next={quote(str(key))},{middle}",
            )
        )
    return found


async def latency(
    url: str, requests: int, client: httpx.AsyncClient | None = None
) -> tuple[float, float, int]:
    """(p50 ms, p99 ms, HTTP status) of ``requests`` sequential GETs after two warm-ups,
    on ``client`` when given (``url`` may then be relative to its base)."""
    # A parameter of its own per request (both servers ignore it): Gongkai caches pages
    # by query string, and these figures are of pages read from the database.
    if client is None:
        async with httpx.AsyncClient(timeout=120) as own:
            return await latency(url, requests, own)
    sep = "&" if "?" in url else "?"
    for n in range(2):
        status = (await client.get(f"{url}{sep}_bench=w{n}")).status_code
    times = []
    for n in range(requests):
        t0 = time.perf_counter()
        r = await client.get(f"{url}{sep}_bench={n}")
        times.append(time.perf_counter() - t0)
        status = r.status_code if r.status_code != 200 else status
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return statistics.median(times) * 1000, p99 * 1000, status


async def measure_shapes(
    base: str, paths: list[str], requests: int
) -> list[tuple[float, float, int]]:
    return [await latency(base + path, requests) for path in paths]


def report_shapes(
    names: list[str],
    ours: list[tuple[float, float, int]],
    theirs: list[tuple[float, float, int]] | None,
) -> None:
    print(f"one client, {'shape':<52} Gongkai p50/p99 ms   Datasette p50/p99 ms   p50 ratio")
    for i, name in enumerate(names):
        o50, o99, ostatus = ours[i]
        line = f"  {name:<62} {o50:7.1f} {o99:7.1f}"
        if ostatus != 200:
            line += f" (HTTP {ostatus})"
        if theirs is not None:
            t50, t99, tstatus = theirs[i]
            line += f"      {t50:8.1f} {t99:8.1f}"
            line += f" (HTTP {tstatus})" if tstatus != 200 else ""
            line += f"      {o50 / t50:6.2f}"
        print(line)


# --------------------------------------------------------------------------- main


def start_gongkai(url: str, export_cache: str = "") -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    pool = () if POOL_SIZE[0] is None else ("--pool-size", str(POOL_SIZE[0]))
    proc = subprocess.Popen(
        [
            *(sys.executable, __file__, "--serve", url, "--port", str(port)),
            *("--export-cache", export_cache, *pool),
        ],
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_up(f"{base}/health", proc)
    return proc, base


def start_datasette(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    exe = shutil.which("datasette", path=str(Path(sys.executable).parent)) or "datasette"
    proc = subprocess.Popen(
        [
            exe,
            "serve",
            str(path),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--setting",
            "max_csv_mb",
            "0",
            "--setting",
            "sql_time_limit_ms",
            "10000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_up(f"{base}/-/versions.json", proc)
    return proc, base


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


async def run_backend(label: str, url: str, sqlite_file: Path, args: argparse.Namespace) -> None:
    print(f"\n== {label}: {args.rows:,} observations")
    table = shapes(args.rows, sqlite_file.stem)
    cache = tempfile.TemporaryDirectory(prefix="gongkai-bench-exports-")
    proc, base = start_gongkai(url, cache.name)
    try:
        ours_shapes = (
            await measure_shapes(base, [t[1] for t in table], args.shape_requests)
            if args.shape_requests
            else []
        )
        ours = await measure(
            f"Gongkai ({label})",
            proc.pid,
            f"{base}/v1/observations?dataset={SLUG}&limit=100",
            f"{base}/v1/datasets/{SLUG}/versions/{LATEST}/observations.csv",
            args.concurrency,
            args.duration,
            csv=not args.no_csv,
        )
    finally:
        stop(proc)
        cache.cleanup()
    if args.no_peer:
        report(ours, None)
        return
    dproc, dbase = start_datasette(sqlite_file)
    try:
        theirs_shapes = (
            await measure_shapes(dbase, [t[2] for t in table], args.shape_requests)
            if args.shape_requests
            else []
        )
        theirs = await measure(
            "Datasette (SQLite)",
            dproc.pid,
            f"{dbase}/{sqlite_file.stem}/observation.json?_size=100&_nocount=1&_nofacet=1&_nosuggest=1",
            f"{dbase}/{sqlite_file.stem}/observation.csv?_stream=on&_size=max&_nocount=1&_nofacet=1&_nosuggest=1",
            args.concurrency,
            args.duration,
            csv=not args.no_csv,
            again=False,
        )
    finally:
        stop(dproc)
    report(ours, theirs)
    if args.shape_requests:
        report_shapes([t[0] for t in table], ours_shapes, theirs_shapes)


async def main(args: argparse.Namespace) -> None:
    from bench.fixture import postgres_fixture, sqlite_fixture

    print(
        "load generator: "
        + ("wrk (2 threads)" if shutil.which("wrk") else "httpx in this process (install wrk)")
    )
    # The databases of bench/fixture.py (built once, cached on disk): the same rows on
    # both backends, and the SQLite file is Datasette's.
    sqlite_file = await asyncio.to_thread(sqlite_fixture, args.rows)
    if not args.postgres_only:
        await run_backend("SQLite", f"sqlite+aiosqlite:///{sqlite_file}", sqlite_file, args)
    pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if pg:
        url = await postgres_fixture(pg, args.rows)
        await run_backend("PostgreSQL", url, sqlite_file, args)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("GONGKAI_BENCH_ROWS", 1_000_000))
    )
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of page load per server"
    )
    parser.add_argument(
        "--shape-requests",
        type=int,
        default=30,
        help="one-client requests per query shape (0: no shapes)",
    )
    parser.add_argument(
        "--no-peer", action="store_true", help="Gongkai only (e.g. for peak RSS across sizes)"
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="wrk: every request its own URL, so no page comes from Gongkai's cache",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        default=None,
        help="Gongkai's PostgreSQL pool size (as many again overflow); default: the app's",
    )
    parser.add_argument("--postgres-only", action="store_true", help="skip the SQLite run")
    parser.add_argument("--no-csv", action="store_true", help="pages only, no CSV export")
    parser.add_argument(
        "--csv-only", action="store_true", help="the CSV exports only, no page load"
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=0.0,
        help="wrk: seconds of the same load, unmeasured, before each server's measurement",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--export-cache", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse()
    DISTINCT[0] = arguments.distinct
    WARMUP[0] = arguments.warmup
    CSV_ONLY[0] = arguments.csv_only
    POOL_SIZE[0] = arguments.pool_size
    if arguments.serve:
        serve(arguments.serve, arguments.port, arguments.pool_size, arguments.export_cache)
    else:
        asyncio.run(main(arguments))
