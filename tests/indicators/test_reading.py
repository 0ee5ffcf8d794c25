"""Phrasings the extractor once misread, one test per class (issue: reading bugs)."""

from __future__ import annotations

import pytest

from ingest.indicators import extract
from ingest.indicators.numerals import parse_chinese
from ingest.indicators.words import policy_phrase

REVIEW = "政府工作报告(2024年)\n一、2023年工作回顾\n"

Row = tuple[str, str, float, str, str, str]


def rows(sentence: str, area: str = "某市") -> list[Row]:
    text = REVIEW + sentence
    out = extract(text, ref_area=area)
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return [
        (r.indicator_code or r.indicator_zh, r.measure, r.obs_value, r.unit, r.qualifier,
         r.compare_scope)
        for r in out
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("一万二", 12000),
        ("三百五", 350),
        ("一千二", 1200),
        ("一亿二", 1.2e8),
        ("一万零二", 10002),
        ("十万零二", 100002),
        ("壹佰", 100),
        ("壹佰亿", 1e10),
        ("叁仟伍佰", 3500),
        ("貳拾", 20),
    ],
)
def test_spoken_and_capital_numerals(span: str, value: float) -> None:
    assert parse_chinese(span) == value


def test_spoken_numeral_in_a_sentence() -> None:
    assert rows("城镇新增就业一万二人。") == [("urban_new_jobs", "level", 12000, "count", "eq", "")]
    assert rows("一般公共预算收入壹佰亿元。") == [
        ("public_budget_revenue", "level", 1e10, "CNY", "eq", "")
    ]


def test_ranks_without_di() -> None:
    assert rows("地区生产总值增速居全省首位。") == [("gdp", "rank", 1, "rank", "eq", "province")]
    assert rows("规模以上工业增加值增长10%,位居全国榜首。")[1] == (
        "industrial_value_added", "rank", 1, "rank", "eq", "country"
    )  # fmt: skip
    assert rows("地区生产总值增速进入全省前十。") == [("gdp", "rank", 10, "rank", "le", "province")]
    # not ranks: a period, and 首位 as "first priority"
    assert rows("全省前三季度地区生产总值增长5%。") == []
    assert rows("把就业摆在首位。") == []


def test_industry_lists() -> None:
    assert rows("第一、第三产业增加值分别增长3.5%、6.1%。") == [
        ("primary_value_added", "growth", 3.5, "percent", "eq", ""),
        ("tertiary_value_added", "growth", 6.1, "percent", "eq", ""),
    ]
    assert [r[0] for r in rows("一二三产业增加值分别增长3.5%、5.2%、6.1%。")] == [
        "primary_value_added",
        "secondary_value_added",
        "tertiary_value_added",
    ]


def test_more_measure_words() -> None:
    assert rows("新开发特色产品12款。")[0][1:4] == ("level", 12, "count")


def test_words_between_subject_and_verb() -> None:
    assert rows("居民人均可支配收入实际增长5.1%。") == [
        ("disposable_income", "growth", 5.1, "percent", "eq", "")
    ]
    assert rows("PM2.5平均浓度均值为28微克/立方米。") == [("pm25", "level", 28, "ug_m3", "eq", "")]


def test_a_year_as_comparator_is_a_change_not_a_gap() -> None:
    assert rows("地区生产总值增长5.5%,增速快于2022年1.2个百分点。")[1] == (
        "gdp", "pp_change", 1.2, "percentage_point", "eq", ""
    )  # fmt: skip
    text = REVIEW + "地区生产总值增速比2020年提高2个百分点。"
    assert [r.time_period for r in extract(text)] == ["2021/2023"]


def test_elided_points_in_a_list_of_gaps() -> None:
    out = rows("城镇、农村居民人均可支配收入分别增长5%、7%,分别快于全国0.6个、1.2个百分点。")
    assert out[2:] == [
        ("urban_disposable_income", "pp_gap", 0.6, "percentage_point", "eq", "country"),
        ("rural_disposable_income", "pp_gap", 1.2, "percentage_point", "eq", "country"),
    ]


def test_target_words_in_policy_phrases_bind_nothing() -> None:
    for sentence in (
        "坚持稳中求进,稳预期、稳增长,地区生产总值增长5.2%。",
        "对标年度目标任务,地区生产总值增长5.2%。",
        "坚持目标导向,地区生产总值增长5.2%。",
    ):
        text = REVIEW + sentence
        assert [(r.obs_kind, r.time_period) for r in extract(text)] == [("actual", "2023")]
    text = REVIEW + "今年的目标是地区生产总值增长5%。"
    assert [(r.obs_kind, r.time_period) for r in extract(text)] == [("target", "2024")]
    assert policy_phrase("稳预期", 1, "预期", 0, 3)
    assert not policy_phrase("预期增长5%", 0, "预期", 0, 6)


def test_absolute_changes() -> None:
    assert rows("一般公共预算收入增加12亿元。") == [
        ("public_budget_revenue", "change", 1.2e9, "CNY", "eq", "")
    ]
    assert rows("耕地面积减少50平方公里。") == [("耕地面积", "change", -50, "other", "eq", "")]
    # a new level (提高到) and a start value with no year stay what they were
    assert rows("城镇化率提高到65%。") == [("urbanization_rate", "level", 65, "percent", "eq", "")]
    assert rows("年均增加12亿元。") == []


def test_expected_value_then_its_new_level() -> None:
    # 预计 after a start value: the start value stays a value of its year
    text = (
        "政府工作报告(2017年)\n一、过去五年工作回顾\n"
        "地区生产总值由2011年的1.24万亿元预计提高到1.95万亿元。"
    )
    out = extract(text, ref_area="某市")
    assert [(r.obs_value, r.time_period) for r in out] == [(1.24e12, "2011"), (1.95e12, "2016")]


def test_a_count_that_names_the_next_values_subject_is_not_a_value() -> None:
    text = "政府工作报告(2017年)\n一、过去五年工作回顾\n13个重点产业园区累计建成面积48平方公里。"
    out = extract(text, ref_area="某市")
    assert [(r.obs_value, r.unit, r.time_period) for r in out] == [(48, "other", "2012/2016")]


def test_durations_and_plan_items_are_not_values() -> None:
    assert rows("地区生产总值连续3个季度保持增长。") == []
    assert rows("经济增速连续12个季度居全省第1。") == [("gdp", "rank", 1, "rank", "eq", "province")]
    assert rows("今年重点抓好以下12项工作。") == []
    plan = "政府工作报告(2024年)\n二、2024年工作安排\n办好十件民生实事。"
    assert extract(plan, ref_area="某市") == []
    # in the review, the projects done are a count
    assert rows("完成十项民生实事。") == [("民生实事", "level", 10, "count", "eq", "")]


def test_list_items_take_the_whole_parallel_subject() -> None:
    assert rows("食品、药品抽检合格率分别达98.5%、99%。") == [
        ("食品抽检合格率", "level", 98.5, "percent", "eq", ""),
        ("药品抽检合格率", "level", 99, "percent", "eq", ""),
    ]
