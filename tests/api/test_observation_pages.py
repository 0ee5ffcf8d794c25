"""Pages of numbered versions: validated and cached without the database; pages of the
latest version cached by the number it has now (see also test_latest_versions)."""

from __future__ import annotations

import httpx
import sqlalchemy as sa

from api.etag import IMMUTABLE, SHORT
from api.observations.cache import PageCache
from models import Database, Dataset, Observation
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish


async def _seed(db: Database) -> None:
    async with db.transaction() as session:
        source = await make_source(session, "a")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "a")
        await publish(
            session, dataset, [obs(f"a{i}", pub.id, obs_value=float(i)) for i in range(5)]
        )


async def _forget_rows(db: Database) -> None:
    """Delete every observation: what a page still shows came from the cache."""
    async with db.transaction() as session:
        await session.execute(sa.delete(Observation))


async def test_numbered_version_pages_answer_without_the_database(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _seed(database)
    url = "/v1/observations?dataset=a&version=1&limit=2&sort=-obs_value"
    first = await client.get(url)
    assert first.status_code == 200
    assert first.headers["cache-control"] == IMMUTABLE
    etag = first.headers["etag"]
    assert [i["obs_value"] for i in first.json()["items"]] == [4.0, 3.0]
    assert first.headers["link"].endswith(f'cursor={first.json()["next_cursor"]}>; rel="next"')

    await _forget_rows(database)
    again = await client.get(url)
    assert again.status_code == 200
    assert again.content == first.content and again.headers["link"] == first.headers["link"]
    assert again.headers["etag"] == etag
    validated = await client.get(url, headers={"If-None-Match": f'W/{etag}, "other"'})
    assert validated.status_code == 304 and validated.content == b""
    assert validated.headers["etag"] == etag
    # another query string is another page, read from the (now empty) table
    other = await client.get("/v1/observations?dataset=a&version=1&limit=3")
    assert other.status_code == 200 and other.json()["items"] == []


async def test_latest_pages_follow_the_latest_version(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _seed(database)
    url = "/v1/observations?dataset=a&limit=10"
    first = await client.get(url)
    assert first.headers["cache-control"] == SHORT and first.headers["etag"]
    assert len(first.json()["items"]) == 5
    # the same version: the same bytes, from the cache (the rows are gone underneath)
    await _forget_rows(database)
    again = await client.get(url)
    assert again.content == first.content and again.headers["cache-control"] == SHORT
    assert again.headers["etag"] == first.headers["etag"]
    # a new version is a new page, read from the table
    async with database.transaction() as session:
        pub = await make_publication(session, await make_source(session, "b"), texts=["t"])
        dataset = (await session.scalars(sa.select(Dataset).where(Dataset.slug == "a"))).one()
        await publish(session, dataset, [obs("n1", pub.id, obs_value=9.0)])
    new = (await client.get(url)).json()["items"]
    assert [(i["observation_id"], i["obs_value"]) for i in new] == [("n1", 9.0)]


async def test_missing_datasets_and_versions_are_404_and_not_cached(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _seed(database)
    for url in (
        "/v1/observations?dataset=nope",
        "/v1/observations?dataset=nope&version=1",
        "/v1/observations?dataset=a&version=2",
        "/v1/observations?dataset=a&version=0",
    ):
        r = await client.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"].startswith("application/problem+json")
    async with database.transaction() as session:
        await make_dataset(session, "empty")
    r = await client.get("/v1/observations?dataset=empty")
    assert r.status_code == 404 and "no version yet" in r.json()["detail"]


def test_page_cache_keeps_the_most_recent_pages_within_its_budget() -> None:
    cache = PageCache(max_bytes=1000)
    for n in range(10):
        cache.put(f"k{n}", bytes(200), None)
        assert cache.size <= 1000
    assert cache.get("k0") is None and len(cache) == 4
    assert cache.get("k6") == (bytes(200), None)  # now the most recently used
    cache.put("k10", bytes(200), "<next>")
    assert cache.get("k6") is not None and cache.get("k7") is None
    cache.put("huge", bytes(5000), None)  # larger than the budget: served, not kept
    assert cache.get("huge") is None and cache.size <= 1000
