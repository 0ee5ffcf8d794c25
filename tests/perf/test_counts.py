"""Per-version counts (models/counts.py) kept at publish time equal a GROUP BY of each
version's rows; /v1/indicators and empty filter combinations answer from them."""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from alembic import command
from api.app import create_app
from api.changes import close_change_waiter
from api.config import ApiConfig
from api.observations.service import ObservationQuery, find
from api.series.counts import IndicatorCounts
from ingest.datasets import publish_observations
from models import Database, Dataset, ObservationCount
from models.counts import GROUPED, TOTAL, counts_from_groups, key
from models.migrations import alembic_config, upgrade
from tests.api.conftest import make_client
from tests.api.factories import make_dataset, make_publication, make_source, obs

AREAS = [("抚州市", "361000"), ("临川区", "361002"), ("南城县", "361021")]
CODES = ["gdp", "cpi", "", "retail_sales"]
MEASURES = [("level", "CNY"), ("growth", "percent"), ("rank", "rank")]


async def grouped(db: Database, dataset_id: int, version: int) -> Counter[str]:
    """The counts of a version from its rows (two GROUP BYs)."""
    fine = [c for c in GROUPED if c != "publication_id"]
    where = "dataset_id = :d AND valid_from <= :v AND (valid_to IS NULL OR valid_to >= :v)"
    params = {"d": dataset_id, "v": version}
    async with db.connect() as conn:
        groups = (
            await conn.execute(
                sa.text(
                    f"SELECT {', '.join(fine)}, count(*) FROM observation WHERE {where} "
                    f"GROUP BY {', '.join(fine)}"
                ),
                params,
            )
        ).all()
        pubs = (
            await conn.execute(
                sa.text(
                    f"SELECT publication_id, count(*) FROM observation WHERE {where} "
                    "GROUP BY publication_id"
                ),
                params,
            )
        ).all()
    return counts_from_groups(
        ((tuple(g[:-1]), int(g[-1])) for g in groups), ((p[0], int(p[1])) for p in pubs)
    )


async def kept(db: Database, dataset_id: int, version: int) -> Counter[str]:
    """The count rows of a version."""
    table = ObservationCount
    async with db.connect() as conn:
        rows = (
            await conn.execute(
                sa.select(table.key, table.n).where(
                    table.dataset_id == dataset_id,
                    table.valid_from <= version,
                    sa.or_(table.valid_to.is_(None), table.valid_to >= version),
                )
            )
        ).all()
    found: Counter[str] = Counter()
    for k, n in rows:
        assert k not in found, (k, version)  # one row per key per version
        found[k] = int(n)
    return found


def _row(pub: str, oid: str, rnd: random.Random) -> dict[str, Any]:
    area, code = rnd.choice(AREAS), rnd.choice(CODES)
    measure, unit = rnd.choice(MEASURES)
    return obs(
        oid,
        pub,
        indicator_code=code,
        ref_area=area[0],
        ref_area_code=area[1],
        time_period=rnd.choice(["2023", "2024", "2025"]),
        obs_kind=rnd.choice(["actual", "target"]),
        measure=measure,
        unit=unit,
        obs_value=float(rnd.randrange(100)),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_counts_of_random_publish_sequences_equal_a_group_by(
    database: Database, seed: int
) -> None:
    """Publications added, revised (values, areas, measures), emptied, re-extracted (the
    same rows again, then a new reading): every version's counts, a GROUP BY's."""
    rnd = random.Random(seed)
    async with database.transaction() as session:
        source = await make_source(session, "counts")
        pubs = [(await make_publication(session, source, texts=["t"])).id for _ in range(3)]
        dataset = await make_dataset(session, "c")
        dataset_id = dataset.id
    rows: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in pubs}
    versions = 0
    for step in range(14):
        pub = rnd.choice(pubs)
        current = rows[pub]
        action = rnd.choice(["add", "revise", "remove", "empty", "again"])
        if not current:
            action = "add"
        if action == "add":
            for i in range(rnd.randrange(1, 12)):
                oid = f"{pub[-6:]}-{step}-{i}"
                current[oid] = _row(pub, oid, rnd)
        elif action == "revise":
            for oid in rnd.sample(sorted(current), k=min(len(current), 4)):
                current[oid] = {**_row(pub, oid, rnd), "observation_id": oid}
        elif action == "remove":
            for oid in rnd.sample(sorted(current), k=min(len(current), 3)):
                del current[oid]
        elif action == "empty":
            current.clear()
        async with database.transaction() as session:
            dataset = (
                await session.scalars(sa.select(Dataset).where(Dataset.id == dataset_id))
            ).one()
            published = await publish_observations(
                session, dataset, pub, [{**r, "dataset": "c"} for r in current.values()]
            )
        versions += published is not None
        if action == "again":
            assert published is None  # the same rows: no version, no counts written
    assert versions >= 8
    for version in range(1, versions + 1):
        expected = await grouped(database, dataset_id, version)
        assert await kept(database, dataset_id, version) == expected, version
        assert expected[key(TOTAL)] >= 0


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the database runs meanwhile: its engines' and those of
    ``read_rows`` (PostgreSQL: its own asyncpg pool)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    plain = db.read_rows

    async def read_rows(statement: Any, params: dict[str, Any] | None = None) -> Any:
        if not db.is_sqlite:
            seen.append(str(statement.compile(dialect=db.engine.dialect)))
        return await plain(statement, params)

    engines = {id(e): e for e in (db.engine, db._read_engine)}.values()
    for engine in engines:
        sa.event.listen(engine.sync_engine, "before_cursor_execute", record)
    db.read_rows = read_rows  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del db.read_rows
        for engine in engines:
            sa.event.remove(engine.sync_engine, "before_cursor_execute", record)


