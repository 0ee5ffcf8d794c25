"""Tuning round 23: classes the first run on corpus round 23 (河北 reports and digests,
龙岗区 2022, opening excerpts of 2021 and 2026 pages) showed. Each test is a short text in the
style of the documents that showed the class -> the rows' subject, code, measure, kind,
value, qualifier, period."""

from __future__ import annotations

from ingest.indicators.extract import extract
from ingest.text import normalize_text

OPENING = "各位代表:\n现在,我代表市人民政府向大会作政府工作报告,请予审议。\n"

Row = tuple[str, str, str, str, float, str, str]


def _rows(text: str, year: int, area: str) -> list[Row]:
    return [
        (
            r.indicator_zh,
            r.indicator_code,
            r.measure,
            r.obs_kind,
            r.obs_value,
            r.qualifier,
            r.time_period,
        )
        for r in extract(normalize_text(text), report_year=year, ref_area=area)
    ]


def test_a_share_written_in_tenths_is_a_percentage() -> None:
    # c259: 占一般公共预算支出的八成以上; c223 超八成, c225 近九成 (the gold's 80 ge, 80 gt, 90
    # approx); 约占...七成 is about the value
    text = (
        OPENING + "一、2021年工作回顾\n九大类民生支出379.87亿元，增长19.9%，"
        "占一般公共预算支出的八成以上。重点民生领域支出占比超八成。"
        "社会投资占全区固投比重近九成。民生类支出约占一般公共预算支出的七成。\n"
    )
    rows = _rows(text, 2022, "龙岗区")
    shares = [(r[0], r[4], r[5]) for r in rows if r[2] == "level" and r[4] < 100]
    assert shares == [
        ("九大类民生支出占一般公共预算支出", 80.0, "ge"),
        ("重点民生领域支出占比", 80.0, "gt"),
        ("社会投资占全区固投比重", 90.0, "approx"),
        ("民生类支出占一般公共预算支出的", 70.0, "approx"),
    ]


def test_tenths_only_after_a_word_of_share_or_comparison() -> None:
    # 建成 and 完成 end in 成; 八成新 is a condition, not a share
    text = OPENING + "一、2021年工作回顾\n新建学校八所全部建成。旧车八成新。任务完成。\n"
    assert [r for r in _rows(text, 2022, "某市") if r[4] in (80.0, 10.0)] == []


def test_a_plan_year_opening_a_sentence_after_its_lead_dates_the_items_after_the_semicolon() -> (
    None
):
    # c253: 新一届政府的中心任务是:...实现"三个翻番"目标,到2017年,生产总值突破4000亿元,比2010年
    # 翻一番;财政收入突破600亿元,比2012年翻一番: the revenue is a 2017 target, not a 2012 actual
    text = (
        "政府工作报告\n新一届政府的中心任务是：通过不懈努力，实现“三个翻番”目标，"
        "到2017年，生产总值突破4000亿元，比2010年翻一番；财政收入突破600亿元，比2012年翻一番。\n"
    )
    rows = _rows(text, 2013, "保定市")
    assert ("生产总值", "gdp", "level", "target", 4e11, "gt", "2017") in rows
    assert ("财政收入", "", "level", "target", 6e10, "gt", "2017") in rows
    # a year of the past there is a review's (到2012年底, in a 2013 report, after a figure)
    text = "政府工作报告\n五年来，全市新建学校120所，到2012年，财政收入达到300亿元；税收增长9%。\n"
    assert all(r[3] == "actual" for r in _rows(text, 2013, "保定市"))


def test_two_figures_joined_with_one_value_each_get_it() -> None:
    # c253: 城市居民可支配收入和农民人均纯收入年均增长10%以上 (to 2017, in a 2013 report: the
    # average over 2013-2017); a joined name that is not two figures stays whole
    text = (
        "政府工作报告\n新一届政府的中心任务是：到2017年，生产总值突破4000亿元；"
        "城市居民可支配收入和农民人均纯收入年均增长10%以上。\n"
    )
    rows = _rows(text, 2013, "保定市")
    urban = ("城市居民可支配收入", "urban_disposable_income", "avg_growth", "target")
    assert (*urban, 10.0, "ge", "2013/2017") in rows
    assert ("农民人均纯收入", "", "avg_growth", "target", 10.0, "ge", "2013/2017") in rows
    text = OPENING + "一、2020年工作回顾\n科学技术和信息化支出增长8%。进出口和利用外资增长8%。\n"
    names = [r[0] for r in _rows(text, 2021, "某市")]
    assert names == ["科学技术和信息化支出", "进出口", "利用外资"]


def test_an_adverb_after_a_comma_leaves_the_subject_before() -> None:
    # c63: 九大类民生支出占每年财政支出的比重,始终超过七成: no row named 始终
    text = OPENING + "一、2020年工作回顾\n民生支出占财政支出的比重始终超过70%。\n"
    assert [r[0] for r in _rows(text, 2021, "某区")] == ["民生支出占财政支出的比重"]
    text = OPENING + "一、2020年工作回顾\n民生支出占每年财政支出的比重，始终超过七成。\n"
    assert all(r[0] != "始终" for r in _rows(text, 2021, "某区"))


def test_thresholds_passed_after_a_clause_of_steps_take_its_subject() -> None:
    # c260: 漳州市经济总量连跨两个台阶,连续突破五千亿元、六千亿元 in the 十四五 review: both
    # thresholds are the economy's, passed by its end year; with no subject before, none
    text = (
        "政府工作报告\n一、“十四五”时期工作回顾\n"
        "五年来，全市经济总量连跨两个台阶，连续突破五千亿元、六千亿元。\n"
    )
    rows = _rows(text, 2026, "漳州市")
    assert rows == [
        ("全市经济总量", "gdp", "level", "actual", 5e11, "gt", "2025"),
        ("全市经济总量", "gdp", "level", "actual", 6e11, "gt", "2025"),
    ]
    text = (
        "政府工作报告\n一、“十四五”时期工作回顾\n"
        "五年来，全市亮点纷呈，连续突破五千亿元、六千亿元。\n"
    )
    assert _rows(text, 2026, "漳州市") == []
