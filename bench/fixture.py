"""A big benchmark database, built fast and kept on disk between runs.

Loading millions of observations through the app (publish by publish) takes minutes per
million; the benches need 1,000,000 and 5,000,000. This builds the same database
directly: the app's migrations create the schema, the rows go in by bulk inserts
(``executemany`` on SQLite, ``COPY`` on PostgreSQL) with the observation indexes dropped
for the load and recreated afterwards from their own definitions, so the result has the
app's schema, indexes and row shapes, and no statistics beyond what PostgreSQL's
autovacuum would have gathered (``VACUUM ANALYZE``; SQLite gets no ``ANALYZE``, as the
app runs none)::

    path = sqlite_fixture(5_000_000)               # cached file under the fixture folder
    url = await postgres_fixture(admin_url, 5_000_000)  # cached database on that server

The rows (deterministic, the same on both backends, ids 1..N) are a realistic spread:
the catalogue's indicators with their Chinese aliases and uncatalogued names, 23 Jiangxi
areas, years 2000-2026 weighted to recent ones, actuals and targets, every measure;
publications of about 180 observations each; a main dataset ``bench`` with three versions
(rows added in later versions, revised rows closed and reopened), a filter dataset
``bench-gdp`` holding copies of the GDP and industry rows, written right after each
publication as ingest does, and a small ``bench-small``.

The cache folder is ``$GONGKAI_BENCH_FIXTURES`` or ``/tmp/gongkai-bench-fixtures``; a
fixture is named by its row count and a key over this generator and the migration head,
so a new migration or generator change builds a new one. PostgreSQL fixtures are
databases ``gongkai_fixture_<rows>_<key>``, renamed into place only when complete.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import random
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.indicators import load_catalog  # noqa: E402
from models import Database  # noqa: E402
from models.counts import GROUPED, counts_from_groups  # noqa: E402
from models.dataset_queries import STORED_COLUMNS, RowSum, fingerprint  # noqa: E402
from models.migrations import upgrade  # noqa: E402

#: bump when the rows generated change
GENERATOR = "4"
MAIN, FILTERED, SMALL = "bench", "bench-gdp", "bench-small"
LATEST = 3  # versions of the main dataset
PER_PUBLICATION = 180

AREAS = [
    ("江西省", "360000"),
    ("南昌市", "360100"),
    ("景德镇市", "360200"),
    ("萍乡市", "360300"),
    ("九江市", "360400"),
    ("新余市", "360500"),
    ("鹰潭市", "360600"),
    ("赣州市", "360700"),
    ("吉安市", "360800"),
    ("宜春市", "360900"),
    ("抚州市", "361000"),
    ("上饶市", "361100"),
    ("临川区", "361002"),
    ("东乡区", "361003"),
    ("南城县", "361021"),
    ("黎川县", "361022"),
    ("南丰县", "361023"),
    ("崇仁县", "361024"),
    ("乐安县", "361025"),
    ("宜黄县", "361026"),
    ("金溪县", "361027"),
    ("资溪县", "361028"),
    ("广昌县", "361030"),
]
#: names a report uses for figures no catalogue entry covers (indicator_code "")
UNCATALOGUED = [
    f"{a}{b}"
    for a in ("全市", "全县", "全区", "农村", "城镇", "重点", "新增", "规上", "高新技术", "民营")
    for b in (
        "企业营业收入",
        "项目投资",
        "税收收入",
        "贷款余额",
        "旅游收入",
        "粮食播种面积",
        "专利授权量",
        "森林覆盖率",
        "棚户区改造",
        "电力消费量",
    )
]
MEASURE_UNITS = {
    "level": [("CNY", "亿元"), ("count", "个"), ("tonnes", "万吨"), ("percent", "%")],
    "growth": [("percent", "%")],
    "avg_growth": [("percent", "%")],
    "pp_change": [("percentage_point", "个百分点")],
    "avg_pp_change": [("percentage_point", "个百分点")],
    "change": [("CNY", "亿元"), ("count", "个")],
    "rank": [("rank", "位")],
    "rank_change": [("rank", "位")],
    "pp_gap": [("percentage_point", "个百分点")],
}
MEASURE_WEIGHTS = {
    "level": 40,
    "growth": 35,
    "avg_growth": 5,
    "pp_change": 4,
    "avg_pp_change": 1,
    "change": 5,
    "rank": 7,
    "rank_change": 2,
    "pp_gap": 1,
}
FILTER_CODES = frozenset({"gdp", "industrial_value_added"})


def _key() -> str:
    from models.migrations import head_revision

    head = head_revision()
    return hashlib.sha256(f"{GENERATOR}/{head}".encode()).hexdigest()[:10]


def folder() -> Path:
    path = Path(os.environ.get("GONGKAI_BENCH_FIXTURES", "/tmp/gongkai-bench-fixtures"))
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- rows


class Plan:
    """Where each generated row goes, and the metadata rows around them."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.publications = max(1, rows // (PER_PUBLICATION + 20))
        catalog = load_catalog().indicators
        # (code, zh, en): every alias a report uses, weighted like reports (a few
        # indicators everywhere, a long tail)
        self.names: list[tuple[str, str, str]] = []
        self.weights: list[float] = []
        for rank, ind in enumerate(catalog, start=1):
            for alias in ind.zh or (ind.code,):
                self.names.append((ind.code, alias, ind.en))
                self.weights.append(1.0 / rank / len(ind.zh or (1,)))
        for name in UNCATALOGUED:
            self.names.append(("", name, ""))
            self.weights.append(0.004)
        self.measures = list(MEASURE_WEIGHTS)
        self.measure_weights = list(MEASURE_WEIGHTS.values())
        self.years = [str(y) for y in range(2000, 2027)]
        self.year_weights = [1.0 + max(0, y - 2012) ** 2 for y in range(2000, 2027)]