OBSERVATION = re.compile(r'\b"?observation"?(?!_)\b', re.IGNORECASE)


async def _two_publications(db: Database) -> int:
    async with db.transaction() as session:
        source = await make_source(session, "counts")
        one = await make_publication(session, source, texts=["t"])
        two = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "c")
        rows = [
            obs("a1", one.id, ref_area="临川区", ref_area_code="361002", obs_kind="actual"),
            obs("a2", one.id, ref_area="临川区", ref_area_code="361002", obs_kind="actual"),
            obs("b1", two.id, ref_area="南城县", ref_area_code="361021", obs_kind="target"),
        ]
        for pub, mine in ((one.id, rows[:2]), (two.id, rows[2:])):
            await publish_observations(session, dataset, pub, [{**r, "dataset": "c"} for r in mine])
        return dataset.id


async def test_indicators_on_a_fresh_app_read_the_counts_not_the_rows(database: Database) -> None:
    await _two_publications(database)
    async with database.connect() as conn:
        expected = {
            tuple(r[:5]): int(r[5])
            for r in await conn.execute(
                sa.text(
                    "SELECT indicator_code, ref_area, ref_area_code, measure, unit, count(*) "
                    "FROM observation WHERE valid_to IS NULL AND indicator_code != '' "
                    "GROUP BY 1, 2, 3, 4, 5"
                )
            )
        }
    assert sum(expected.values()) == 3
    with statements(database) as seen:
        totals, _ = await IndicatorCounts().current(database)
    assert dict(totals) == expected
    assert any("observation_count" in s for s in seen)
    assert not [s for s in seen if OBSERVATION.search(s)], seen
    app = create_app(database, ApiConfig(rate_limit_per_minute=0))
    try:
        async with make_client(app) as client:
            with statements(database) as seen:
                response = await client.get("/v1/indicators")
            assert response.status_code == 200
            assert any("observation_count" in s for s in seen)
            assert not [s for s in seen if OBSERVATION.search(s) and "GROUP BY" in s.upper()]
    finally:
        await close_change_waiter(app)


async def test_an_empty_combination_reads_no_observation(database: Database) -> None:
    dataset_id = await _two_publications(database)
    query = ObservationQuery(dataset="c", dataset_id=dataset_id, sort="obs_value")
    # each value is present, never together
    empty = ObservationQuery(**{**_fields(query), "ref_area": "临川区", "obs_kind": "target"})
    with statements(database) as seen:
        page = await find(database, empty, limit=10)
    assert page.items == []
    assert seen and not [s for s in seen if OBSERVATION.search(s)], seen
    # the same values apart, or a pair that is there, still read their rows
    both = ObservationQuery(**{**_fields(query), "ref_area": "临川区", "obs_kind": "actual"})
    with statements(database) as seen:
        page = await find(database, both, limit=10)
    assert [o.observation_id for o in page.items] == ["a1", "a2"]
    assert [s for s in seen if OBSERVATION.search(s)]


def _fields(q: ObservationQuery) -> dict[str, Any]:
    return {f: getattr(q, f) for f in q.__struct_fields__}


def _migrate(connection: sa.Connection, revision: str, down: bool) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(cfg, revision)


async def test_migration_0012_fills_the_latest_versions_and_drops_cleanly(
    database: Database,
) -> None:
    dataset_id = await _two_publications(database)
    expected = await kept(database, dataset_id, 2)
    assert expected == await grouped(database, dataset_id, 2)
    async with database.connect() as conn:
        await conn.run_sync(_migrate, "0011", True)
        await conn.commit()

    def tables(conn: sa.Connection) -> set[str]:
        return set(sa.inspect(conn).get_table_names())

    async with database.connect() as conn:
        assert "observation_count" not in await conn.run_sync(tables)
    await upgrade(database)
    # the latest version counted from its rows; version 1 has none (no total row)
    assert await kept(database, dataset_id, 2) == expected
    assert await kept(database, dataset_id, 1) == Counter()
    # and publishing goes on from there
    async with database.transaction() as session:
        dataset = (await session.scalars(sa.select(Dataset).where(Dataset.id == dataset_id))).one()
        pub = (
            await session.execute(sa.text("SELECT publication_id FROM observation LIMIT 1"))
        ).scalar_one()
        await publish_observations(session, dataset, pub, [])
    assert await kept(database, dataset_id, 3) == await grouped(database, dataset_id, 3)


async def test_bench_fixture_counts_equal_a_group_by(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/fixture.py's counts, bulk-computed, equal a GROUP BY of its rows, version
    by version (20,000 rows)."""
    from bench import fixture

    monkeypatch.setenv("GONGKAI_BENCH_FIXTURES", str(tmp_path))
    if database.is_sqlite:
        # (it runs an event loop of its own)
        path = await asyncio.to_thread(fixture.sqlite_fixture, 20_000)
        fixture_db = Database(f"sqlite+aiosqlite:///{path}")
        name = None
    else:
        admin = database.url.render_as_string(hide_password=False)
        url = await fixture.postgres_fixture(admin, 20_000)
        fixture_db = Database(url)
        name = sa.make_url(url).database
    try:
        compared = 0
        for slug, dataset_id in fixture.DATASET_IDS.items():
            latest = fixture.LATEST if slug == fixture.MAIN else 1
            for version in range(1, latest + 1):
                expected = await grouped(fixture_db, dataset_id, version)
                assert expected[key(TOTAL)] > 0
                assert await kept(fixture_db, dataset_id, version) == expected, (slug, version)
                compared += 1
        assert compared == 5
    finally:
        await fixture_db.dispose()
        if name is not None:
            server = Database(database.url.render_as_string(hide_password=False))
            async with server.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await server.dispose()
