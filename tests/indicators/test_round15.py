"""Tuning round 15: the classes of corpus round 15's first run (issue 10). Each test is a
short text in the style of one of the round's documents -> the rows' subject, code, measure,
kind, value, period."""

from __future__ import annotations

from tests.indicators.support import coded_brief

# a report given in December at a new term's first session (the year 2016 is under review)
DECEMBER = "2016年某区人民政府工作报告\n——2016年12月20日在某区第十六届人民代表大会第一次会议上\n"


def test_a_five_year_review_heading_dates_the_terms_changes() -> None:
    # c183: 五年工作回顾; a sentence on the year 2016 goes on to 五年增加 (a change over
    # 2012-2016), 年均增长 (the term's average) and 累计下降 (a total over the term)
    text = (
        DECEMBER + "五年工作回顾\n"
        "2016年,地区生产总值预计达到4942亿元,同比增长6.5%,五年增加1670亿元,年均增长7.9%;"
        "万元GDP能耗累计下降24.1%,主要指标保持全市前列。\n"
    )
    assert coded_brief(text, 2016, "某区") == [
        ("地区生产总值", "gdp", "level", "actual", 494200000000.0, "2016"),
        ("地区生产总值", "gdp", "growth", "actual", 6.5, "2016"),
        ("地区生产总值", "gdp", "change", "actual", 167000000000.0, "2012/2016"),
        ("地区生产总值", "gdp", "avg_growth", "actual", 7.9, "2012/2016"),
        ("万元GDP能耗", "energy_intensity", "growth", "actual", -24.1, "2012/2016"),
    ]
    # under a heading for the year alone the written 五年 still dates its own clauses, but
    # a bare 累计 names no years: not published
    one_year = text.replace("五年工作回顾", "一、2016年工作回顾")
    assert [(r[2], r[5]) for r in coded_brief(one_year, 2016, "某区")] == [
        ("level", "2016"),
        ("growth", "2016"),
        ("change", "2012/2016"),
        ("avg_growth", "2012/2016"),
    ]


def test_a_paragraph_on_the_plan_completed_reviews_its_years() -> None:
    # c188: inside 一、2020年工作回顾, a paragraph opening on the completion of 十三五
    # reviews 2016-2020: its 累计 total is for the five years; the next paragraph is the year's
    text = (
        "一、2020年工作回顾\n"
        "我们实现“十三五”规划的全面收官,城市品质显著提高。批发市场全部疏解,"
        "累计疏解面积178万平方米。\n"
        "全年累计疏解面积12万平方米。\n"
    )
    assert [(r[0], r[4], r[5]) for r in coded_brief(text, 2021, "某区")] == [
        ("疏解面积", 1780000.0, "2016/2020"),
        ("疏解面积", 120000.0, "2020"),
    ]


def test_a_share_of_the_task_done_hands_its_subject_to_the_level() -> None:
    # c188: 区级一般公共预算收入完成调整任务的100%,达到413.84亿元: the ratio is no
    # observation; the level after it is the revenue's
    text = (
        "一、2020年工作回顾\n"
        "区级一般公共预算收入完成调整任务的100%,达到413.84亿元;地方级收入完成925.34亿元。\n"
    )
    assert coded_brief(text, 2021, "某区") == [
        ("区级一般公共预算收入", "public_budget_revenue", "level", "actual", 41384000000.0, "2020"),
        ("地方级收入", "", "level", "actual", 92534000000.0, "2020"),
    ]
