"""Phrasing classes found on whole texts (corpus round 2, c38-c48), one test each."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.text import normalize_text

REPORT_2026 = "政府工作报告\n——2026年1月20日在某市第十届人民代表大会第一次会议上\n"


def brief(text: str, area: str = "某市") -> list[tuple[str, str, str, float, str]]:
    text = normalize_text(text)
    out = extract(text, ref_area=area)
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return [(r.indicator_zh, r.measure, r.obs_kind, r.obs_value, r.time_period) for r in out]


def test_a_paragraph_opened_by_last_years_own_year_is_about_that_year() -> None:
    text = (
        REPORT_2026 + "一、“十四五”时期发展成就和2025年主要工作\n"
        "“十四五”时期是砥砺前行的五年。地区生产总值年均增长5.6%。\n"
        "2025年是“十四五”规划收官之年。地区生产总值增长5.5%。\n"
        "各位代表!刚刚过去的2025年,我们主要做了以下工作:\n"
        "一般公共预算收入增长6.4%。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "avg_growth", "actual", 5.6, "2021/2025"),
        ("地区生产总值", "growth", "actual", 5.5, "2025"),
        ("一般公共预算收入", "growth", "actual", 6.4, "2025"),
    ]
