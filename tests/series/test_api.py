"""/v1/series, /v1/series.csv, /v1/scorecard and /v1/indicators over rows written the way
ingest writes them: one point per key, the latest publication wins, superseded
statements with provenance, interval periods and any measure, keyset pages, ETags and
problem+json."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ingest.scorecard import refresh_scorecards
from models import Database, Source
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish

GDP = {
    "indicator_code": "gdp",
    "indicator_zh": "地区生产总值",
    "indicator_en": "Gross regional product",
}


def gdp(
    oid: str, pid: str, period: str, value: float, kind: str = "actual", **extra: Any
) -> dict[str, Any]:
    return obs(
        oid,
        pid,
        **GDP,
        time_period=period,
        obs_kind=kind,
        obs_value=value,
        value_text=f"增长{value:g}%",
        quote=f"地区生产总值增长{value:g}%",
        **extra,
    )


@pytest.fixture
async def seeded(database: Database) -> AsyncIterator[dict[str, str]]:
    """Two reports: the 2025 one revises the 2023 growth the 2024 one gave; a filter
    dataset holds a copy of the 2025 report's rows; targets for 2024..2028."""
    async with database.transaction() as session:
        source = await make_source(session, "fz")
        old = await make_publication(
            session, source, texts=["a"], pid="pub_2024", published_date=dt.date(2024, 1, 20)
        )
        new = await make_publication(
            session, source, texts=["b"], pid="pub_2025", published_date=dt.date(2025, 1, 18)
        )
        main = await make_dataset(session, "fz")
        copy = await make_dataset(session, "gdp-only", filter={"indicator_codes": ["gdp"]})
        await publish(
            session,
            main,
            [
                gdp("o1", old.id, "2023", 5.2),
                gdp("o2", old.id, "2024", 6.0, "target", qualifier="approx"),
            ],
        )
        later = [
            gdp("o3", new.id, "2023", 5.0, char_start=40),
            gdp("o4", new.id, "2024", 5.3),
            gdp("o5", new.id, "2021/2025", 5.5, measure="avg_growth"),
            *(
                gdp(f"t{y}", new.id, str(y), 5.0, "target", qualifier="ge")
                for y in range(2025, 2029)
            ),
        ]
        await publish(
            session,
            main,
            [
                gdp("o1", old.id, "2023", 5.2),
                gdp("o2", old.id, "2024", 6.0, "target", qualifier="approx"),
                *later,
            ],
        )
        await publish(session, copy, later)
        scorecard = await make_dataset(session, "scorecard", kind="scorecard")
        await refresh_scorecards(
            session, await session.get_one(Source, source.id), cause={"test": True}
        )
        assert scorecard.latest_version == 1
    yield {"old": old.id, "new": new.id}


SERIES = {"indicator_code": "gdp", "ref_area": "抚州市", "measure": "growth"}


