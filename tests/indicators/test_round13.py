"""Tuning round 13: the classes of corpus round 13's first run (issue 10). Each test is a
short text in the style of one of the round's documents -> the rows' subject, code, measure,
kind, value, period."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.indicators.model import ExtractedObservation
from ingest.text import normalize_text
from tests.indicators.support import CodedBrief, coded_brief

Brief = CodedBrief


def _brief(text: str, year: int | None = None, area: str = "某市") -> list[Brief]:
    return coded_brief(text, year, area)


DECEMBER = "2022年12月16日在某市第五届人民代表大会第二次会议上\n各位代表:\n一、2022年工作回顾\n"


def test_this_year_in_a_december_speechs_review_is_the_year_under_review() -> None:
    # c160: a speech given in December 2022 for the 2023 report; its review's 今年是... is
    # 2022, so the 预计 headline after it is 2022's actuals, not 2023's targets
    text = (
        DECEMBER + "今年是极不平凡的一年。全市上下较好完成确定的目标任务。\n"
        "——经济运行稳中有进。预计实现地区生产总值580亿元,增长7%左右。\n"
        "二、2023年工作安排\n今年是全面贯彻党的二十大精神的开局之年。地区生产总值增长7%。\n"
    )
    assert _brief(text, 2023) == [
        ("地区生产总值", "gdp", "level", "actual", 58000000000.0, "2022"),
        ("地区生产总值", "gdp", "growth", "actual", 7.0, "2022"),
        ("地区生产总值", "gdp", "growth", "target", 7.0, "2023"),
    ]
    # a January speech's 今年是 still opens the plan, even right after the review
    january = text.replace("2022年12月16日", "2023年1月6日")
    assert [r[3] for r in _brief(january, 2023)] == ["target", "target", "target"]


REVIEW = "一、2024年工作回顾\n"


def test_urban_and_pastoral_rural_incomes_split_into_two_rows() -> None:
    # c167: 城镇和农村牧区常住居民... names the urban figure and the pastoral areas' rural one
    text = REVIEW + "城镇和农村牧区常住居民人均可支配收入同比分别增长5%和7.5%。\n"
    urban, rural = "城镇常住居民人均可支配收入", "农村牧区常住居民人均可支配收入"
    assert _brief(text, 2025, "某旗") == [
        (urban, "urban_disposable_income", "growth", "actual", 5.0, "2024"),
        (rural, "rural_disposable_income", "growth", "actual", 7.5, "2024"),
    ]


def test_a_bare_hundred_hundred_million_passed_with_po_is_a_level() -> None:
    # c167: 破百亿元大关 is 突破 (more than 10 billion yuan); the growth after it is kept
    text = REVIEW + "规模以上固定资产投资破百亿元大关,增长25%。\n"
    assert _brief(text, 2025, "某旗") == [
        ("规模以上固定资产投资", "fixed_asset_investment", "level", "actual", 1e10, "2024"),
        ("规模以上固定资产投资", "fixed_asset_investment", "growth", "actual", 25.0, "2024"),
    ]
    rows = extract(normalize_text(text), ref_area="某旗", report_year=2025)
    assert rows[0].qualifier == "gt"


PLAN_REVIEW = "2021年某省人民政府工作报告\n一、“十三五”发展回顾\n"


def test_a_rank_moved_in_a_scope_after_a_breakthrough_is_the_subject_befores() -> None:
    # c165: 经济总量实现历史性突破,在全国的排位从2015年第23位跃升到第18位: the start rank in its
    # named year and the rank reached at the plan's end, both the country's, of 经济总量
    text = PLAN_REVIEW + "经济总量实现历史性突破,在全国的排位从2015年第23位跃升到第18位。\n"
    rows = extract(normalize_text(text), ref_area="某省", report_year=2021)
    assert [
        (r.indicator_zh, r.indicator_code, r.measure, r.obs_value, r.time_period, r.compare_scope)
        for r in rows
    ] == [
        ("经济总量", "gdp", "rank", 23.0, "2015", "country"),
        ("经济总量", "gdp", "rank", 18.0, "2020", "country"),
    ]
    # 排位从 names its subject before it as 排名由 does
    own = PLAN_REVIEW + "人均地区生产总值在全省的排位从2015年第9位上升到第6位。\n"
    assert [(r.indicator_code, r.obs_value, r.compare_scope) for r in _rows(own)] == [
        ("gdp_per_capita", 9.0, "province"),
        ("gdp_per_capita", 6.0, "province"),
    ]


def _rows(text: str) -> list[ExtractedObservation]:
    return extract(normalize_text(text), ref_area="某省", report_year=2021)