def _publication_id(p: int) -> str:
    return f"pub_{hashlib.sha256(f'bench-{p}'.encode()).hexdigest()[:20]}"


def _values(rnd: random.Random, plan: Plan, pub: str, area: tuple[str, str]) -> dict[str, Any]:
    code, zh, en = rnd.choices(plan.names, plan.weights)[0]
    measure = rnd.choices(plan.measures, plan.measure_weights)[0]
    unit, unit_zh = rnd.choice(MEASURE_UNITS[measure])
    if measure in ("rank", "rank_change"):
        value = float(rnd.randint(1, 11))
    elif unit == "CNY":
        value = round(rnd.lognormvariate(4, 2), 2)
    else:
        value = round(rnd.gauss(6, 4), 1) + 0.0  # never -0.0 (SQLite stores it as 0.0)
    ranged = rnd.random() < 0.05
    qualifier = "range" if ranged else rnd.choice(("eq", "eq", "eq", "approx", "gt", "ge"))
    value_text = f"{value}{unit_zh}" if not ranged else f"{value}-{value + 0.5}{unit_zh}"
    start = rnd.randrange(0, 30_000)
    quote = f"{area[0]}{zh}{'增长' if measure == 'growth' else '达到'}{value_text}"
    return {
        "publication_id": pub,
        "publication_version": 1,
        "ref_area": area[0],
        "ref_area_code": area[1],
        "time_period": rnd.choices(plan.years, plan.year_weights)[0],
        "obs_kind": "target" if rnd.random() < 0.3 else "actual",
        "indicator_code": code,
        "indicator_zh": zh,
        "indicator_en": en,
        "measure": measure,
        "obs_value": value,
        "obs_value_max": value + 0.5 if ranged else None,
        "qualifier": qualifier,
        "unit": unit,
        "unit_zh": unit_zh,
        "compare_scope": rnd.choice(("", "", "", "province", "city")) if measure == "rank" else "",
        "value_text": value_text,
        "quote": quote,
        "char_start": start,
        "char_end": start + len(quote),
        "source_url": f"https://www.jxfz.gov.cn/art/2024/3/11/art_4394_{pub[4:12]}.html",
    }


