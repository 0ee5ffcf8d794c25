"""Every query shape of /v1/observations has a plan that reads about a page of rows.

On a dataset of 30,000 rows (plus a small second dataset written after it), each shape
(first and deep page of every sort, every filter with a present and an absent value, a
combination with an absent value, the ``indicator`` text resolved to names, and every
sort and some filters without ``dataset``, i.e. one branch per dataset) is checked where
the planner decides; a statement of several branches may read a page per branch:

- SQLite, without and with ANALYZE statistics: EXPLAIN QUERY PLAN names no full scan,
  (a filtered page: of every statement find() runs, its probes included; a sort only
  over the matches an index search gives, and less work together than a third of a
  table pass: the rarest filter's or pair's entries at most),
  and the virtual machine runs a small fraction of the instructions a pass over the
  whole table takes (counted with a progress handler, so a temporary sort over the
  version or rows discarded in proportion to the table show, whatever the plan text);
- PostgreSQL, after ANALYZE: EXPLAIN ANALYZE has no Seq Scan, and the rows read by the
  scan nodes (returned plus removed by a filter) stay near a page, so no sort node can
  have had more than that to sort.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from api.observations import service
from api.pagination import encode_cursor
from models import Database, DatasetVersion, Observation
from models.dataset_queries import RowSum
from tests.api.factories import make_dataset, make_publication, make_source, obs
from tests.perf import plans

BIG = 30_000
SMALL = 40
LIMIT = 100
INDICATORS = ["gdp", "cpi", "retail_sales", "pm25", "exports", ""]
NAMES = ["地区生产总值", "居民消费价格", "社会消费品零售总额", "PM2.5平均浓度", "出口总额", "其他"]
AREAS = ["抚州市", "临川区", "南城县", "崇仁县"]
IDS: dict[str, int] = {}  # slug -> dataset id of the database being checked
#: filter combinations checked with every adverse sort (values as _row spreads them)
COMBINATIONS: list[dict[str, str]] = [
    {"measure": "rank", "time_period": "2020"},  # 1,000 rows together
    {"measure": "level", "obs_kind": "actual"},  # 7,500
    {"indicator_code": "gdp", "ref_area": "临川区", "measure": "rank"},  # the pair never
    {"indicator_code": "cpi", "time_period": "2016", "obs_kind": "target"},  # the pair never
    {"measure": "growth", "time_period": "1999"},  # the year absent
]


def _row(i: int, dataset_id: int, publication_id: str) -> dict[str, Any]:
    values = obs(
        f"obs_{dataset_id}_{i:06d}",
        publication_id,
        ref_area=AREAS[i % 4],
        time_period=str(2015 + i % 10),
        obs_kind="target" if i % 4 == 0 else "actual",
        indicator_code=INDICATORS[i % 6],
        indicator_zh=NAMES[i % 6],
        indicator_en=INDICATORS[i % 6].upper(),
        measure=["level", "growth", "rank"][i % 3],
        obs_value=float((i * 7919) % 100_003) / 10,
    )
    return {**values, "dataset_id": dataset_id, "valid_from": 1, "fingerprint": f"{i:064x}"}


async def _build(db: Database) -> dict[str, int]:
    """The two datasets, their rows bulk-inserted; returns {slug: dataset id}."""
    async with db.transaction() as session:
        source = await make_source(session, "plans")
        pub = await make_publication(session, source, texts=["t"])
        other = await make_publication(session, source, texts=["t"])
        big = await make_dataset(session, "big", latest_version=1)
        small = await make_dataset(session, "small", latest_version=1)
        ids = {"big": big.id, "small": small.id}
        pubs = (pub.id, other.id)
    table = Observation.__table__
    async with db.engine.begin() as conn:
        for start in range(0, BIG, 5000):
            rows = [_row(i, ids["big"], pubs[0]) for i in range(start, start + 5000)]
            await conn.execute(sa.insert(table), rows)
        await conn.execute(sa.insert(table), [_row(i, ids["small"], pubs[1]) for i in range(SMALL)])
    async with db.transaction() as session:
        for slug, count in (("big", BIG), ("small", SMALL)):
            session.add(
                DatasetVersion(
                    dataset_id=ids[slug],
                    version=1,
                    row_count=count,
                    content_hash=RowSum().content_hash(slug),
                )
            )
    return ids


def _shapes() -> list[tuple[str, dict[str, str], str | None, str | None]]:
    """(sort, filters, cursor, dataset) of every query shape checked."""
    deep = {
        "id": [BIG // 2],
        "time_period": ["2019", BIG // 2],
        "-time_period": ["2019", BIG // 2],
        "indicator_code": ["gdp", BIG // 2],
        "obs_value": [5000.0, BIG // 2],
        "-obs_value": [5000.0, BIG // 2],
    }
    shapes: list[tuple[str, dict[str, str], str | None, str | None]] = []
    for sort, key in deep.items():
        shapes.append((sort, {}, None, "big"))
        shapes.append((sort, {}, encode_cursor(f"obs:{sort}", key), "big"))
    present = {
        "indicator_code": "gdp",
        "ref_area": "临川区",
        "time_period": "2020",
        "obs_kind": "target",
        "measure": "rank",
    }
    absent = {
        "indicator_code": "grain_output",
        "ref_area": "南昌市",
        "time_period": "1999",
        "obs_kind": "target",  # stands in below via measure; both kinds exist
        "measure": "pp_gap",
        "publication_id": "pub_absent",
    }
    for column, value in present.items():
        shapes.append(("id", {column: value}, None, "big"))
    for column, value in absent.items():
        if column != "obs_kind":
            shapes.append(("id", {column: value}, None, "big"))
    shapes.append(("id", {"indicator_code": "gdp", "ref_area": "南昌市"}, None, "big"))
    # each value present, never together (gdp rows are even, 临川区 and 2016 odd)
    shapes.append(("id", {"indicator_code": "gdp", "ref_area": "临川区"}, None, "big"))
    shapes.append(("id", {"indicator_code": "gdp", "time_period": "2016"}, None, "big"))
    shapes.append(("obs_value", {"measure": "pp_gap", "time_period": "2020"}, None, "big"))
    # combinations with the sorts that read most: common together, each common and never
    # together, three never together, one of them absent; first and deep page
    for combo in COMBINATIONS:
        for sort in ("obs_value", "-obs_value", "time_period"):
            shapes.append((sort, combo, None, "big"))
            shapes.append((sort, combo, encode_cursor(f"obs:{sort}", deep[sort]), "big"))
    shapes.append(("id", {}, None, "small"))
    shapes.append(("obs_value", {}, None, "small"))
    # the indicator text: one name, a name of the small dataset only, no name
    for text in ("生产总值", "RETAIL", "不存在"):
        shapes.append(("id", {"indicator": text}, None, "big"))
    shapes.append(("id", {"indicator": "生产总值"}, encode_cursor("obs:id", [BIG // 2]), "big"))
    # without a dataset: every dataset's latest version
    for sort, key in deep.items():
        shapes.append((sort, {}, None, None))
        shapes.append((sort, {}, encode_cursor(f"obs:{sort}", key), None))
    shapes.append(("id", {"ref_area": "南昌市"}, None, None))
    shapes.append(("id", {"indicator_code": "gdp", "ref_area": "南昌市"}, None, None))
    shapes.append(("id", {"indicator_code": "pm25"}, None, None))
    shapes.append(("id", {"indicator": "生产总值"}, None, None))
    return shapes


async def _statement(
    db: Database, sort: str, filters: dict[str, str], cursor: str | None, slug: str | None
) -> tuple[str, int] | None:
    """The page's SQL with its values and its number of branches (each reads up to a
    page), or None when no statement runs (text that matches no indicator name)."""
    query = service.ObservationQuery(
        dataset=slug, dataset_id=IDS[slug] if slug else None, sort=sort, **filters
    )
    branches, _ = await service.branches_of(db, query)
    if branches == []:
        return None
    statement, params = service.page_query(
        query, limit=LIMIT, cursor=cursor, sqlite=db.is_sqlite, branches=branches
    )
    return plans.literal_sql(statement, params, db.engine), max(1, len(branches or ()))


async def _sqlite_statements(
    db: Database, sort: str, filters: dict[str, str], cursor: str | None
) -> list[tuple[str, Any]]:
    """The statements (SQL, parameters) that find() runs for a page of ``big`` with
    equality filters on SQLite: its probes and the page (service._sqlite_filtered)."""
    query = service.ObservationQuery(dataset="big", dataset_id=IDS["big"], sort=sort, **filters)
    ran: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        ran.append((statement, parameters))

    engine = db._read_engine.sync_engine
    sa.event.listen(engine, "before_cursor_execute", grab)
    try:
        await service.find(db, query, limit=LIMIT, cursor=cursor)
    finally:
        sa.event.remove(engine, "before_cursor_execute", grab)
    return ran


async def _check_sqlite(db: Database, label: str) -> list[str]:
    path = str(db.url.database)
    _, whole = plans.sqlite_plan_and_steps(
        path, "SELECT max(char_end + obs_value) FROM observation"
    )
    problems = []
    for sort, filters, cursor, slug in _shapes():
        what = f"{label} {slug} sort={sort} {filters} {'deep' if cursor else 'first'}"
        if slug == "big" and filters and "indicator" not in filters:
            # the filtered page: every statement find() runs, their work together
            lines, work = [], 0
            for sql, params in await _sqlite_statements(db, sort, filters, cursor):
                plan, ticks = plans.sqlite_plan_and_steps(path, sql, params)
                lines += plan
                work += ticks
            if any(line.startswith("SCAN observation") for line in lines):
                problems.append(f"{what}: {lines}")
            # a sort only over one filter's matches (an index search), never the version's
            if any(
                "TEMP B-TREE" in line and not any(p.startswith("SEARCH observation") for p in lines)
                for line in lines
            ):
                problems.append(f"{what}: {lines}")
            # probes bounded by the (scaled) constants, then the rarest filter's or pair's
            # index entries at most: never a pass over the version
            if work * 3 > whole:
                problems.append(f"{what}: {work}k VM instructions, a table pass is {whole}k")
            continue
        found = await _statement(db, sort, filters, cursor, slug)
        if found is None:
            continue
        sql, pages = found
        plan, work = plans.sqlite_plan_and_steps(path, sql)
        if any(line.startswith("SCAN observation") for line in plan):
            problems.append(f"{what}: {plan}")
        # a page of 100 rows per branch; a pass over the table is `whole`
        if work * 20 > whole * pages:
            problems.append(f"{what}: {work}k VM instructions, a table pass is {whole}k")
    return problems


async def _sqlite_problems(database: Database) -> list[str]:
    problems = await _check_sqlite(database, "no statistics")
    async with database.engine.begin() as conn:
        await conn.exec_driver_sql("ANALYZE")
    try:
        problems += await _check_sqlite(database, "ANALYZE")
    finally:
        async with database.engine.begin() as conn:
            await conn.exec_driver_sql("DROP TABLE sqlite_stat1")
        await database.engine.dispose()  # connections forget the statistics
    return problems


async def _postgresql_problems(database: Database) -> list[str]:
    async with database.engine.connect() as conn:
        await conn.exec_driver_sql("ANALYZE observation")
        await conn.commit()
        problems = []
        for sort, filters, cursor, slug in _shapes():
            found = await _statement(database, sort, filters, cursor, slug)
            if found is None:
                continue
            sql, pages = found
            plan = await plans.postgres_plan(conn, sql)
            what = f"{slug} sort={sort} {filters} {'deep' if cursor else 'first'}"
            types = plans.node_types(plan)
            if "Seq Scan" in types:
                problems.append(f"{what}: {types}")
            read = plans.rows_read(plans.scan_nodes(plan))
            if read > 20 * LIMIT * pages:
                problems.append(f"{what}: scans read {read} rows for a page of {LIMIT}")
    return problems


async def test_every_query_shape_reads_about_a_page(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    IDS.update(await _build(database))
    # SQLite's probes read up to a few thousand index entries, a tenth of this table and
    # a thousandth of the benchmark's: scaled to the table, so what is checked is the
    # page's reading
    monkeypatch.setattr(service, "SMALL_FILTER", 100)
    monkeypatch.setattr(service, "SAMPLE_ROWS", 300)
    monkeypatch.setattr(service, "PREFIX_ROWS", 300)
    if database.is_sqlite:
        problems = await _sqlite_problems(database)
    else:
        problems = await _postgresql_problems(database)
    assert problems == [], "\n".join(problems)
