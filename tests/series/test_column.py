"""End to end through the fake site: five consecutive work reports of one column give a
series with one point per year and kind, and a scorecard whose outcomes this test
computes on its own from the figures the pages were written from; revising a
preliminary figure moves the series point and keeps the superseded statement; the sixth
report makes a scorecard version whose dataset.updated names the targets met and missed."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import httpx
import sqlalchemy as sa

from ingest.scorecard import refresh_scorecards
from models import ChangeEvent, Database, Source
from tests.changes.conftest import settled
from tests.fakesite.hanweb import HanwebSite
from tests.fakesite.reports import (
    FIGURES,
    INDICATORS,
    PRELIMINARY_REVISION,
    REPORT_YEARS,
    REVISED_GDP_2020,
    Target,
)
from tests.series.conftest import Ingest

FIRST_FIVE = REPORT_YEARS[:5]  # 2019..2023
SIXTH = REPORT_YEARS[5]  # 2024
LOWER_IS_BETTER = {"cpi", "urban_unemployment_rate"}
MEASURE = {"urban_unemployment_rate": "level"}


def expected_outcome(code: str, target: Target, actual: float) -> str:
    """The outcome as a reader of the two reports would judge it (decimal arithmetic,
    half a point of leeway for 左右)."""
    t, a = Decimal(str(target.value)), Decimal(str(actual))
    lower = code in LOWER_IS_BETTER
    if target.qualifier == "ge":
        return "met" if a >= t else "missed"
    if target.qualifier == "le":
        return "met" if a <= t else "missed"
    if target.qualifier == "approx":
        ok = a <= t + Decimal("0.5") if lower else a >= t - Decimal("0.5")
        return "met" if ok else "missed"
    if target.qualifier == "range":
        low, high = t, Decimal(str(target.value_max))
        return "met" if (a <= high if lower else a >= low) else "missed"
    return "met" if (a <= t if lower else a >= t) else "missed"  # eq: a level to reach


def expected_scorecard(last_report: int, revised: bool = False) -> dict[tuple[str, str], str]:
    """{(year, indicator): outcome} for every target of the reports up to ``last_report``."""
    out = {}
    for year in REPORT_YEARS:
        if year > last_report:
            break
        for code in INDICATORS:
            target = FIGURES[year].target[code]
            if year + 1 > last_report:
                out[(str(year), code)] = "unclear"
                continue
            actual = FIGURES[year + 1].actual[code]
            if revised and year == 2020 and code == "gdp":
                actual = REVISED_GDP_2020
            out[(str(year), code)] = expected_outcome(code, target, actual)
    return out


async def all_pages(api: httpx.AsyncClient, path: str, params: dict[str, Any]) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        r = await api.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


async def scorecard(api: httpx.AsyncClient) -> dict[tuple[str, str], dict[str, Any]]:
    rows = await all_pages(api, "/v1/scorecard", {"limit": 7})
    return {(r["time_period"], r["indicator_code"]): r for r in rows}


async def scorecard_events(db: Database) -> list[ChangeEvent]:
    await settled(db)
    async with db.session() as session:
        events = await session.scalars(
            sa.select(ChangeEvent)
            .where(ChangeEvent.type == "dataset.updated")
            .order_by(ChangeEvent.id)
        )
        return [e for e in events if e.data["dataset"] == "scorecard"]


async def test_five_reports_a_revision_and_a_sixth(
    column: HanwebSite, ingest: Ingest, api: httpx.AsyncClient, database: Database
) -> None:
    arts = {year: column.publish_report(year) for year in FIRST_FIVE}
    report = await ingest()
    assert report.errors == [] and len(report.new_publications) == len(FIRST_FIVE)
    # each report is published in its own transaction and adds its targets
    five = report.dataset_versions["scorecard"]
    assert five == len(FIRST_FIVE)

    # The series: one point per year and kind, the figures of the pages.
    params = {"indicator_code": "gdp", "ref_area_code": "361000", "measure": "growth"}
    points = await all_pages(api, "/v1/series", {**params, "limit": 3})
    keys = [(p["time_period"], p["obs_kind"]) for p in points]
    assert len(keys) == len(set(keys))
    assert keys == sorted(
        [(str(y - 1), "actual") for y in FIRST_FIVE] + [(str(y), "target") for y in FIRST_FIVE]
    )
    by_key = {(p["time_period"], p["obs_kind"]): p for p in points}
    for year in FIRST_FIVE:
        actual = by_key[(str(year - 1), "actual")]
        assert actual["obs_value"] == FIGURES[year].actual["gdp"]
        assert actual["source_url"] == column.url(arts[year])
        assert actual["quote"] in "".join(column.docs[arts[year]].paragraphs)
        target = by_key[(str(year), "target")]
        assert (target["obs_value"], target["qualifier"]) == (
            FIGURES[year].target["gdp"].value,
            FIGURES[year].target["gdp"].qualifier,
        )
        assert actual["superseded"] == [] and target["superseded"] == []

    # The scorecard: every target of the five reports, outcomes as computed here.
    rows = await scorecard(api)
    expected = expected_scorecard(FIRST_FIVE[-1])
    assert {k: r["outcome"] for k, r in rows.items()} == expected
    assert {"met", "missed", "unclear"} == set(expected.values())
    gdp_2021 = rows[("2021", "gdp")]  # 8.5%左右 against 8.0%: the approx boundary
    assert (gdp_2021["outcome"], gdp_2021["gap"]) == ("met", -0.5)
    assert gdp_2021["target_url"] == column.url(arts[2021])
    assert gdp_2021["actual_url"] == column.url(arts[2022])
    assert gdp_2021["target_quote"] and gdp_2021["actual_quote"]
    revenue_2020 = rows[("2020", "public_budget_revenue")]  # a 5%-6% range, 1.2% actual
    assert (revenue_2020["target_value"], revenue_2020["target_value_max"]) == (5, 6)
    assert revenue_2020["outcome"] == "missed"

    # The scorecard is a dataset: CSV, data package and versions work unchanged.
    csv_text = (await api.get(f"/v1/datasets/scorecard/versions/{five}/observations.csv")).text
    csv_rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(csv_rows) == len(expected)
    assert {(r["time_period"], r["indicator_code"]): r["outcome"] for r in csv_rows} == expected
    package = (await api.get(f"/v1/datasets/scorecard/versions/{five}/datapackage.json")).json()
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    assert fields == list(csv_rows[0])

    # A preliminary figure revised in place: the point moves, the old statement stays.
    column.revise(arts[2021], *PRELIMINARY_REVISION)
    await ingest()
    points = await all_pages(api, "/v1/series", {**params, "obs_kind": "actual"})
    point = next(p for p in points if p["time_period"] == "2020")
    assert point["obs_value"] == REVISED_GDP_2020 and point["publication_version"] == 2
    assert [
        (s["obs_value"], s["publication_version"], s["current"]) for s in point["superseded"]
    ] == [(FIGURES[2021].actual["gdp"], 1, False)]
    assert point["superseded"][0]["publication_id"] == point["publication_id"]
    rows = await scorecard(api)
    assert rows[("2020", "gdp")]["gap"] == REVISED_GDP_2020 - FIGURES[2020].target["gdp"].value
    assert {k: r["outcome"] for k, r in rows.items()} == expected_scorecard(2023, revised=True)
    diff = (
        await api.get(f"/v1/datasets/scorecard/versions/{five + 1}/diff", params={"against": five})
    ).json()
    assert diff["counts"] == {"added": 0, "removed": 0, "changed": 1}
    change = diff["changed"][0]
    assert change["old_scorecard"]["actual_value"] == FIGURES[2021].actual["gdp"]
    assert change["new_scorecard"]["actual_value"] == REVISED_GDP_2020

    # The sixth report: a new scorecard version whose event says what was met and missed.
    column.publish_report(SIXTH)
    report = await ingest()
    assert report.dataset_versions.get("scorecard") == five + 2
    events = await scorecard_events(database)
    assert [e.data["version"] for e in events] == list(range(1, five + 3))
    last = events[-1].data
    decided = {
        (str(SIXTH - 1), code): expected_outcome(
            code, FIGURES[SIXTH - 1].target[code], FIGURES[SIXTH].actual[code]
        )
        for code in INDICATORS
    }
    for outcome in ("met", "missed"):
        assert set(last["outcomes"][outcome]) == {
            f"抚州市 {SIXTH - 1} {code_name(code)}"
            for (_, code), v in decided.items()
            if v == outcome
        }
    # the sixth report's own targets wait for the seventh
    assert len(last["outcomes"]["unclear"]) == len(INDICATORS)
    assert all(entry.startswith(f"抚州市 {SIXTH} ") for entry in last["outcomes"]["unclear"])
    assert last["changed"] == len(INDICATORS) and last["added"] == len(INDICATORS)
    rows = await scorecard(api)
    assert {k: r["outcome"] for k, r in rows.items()} == expected_scorecard(SIXTH, revised=True)
    # Each report refreshed only the series it touches; a full rebuild finds nothing new.
    async with database.transaction() as session:
        source = (await session.scalars(sa.select(Source))).one()
        assert await refresh_scorecards(session, source, cause={"test": True}) == {}


def code_name(code: str) -> str:
    """The subject each report names the indicator by in its plan."""
    return {
        "gdp": "地区生产总值 (growth)",
        "industrial_value_added": "规模以上工业增加值 (growth)",
        "fixed_asset_investment": "固定资产投资 (growth)",
        "retail_sales": "社会消费品零售总额 (growth)",
        "public_budget_revenue": "一般公共预算收入 (growth)",
        "urban_unemployment_rate": "城镇调查失业率 (level)",
        "cpi": "居民消费价格 (growth)",
    }[code]
