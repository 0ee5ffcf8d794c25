"""Phrasing classes of multi-year parts found after round 3 (corpus c01-c48), one test each."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.text import normalize_text

REPORT_2016 = "政府工作报告\n——2016年1月15日在某市第六届人民代表大会第二次会议上\n"
REPORT_2021 = "政府工作报告\n——2021年1月20日在某区第七届人民代表大会第一次会议上\n"


def brief(text: str, area: str = "某市") -> list[tuple[str, str, str, float, str]]:
    text = normalize_text(text)
    out = extract(text, ref_area=area)
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return [(r.indicator_zh, r.measure, r.obs_kind, r.obs_value, r.time_period) for r in out]


def test_start_values_of_a_five_year_review_are_the_base_years_levels() -> None:
    text = (
        REPORT_2016 + "一、过去五年工作回顾\n"
        "地区生产总值由9581.5亿元增加到1.75万亿元。城镇居民人均可支配收入从15996元增加到28000元。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "level", "actual", 958150000000, "2010"),
        ("地区生产总值", "level", "actual", 1750000000000, "2015"),
        ("城镇居民人均可支配收入", "level", "actual", 15996, "2010"),
        ("城镇居民人均可支配收入", "level", "actual", 28000, "2015"),
    ]


def test_a_named_base_year_dates_the_start_value() -> None:
    text = REPORT_2021 + "一、“十三五”时期发展回顾\n"
    text += "固定资产投资由184亿元增长至384亿元,较2016年翻了一番。\n"
    assert brief(text) == [
        ("固定资产投资", "level", "actual", 18400000000, "2016"),
        ("固定资产投资", "level", "actual", 38400000000, "2020"),
    ]


def test_a_start_value_in_a_plan_is_not_published() -> None:
    text = REPORT_2021 + "二、今后五年的主要目标\n地区生产总值由1100亿元增加到1750亿元。\n"
    assert brief(text) == [("地区生产总值", "level", "target", 175000000000, "2025")]


def test_five_years_opening_a_sentence_dates_the_rest_of_its_paragraph() -> None:
    # 一、2015年工作回顾和"十二五"发展成就: a one-year part; its paragraph on the five years
    text = (
        REPORT_2016 + "一、2015年工作回顾和“十二五”发展成就\n"
        "全市生产总值增长8.9%。\n"
        "一是经济规模实现双提升。五年来,我们加快转变发展方式。地区生产总值由9581.5亿元增加到1.75万亿元。"
        "万元GDP能耗、水耗分别下降19.5%、43%。\n"
        "二是结构持续优化。全年一般公共预算收入增长30.9%。\n"
    )
    assert brief(text) == [
        ("全市生产总值", "growth", "actual", 8.9, "2015"),
        ("地区生产总值", "level", "actual", 958150000000, "2010"),
        ("地区生产总值", "level", "actual", 1750000000000, "2015"),
        ("万元GDP能耗", "growth", "actual", -19.5, "2011/2015"),
        ("水耗", "growth", "actual", -43, "2011/2015"),
        ("一般公共预算收入", "growth", "actual", 30.9, "2015"),
    ]


def test_a_year_opening_a_later_sentence_returns_to_that_year() -> None:
    text = (
        REPORT_2016 + "一、2015年工作回顾\n"
        "五年来,我们加快转变发展方式。2015年,地区生产总值增长8.9%。\n"
    )
    assert brief(text) == [("地区生产总值", "growth", "actual", 8.9, "2015")]


def test_a_heading_naming_the_plan_that_starts_this_year_is_that_plan() -> None:
    text = (
        REPORT_2016 + "一、过去五年工作回顾\n地区生产总值年均增长9.6%。\n"
        "二、“十三五”发展的主要思路\n到2020年,地区生产总值达到2.6万亿元。\n"
        "三、2016年主要工作\n"
    )
    assert brief(text) == [
        ("地区生产总值", "avg_growth", "actual", 9.6, "2011/2015"),
        ("地区生产总值", "level", "target", 2600000000000, "2020"),
    ]


def test_life_expectancy_in_years_is_a_level_and_not_a_target() -> None:
    text = REPORT_2021 + "一、2020年工作回顾\n居民平均预期寿命达到80.8岁,70岁以上老人1.2万人。\n"
    rows = brief(text)
    assert rows[0] == ("居民平均预期寿命", "level", "actual", 80.8, "2020")
    assert all(r[0] != "居民平均预期寿命" or r[3] == 80.8 for r in rows)
    assert brief(REPORT_2021 + "一、2020年工作回顾\n举办活动吸引70岁老人参加。\n") == []
