"""CSV exports neutralise text cells a spreadsheet would run as formulas; numbers stay data."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from api.datasets.cells import neutralise_formula
from models import Database
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+86-10-1234", "'+86-10-1234"),
        ("-50%", "'-50%"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("地区生产总值增长6.3%", "地区生产总值增长6.3%"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_formula(text: str, shown: str) -> None:
    assert neutralise_formula(text) == shown


async def test_csv_text_cells_are_neutralised_and_numbers_are_not(
    client: httpx.AsyncClient, database: Database
) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "inj")
        pub = await make_publication(session, source, texts=["x"])
        ds = await make_dataset(session, "inj")
        hostile = obs(
            "o1", pub.id, indicator_zh="=cmd|' /C calc'!A0", quote="@SUM(1+1)*cmd|' /C calc'!A0",
            value_text="-50亿元", obs_value=-50.0, obs_value_max=-40.0, source_url="+http://x",
        )  # fmt: skip
        await publish(session, ds, [hostile])
    r = await client.get("/v1/datasets/inj/versions/1/observations.csv")
    row = next(csv.DictReader(io.StringIO(r.text)))
    assert row["indicator_zh"] == "'=cmd|' /C calc'!A0"
    assert row["quote"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["value_text"] == "'-50亿元"
    assert row["source_url"] == "'+http://x"
    assert (row["obs_value"], row["obs_value_max"]) == ("-50", "-40")  # numbers are data
    # JSON carries the text as the page wrote it.
    record = (await client.get("/v1/datasets/inj/versions/1/observations.json")).json()[0]
    assert record["indicator_zh"] == "=cmd|' /C calc'!A0" and record["obs_value"] == -50


async def test_the_csv_etag_names_the_export_format_revision(
    client: httpx.AsyncClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "rev")
        pub = await make_publication(session, source, texts=["x"])
        await publish(session, await make_dataset(session, "rev"), [obs("o1", pub.id)])
    url = "/v1/datasets/rev/versions/1/observations.csv"
    before = (await client.get(url)).headers["etag"]
    monkeypatch.setattr("api.datasets.downloads.EXPORT_FORMAT_REVISION", "99")
    after = await client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