def generate(plan: Plan, dataset_ids: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    """Observation rows in id order: (id, dataset_id, valid_from, valid_to, fingerprint,
    *STORED_COLUMNS)."""
    next_id = 1
    for p in range(plan.publications):
        if next_id > plan.rows:
            return
        rnd = random.Random(p)
        pub = _publication_id(p)
        area = AREAS[p % len(AREAS)] if rnd.random() < 0.7 else rnd.choice(AREAS)
        slug = SMALL if p % 997 == 0 else MAIN
        # versions: most publications arrive before version 1, later ones after it
        valid_from = 1 if p < plan.publications * 0.8 else (2 if p < plan.publications * 0.9 else 3)
        copies: list[dict[str, Any]] = []
        block: list[tuple[str, dict[str, Any], int, int | None]] = []
        for n in range(PER_PUBLICATION if slug == MAIN else 20):
            values = _values(rnd, plan, pub, area)
            oid = "obs-" + hashlib.sha256(f"{pub}\x1e{n}".encode()).hexdigest()[:20]
            if slug == MAIN and valid_from < LATEST and rnd.random() < 0.03:
                # revised in version 3: the old row closed, the new one from 3 on
                block.append((oid, values, valid_from, LATEST - 1))
                revised = {**values, "obs_value": round(values["obs_value"] * 1.01, 2)}
                block.append((oid, revised, LATEST, None))
                if values["indicator_code"] in FILTER_CODES:
                    copies.append({**revised, "_oid": oid})
            else:
                block.append((oid, values, valid_from, None))
                if slug == MAIN and values["indicator_code"] in FILTER_CODES:
                    copies.append({**values, "_oid": oid})
        rows = [(dataset_ids[slug], *entry) for entry in block]
        # the filter dataset gets its copies right after, as ingest writes them
        rows += [(dataset_ids[FILTERED], v.pop("_oid"), v, 1, None) for v in copies]
        for dataset_id, oid, values, start, end in rows:
            if next_id > plan.rows:
                return
            stored = {"observation_id": oid, **values}
            yield (
                next_id,
                dataset_id,
                start,
                end,
                fingerprint(stored),
                *(stored[c] for c in STORED_COLUMNS),
            )
            next_id += 1


COLUMNS = ("id", "dataset_id", "valid_from", "valid_to", "fingerprint", *STORED_COLUMNS)


# --------------------------------------------------------------------------- metadata


def _metadata(plan: Plan) -> list[tuple[str, list[dict[str, Any]]]]:
    """(table, rows) of sources, publications and datasets, inserted before observations."""
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    sources = [
        {
            "id": i + 1,
            "name": f"bench-{i}",
            "adapter": "hanweb",
            "url": f"https://www.example{i}.gov.cn/col/",
            "area": area,
            "area_code": code,
            "dataset_slug": MAIN,
            "enabled": False,
            "created_at": now,
            "updated_at": now,
        }
        for i, (area, code) in enumerate(AREAS)
    ]
    publications = [
        {
            "id": _publication_id(p),
            "source_id": p % len(AREAS) + 1,
            "url": f"https://www.example.gov.cn/art/{p}.html",
            "title": f"政府工作报告 {p}",
            "latest_version": 1,
            "first_seen_at": now,
            "last_seen_at": now,
            "updated_at": now,
        }
        for p in range(plan.publications)
    ]
    datasets = [
        {"id": 1, "slug": MAIN, "title": "Benchmark", "latest_version": LATEST},
        {
            "id": 2,
            "slug": FILTERED,
            "title": "Benchmark: GDP and industry",
            "filter": {"indicator_codes": sorted(FILTER_CODES)},
            "latest_version": 1,
        },
        {"id": 3, "slug": SMALL, "title": "Benchmark: small", "latest_version": 1},
    ]
    for d in datasets:
        d.update(created_at=now, updated_at=now)
    return [("source", sources), ("publication", publications), ("dataset", datasets)]


DATASET_IDS = {MAIN: 1, FILTERED: 2, SMALL: 3}


def _versions(counts: dict[tuple[int, int], RowSum]) -> list[dict[str, Any]]:
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    out = []
    slugs = {v: k for k, v in DATASET_IDS.items()}
    for (dataset_id, version), digest in sorted(counts.items()):
        out.append(
            {
                "dataset_id": dataset_id,
                "version": version,
                "created_at": now,
                "row_count": digest.count,
                "content_hash": digest.content_hash(slugs[dataset_id]),
                "row_sum": digest.dump(),
                "added": 0,
                "removed": 0,
                "changed": 0,
                "cause": {},
            }
        )
    return out


#: where the grouped columns (models/counts.py) are in a generated row, publication_id
#: apart
_FINE_AT = tuple(5 + STORED_COLUMNS.index(c) for c in GROUPED if c != "publication_id")
_PUBLICATION_AT = 5 + STORED_COLUMNS.index("publication_id")


class _Sums:
    """Row sums and value counts of every version, kept while the rows stream past (a
    version's rows are the rows whose run covers it)."""

    def __init__(self) -> None:
        self.sums: dict[tuple[int, int], RowSum] = {}
        # rows by (dataset, run, grouped values) and by (dataset, run, publication)
        self.groups: Counter[tuple[Any, ...]] = Counter()
        self.publications: Counter[tuple[Any, ...]] = Counter()

    def add(self, row: tuple[Any, ...]) -> None:
        _, dataset_id, start, end = row[:4]
        run = (dataset_id, start, end)
        self.groups[(*run, tuple(row[i] for i in _FINE_AT))] += 1
        self.publications[(*run, row[_PUBLICATION_AT])] += 1
        latest = _latest(dataset_id)
        element = RowSum.element((row[0], *row[5:]))
        for version in range(start, (end or latest) + 1):
            digest = self.sums.setdefault((dataset_id, version), RowSum())
            digest.total = (digest.total + element) & RowSum._MASK
            digest.count += 1


def _latest(dataset_id: int) -> int:
    return LATEST if dataset_id == DATASET_IDS[MAIN] else 1


def _count_rows(sums: _Sums) -> list[dict[str, Any]]:
    """The observation_count rows of every version (models/counts.py): each key's count
    per version, equal counts of consecutive versions one row with their run."""
    per_version: dict[int, list[Counter[str]]] = {}
    for dataset_id in DATASET_IDS.values():
        per_version[dataset_id] = [
            counts_from_groups(
                (
                    (values, n)
                    for (d, start, end, values), n in sums.groups.items()
                    if d == dataset_id and start <= version <= (end or version)
                ),
                (
                    (pub, n)
                    for (d, start, end, pub), n in sums.publications.items()
                    if d == dataset_id and start <= version <= (end or version)
                ),
            )
            for version in range(1, _latest(dataset_id) + 1)
        ]
    out: list[dict[str, Any]] = []
    for dataset_id, versions in per_version.items():
        for key in sorted(set().union(*versions)):
            runs: list[list[int]] = []  # [first version, last version, n]
            for version, counts in enumerate(versions, start=1):
                n = counts.get(key)
                if n is None:
                    continue
                if runs and runs[-1][1] == version - 1 and runs[-1][2] == n:
                    runs[-1][1] = version
                else:
                    runs.append([version, version, n])
            out += [
                {
                    "dataset_id": dataset_id,
                    "facet": key.partition("=")[0],
                    "key": key,
                    "n": n,
                    "valid_from": first,
                    "valid_to": None if last == len(versions) else last,
                }
                for first, last, n in runs
            ]
    return out


# --------------------------------------------------------------------------- SQLite


def sqlite_fixture(rows: int) -> Path:
    """The SQLite fixture of ``rows`` observations, built when not cached."""
    path = folder() / f"observations-{rows}-{_key()}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    for leftover in folder().glob(partial.name + "*"):
        leftover.unlink()
    plan = Plan(rows)
    asyncio.run(_prepare(f"sqlite+aiosqlite:///{partial}", plan))
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        # For the build only: no journal, no syncs, a big page cache. The file goes back
        # to WAL, the app's mode, at the end.
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1000000")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("BEGIN")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'observation' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        sums = _Sums()
        insert = (
            f"INSERT INTO observation ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in COLUMNS)})"
        )
        batch: list[tuple[Any, ...]] = []
        for row in generate(plan, DATASET_IDS):
            sums.add(row)
            batch.append(row)
            if len(batch) == 50_000:
                conn.executemany(insert, batch)
                batch.clear()
        conn.executemany(insert, batch)
        loaded = time.perf_counter()
        for _, sql in indexes:
            conn.execute(sql)
        _sqlite_insert(conn, "dataset_version", _versions(sums.sums))
        _sqlite_insert(conn, "observation_count", _count_rows(sums))
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    partial.rename(path)
    print(
        f"built {path.name}: {rows:,} rows in {time.perf_counter() - started:.0f} s "
        f"(indexes {time.perf_counter() - loaded:.0f} s)",
        flush=True,
    )
    return path


async def _prepare(url: Any, plan: Plan) -> None:
    """Migrate, then the sources, publications and datasets through SQLAlchemy Core on
    the app's tables (their Python-side defaults applied as the app applies them)."""
    from models.base import Base

    db = Database(url)
    try:
        await upgrade(db)
        async with db.engine.begin() as conn:
            for table, values in _metadata(plan):
                await conn.execute(sa.insert(Base.metadata.tables[table]), values)
    finally:
        await db.dispose()


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dict | list):
        import json

        return json.dumps(value)
    return value


