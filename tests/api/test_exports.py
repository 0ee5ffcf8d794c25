"""Exports: CSV (read back by csv and polars), NDJSON, JSON, the Data Package, stability."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import httpx
import polars as pl
import pytest

from api.datasets import exports
from api.datasets.exports import format_number
from models import Database
from models.observation_schema import COLUMNS, LABELS_ZH
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish
from tests.api.seed import seed_world

V = "/v1/datasets/fz/versions"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (200000000000.0, "200000000000"),
        (6.3, "6.3"),
        (-0.5, "-0.5"),
        (0.0, "0"),
        (35500.0, "35500"),
        (1e-05, "0.00001"),
        (1.5e20, "150000000000000000000"),
        (0.1 + 0.2, "0.30000000000000004"),
        (None, ""),
    ],
)
def test_number_formatting_is_canonical(value: float | None, text: str) -> None:
    assert format_number(value) == text


async def test_csv_reads_back_with_csv_and_polars(
    client: httpx.AsyncClient, database: Database
) -> None:
    await seed_world(database)
    r = await client.get(f"{V}/2/observations.csv")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"fz-v2.csv\"; filename*=UTF-8''fz-v2.csv"
    )
    body = r.content
    assert not body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == list(COLUMNS)
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["observation_id"] for r in records] == ["o-gdp", "o-range", "o-growth", "o-rank"]
    gdp = records[0]
    assert gdp["obs_value"] == "200000000000"
    assert gdp["obs_value_max"] == ""
    assert gdp["indicator_zh"] == "地区生产总值"
    assert gdp["quote"] == '地区生产总值突破2000亿元,"含引号",\n换行'
    assert records[1]["obs_value"] == "6" and records[1]["obs_value_max"] == "6.5"
    assert records[2]["obs_value"] == "14.6"

    frame = pl.read_csv(io.BytesIO(body), infer_schema=False)
    assert frame.columns == list(COLUMNS)
    assert frame.height == len(records)
    for record, polars_row in zip(records, frame.iter_rows(named=True), strict=True):
        assert {k: (v if v is not None else "") for k, v in polars_row.items()} == record


async def test_csv_bom_and_labels(client: httpx.AsyncClient, database: Database) -> None:
    await seed_world(database)
    plain = (await client.get(f"{V}/2/observations.csv")).content
    r = await client.get(f"{V}/2/observations.csv", params={"bom": "1", "labels": "zh"})
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [LABELS_ZH[c] for c in COLUMNS]
    # Same rows; only the BOM and the header differ.
    assert text.split("\r\n", 1)[1] == plain.decode().split("\r\n", 1)[1]
    en = await client.get(f"{V}/2/observations.csv", params={"labels": "en"})
    assert en.text.startswith("Observation ID,Dataset,")
    bad = await client.get(f"{V}/2/observations.csv", params={"labels": "fr"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert "labels" in bad.text


async def test_ndjson_and_json_match_csv(client: httpx.AsyncClient, database: Database) -> None:
    await seed_world(database)
    lines = (await client.get(f"{V}/2/observations.ndjson")).text.splitlines()
    nd = [json.loads(line) for line in lines]
    arr = (await client.get(f"{V}/2/observations.json")).json()
    assert nd == arr
    assert list(nd[0]) == list(COLUMNS)
    assert nd[0]["obs_value"] == 200000000000 and isinstance(nd[0]["obs_value"], int)
    assert nd[0]["dataset"] == "fz"
    assert (await client.get("/v1/datasets/nope/versions/1/observations.json")).status_code == 404
    assert (await client.get(f"{V}/9/observations.json")).status_code == 404
    assert (await client.get(f"{V}/0/observations.json")).status_code == 404
    assert (await client.get(f"{V}/x1/observations.json")).status_code == 400


async def test_export_streams_in_batches_across_many_rows(
    client: httpx.AsyncClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "big")
        pub = await make_publication(session, source, texts=["x"])
        ds = await make_dataset(session, "big")
        await publish(session, ds, [obs(f"o{i:04d}", pub.id, obs_value=i / 4) for i in range(53)])
    monkeypatch.setattr(exports, "BATCH_SIZE", 5)
    csv_text = (await client.get("/v1/datasets/big/versions/1/observations.csv")).text
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["observation_id"] for r in rows] == [f"o{i:04d}" for i in range(53)]
    assert rows[3]["obs_value"] == "0.75"
    arr = (await client.get("/v1/datasets/big/versions/latest/observations.json")).json()
    assert len(arr) == 53
    nd = (await client.get("/v1/datasets/big/versions/1/observations.ndjson")).text
    assert len(nd.splitlines()) == 53


async def test_empty_version_exports(client: httpx.AsyncClient, database: Database) -> None:
    async with database.transaction() as session:
        ds = await make_dataset(session, "empty")
        await publish(session, ds, [])
    assert (await client.get("/v1/datasets/empty/versions/1/observations.json")).json() == []
    csv_text = (await client.get("/v1/datasets/empty/versions/1/observations.csv")).text
    assert csv_text == ",".join(COLUMNS) + "\r\n"
    assert (await client.get("/v1/datasets/empty/versions/1/observations.ndjson")).text == ""


async def test_revision_keeps_old_version_bytes_and_diff_names_the_change(
    client: httpx.AsyncClient, database: Database
) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "rev")
        pub = await make_publication(session, source, texts=["a", "b"])
        ds = await make_dataset(session, "rev")
        rows = [obs(f"o{i}", pub.id, obs_value=float(i)) for i in range(5)]
        await publish(session, ds, rows)
    before = await client.get("/v1/datasets/rev/versions/1/observations.csv")
    before_json = await client.get("/v1/datasets/rev/versions/1/observations.json")

    async with database.transaction() as session:
        import sqlalchemy as sa

        from models import Dataset

        ds = await session.scalar(sa.select(Dataset).where(Dataset.slug == "rev"))
        assert ds is not None
        revised = [dict(r) for r in rows]
        revised[2].update(obs_value=2.5, value_text="增长2.5%", publication_version=2)
        await publish(session, ds, revised)

    after = await client.get("/v1/datasets/rev/versions/1/observations.csv")
    assert after.content == before.content
    assert after.headers["etag"] == before.headers["etag"]
    after_json = await client.get("/v1/datasets/rev/versions/1/observations.json")
    assert after_json.content == before_json.content
    latest = await client.get("/v1/datasets/rev/versions/latest/observations.csv")
    assert latest.content != before.content
    assert "fz-v" not in latest.headers["content-disposition"]
    assert 'filename="rev-v2.csv"' in latest.headers["content-disposition"]

    diff = (await client.get("/v1/datasets/rev/versions/2/diff")).json()
    assert diff["against"] == 1
    assert diff["counts"] == {"added": 0, "removed": 0, "changed": 1}
    (change,) = diff["changed"]
    assert change["observation_id"] == "o2"
    assert change["old"]["obs_value"] == 2.0 and change["new"]["obs_value"] == 2.5
    assert change["new"]["publication_version"] == 2
    assert diff["added"] == [] and diff["removed"] == []

    from_empty = (await client.get("/v1/datasets/rev/versions/2/diff?against=0")).json()
    assert from_empty["counts"] == {"added": 5, "removed": 0, "changed": 0}
    backwards = (await client.get("/v1/datasets/rev/versions/1/diff?against=2")).json()
    assert backwards["counts"]["changed"] == 1
    assert backwards["changed"][0]["new"]["obs_value"] == 2.0
    assert (await client.get("/v1/datasets/rev/versions/2/diff?against=7")).status_code == 404
    assert (await client.get("/v1/datasets/rev/versions/2/diff?against=-1")).status_code == 400


async def test_datapackage_validates_with_the_csv_beside_it(
    client: httpx.AsyncClient, database: Database, tmp_path: Path
) -> None:
    await seed_world(database)
    descriptor = (await client.get(f"{V}/2/datapackage.json")).json()
    assert descriptor["profile"] == "tabular-data-package"
    resource = descriptor["resources"][0]
    assert resource["path"] == "observations.csv"
    assert [f["name"] for f in resource["schema"]["fields"]] == list(COLUMNS)
    assert resource["schema"]["primaryKey"] == ["observation_id"]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "observations.csv").write_bytes(
        (await client.get(f"{V}/2/observations.csv")).content
    )
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 4


async def test_datapackage_catches_a_vocabulary_violation(
    client: httpx.AsyncClient, database: Database, tmp_path: Path
) -> None:
    """The enum constraints are real: a CSV with an unknown unit fails validation."""
    await seed_world(database)
    descriptor = (await client.get(f"{V}/2/datapackage.json")).json()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    csv_text = (await client.get(f"{V}/2/observations.csv")).text.replace(
        ",percent,", ",furlong,", 1
    )
    (tmp_path / "observations.csv").write_text(csv_text, encoding="utf-8", newline="")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid


def test_the_csv_fast_path_formats_numbers_as_format_number() -> None:
    import random

    from api.datasets.exports import _format_float

    rnd = random.Random(16)
    special = [1.0, -0.0, 1e20, 1.5e20, 2e300, 1e-05, 1.23e-07, -4.5e16, 123456789.125, 7]
    special += [float("inf"), -float("inf"), float("nan")]
    values = special + [rnd.uniform(-1e6, 1e6) for _ in range(2000)]
    values += [rnd.random() * 10 ** rnd.randint(-30, 30) for _ in range(2000)]
    assert [_format_float(v) for v in values] == [format_number(v) for v in values]
