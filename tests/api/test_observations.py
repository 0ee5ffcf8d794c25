"""/v1/observations: filters, every ordering walked page by page, cursor errors."""

from __future__ import annotations

import httpx
import pytest

from models import Database
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish
from tests.api.paging import walk_observations

SORTS = ["id", "time_period", "-time_period", "indicator_code", "obs_value", "-obs_value"]


async def _seed(db: Database) -> None:
    """61 observations in v2 of 'a' (with many ties in every sort key), 3 in 'b'."""
    async with db.transaction() as session:
        source = await make_source(session, "a")
        pub = await make_publication(session, source, texts=["t"])
        a = await make_dataset(session, "a")
        rows = [
            obs(
                f"a{i:03d}",
                pub.id,
                time_period=str(2020 + i % 4),
                indicator_code=["gdp", "cpi", "", "pm25"][i % 4],
                indicator_zh=["地区生产总值", "居民消费价格", "其他", "PM2.5平均浓度"][i % 4],
                indicator_en=["Gross regional product", "Consumer price index", "", "PM2.5"][i % 4],
                obs_value=float(i % 7) - 2.5 if i % 3 else float(i % 5),
                obs_kind="target" if i % 5 == 0 else "actual",
            )
            for i in range(60)
        ]
        await publish(session, a, rows[:30])
        await publish(session, a, [*rows, obs("a999", pub.id, obs_value=1e12)])
        b = await make_dataset(session, "b")
        await publish(session, b, [obs(f"b{i}", pub.id) for i in range(3)])


@pytest.mark.parametrize("sort", SORTS)
async def test_walking_all_pages_yields_every_row_once(
    client: httpx.AsyncClient, database: Database, sort: str
) -> None:
    await _seed(database)
    items = await walk_observations(client, {"dataset": "a", "sort": sort, "limit": "7"})
    ids = [i["observation_id"] for i in items]
    assert len(ids) == 61 and len(set(ids)) == 61
    if sort != "id":
        key = sort.lstrip("-")
        values = [i[key] for i in items]
        assert values == sorted(values, reverse=sort.startswith("-"))  # type: ignore[type-var]


async def test_old_version_and_all_datasets(client: httpx.AsyncClient, database: Database) -> None:
    await _seed(database)
    v1 = await walk_observations(client, {"dataset": "a", "version": "1", "limit": "1000"})
    assert len(v1) == 30
    every = await walk_observations(client, {"limit": "10", "sort": "obs_value"})
    assert len(every) == 64
    assert {i["dataset"] for i in every} == {"a", "b"}


async def test_filters(client: httpx.AsyncClient, database: Database) -> None:
    await _seed(database)

    async def ids(**params: str) -> set[str]:
        return {
            str(i["observation_id"])
            for i in await walk_observations(client, {"dataset": "a", **params})
        }

    assert len(await ids(indicator_code="gdp")) == 15
    assert await ids(indicator="价格") == await ids(indicator_code="cpi")
    assert await ids(indicator="consumer PRICE") == await ids(indicator_code="cpi")
    assert await ids(indicator="%") == set()  # LIKE wildcards are literal
    assert len(await ids(time_period="2021")) == 15
    assert len(await ids(obs_kind="target")) == 12
    assert len(await ids(measure="rank")) == 0
    assert len(await ids(ref_area="抚州市")) == 61
    assert len(await ids(ref_area="南昌市")) == 0


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=abc", "limit"),
        ("sort=title", "sort"),
        ("obs_kind=guess", "obs_kind"),
        ("measure=x", "measure"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=%00", "cursor"),
        ("version=2", "version"),
        ("dataset=a&version=two", "version"),
        ("indicator=a%00b", "indicator"),
    ],
)
async def test_bad_parameters_are_400_naming_the_parameter(
    client: httpx.AsyncClient, database: Database, query: str, name: str
) -> None:
    await _seed(database)
    r = await client.get(f"/v1/observations?{query}")
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == 400
    assert name in problem["detail"] or any(e.get("key") == name for e in problem["errors"])


async def test_cursor_of_another_sort_is_rejected(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _seed(database)
    first = (await client.get("/v1/observations?dataset=a&limit=5&sort=time_period")).json()
    r = await client.get(f"/v1/observations?dataset=a&sort=obs_value&cursor={first['next_cursor']}")
    assert r.status_code == 400
    assert r.json()["errors"][0]["key"] == "cursor"
    pubs = await client.get(f"/v1/publications?cursor={first['next_cursor']}")
    assert pubs.status_code == 400


async def test_unknown_dataset_or_version(client: httpx.AsyncClient, database: Database) -> None:
    await _seed(database)
    assert (await client.get("/v1/observations?dataset=zzz")).status_code == 404
    assert (await client.get("/v1/observations?dataset=a&version=3")).status_code == 404
    assert (await client.get("/v1/observations?dataset=a&version=latest")).status_code == 200
