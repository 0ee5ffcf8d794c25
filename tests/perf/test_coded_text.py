"""The ``indicator`` text in indicator_code order (service._coded_page): the names of
each code read as a page by id, code after code, from the codes each name is found
with (NameCache.codes).

30,000 rows in ``big``: two names of code gdp (12,000 and 6,000 rows), one of
gdp_per_capita (3,000) and 45 small names (200 rows each, codes cpi, energy and empty;
one of them found with three codes), the rows of all names interleaved by id; 600 rows
in ``side``. ``增长`` matches 46 names (more than MAX_BRANCHES: the ILIKE fallback
before). Pages must be those of the plain ILIKE statement (rows, order, next cursor),
first page, a deep one and one from the last row of a code; and a page reads about a
page of rows, not every row of its names (the plain ILIKE page walked the code index
past the rows of every other code and matched text on each table row).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import sqlalchemy as sa

from alembic import command
from api.observations import service
from api.pagination import encode_cursor
from models import Database, Dataset, Observation
from models.datasets import NAME_CODE_INDEX
from models.migrations import alembic_config, upgrade
from tests.api.factories import make_dataset, make_publication, make_source, obs
from tests.perf import plans

LIMIT = 50
GDP = ("地区生产总值", "Gross regional product")
GROWTH = ("生产总值增长", "")
PER_CAPITA = ("人均生产总值", "GDP per capita")
SMALL = [(f"指标{i:02d}增长", f"Indicator {i:02d}") for i in range(45)]
#: name -> its code (None: a row's code cycles over three)
CODE: dict[tuple[str, str], str | None] = {
    GDP: "gdp",
    GROWTH: "gdp",
    PER_CAPITA: "gdp_per_capita",
    **{name: ["cpi", "energy", ""][i % 3] for i, name in enumerate(SMALL)},
    SMALL[0]: None,
}
#: (text, other filters)
CASES: list[tuple[str, dict[str, str]]] = [
    ("生产总值", {}),
    ("增长", {}),
    ("指标0", {}),
    ("indicator 1", {}),
    ("增长", {"indicator_code": "cpi"}),
    ("生产总值", {"ref_area": "临川区"}),
]


def _names(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` rows' names in the shares above, interleaved."""
    weights = [(GDP, 12), (GROWTH, 6), (PER_CAPITA, 3)] + [(n, 0.2) for n in SMALL]
    total = sum(w for _, w in weights)
    names = [n for n, w in weights for _ in range(round(count * w / total))]
    random.Random(seed).shuffle(names)
    return names


def _row(i: int, name: tuple[str, str], dataset_id: int, pub: str, version: int) -> Any:
    code = CODE[name]
    values = obs(
        f"o{dataset_id}_{i:06d}",
        pub,
        indicator_zh=name[0],
        indicator_en=name[1],
        indicator_code=code if code is not None else ["cpi", "gdp", ""][i % 3],
        ref_area="抚州市" if i % 2 else "临川区",
        time_period=str(2015 + i % 10),
        obs_value=float(i % 997),
    )
    return {**values, "dataset_id": dataset_id, "valid_from": version, "fingerprint": f"{i:064x}"}


