"""The export cache: a finished export of a numbered version is kept as a file and sent
from it, byte-identical to an uncached export; files are written atomically (a failed or
abandoned stream leaves nothing) and the folder stays within its bound."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from api.config import ApiConfig
from api.datasets.export_cache import ExportCache
from models import Database, Observation
from tests.api.conftest import make_client
from tests.api.seed import seed_world

V = "/v1/datasets/fz/versions"
EXPORTS = (
    "2/observations.csv",
    "2/observations.csv?bom=1&labels=zh",
    "2/observations.ndjson",
    "2/observations.json",
    "latest/observations.csv",
)


async def test_cached_exports_are_byte_identical_and_served_from_the_file(
    client: httpx.AsyncClient, database: Database, tmp_path: Path
) -> None:
    await seed_world(database)
    uncached = {path: await client.get(f"{V}/{path}") for path in EXPORTS}
    folder = tmp_path / "exports"
    app = create_app(database, ApiConfig(rate_limit_per_minute=0, export_cache_dir=str(folder)))
    async with make_client(app) as cached:
        first = {path: await cached.get(f"{V}/{path}") for path in EXPORTS}
        # latest names version 2 here, so its CSV is v2's file: four files
        assert len(os.listdir(folder)) == 4
        # The rows are gone: what comes now comes from the files.
        async with database.transaction() as session:
            await session.execute(sa.delete(Observation))
        again = {path: await cached.get(f"{V}/{path}") for path in EXPORTS}
    for path in EXPORTS:
        plain, kept, sent = uncached[path], first[path], again[path]
        assert plain.status_code == kept.status_code == sent.status_code == 200, path
        assert len(plain.content) > 100, path
        assert kept.content == plain.content and sent.content == plain.content, path
        for header in ("etag", "cache-control", "content-type", "content-disposition"):
            assert sent.headers[header] == plain.headers[header], (path, header)
        assert sent.headers["content-length"] == str(len(plain.content)), path
    # conditional requests still answer 304 before any file is opened
    tag = again["2/observations.csv"].headers["etag"]
    async with make_client(app) as cached:
        validated = await cached.get(f"{V}/2/observations.csv", headers={"If-None-Match": tag})
    assert validated.status_code == 304


async def _chunks(parts: list[bytes], fail_after: int | None = None) -> AsyncIterator[bytes]:
    for i, part in enumerate(parts):
        if fail_after is not None and i == fail_after:
            raise RuntimeError("the database went away")
        yield part


async def _drain(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([c async for c in chunks])


async def test_a_file_appears_only_when_its_stream_completed(tmp_path: Path) -> None:
    cache = ExportCache(tmp_path, max_bytes=10_000)
    parts = [b"a" * 100, b"b" * 100, b"c" * 100]
    stream = cache.tee("x.csv", _chunks(parts))
    assert await anext(stream) == parts[0]
    assert cache.open("x.csv") is None  # half-way: no file under its name yet
    assert await _drain(stream) == parts[1] + parts[2]
    hit = cache.open("x.csv")
    assert hit is not None
    file, size = hit
    with file:
        assert size == 300 and file.read() == b"".join(parts)

    with pytest.raises(RuntimeError):
        await _drain(cache.tee("failed.csv", _chunks(parts, fail_after=2)))
    abandoned = cache.tee("abandoned.csv", _chunks(parts))
    await anext(abandoned)
    await abandoned.aclose()  # the client went away
    assert sorted(os.listdir(tmp_path)) == ["x.csv"]  # no partial file, no temporary one


async def test_the_folder_stays_within_its_bound(tmp_path: Path) -> None:
    cache = ExportCache(tmp_path, max_bytes=1000)
    for n in range(5):
        assert await _drain(cache.tee(f"f{n}.csv", _chunks([bytes(300)]))) == bytes(300)
        os.utime(tmp_path / f"f{n}.csv", (n, n))  # served in this order
        cache.evict()
        assert cache.size() <= 1000
    assert sorted(os.listdir(tmp_path)) == ["f2.csv", "f3.csv", "f4.csv"]
    hit = cache.open("f2.csv")  # served again: now the most recent
    assert hit is not None
    hit[0].close()
    await _drain(cache.tee("f5.csv", _chunks([bytes(300)])))
    assert sorted(os.listdir(tmp_path)) == ["f2.csv", "f4.csv", "f5.csv"]
    # larger than the whole bound: streamed in full, not kept
    assert await _drain(cache.tee("big.csv", _chunks([bytes(600), bytes(600)]))) == bytes(1200)
    assert "big.csv" not in os.listdir(tmp_path) and cache.size() <= 1000
