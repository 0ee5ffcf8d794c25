"""The ``indicator`` text in value and time order (obs_value, time_period, either way):
each name's branch a seek of its name-and-sort index (migration 0014) to the cursor's
key, walked in the page's order and stopped with the page (SQLite merges the arms
lazily, PostgreSQL reads a page per name in one lateral join).

The rows of ``tests/perf/test_coded_text.py`` (30,000 in ``big``, 600 in ``side``).
Pages must be those of the plain ILIKE statement (rows, order, next cursor), first page,
deep ones and one near the end, with and without ``dataset``, with a filter too; and a
page reads about a page of rows, not every row of its names (before the index, a branch
walked the sort's covering index checking its name on each table row, or read and
sorted every row of its name).
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from api.observations import service
from api.pagination import encode_cursor
from models import Database
from models.datasets import NAME_CODE_INDEX, NAME_SORT_INDEXES
from models.migrations import upgrade
from tests.perf import plans
from tests.perf.test_coded_text import LIMIT, _build, _migrate, _plain, _statements

SORTS = ["obs_value", "-obs_value", "time_period", "-time_period"]
#: (text, other filters): five names of 200 rows, one name, three names of 21,000 rows
#: (with and without a filter), 46 names (more than MAX_BRANCHES: the ILIKE fallback)
CASES: list[tuple[str, dict[str, str]]] = [
    ("0增长", {}),
    ("指标07增长", {}),
    ("生产总值", {}),
    ("生产总值", {"ref_area": "临川区"}),
    ("0增长", {"time_period": "2019"}),
    ("增长", {}),
]


def _query(ids: dict[str, int], slug: str | None, text: str, sort: str, **filters: Any) -> Any:
    return service.ObservationQuery(
        dataset=slug,
        dataset_id=ids[slug] if slug else None,
        indicator=text,
        sort=sort,
        **filters,
    )


async def _same_pages(db: Database, ids: dict[str, int], sort: str) -> int:
    """Compare every case's pages with the plain statement's; the pages compared."""
    spec = service.SORTS[sort]
    compared = 0
    for slug in ("big", None):
        for text, filters in CASES:
            q = _query(ids, slug, text, sort, **filters)
            every = await _plain(db, q, 100_000)
            assert len(every) > LIMIT, (slug, text, filters)
            cursors = [
                None,
                *(
                    encode_cursor(f"obs:{sort}", service._key(spec, every[at]))
                    for at in (len(every) // 3, len(every) // 2, len(every) - LIMIT // 2)
                ),
            ]
            for cursor in cursors:
                page = await service.find(db, q, limit=LIMIT, cursor=cursor)
                expected = await _plain(db, q, LIMIT, cursor)
                assert [i.observation_id for i in page.items] == [r[1] for r in expected[:LIMIT]]
                token = None
                if len(expected) > LIMIT:
                    token = encode_cursor(f"obs:{sort}", service._key(spec, expected[LIMIT - 1]))
                assert page.next_cursor == token, (slug, text, filters, cursor)
                if slug is None:
                    assert {i.dataset for i in page.items} <= {"big", "side"}
                compared += 1
    return compared


@pytest.mark.parametrize("sort", SORTS)
async def test_text_in_value_and_time_order_equals_the_plain_ilike_pages(
    database: Database, sort: str
) -> None:
    ids = await _build(database)
    assert await _same_pages(database, ids, sort) == 2 * len(CASES) * 4


@pytest.mark.parametrize("sort", SORTS)
async def test_a_page_is_one_statement_reading_about_a_page(database: Database, sort: str) -> None:
    """One statement (the names' branches) on the name-and-sort index of the order: on
    SQLite no sort and no scan of the table, a small part of a pass over it; on
    PostgreSQL at most a page per name read."""
    ids = await _build(database)
    if not database.is_sqlite:
        async with database.engine.connect() as conn:
            # (VACUUM sets the visibility map an index-only scan reads, as autovacuum does)
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.exec_driver_sql("VACUUM ANALYZE observation")
    else:
        whole = plans.sqlite_plan_and_steps(
            str(database.url.database), "SELECT max(obs_value + char_end) FROM observation"
        )[1]
    index = NAME_SORT_INDEXES[sort.lstrip("-")]
    spec = service.SORTS[sort]
    for slug in ("big", None):
        for text in ("生产总值", "0增长"):
            q = _query(ids, slug, text, sort)
            branches, _ = await service.branches_of(database, q)
            assert branches is not None and len(branches) > 1
            every = await _plain(database, q, 100_000)
            middle = encode_cursor(f"obs:{sort}", service._key(spec, every[len(every) // 2]))
            for cursor in (None, middle):
                ran = await _statements(database, q, cursor)
                assert len(ran) == 1, (slug, text, cursor)
                statement, params = ran[0]
                sql = plans.literal_sql(statement, params, database.engine)
                if database.is_sqlite:
                    plan, ticks = plans.sqlite_plan_and_steps(str(database.url.database), sql)
                    assert not any("TEMP B-TREE" in line for line in plan), plan
                    assert not any(line.startswith("SCAN observation") for line in plan), plan
                    reads = [line for line in plan if line.startswith("SEARCH observation")]
                    assert reads and all(index in line for line in reads), plan
                    # the names' rows are 70% (生产总值) and 3% (0增长) of the table
                    assert ticks * 20 < whole, (slug, text, cursor, ticks, whole)
                    continue
                scans = plans.scan_nodes(await plans.postgres_plan(database, sql))
                # the names' entries alone (index-only: they carry the version run), then
                # the page's rows by id
                assert [n["Index Name"] for n in scans] == [index, "pk_observation"], scans
                assert scans[0]["Node Type"] == "Index Only Scan", scans
                assert scans[0].get("Heap Fetches", 0) == 0, scans
                read = plans.rows_read(scans)
                # up to a page per name and dataset, not the 21,000 rows of 生产总值
                assert read <= (len(branches) + 1) * (LIMIT + 1), (slug, text, cursor, read)


async def test_migration_0014_downgrade_drops_its_indexes(database: Database) -> None:
    ids = await _build(database)

    def indexes(conn: sa.Connection) -> set[str]:
        return {str(i["name"]) for i in sa.inspect(conn).get_indexes("observation")}

    async with database.connect() as conn:
        assert set(NAME_SORT_INDEXES.values()) <= await conn.run_sync(indexes)
        await conn.run_sync(_migrate, "0013", True)
        await conn.commit()
    async with database.connect() as conn:
        left = await conn.run_sync(indexes)
    assert not set(NAME_SORT_INDEXES.values()) & left
    # the name indexes of 0009 and 0013 stay
    assert {NAME_CODE_INDEX, "ix_observation_dataset_id_indicator_zh_indicator_en_id"} <= left
    # without them the same pages (the branches then walk other indexes)
    q = _query(ids, "big", "0增长", "obs_value")
    expected = await _plain(database, q, LIMIT)
    page = await service.find(database, q, limit=LIMIT)
    assert [i.observation_id for i in page.items] == [r[1] for r in expected[:LIMIT]]
    await upgrade(database)
    async with database.connect() as conn:
        assert set(NAME_SORT_INDEXES.values()) <= await conn.run_sync(indexes)