async def _build(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        source = await make_source(session, "coded")
        pub = await make_publication(session, source, texts=["t"])
        big = await make_dataset(session, "big", latest_version=1)
        side = await make_dataset(session, "side", latest_version=1)
        ids, pub_id = {"big": big.id, "side": side.id}, pub.id
    async with db.engine.begin() as conn:
        for slug, count in (("big", 30_000), ("side", 600)):
            rows = [
                _row(i, name, ids[slug], pub_id, 1)
                for i, name in enumerate(_names(count, ids[slug]))
            ]
            for start in range(0, len(rows), 5000):
                await conn.execute(sa.insert(Observation), rows[start : start + 5000])
    return ids


def _query(ids: dict[str, int], slug: str | None, text: str, filters: dict[str, str]) -> Any:
    return service.ObservationQuery(
        dataset=slug,
        dataset_id=ids[slug] if slug else None,
        indicator=text,
        sort="indicator_code",
        **filters,
    )


async def _plain(db: Database, q: Any, limit: int, cursor: str | None = None) -> list[Any]:
    """The rows of the plain statement: the ILIKE condition, no branches."""
    statement, params = service.page_query(q, limit=limit, cursor=cursor, sqlite=db.is_sqlite)
    return list(await db.read_rows(statement, params))


def _key(row: Any) -> list[Any]:
    return service._key(service.SORTS["indicator_code"], row)


async def _same_pages(db: Database, ids: dict[str, int], version: int | None = None) -> int:
    """Compare every case's pages with the plain statement's; the pages compared."""
    compared = 0
    for slug in ("big", None):
        for text, filters in CASES:
            q = _query(ids, slug, text, filters)
            if version is not None and slug is not None:
                q.version = version
            every = await _plain(db, q, 100_000)
            assert len(every) > LIMIT, (slug, text, filters)
            codes = [r[1 + service._STORED.index("indicator_code")] for r in every]
            boundary = codes.index(codes[-1]) - 1  # the last row of a code before the last
            cursors = [
                None,
                *(
                    encode_cursor("obs:indicator_code", _key(every[at]))
                    for at in (len(every) // 2, boundary)
                ),
            ]
            for cursor in cursors:
                page = await service.find(db, q, limit=LIMIT, cursor=cursor)
                expected = await _plain(db, q, LIMIT, cursor)
                assert [i.observation_id for i in page.items] == [r[1] for r in expected[:LIMIT]]
                token = None
                if len(expected) > LIMIT:
                    token = encode_cursor("obs:indicator_code", _key(expected[LIMIT - 1]))
                assert page.next_cursor == token
                if slug is None:
                    assert {i.dataset for i in page.items} <= {"big", "side"}
                compared += 1
    return compared


async def test_text_in_code_order_equals_the_plain_ilike_pages(database: Database) -> None:
    ids = await _build(database)
    assert await _same_pages(database, ids) == 2 * len(CASES) * 3
    # the fallback's texts run this path too: 46 names for 增长
    q = _query(ids, "big", "增长", {})
    assert (await service.branches_of(database, q))[0] is None
    codes = await service.name_cache(database).codes(database, ids["big"], (1, "x"))
    assert codes[GDP] == ("gdp",) and codes[SMALL[0]] == ("", "cpi", "gdp")


async def test_a_new_version_reads_its_codes_again(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await _build(database)
    names = service.name_cache(database)
    async with database.engine.begin() as conn:
        stamp = tuple(
            (
                await conn.execute(
                    sa.select(Dataset.latest_version, Dataset.created_at).where(
                        Dataset.id == ids["big"]
                    )
                )
            ).one()
        )
    assert (await names.codes(database, ids["big"], stamp))[GROWTH] == ("gdp",)
    # version 2: 生产总值增长 found with another code too
    async with database.engine.begin() as conn:
        rows = [_row(40_000 + i, GROWTH, ids["big"], "p", 2) for i in range(300)]
        for r in rows:
            r["indicator_code"] = "growth_code"
        pub = (await conn.execute(sa.select(Observation.publication_id).limit(1))).scalar_one()
        await conn.execute(sa.insert(Observation), [{**r, "publication_id": pub} for r in rows])
        await conn.execute(
            sa.update(Dataset).where(Dataset.id == ids["big"]).values(latest_version=2)
        )
    read: list[Any] = []
    original = database.read

    async def recorded(statement: Any, *args: Any) -> Any:
        read.append(statement)
        return await original(statement, *args)

    monkeypatch.setattr(database, "read", recorded)
    later = await names.codes(database, ids["big"], (2, stamp[1]))
    monkeypatch.undo()
    assert later[GROWTH] == ("gdp", "growth_code") and later[GDP] == ("gdp",)
    # one loose scan of the names-and-codes index, the new code found
    assert read == [service._CODED]
    # pages of the latest version and of version 1 equal the plain ones
    assert await _same_pages(database, ids) == 2 * len(CASES) * 3
    assert await _same_pages(database, ids, version=1) == 2 * len(CASES) * 3


async def _statements(db: Database, q: Any, cursor: str | None) -> list[tuple[Any, Any]]:
    """The page statements find() runs for ``q`` (with their parameters)."""
    ran: list[tuple[Any, Any]] = []
    original = db.read_rows

    async def recorded(statement: Any, params: Any) -> Any:
        ran.append((statement, params))
        return await original(statement, params)

    db.read_rows = recorded  # type: ignore[method-assign]
    try:
        await service.find(db, q, limit=LIMIT, cursor=cursor)
    finally:
        del db.read_rows
    return ran


async def test_a_page_reads_about_a_page_of_its_names(database: Database) -> None:
    ids = await _build(database)
    if not database.is_sqlite:
        async with database.engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE observation")
    else:
        whole = plans.sqlite_plan_and_steps(
            str(database.url.database), "SELECT max(obs_value + char_end) FROM observation"
        )[1]
    for slug in ("big", None):
        q = _query(ids, slug, "生产总值", {})
        every = await _plain(database, q, 100_000)
        for cursor in (None, encode_cursor("obs:indicator_code", _key(every[len(every) // 2]))):
            ran = await _statements(database, q, cursor)
            assert ran, (slug, cursor)
            read = 0
            for statement, params in ran:
                sql = plans.literal_sql(statement, params, database.engine)
                if database.is_sqlite:
                    lines, ticks = plans.sqlite_plan_and_steps(str(database.url.database), sql)
                    # the name index, in id order: no sort, no scan of the table
                    assert not any("TEMP B-TREE" in line for line in lines), lines
                    assert not any(line.startswith("SCAN observation") for line in lines), lines
                    assert any("indicator_zh_indicator_en_id" in line for line in lines), lines
                    read += ticks
                    continue
                read += plans.rows_read(plans.scan_nodes(await plans.postgres_plan(database, sql)))
            if database.is_sqlite:
                # a pass over the table is `whole`; the names' rows are 70% of it
                assert read * 20 < whole, (slug, cursor, read, whole)
            else:
                # up to a page per name and dataset (3 names, 2 datasets), not 21,000 rows
                assert read <= 6 * (LIMIT + 1), (slug, cursor, read)


async def test_the_codes_are_a_loose_scan_of_their_index(database: Database) -> None:
    """NameCache.codes reads the distinct (zh, en, code) of a dataset from the index of
    migration 0013, a few seeks per triple, not the dataset's rows: SQLite seeks the
    index (covering) and reads one table row by id per triple, no temporary b-tree;
    PostgreSQL the same, no sequential scan and no sort, the entries read a few per
    triple, in the custom plan and in the generic one of a prepared statement."""
    ids = await _build(database)
    sql = plans.literal_sql(service._CODED, {"d": ids["big"]}, database.engine)
    every = sa.select(
        Observation.indicator_zh, Observation.indicator_en, Observation.indicator_code
    )
    async with database.engine.begin() as conn:
        expected = sorted(
            tuple(r)
            for r in await conn.execute(
                every.where(Observation.dataset_id == ids["big"]).distinct()
            )
        )
        if not database.is_sqlite:
            await conn.exec_driver_sql("ANALYZE observation")
    found = await database.read(service._CODED, {"d": ids["big"]})
    assert sorted(tuple(r) for r in found) == expected and len(expected) == 50
    codes = await service.name_cache(database).codes(database, ids["big"], (1, "x"))
    assert codes[SMALL[0]] == ("", "cpi", "gdp") and codes[GDP] == ("gdp",)
    if database.is_sqlite:
        path = str(database.url.database)
        whole = plans.sqlite_plan_and_steps(
            path, "SELECT max(obs_value + char_end) FROM observation"
        )[1]
        plan, ticks = plans.sqlite_plan_and_steps(path, sql)
        scans = [line for line in plan if line.startswith("SCAN")]
        assert set(scans) <= {"SCAN CONSTANT ROW", "SCAN walk"}, plan
        assert not [line for line in plan if "TEMP B-TREE" in line], plan
        assert sum("USING INTEGER PRIMARY KEY" in line for line in plan) == 1, plan
        reads = [line for line in plan if line.startswith("SEARCH")]
        assert all(
            "USING COVERING INDEX ix_observation_dataset_id_indicator_zh_en_code_id" in line
            or "USING INTEGER PRIMARY KEY" in line
            for line in reads
        ), plan
        assert ticks * 50 < whole, (ticks, whole)
        return
    async with database.engine.connect() as conn:
        custom = await plans.postgres_plan(conn, sql)
        # the generic plan (a prepared statement after its fifth run): the dataset and
        # the limits as parameters
        generic = service._CODED.compile(database.engine.sync_engine)  # ($1, $2, ...)
        values = {**generic.params, "d": ids["big"]}
        args = ", ".join(str(values[name]) for name in generic.positiontup or ())
        await conn.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
        await conn.exec_driver_sql(f"PREPARE coded AS {generic}")
        prepared = await plans.postgres_plan(conn, f"EXECUTE coded({args})")
        await conn.exec_driver_sql("DEALLOCATE coded")
        await conn.exec_driver_sql("RESET plan_cache_mode")
    assert _read_triples(prepared, len(expected)) == _read_triples(custom, len(expected))


def _read_triples(plan: dict[str, Any], triples: int) -> int:
    """Checks a PostgreSQL plan of the codes walk; the rows its scans read."""
    assert "Sort" not in plans.node_types(plan), plan
    scans = plans.scan_nodes(plan)
    assert scans and all(n["Node Type"] in ("Index Scan", "Index Only Scan") for n in scans), scans
    seeks = [n for n in scans if n["Index Name"] != "pk_observation"]
    assert {n["Index Name"] for n in seeks} == {"ix_observation_dataset_id_indicator_zh_en_code_id"}
    by_id = [n for n in scans if n["Index Name"] == "pk_observation"]
    assert len(by_id) == 1 and by_id[0]["Actual Loops"] == triples + 1, by_id
    read: int = sum(n.get("Actual Rows", 0) * n.get("Actual Loops", 1) for n in scans)
    assert read <= 6 * triples, read
    return read


def _migrate(connection: sa.Connection, revision: str, down: bool) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(cfg, revision)


async def test_migration_0013_downgrade_drops_its_index(database: Database) -> None:
    ids = await _build(database)

    def indexes(conn: sa.Connection) -> set[str]:
        return {str(i["name"]) for i in sa.inspect(conn).get_indexes("observation")}

    async with database.connect() as conn:
        assert NAME_CODE_INDEX in await conn.run_sync(indexes)
        await conn.run_sync(_migrate, "0012", True)
        await conn.commit()
    async with database.connect() as conn:
        left = await conn.run_sync(indexes)
    assert NAME_CODE_INDEX not in left
    # the name index of 0009 stays
    assert "ix_observation_dataset_id_indicator_zh_indicator_en_id" in left
    await upgrade(database)
    async with database.connect() as conn:
        assert NAME_CODE_INDEX in await conn.run_sync(indexes)
    codes = await service.name_cache(database).codes(database, ids["big"], (1, "y"))
    assert codes[SMALL[0]] == ("", "cpi", "gdp")