async def test_one_point_per_key_the_latest_publication_wins(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    r = await api.get("/v1/series", params=SERIES)
    assert r.status_code == 200, r.text
    body = r.json()
    keys = [(p["time_period"], p["obs_kind"]) for p in body["items"]]
    assert keys == [
        ("2023", "actual"),
        ("2024", "actual"),
        ("2024", "target"),
        *((str(y), "target") for y in range(2025, 2029)),
    ]
    point = body["items"][0]
    assert (point["obs_value"], point["publication_id"]) == (5.0, seeded["new"])
    # the revised statement of the older report, once (not once per dataset)
    assert [
        (s["obs_value"], s["publication_id"], s["published_date"]) for s in point["superseded"]
    ] == [(5.2, seeded["old"], "2024-01-20")]
    assert point["superseded"][0]["quote"] == "地区生产总值增长5.2%"
    assert body["indicator_en"] == "Gross regional product"
    by_code = await api.get(
        "/v1/series", params={**SERIES, "ref_area": None, "ref_area_code": "361000"}
    )
    assert by_code.json()["items"] == body["items"]


async def test_interval_periods_and_any_measure(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    r = await api.get("/v1/series", params={**SERIES, "measure": "avg_growth"})
    items = r.json()["items"]
    assert [(p["time_period"], p["obs_value"]) for p in items] == [("2021/2025", 5.5)]
    r = await api.get("/v1/series", params={**SERIES, "measure": "no_such_measure"})
    assert r.status_code == 200 and r.json()["items"] == []


async def test_keyset_pages_follow_the_link(api: httpx.AsyncClient, seeded: dict[str, str]) -> None:
    whole = (await api.get("/v1/series", params=SERIES)).json()["items"]
    seen: list[Any] = []
    r = await api.get("/v1/series", params={**SERIES, "limit": 2})
    while True:
        assert r.status_code == 200
        seen += r.json()["items"]
        if r.json()["next_cursor"] is None:
            assert "Link" not in r.headers
            break
        link = r.headers["Link"]
        assert link.endswith('>; rel="next"')
        r = await api.get(link[1 : link.index(">")])
    assert seen == whole
    scorecard_cursor = (await api.get("/v1/scorecard", params={"limit": 1})).json()["next_cursor"]
    r = await api.get("/v1/series", params={**SERIES, "cursor": scorecard_cursor})
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")


async def test_etag_and_304(
    api: httpx.AsyncClient, database: Database, seeded: dict[str, str]
) -> None:
    for path in ("/v1/series", "/v1/series.csv", "/v1/scorecard", "/v1/indicators"):
        params = SERIES if path.startswith("/v1/series") else {}
        first = await api.get(path, params=params)
        tag = first.headers["ETag"]
        assert first.headers["Cache-Control"] == "public, max-age=60"
        again = await api.get(path, params=params, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
    # new data: a new tag
    tag = (await api.get("/v1/series", params=SERIES)).headers["ETag"]
    async with database.transaction() as session:
        source = await make_source(session, "other")
        pub = await make_publication(
            session, source, texts=["c"], pid="pub_2026", published_date=dt.date(2026, 1, 5)
        )
        await publish(
            session, await make_dataset(session, "other"), [gdp("x", pub.id, "2025", 5.1)]
        )
    r = await api.get("/v1/series", params=SERIES, headers={"If-None-Match": tag})
    assert r.status_code == 200 and r.headers["ETag"] != tag


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"indicator_code": "gdp", "measure": "growth"}, "ref_area"),
        ({"ref_area": "抚州市", "measure": "growth"}, "indicator_code"),
        ({"ref_area": "抚州市", "indicator_code": "gdp"}, "measure"),
        ({**SERIES, "limit": "0"}, "limit"),
        ({**SERIES, "obs_kind": "forecast"}, "obs_kind"),
        ({**SERIES, "cursor": "not-a-cursor"}, "cursor"),
        ({**SERIES, "ref_area": "抚州\x00"}, "ref_area"),
    ],
)
async def test_bad_series_input_is_a_problem(
    api: httpx.AsyncClient, params: dict[str, str], key: str
) -> None:
    for path in ("/v1/series", "/v1/series.csv"):
        if path.endswith(".csv") and key in ("limit", "cursor"):
            continue
        r = await api.get(path, params=params)
        assert r.status_code == 400, (path, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert key in r.text


async def test_series_csv(api: httpx.AsyncClient, seeded: dict[str, str]) -> None:
    r = await api.get("/v1/series.csv", params=SERIES)
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 7
    assert (rows[0]["time_period"], rows[0]["obs_value"], rows[0]["publication_id"]) == (
        "2023",
        "5",
        seeded["new"],
    )
    assert rows[0]["superseded"] == f"增长5.2% ({seeded['old']} v1)"


async def test_indicators_count_per_area_and_link_to_series(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    r = await api.get("/v1/indicators")
    items = {i["code"]: i for i in r.json()["items"]}
    gdp_entry = items["gdp"]
    assert gdp_entry["en"] == "Gross regional product" and "地区生产总值" in gdp_entry["aliases"]
    assert gdp_entry["units"] == ["percent"]
    # latest versions: fz holds 9 gdp rows, the filter dataset its 7 copies
    assert gdp_entry["observations"] == 16
    (area,) = gdp_entry["areas"]
    assert (area["ref_area"], area["ref_area_code"]) == ("抚州市", "361000")
    assert area["measures"] == {"growth": 14, "avg_growth": 2}
    link = area["series"]["avg_growth"]
    assert link.startswith("https://gongkai.test/v1/series?")
    followed = await api.get(link.removeprefix("https://gongkai.test"))
    assert followed.json()["items"][0]["time_period"] == "2021/2025"
    assert items["cpi"]["observations"] == 0 and items["cpi"]["areas"] == []


async def test_scorecard_pages_filters_and_problems(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    rows: list[Any] = []
    cursor = None
    while True:
        r = await api.get(
            "/v1/scorecard", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
        )
        body = r.json()
        assert body["version"] == 1
        rows += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert [(x["time_period"], x["outcome"]) for x in rows] == [
        ("2024", "missed"),  # 6%左右 against 5.3%
        *((str(y), "unclear") for y in range(2025, 2029)),
    ]
    missed = rows[0]
    assert (
        missed["target_publication_id"] == seeded["old"]
        and missed["actual_publication_id"] == seeded["new"]
    )
    assert missed["gap"] == pytest.approx(-0.7)
    r = await api.get("/v1/scorecard", params={"outcome": "missed"})
    assert [x["time_period"] for x in r.json()["items"]] == ["2024"]
    r = await api.get("/v1/scorecard", params={"dataset": "fz"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = await api.get("/v1/scorecard", params={"outcome": "maybe"})
    assert r.status_code == 400
    r = await api.get("/v1/scorecard", params={"cursor": "xyz"})
    assert r.status_code == 400 and "cursor" in r.text


async def test_series_csv_names_its_file_also_for_chinese_codes(
    api: httpx.AsyncClient, seeded: dict[str, str]
) -> None:
    r = await api.get("/v1/series.csv", params={**SERIES, "indicator_code": "地区生产总值"})
    assert r.status_code == 200
    disposition = r.headers["Content-Disposition"]
    assert 'filename="series-______-growth.csv"' in disposition
    assert "filename*=UTF-8''series-%E5%9C%B0" in disposition
