"""Tuning round 20b (in-sample, on corpus round 20): how a five-year review's paragraph on its
last year, its money and its people are dated. Each test is a short text in the style of the
document that showed the class -> the rows' subject, value, period."""

from __future__ import annotations

from tests.indicators.support import coded_brief

OPENING = "各位代表:\n现在,我代表市人民政府向大会作政府工作报告,请予审议。\n"
REVIEW = OPENING + '一、"十一五"时期经济社会发展取得显著成就\n'


def _rows(text: str, year: int = 2011) -> list[tuple[str, float, str]]:
    return [(r[0], r[4], r[5]) for r in coded_brief(text, year, "某市")]


def test_a_last_years_paragraph_set_against_the_plans_start_sums_the_years() -> None:
    # c230: 2010年全市生产总值完成2050.3亿元,比"十五"末增长74%;... opens a paragraph that
    # sums up the five years: its totals are over 2006-2010, its growth from 2005 on
    text = REVIEW + (
        '2010年全市生产总值完成2050.3亿元,比"十五"末增长74%。项目和投资实现新突破,'
        "全社会固定资产投资累计完成4632亿元。新增建设用地14.3万亩,保证了重大建设需求。\n"
    )
    rows = _rows(text)
    assert ("全市生产总值", 205030000000.0, "2010") in rows
    assert ("全市生产总值", 74.0, "2006/2010") in rows
    assert ("全社会固定资产投资", 463200000000.0, "2006/2010") in rows
    assert ("新增建设用地", 143000.0, "2006/2010") in rows


def test_a_last_years_paragraph_of_its_own_figures_stays_that_years() -> None:
    text = REVIEW + "2010年全市生产总值完成2050.3亿元,增长12%。新增建设用地1.3万亩。\n"
    rows = _rows(text)
    assert ("全市生产总值", 12.0, "2010") in rows
    assert ("新增建设用地", 13000.0, "2010") in rows


def test_money_spent_people_moved_and_money_raised_over_the_years_are_totals() -> None:
    text = REVIEW + (
        "五年来市财政用于民生和社会事业支出640亿元。农村劳动力转移107.7万人。"
        "直接融资127亿元,居全省首位。城镇居民人均可支配收入达到1.6万元。\n"
    )
    rows = _rows(text)
    assert ("市财政用于民生和社会事业支出", 64000000000.0, "2006/2010") in rows
    assert ("农村劳动力转移", 1077000.0, "2006/2010") in rows
    assert ("直接融资", 12700000000.0, "2006/2010") in rows
    assert ("城镇居民人均可支配收入", 16000.0, "2010") in rows  # a level reached


def test_work_done_after_a_place_or_a_new_start_and_in_the_last_three_years() -> None:
    text = REVIEW + (
        "市区新改扩建主干道16条、支路42条。新上电力项目12个。"
        "城镇面貌三年大变样取得重大进展,三年实施重点工程150项。\n"
    )
    rows = _rows(text)
    assert [p for s, v, p in rows if v == 16.0] == ["2006/2010"]
    assert [p for s, v, p in rows if v == 42.0] == ["2006/2010"]
    assert [p for s, v, p in rows if v == 12.0] == ["2006/2010"]
    assert [p for s, v, p in rows if v == 150.0] == ["2008/2010"]
