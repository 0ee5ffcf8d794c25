"""/v1/publications: filters, pagination, versions, diffs and raw bytes."""

from __future__ import annotations

import datetime as dt

import httpx

from models import Database
from tests.api.factories import make_publication, make_source
from tests.api.seed import TEXT_V1, TEXT_V2, seed_world


async def test_list_filters_and_order(client: httpx.AsyncClient, database: Database) -> None:
    w = await seed_world(database)
    async with database.transaction() as session:
        other = await make_source(session, "other", dataset_slug="fz")
        for day in range(1, 6):
            await make_publication(
                session,
                other,
                texts=["x"],
                title=f"通知{day}",
                published_date=dt.date(2023, 1, day),
            )
    every = (await client.get("/v1/publications")).json()["items"]
    assert every[0]["id"] == w.pub_id  # newest first
    assert every[-1]["id"] == w.other_pub_id  # undated last
    assert len(every) == 7

    async def ids(**params: str) -> list[str]:
        return [
            p["id"] for p in (await client.get("/v1/publications", params=params)).json()["items"]
        ]

    assert await ids(source="fz") == [w.pub_id, w.other_pub_id]
    assert len(await ids(source="other")) == 5
    assert len(await ids(published_from="2023-01-02", published_to="2023-01-04")) == 3
    assert await ids(q="工作报告") == [w.pub_id]
    assert await ids(flagged="true") == [w.pub_id]
    assert len(await ids(flagged="false")) == 6
    assert len(await ids(status="active")) == 7
    assert await ids(status="withdrawn") == []
    assert await ids(q="100%") == []
    bad = await client.get("/v1/publications?published_from=2024-02-30")
    assert bad.status_code == 400 and "published_from" in bad.text
    swapped = await client.get("/v1/publications?published_from=2024-02-02&published_to=2024-01-01")
    assert swapped.status_code == 400

    seen: list[str] = []
    url: str | None = "/v1/publications?limit=2"
    while url:
        r = await client.get(url)
        page = r.json()
        seen += [p["id"] for p in page["items"]]
        url = r.headers.get("link", "")[1:].split(">")[0] or None
    assert seen == [p["id"] for p in every]


async def test_publication_versions_diff_raw(client: httpx.AsyncClient, database: Database) -> None:
    w = await seed_world(database)
    base = f"/v1/publications/{w.pub_id}"
    pub = (await client.get(base)).json()
    assert pub["latest_version"] == 2 and [v["version"] for v in pub["versions"]] == [1, 2]
    assert (await client.get(f"{base}/versions")).json()["items"][1]["has_raw"] is True

    v2 = await client.get(f"{base}/versions/2")
    body = v2.json()
    assert body["text"] == TEXT_V2
    assert body["flagged"] is True and body["flags"][0]["term"] == "雷速体育"
    assert body["meta"] == {"发布机构": "抚州市人民政府"}
    assert v2.headers["cache-control"] == "public, max-age=31536000, immutable"

    diff = (await client.get(f"{base}/versions/2/diff")).json()
    assert diff["against"] == 1 and diff["ops"]
    assert diff["paragraphs_changed"] >= 1
    assert "14.5" in diff["unified"] and "14.6" in diff["unified"]
    first = (await client.get(f"{base}/versions/1/diff")).json()
    assert first["against"] == 0 and TEXT_V1.splitlines()[1] in first["unified"]
    assert (await client.get(f"{base}/versions/2/diff?against=5")).status_code == 404

    raw = await client.get(f"{base}/versions/1/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "text/html; charset=utf-8"
    assert raw.content.startswith(b"<html><body>")
    # A fetched page runs no script and loads nothing on our origin.
    policy = raw.headers["content-security-policy"]
    assert policy.split(";")[0] == "sandbox" and "default-src 'none'" in policy
    assert "allow-scripts" not in policy and "script-src" not in policy
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert raw.headers["etag"].startswith('"')


async def test_not_found_and_bad_versions(client: httpx.AsyncClient, database: Database) -> None:
    w = await seed_world(database)
    for path in [
        "/v1/publications/nope",
        "/v1/publications/nope/versions",
        f"/v1/publications/{w.pub_id}/versions/3",
        f"/v1/publications/{w.pub_id}/versions/3/raw",
        "/v1/publications/a%00b",
    ]:
        r = await client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(f"/v1/publications/{w.pub_id}/versions/0")).status_code == 400
    huge = await client.get(f"/v1/publications/{w.pub_id}/versions/99999999999")
    assert huge.status_code == 400