def _sqlite_insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [tuple(_sqlite_value(r[c]) for c in columns) for r in rows],
    )


# --------------------------------------------------------------------------- PostgreSQL


async def postgres_fixture(admin_url: str, rows: int) -> str:
    """URL of the PostgreSQL fixture of ``rows`` observations on the server of
    ``admin_url``, built when not there yet."""
    import asyncpg

    admin = Database(admin_url)
    name = f"gongkai_fixture_{rows}_{_key()}"
    url = admin.url.set(database=name)
    admin_plain = admin.url.set(drivername="postgresql").render_as_string(hide_password=False)
    await admin.dispose()
    server = await asyncpg.connect(admin_plain)
    try:
        if await server.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            return url.render_as_string(hide_password=False)
        partial = f"{name}_partial"
        await server.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
        await server.execute(f'CREATE DATABASE "{partial}"')
    finally:
        await server.close()
    started = time.perf_counter()
    partial_url = url.set(database=partial)
    plan = Plan(rows)
    await _prepare(partial_url, plan)
    conn = await asyncpg.connect(
        partial_url.set(drivername="postgresql").render_as_string(hide_password=False)
    )
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        async with conn.transaction():
            indexes = await conn.fetch(
                "SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS sql, "
                "con.conname AS constraint, pg_get_constraintdef(con.oid) AS condef "
                "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid "
                "WHERE i.indrelid = 'observation'::regclass AND NOT i.indisprimary"
            )
            for index in indexes:
                if index["constraint"]:
                    await conn.execute(
                        f'ALTER TABLE observation DROP CONSTRAINT "{index["constraint"]}"'
                    )
                else:
                    await conn.execute(f'DROP INDEX "{index["name"]}"')
            sums = _Sums()
            batch: list[tuple[Any, ...]] = []
            for row in generate(plan, DATASET_IDS):
                sums.add(row)
                batch.append(row)
                if len(batch) == 50_000:
                    await conn.copy_records_to_table("observation", records=batch, columns=COLUMNS)
                    batch.clear()
            if batch:
                await conn.copy_records_to_table("observation", records=batch, columns=COLUMNS)
            loaded = time.perf_counter()
            for index in indexes:
                if index["constraint"]:
                    await conn.execute(
                        f'ALTER TABLE observation ADD CONSTRAINT "{index["constraint"]}" '
                        f"{index['condef']}"
                    )
                else:
                    await conn.execute(index["sql"])
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence('observation', 'id'), "
                "(SELECT max(id) FROM observation))"
            )
            versions = _versions(sums.sums)
            columns = list(versions[0])
            await conn.copy_records_to_table(
                "dataset_version",
                records=[tuple(_pg_value(r[c]) for c in columns) for r in versions],
                columns=columns,
            )
            counts = _count_rows(sums)
            await conn.copy_records_to_table(
                "observation_count",
                records=[tuple(r.values()) for r in counts],
                columns=list(counts[0]),
            )
        for table in ("dataset", "source", "dataset_version", "observation_count"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    server = await asyncpg.connect(admin_plain)
    try:
        await server.execute(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')
    finally:
        await server.close()
    print(
        f"built PostgreSQL {name}: {rows:,} rows in {time.perf_counter() - started:.0f} s "
        f"(indexes {time.perf_counter() - loaded:.0f} s)",
        flush=True,
    )
    return url.render_as_string(hide_password=False)


def _pg_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value)
    return value


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Build (or find) the benchmark fixtures.")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    print(sqlite_fixture(args.rows))
    if args.postgres:
        print(asyncio.run(postgres_fixture(args.postgres, args.rows)))
