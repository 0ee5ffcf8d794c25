"""One indicator sorted by value with another filter beside it: a walk of the indicator's
value-ordered covering index (migration 0015), stopped with the page, on both backends.

30,000 rows, six indicators of 5,000 rows each, values spread evenly and independent of
the indicator, one row in three of ``forest_coverage`` a target. Before 0015 the page of
``indicator_code=forest_coverage&obs_kind=target`` in value order read all of the
indicator's 5,000 entries and sorted its 1,667 matches on SQLite (VM work a fifth of a
pass over the table); now it walks about three pages of entries (a third match) and
stops. PostgreSQL's planner takes the index with the other filter in its condition."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from api.observations import service
from api.pagination import encode_cursor
from models import Database, DatasetVersion, Observation
from models.dataset_queries import RowSum
from models.datasets import covering_index
from tests.api.factories import make_dataset, make_publication, make_source, obs
from tests.perf import plans

ROWS = 30_000
LIMIT = 100
INDICATORS = ["gdp", "cpi", "forest_coverage", "pm25", "exports", "retail_sales"]
INDEX = covering_index(("indicator_code", "obs_value"))


def _value(i: int) -> float:
    return float((i * 7919) % 100_003) / 10


def _target(i: int) -> bool:
    return (i // 6) % 3 == 0


def _row(i: int, dataset_id: int, publication_id: str) -> dict[str, Any]:
    values = obs(
        f"obs_{i:06d}",
        publication_id,
        ref_area="抚州市",
        time_period=str(2015 + i % 10),
        obs_kind="target" if _target(i) else "actual",
        indicator_code=INDICATORS[i % 6],
        measure="level",
        obs_value=_value(i),
    )
    return {**values, "dataset_id": dataset_id, "valid_from": 1, "fingerprint": f"{i:064x}"}


async def _build(db: Database) -> int:
    async with db.transaction() as session:
        source = await make_source(session, "by-value")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "by-value", latest_version=1)
        dataset_id, pub_id = dataset.id, pub.id
    async with db.engine.begin() as conn:
        for start in range(0, ROWS, 5000):
            rows = [_row(i, dataset_id, pub_id) for i in range(start, start + 5000)]
            await conn.execute(sa.insert(Observation), rows)
    async with db.transaction() as session:
        session.add(
            DatasetVersion(
                dataset_id=dataset_id,
                version=1,
                row_count=ROWS,
                content_hash=RowSum().content_hash("by-value"),
            )
        )
    return dataset_id


def _expected(descending: bool, after: float | None) -> list[float]:
    """The page's values, computed here: forest_coverage's targets in value order."""
    values = sorted(
        (_value(i) for i in range(ROWS) if INDICATORS[i % 6] == "forest_coverage" and _target(i)),
        reverse=descending,
    )
    if after is not None:
        values = [v for v in values if (v < after if descending else v > after)]
    return values[:LIMIT]


@pytest.mark.parametrize("sort", ["obs_value", "-obs_value"])
@pytest.mark.parametrize("deep", [False, True])
async def test_an_indicator_in_value_order_walks_its_own_index(
    database: Database, monkeypatch: pytest.MonkeyPatch, sort: str, deep: bool
) -> None:
    dataset_id = await _build(database)
    # the probes scaled to the table, as in test_query_plans
    monkeypatch.setattr(service, "SMALL_FILTER", 100)
    monkeypatch.setattr(service, "SAMPLE_ROWS", 300)
    monkeypatch.setattr(service, "PREFIX_ROWS", 300)
    query = service.ObservationQuery(
        dataset="by-value",
        dataset_id=dataset_id,
        indicator_code="forest_coverage",
        obs_kind="target",
        sort=sort,
    )
    # (no row has the value 5000.05: the cursor sits between two values)
    after = 5000.05 if deep else None
    cursor = encode_cursor(f"obs:{sort}", [after, 0]) if deep else None
    ran: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        ran.append((statement, parameters))

    engine = database._read_engine.sync_engine
    sa.event.listen(engine, "before_cursor_execute", grab)
    try:
        page = await service.find(database, query, limit=LIMIT, cursor=cursor)
    finally:
        sa.event.remove(engine, "before_cursor_execute", grab)
    assert [item.obs_value for item in page.items] == _expected(sort.startswith("-"), after)
    assert page.next_cursor is not None

    if database.is_sqlite:
        pages = [(s, p) for s, p in ran if f"INDEXED BY {INDEX}" in s]
        assert len(pages) == 1, [s for s, _ in ran]
        path = str(database.url.database)
        _, whole = plans.sqlite_plan_and_steps(
            path, "SELECT max(char_end + obs_value) FROM observation"
        )
        _, work = plans.sqlite_plan_and_steps(path, *pages[0])
        # about three pages of entries: a small share of a pass over the table (reading
        # the indicator's 5,000 entries whole and sorting them was a fifth of it)
        assert work * 10 < whole, (work, whole)
    else:
        statement, params = service.page_query(query, limit=LIMIT, cursor=cursor)
        sql = plans.literal_sql(statement, params, database.engine)
        async with database.engine.connect() as conn:
            await conn.exec_driver_sql("ANALYZE observation")
            plan = await plans.postgres_plan(conn, sql)
        scans = plans.scan_nodes(plan)
        assert {n.get("Index Name") for n in scans} == {INDEX}, plans.node_types(plan)
        # obs_kind checked in the index condition: the table rows read are the page's
        assert plans.rows_read(scans) <= 2 * (LIMIT + 1), plans.rows_read(scans)
