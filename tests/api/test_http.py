"""Caching (ETag/304, Cache-Control), rate limiting, read keys, docs and OpenAPI."""

from __future__ import annotations

import json

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from api.openapi import openapi_json_bytes
from api.ratelimit import FixedWindowLimiter
from models import Database
from tests.api.conftest import make_client
from tests.api.seed import seed_world
from tests.api.test_sources import usable_key

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/datasets/fz/versions/1",
        "/v1/datasets/fz/versions/2/diff",
        "/v1/datasets/fz/versions/1/observations.csv",
        "/v1/datasets/fz/versions/1/observations.csv?bom=1&labels=zh",
        "/v1/datasets/fz/versions/1/observations.ndjson",
        "/v1/datasets/fz/versions/1/observations.json",
        "/v1/datasets/fz/versions/1/datapackage.json",
        "/v1/publications/{pub}/versions/1",
        "/v1/publications/{pub}/versions/2/diff",
        "/v1/publications/{pub}/versions/1/raw",
    ],
)
async def test_immutable_resources_etag_and_304(
    client: httpx.AsyncClient, database: Database, path: str
) -> None:
    w = await seed_world(database)
    path = path.format(pub=w.pub_id)
    first = await client.get(path)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag.startswith('"') and not tag.startswith("W/")
    assert first.headers["cache-control"] == IMMUTABLE
    again = await client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = await client.get(path, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    listed = await client.get(path, headers={"If-None-Match": f'"x", W/{tag}'})
    assert listed.status_code == 304


async def test_format_options_change_the_etag(
    client: httpx.AsyncClient, database: Database
) -> None:
    await seed_world(database)
    base = "/v1/datasets/fz/versions/1/observations.csv"
    tags = {(await client.get(base + q)).headers["etag"] for q in ["", "?bom=1", "?labels=zh"]}
    assert len(tags) == 3
    v2 = (await client.get("/v1/datasets/fz/versions/2/observations.csv")).headers["etag"]
    latest = await client.get("/v1/datasets/fz/versions/latest/observations.csv")
    assert latest.headers["etag"] == v2
    assert latest.headers["cache-control"] == "public, max-age=60"


async def test_lists_are_short_cached(client: httpx.AsyncClient, database: Database) -> None:
    await seed_world(database)
    for path in ["/v1/datasets", "/v1/publications", "/v1/observations", "/v1/sources"]:
        assert (await client.get(path)).headers["cache-control"] == "public, max-age=60"


def test_fixed_window_limiter() -> None:
    now = [1000.0]
    limiter = FixedWindowLimiter(clock=lambda: now[0])
    decisions = [limiter.hit("a", 3) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[0].reset == 20  # 1000 s is 40 s into its minute
    assert limiter.hit("b", 3).allowed
    now[0] = 1020.0
    assert limiter.hit("a", 3).allowed


async def test_rate_limit_answers_429_with_headers(database: Database) -> None:
    app = create_app(database, ApiConfig(rate_limit_per_minute=3))
    async with make_client(app) as client:
        answers = [await client.get("/v1/datasets") for _ in range(3)]
        assert [a.headers["ratelimit-remaining"] for a in answers] == ["2", "1", "0"]
        assert answers[0].headers["ratelimit-limit"] == "3"
        assert answers[0].headers["ratelimit-policy"] == "3;w=60"
        assert 0 < int(answers[0].headers["ratelimit-reset"]) <= 60
        over = await client.get("/v1/datasets")
        assert over.status_code == 429
        assert over.headers["content-type"].startswith("application/problem+json")
        assert 0 < int(over.headers["retry-after"]) <= 60
        assert over.headers["ratelimit-remaining"] == "0"
        # probes are never limited, and errors count like any answer
        assert (await client.get("/health")).status_code == 200
        assert "ratelimit-limit" not in (await client.get("/health")).headers
        # another client address has its own window
        other = httpx.ASGITransport(app=app, client=("198.51.100.1", 1))
        async with httpx.AsyncClient(transport=other, base_url="http://t.local") as second:
            assert (await second.get("/v1/datasets")).status_code == 200


async def test_rate_limit_counts_per_key(database: Database) -> None:
    key = await usable_key(database, "subscriber")
    app = create_app(database, ApiConfig(rate_limit_per_minute=2))
    async with make_client(app) as client:
        for _ in range(2):
            assert (await client.get("/v1/datasets")).status_code == 200
        assert (await client.get("/v1/datasets")).status_code == 429
        keyed = await client.get("/v1/datasets", headers={"Authorization": f"Bearer {key}"})
        assert keyed.status_code == 200 and keyed.headers["ratelimit-remaining"] == "1"
        made_up = await client.get("/v1/datasets", headers={"X-API-Key": "gk_0123456789_x"})
        assert made_up.status_code == 401


async def test_rate_limit_off(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/datasets")
    assert r.status_code == 200 and "ratelimit-limit" not in r.headers


async def test_require_key_for_reads(database: Database) -> None:
    await seed_world(database)
    key = await usable_key(database, "subscriber")
    app = create_app(database, ApiConfig(require_key_for_reads=True, rate_limit_per_minute=0))
    async with make_client(app) as client:
        for path in [
            "/v1/datasets",
            "/v1/observations",
            "/v1/datasets/fz/versions/1/observations.csv",
        ]:
            r = await client.get(path)
            assert r.status_code == 401, path
            assert r.headers["content-type"].startswith("application/problem+json")
            assert r.headers["www-authenticate"].startswith("Bearer")
            assert (await client.get(path, headers={"X-API-Key": key})).status_code == 200
        assert (await client.get("/v1/datasets", headers={"X-API-Key": "bogus"})).status_code == 401
        for public in ["/health", "/docs", "/schema/openapi.json"]:
            assert (await client.get(public)).status_code == 200, public


async def test_docs_and_openapi(client: httpx.AsyncClient, database: Database) -> None:
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "/schema/openapi.json" in docs.text
    doc = (await client.get("/schema/openapi.json")).json()
    mine = [p for p in doc["paths"] if not p.startswith(("/v1/changes", "/v1/webhooks"))]
    for path in mine:
        for method, operation in doc["paths"][path].items():
            assert operation.get("description"), (method, path)
            if path.startswith("/v1"):
                ok = operation["responses"].get("200") or operation["responses"].get("202")
                content = next(iter(ok["content"].values()))
                assert content.get("examples"), (method, path)
    app = create_app(database, ApiConfig())
    first, second = openapi_json_bytes(app), openapi_json_bytes(create_app(database))
    assert first == second and first.endswith(b"}\n")
    assert json.loads(first)["info"]["title"] == "Gongkai"
