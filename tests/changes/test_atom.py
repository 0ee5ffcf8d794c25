"""GET /v1/changes.atom and the words that say what changed."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import httpx

from api.changes.words import describe_observation_change
from models import Database
from tests.changes.conftest import BASE_URL, add_event

A = "{http://www.w3.org/2005/Atom}"

GDP_TARGET = {
    "observation_id": "obs_1",
    "change": "changed",
    "indicator_zh": "地区生产总值",
    "indicator_code": "gdp",
    "measure": "growth",
    "obs_kind": "target",
    "time_period": "2024",
    "unit": "percent",
    "unit_zh": "%",
    "old": {"obs_value": 6, "obs_value_max": None, "qualifier": "eq", "value_text": "6%"},
    "new": {"obs_value": 5.5, "obs_value_max": None, "qualifier": "eq", "value_text": "5.5%"},
}


async def test_atom_feed_says_what_changed_and_links_the_diff(
    database: Database, client: httpx.AsyncClient
):
    await add_event(database, "publication.created", title="政府工作报告", url="https://x.gov.cn/a")
    await add_event(
        database,
        "dataset.updated",
        dataset="fuzhou-work-reports",
        version=3,
        previous_version=2,
        added=0,
        removed=0,
        changed=1,
        changes=[GDP_TARGET],
        links={"diff": "/v1/datasets/fuzhou-work-reports/diff?from=2&to=3"},
    )
    response = await client.get("/v1/changes.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(f"{A}{tag}") or "").strip(), tag
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == f"{BASE_URL}/v1/changes.atom"

    entries = feed.findall(f"{A}entry")
    assert len(entries) == 2
    newest, older = entries  # newest first
    category = newest.find(f"{A}category")
    assert category is not None and category.get("term") == "dataset.updated"
    summary = newest.findtext(f"{A}summary") or ""
    assert "2024年目标: 地区生产总值增长 6% -> 5.5%" in summary
    diff = newest.find(f"{A}link[@rel='alternate']")
    assert diff is not None
    assert diff.get("href") == f"{BASE_URL}/v1/datasets/fuzhou-work-reports/diff?from=2&to=3"
    assert (newest.findtext(f"{A}id") or "").startswith("tag:gongkai.invalid,")
    assert newest.findtext(f"{A}id") != older.findtext(f"{A}id")
    assert "政府工作报告" in (older.findtext(f"{A}title") or "")
    link = older.find(f"{A}link[@rel='alternate']")
    assert link is not None and link.get("href") == "https://x.gov.cn/a"


async def test_atom_filters_and_limit(database: Database, client: httpx.AsyncClient):
    for n in range(4):
        await add_event(database, "dataset.updated", dataset="a" if n % 2 else "b", version=n)
    await add_event(database, "source.failing", source="s", error="timeout\x07")
    feed = ET.fromstring((await client.get("/v1/changes.atom", params={"dataset": "a"})).content)
    titles = [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")]
    assert titles == ["a 更新至第3版", "a 更新至第1版"]
    feed = ET.fromstring((await client.get("/v1/changes.atom", params={"limit": 1})).content)
    (only,) = feed.findall(f"{A}entry")
    # A control character from a scraped page would make the XML invalid; it is dropped.
    assert only.findtext(f"{A}summary") == "来源 s 抓取失败: timeout"


def test_words_for_each_measure_and_change_kind() -> None:
    assert describe_observation_change(GDP_TARGET) == "2024年目标: 地区生产总值增长 6% -> 5.5%"
    cny = {
        **GDP_TARGET,
        "measure": "level",
        "obs_kind": "actual",
        "time_period": "2023",
        "indicator_zh": "一般公共预算收入",
        "unit_zh": "亿元",
        "old": {"obs_value": 2.0e11, "qualifier": "gt"},
        "new": {"obs_value": 2.05e11, "qualifier": "approx"},
    }
    expected = "2023年实际: 一般公共预算收入 超过2000亿元 -> 2050亿元左右"
    assert describe_observation_change(cny) == expected
    pp = {**GDP_TARGET, "measure": "pp_change", "unit_zh": "个百分点", "indicator_zh": "比重"}
    pp["old"] = {"obs_value": 0.3, "qualifier": "eq"}
    pp["new"] = {"obs_value": -0.5, "qualifier": "eq"}
    assert describe_observation_change(pp) == "2024年目标: 比重 提高0.3个百分点 -> 下降0.5个百分点"
    rank = {**GDP_TARGET, "measure": "rank", "unit_zh": "位", "change": "added", "old": None}
    rank["new"] = {"obs_value": 1, "qualifier": "eq"}
    assert describe_observation_change(rank) == "2024年目标: 新增 地区生产总值排名第 1"
    removed = {**GDP_TARGET, "change": "removed", "new": None}
    removed["old"] = {"obs_value": 6, "obs_value_max": 6.5, "qualifier": "range"}
    assert describe_observation_change(removed) == "2024年目标: 删除 地区生产总值增长 6-6.5%"
