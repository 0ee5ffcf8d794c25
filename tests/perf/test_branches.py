"""Pages served by branches (api/observations/service.py) list exactly the rows the plain
conditions select, in the page's order, page after page.

Three datasets with versions (rows revised, removed and added), 60 indicator name pairs
(more than MAX_BRANCHES match some texts, so the ILIKE fallback is walked too); the
reference is computed in Python from every row of each dataset's versions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.dialects import postgresql

from api.app import create_app
from api.changes import close_change_waiter
from api.config import ApiConfig
from api.observations import service
from models import Database
from models.datasets import NAME_SORT_INDEXES
from tests.api.conftest import make_client
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish
from tests.api.paging import walk_observations
from tests.perf import plans

SORTS = ["id", "time_period", "-time_period", "indicator_code", "obs_value", "-obs_value"]
NAMES = [(f"指标{i:02d}增长", f"Indicator {i:02d} Growth" if i % 3 else "") for i in range(60)]


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database, ApiConfig(rate_limit_per_minute=0))
    async with make_client(app) as test_client:
        yield test_client
    await close_change_waiter(app)  # its LISTEN connection (lifespan does not run here)


def _rows(slug: str, count: int, pub: str, shift: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        zh, en = NAMES[(i * 7 + shift) % len(NAMES)]
        rows.append(
            obs(
                f"{slug}{i:03d}",
                pub,
                time_period=str(2018 + (i + shift) % 5),
                indicator_code=["gdp", "cpi", ""][i % 3],
                indicator_zh=zh,
                indicator_en=en,
                obs_value=float((i * 37 + shift) % 11) - 3.0,
                ref_area=["抚州市", "临川区"][i % 2],
                measure=["growth", "level", "growth", "rank"][i % 4],
                obs_kind=["actual", "actual", "target"][(i // 4) % 3],
            )
        )
    return rows


async def _seed(db: Database) -> dict[str, list[list[dict[str, Any]]]]:
    """{slug: the rows of each version}."""
    versions: dict[str, list[list[dict[str, Any]]]] = {}
    async with db.transaction() as session:
        source = await make_source(session, "branches")
        pub = await make_publication(session, source, texts=["t"])
        for slug, count in (("a", 90), ("b", 40), ("c", 12)):
            dataset = await make_dataset(session, slug)
            first = _rows(slug, count, pub.id, 0)
            # version 2: a third revised, the last five removed, five new ones
            second = [
                {**r, "obs_value": r["obs_value"] + 0.5} if i % 3 == 0 else r
                for i, r in enumerate(first[:-5])
            ] + _rows(f"{slug}new", 5, pub.id, 3)
            await publish(session, dataset, first)
            await publish(session, dataset, second)
            versions[slug] = [first, second]
    return versions


def _expected(rows: list[dict[str, Any]], text: str | None, sort: str) -> list[Any]:
    if text is not None:
        needle = text.lower()
        rows = [
            r
            for r in rows
            if needle in r["indicator_zh"].lower() or needle in r["indicator_en"].lower()
        ]
    if sort == "id":
        return sorted((r["dataset"], r["observation_id"]) for r in rows)
    key = sort.lstrip("-")
    return sorted((r[key] for r in rows), reverse=sort.startswith("-"))


def _got(items: list[dict[str, Any]], sort: str) -> list[Any]:
    if sort == "id":
        return sorted((i["dataset"], i["observation_id"]) for i in items)
    return [i[sort.lstrip("-")] for i in items]


@pytest.mark.parametrize("sort", SORTS)
async def test_branches_list_the_rows_of_the_plain_conditions(
    client: httpx.AsyncClient, database: Database, sort: str
) -> None:
    versions = await _seed(database)
    latest = [{**r, "dataset": slug} for slug, vs in versions.items() for r in vs[-1]]
    # texts: one name, a few names, more names than branches (the fallback), none
    texts = ["指标07增长", "indicator 1", "增长", "growth", "不存在", None]
    for text in texts:
        extra = {} if text is None else {"indicator": text}
        for slug, rows in versions.items():
            for number, version_rows in ((None, rows[-1]), ("1", rows[0])):
                params = {"dataset": slug, "sort": sort, "limit": "7", **extra}
                if number is not None:
                    params["version"] = number
                items = await walk_observations(client, params)
                assert {i["dataset"] for i in items} <= {slug}
                ids = [i["observation_id"] for i in items]
                assert len(ids) == len(set(ids)), (params, ids)
                tagged = [{**r, "dataset": slug} for r in version_rows]
                assert _got(items, sort) == _expected(tagged, text, sort), params
        # without a dataset: every dataset's latest version, merged
        items = await walk_observations(client, {"sort": sort, "limit": "9", **extra})
        keys = [(i["dataset"], i["observation_id"]) for i in items]
        assert len(keys) == len(set(keys))
        assert _got(items, sort) == _expected(latest, text, sort), text
    walked = await walk_observations(client, {"sort": sort, "limit": "9", "ref_area": "临川区"})
    linchuan = [r for r in latest if r["ref_area"] == "临川区"]
    assert _got(walked, sort) == _expected(linchuan, None, sort)


async def test_indicator_text_resolves_to_names_or_falls_back(database: Database) -> None:
    await _seed(database)
    q = service.ObservationQuery(dataset="a", dataset_id=1, indicator="指标07")
    branches, _ = await service.branches_of(database, q)
    assert branches is not None and [b.name for b in branches] == [NAMES[7]]
    q.indicator = "不存在"
    assert (await service.branches_of(database, q))[0] == []
    q.indicator = "增长"  # every name: more than MAX_BRANCHES, the ILIKE condition
    assert len(NAMES) > service.MAX_BRANCHES
    assert (await service.branches_of(database, q))[0] is None
    everywhere = service.ObservationQuery(indicator="指标07")
    branches, slugs = await service.branches_of(database, everywhere)
    assert sorted(slugs.values()) == ["a", "b", "c"]
    assert branches is not None and {b.name for b in branches} == {NAMES[7]}
    names = list(await service.distinct_coded(database, 1))
    assert names == sorted(NAMES)


@pytest.mark.parametrize(
    "thresholds", [(2000, 3000, 4000), (3, 40, 4000), (3, 2, 4000), (3, 2, 7), (3, 40, 3)]
)
async def test_filtered_sorted_pages_on_every_path(
    client: httpx.AsyncClient,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    thresholds: tuple[int, int, int],
) -> None:
    """SQLite picks between reading a filter's rows and walking the sort's index by
    probes (service._sqlite_filtered); with the thresholds lowered every path runs on
    small data: a small filter read whole, a full page from the sort order's bounded
    prefix, the walk of a filter's index in the page order, and the reading of the
    filter or pair the sample finds the fewest matches of, sorted. PostgreSQL runs the
    plain statement; both must list exactly the matching rows in order."""
    monkeypatch.setattr(service, "SMALL_FILTER", thresholds[0])
    monkeypatch.setattr(service, "PREFIX_ROWS", thresholds[1])
    monkeypatch.setattr(service, "SAMPLE_ROWS", thresholds[2])
    versions = await _seed(database)
    latest = [{**r, "dataset": "a"} for r in versions["a"][-1]]
    for filters in (
        {"ref_area": "临川区"},
        {"ref_area": "临川区", "time_period": "2019"},
        {"indicator_code": "gdp", "time_period": "2020", "ref_area": "抚州市"},
        {"indicator_code": "cpi", "ref_area": "南昌市"},
        {"measure": "growth"},
        {"measure": "growth", "obs_kind": "actual"},
        {"measure": "rank", "ref_area": "抚州市", "obs_kind": "target"},
        {"indicator_code": "gdp", "time_period": "2019", "measure": "growth"},
        {"obs_kind": "target", "time_period": "2020"},
    ):
        wanted = [r for r in latest if all(r[c] == v for c, v in filters.items())]
        for sort in SORTS:
            items = await walk_observations(
                client, {"dataset": "a", "sort": sort, "limit": "4", **filters}
            )
            ids = [i["observation_id"] for i in items]
            assert len(ids) == len(set(ids)), (filters, sort)
            assert _got(items, sort) == _expected(wanted, None, sort), (filters, sort)


async def test_named_branches_on_postgresql_are_one_lateral_join(database: Database) -> None:
    """Several names: one statement text whatever their number (the names are arrays),
    the branch's page planned once (a lateral join), not a union of one arm per name."""
    await _seed(database)
    texts: dict[str, str] = {}
    for text in ("指标0", "指标1", "指标07"):
        for dataset_id in (1, None):
            q = service.ObservationQuery(
                dataset="a" if dataset_id else None, dataset_id=dataset_id, indicator=text
            )
            branches, _ = await service.branches_of(database, q)
            assert branches and branches[0].name is not None
            statement, params = service.page_query(q, limit=7, branches=branches)
            sql = str(statement.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
            if len(branches) == 1:
                assert "unnest" not in sql
                continue
            assert "LATERAL" in sql and sql.count("FROM observation") == 1, sql
            assert params["names_zh"] == [b.name[0] for b in branches if b.name]
            assert texts.setdefault(str(dataset_id), sql) == sql
            if database.is_sqlite:
                continue
            dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
            compiled = plans.literal_sql(statement, params, dialect)
            async with database.engine.connect() as conn:
                plan = (await conn.exec_driver_sql(f"EXPLAIN {compiled}")).scalars().all()
            # one scan of observation under the names (not one per name)
            scans = [line for line in plan if " on observation" in line]
            assert len(scans) == 1 and any("Nested Loop" in line for line in plan), plan
    assert len(texts) == 2
    # in value and time order too (the name-and-sort indexes of migration 0014): each
    # name's page an index scan in the page's order, stopped by its limit
    for sort in ("obs_value", "-obs_value", "time_period", "-time_period"):
        q = service.ObservationQuery(dataset="a", dataset_id=1, indicator="指标0", sort=sort)
        branches, _ = await service.branches_of(database, q)
        statement, params = service.page_query(q, limit=7, branches=branches)
        assert "names_zh" in params and "LATERAL" in str(statement), sort
        if database.is_sqlite:
            continue
        dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
        compiled = plans.literal_sql(statement, params, dialect)
        async with database.engine.connect() as conn:
            await conn.exec_driver_sql("ANALYZE observation")
            plan = (await conn.exec_driver_sql(f"EXPLAIN {compiled}")).scalars().all()
        # the names' entries (one scan under the names), then the page's rows (by id; at
        # this size the planner may hash the few ids against the whole table instead)
        scans = [line for line in plan if " on observation" in line]
        index = NAME_SORT_INDEXES[sort.lstrip("-")]
        assert len(scans) == 2 and sum(index in line for line in scans) == 1, plan


@pytest.mark.parametrize("sort", ["obs_value", "-obs_value", "time_period", "-time_period"])
async def test_text_with_another_sort_reads_the_name_sort_indexes(
    client: httpx.AsyncClient, database: Database, sort: str
) -> None:
    """Several names in value or time order: the names' branches on the name-and-sort
    indexes (no walk of the sort's index first), page after page the plain rows, with
    and without ``dataset``, with a filter too."""
    versions = await _seed(database)
    q = service.ObservationQuery(dataset="a", dataset_id=1, indicator="indicator 1", sort=sort)
    branches, _ = await service.branches_of(database, q)
    assert branches is not None and len(branches) > 1
    ran: list[Any] = []
    original = database.read_rows

    async def recorded(statement: Any, params: Any) -> Any:
        ran.append(statement)
        return await original(statement, params)

    database.read_rows = recorded  # type: ignore[method-assign,assignment]
    try:
        await service.find(database, q, limit=3)
    finally:
        del database.read_rows
    # one statement: the names' branches
    sqlite = database.is_sqlite
    assert ran == [service.page_query(q, limit=3, sqlite=sqlite, branches=branches)[0]]
    latest = [{**r, "dataset": slug} for slug, vs in versions.items() for r in vs[-1]]
    for text in ("indicator 1", "指标0", "指标07增长"):
        for extra in ({}, {"ref_area": "临川区"}):
            rows = [r for r in latest if all(r[c] == v for c, v in extra.items())]
            params = {"sort": sort, "limit": "3", "indicator": text, **extra}
            items = await walk_observations(client, {"dataset": "a", **params})
            wanted = [r for r in rows if r["dataset"] == "a"]
            assert _got(items, sort) == _expected(wanted, text, sort), params
            items = await walk_observations(client, params)
            assert _got(items, sort) == _expected(rows, text, sort), params
