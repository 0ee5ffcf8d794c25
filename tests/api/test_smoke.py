from __future__ import annotations

from models import Database
from tests.api.seed import seed_world


async def test_smoke(client, database: Database) -> None:  # type: ignore[no-untyped-def]
    w = await seed_world(database)
    for path in [
        "/v1/sources",
        f"/v1/sources/{w.source}",
        "/v1/publications",
        f"/v1/publications/{w.pub_id}",
        f"/v1/publications/{w.pub_id}/versions",
        f"/v1/publications/{w.pub_id}/versions/2",
        f"/v1/publications/{w.pub_id}/versions/2/diff",
        f"/v1/publications/{w.pub_id}/versions/2/raw",
        "/v1/datasets",
        f"/v1/datasets/{w.slug}",
        f"/v1/datasets/{w.slug}/versions",
        f"/v1/datasets/{w.slug}/versions/2",
        f"/v1/datasets/{w.slug}/versions/2/diff",
        f"/v1/datasets/{w.slug}/versions/latest/observations.csv",
        f"/v1/datasets/{w.slug}/versions/1/observations.ndjson",
        f"/v1/datasets/{w.slug}/versions/1/observations.json",
        f"/v1/datasets/{w.slug}/versions/1/datapackage.json",
        "/v1/observations?limit=2",
        "/v1/catalog.jsonld",
        "/docs",
        "/schema/openapi.json",
    ]:
        r = await client.get(path)
        print(path, r.status_code, r.headers.get("content-type"), r.text[:300])
        assert r.status_code == 200, (path, r.text)
