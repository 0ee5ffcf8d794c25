"""Phrasing classes found in corpus round 4 (c49-c60), one test each (tuning round 5)."""

from __future__ import annotations

from ingest.indicators.catalog import load_catalog
from tests.indicators.support import extracted

REPORT_2021 = "政府工作报告\n——2021年1月20日在某市第七届人民代表大会第一次会议上\n"
REVIEW_2020 = "一、2020年工作回顾\n"


def rows(text: str, area: str = "某市") -> list[tuple[str, str, str, str, float, str]]:
    return [
        (r.indicator_code, r.indicator_zh, r.measure, r.obs_kind, r.obs_value, r.time_period)
        for r in extracted(text, area)
    ]


def test_catalogued_subjects_in_other_words_get_their_code() -> None:
    cat = load_catalog()
    for subject, code in [
        ("规上工业企业增加值", "industrial_value_added"),
        ("全区规模以上工业企业增加值", "industrial_value_added"),
        ("固定资产投资总额", "fixed_asset_investment"),
        ("居民年人均可支配收入", "disposable_income"),
        ("城镇居民年人均可支配收入", "urban_disposable_income"),
        ("乡村居民人均可支配收入", "rural_disposable_income"),
        ("全口径税收", "tax_revenue"),
        ("PM2.5年均值", "pm25"),
    ]:
        hit = cat.match(subject)
        assert hit is not None and hit.code == code, subject


def test_a_part_of_the_population_never_gets_the_whole_populations_code() -> None:
    cat = load_catalog()
    assert cat.match("城区居民人均可支配收入") is None
    assert cat.match("农民居民人均可支配收入") is None
    assert cat.match("全市居民人均可支配收入").code == "disposable_income"  # type: ignore[union-attr]


def test_a_comparability_note_after_the_subject_keeps_its_code() -> None:
    cat = load_catalog()
    hit = cat.match("地方一般公共预算收入(扣除留抵退税因素)")
    assert hit is not None and hit.code == "public_budget_revenue"
    assert cat.match("固定资产投资(不含农户)") is None  # another scope: not guessed


def test_notes_and_target_years_between_subject_and_verb_are_not_the_subject() -> None:
    text = REPORT_2021 + REVIEW_2020 + "全区地区生产总值同比(下同)增长8.2%。\n"
    text += "二、“十四五”发展目标\n地区生产总值力争到2025年达到4200亿元左右。\n"
    assert rows(text) == [
        ("gdp", "全区地区生产总值", "growth", "actual", 8.2, "2020"),
        ("gdp", "地区生产总值", "level", "target", 420000000000, "2025"),
    ]


def test_year_mean_is_part_of_the_name() -> None:
    text = REPORT_2021 + "二、2021年工作安排\nPM2.5年均值控制在20微克/立方米以内。\n"
    assert rows(text) == [("pm25", "PM2.5年均值", "level", "target", 20, "2021")]


def test_five_years_before_the_verb_dates_the_change_to_the_interval() -> None:
    text = REPORT_2021 + REVIEW_2020 + "单位GDP能耗五年下降21%。\n"
    assert rows(text) == [
        ("energy_intensity", "单位GDP能耗", "growth", "actual", -21, "2016/2020"),
    ]
    # 连续五年, 未来五年 are no review of the five years
    text = REPORT_2021 + REVIEW_2020 + "单位GDP能耗连续五年下降3%。\n"
    assert [r[-1] for r in rows(text)] == ["2020"]


def test_a_change_from_a_dated_start_level_is_over_the_years_after_it() -> None:
    text = REPORT_2021 + REVIEW_2020
    text += "PM2.5平均浓度从2015年的74微克/立方米降至44.8微克/立方米、降幅近40%。\n"
    assert rows(text) == [
        ("pm25", "PM2.5平均浓度", "level", "actual", 74, "2015"),
        ("pm25", "PM2.5平均浓度", "level", "actual", 44.8, "2020"),
        ("pm25", "PM2.5平均浓度", "growth", "actual", -40, "2016/2020"),
    ]
    # from the year just before: one year's change
    text = REPORT_2021 + REVIEW_2020
    text += "PM2.5平均浓度从2019年的40微克/立方米降至36微克/立方米、下降10%。\n"
    assert rows(text)[-1][-1] == "2020"


def test_both_after_a_list_gives_each_subject_the_value() -> None:
    text = REPORT_2021 + REVIEW_2020 + "固定资产投资额、社会消费品零售总额双双突破千亿元。\n"
    assert rows(text) == [
        ("fixed_asset_investment", "固定资产投资额", "level", "actual", 100000000000, "2020"),
        ("retail_sales", "社会消费品零售总额", "level", "actual", 100000000000, "2020"),
    ]


def test_a_flow_subject_and_lengths_built_in_a_five_year_review_are_totals() -> None:
    text = REPORT_2021 + "一、“十三五”时期发展回顾\n"
    text += "五年来,建成污水管网300公里,城镇新增就业44.5万人。\n"
    assert rows(text) == [
        ("", "建成污水管网", "level", "actual", 300, "2016/2020"),
        ("urban_new_jobs", "城镇新增就业", "level", "actual", 445000, "2016/2020"),
    ]


def test_a_rank_right_after_a_value_ranks_that_subject() -> None:
    text = REPORT_2021 + REVIEW_2020 + "地区生产总值增长6.0%、全省第二,总量达到4773.3亿元。\n"
    got = rows(text)
    assert ("gdp", "地区生产总值", "rank", "actual", 2, "2020") in got
    assert ("gdp", "地区生产总值", "growth", "actual", 6.0, "2020") in got
    # a rank with no scope after a change stays unread (第二产业 is no rank either)
    text = REPORT_2021 + REVIEW_2020 + "固定资产投资增长5%、第二产业投资增长8%。\n"
    assert [r[2] for r in rows(text)] == ["growth", "growth"]


def test_a_slight_fall_is_a_fall() -> None:
    text = REPORT_2021 + REVIEW_2020 + "港口集装箱吞吐量1306.92万标箱,微跌0.7%。\n"
    assert rows(text)[-1] == ("", "港口集装箱吞吐量", "growth", "actual", -0.7, "2020")


def test_a_paragraph_closing_the_plan_opens_its_review_up_to_the_next_heading() -> None:
    review = REPORT_2021 + "一、2020年工作回顾和“十三五”发展成绩\n"
    review += "2020年,地区生产总值增长3%。\n"
    closing = "刚刚过去的2020年,是“十三五”规划收官之年。"
    closing += "经过5年持续奋斗,全区发展取得长足进步,突出表现为:\n"
    body = "——综合实力大幅提升。地区生产总值年均增长8.0%,研发支出增长143%。\n"
    plan = "二、2021年主要工作\n今年地区生产总值增长6%。\n"
    assert rows(review + closing + body + plan) == [
        ("gdp", "地区生产总值", "growth", "actual", 3, "2020"),
        ("gdp", "地区生产总值", "avg_growth", "actual", 8.0, "2016/2020"),
        ("", "研发支出", "growth", "actual", 143, "2016/2020"),
        ("gdp", "地区生产总值", "growth", "target", 6, "2021"),
    ]
    # without the five years (only the year closing the plan), the year's review goes on
    closing = "2020年是“十三五”规划收官之年,也是极不平凡的一年。\n"
    body = "地区生产总值增长3.5%。\n"
    assert rows(review + closing + body)[-1] == (
        "gdp",
        "地区生产总值",
        "growth",
        "actual",
        3.5,
        "2020",
    )


def test_five_years_in_a_plan_are_the_plans_years() -> None:
    text = REPORT_2021 + "二、“十四五”时期奋斗目标\n"
    text += "到2025年,城市更新供应土地100公顷以上,五年内新增床位8000张以上,建成环城绿道135公里。\n"
    got = rows(text)
    assert [r[-1] for r in got] == ["2025", "2021/2025", "2025"]
    assert got[1][1] == "新增床位"  # 五年内 is the plan's time, not part of the subject


def test_a_rank_of_the_growth_without_a_verb_ranks_its_subject() -> None:
    text = REPORT_2021 + REVIEW_2020
    text += "税收收入增长13.1%,增速全市第一;社会消费品零售总额增长7.8%,增速全市第二。\n"
    assert rows(text) == [
        ("tax_revenue", "税收收入", "growth", "actual", 13.1, "2020"),
        ("tax_revenue", "税收收入", "rank", "actual", 1, "2020"),
        ("retail_sales", "社会消费品零售总额", "growth", "actual", 7.8, "2020"),
        ("retail_sales", "社会消费品零售总额", "rank", "actual", 2, "2020"),
    ]
    # a change of the growth is no rank: 增速比上年提高2个百分点
    text = REPORT_2021 + REVIEW_2020 + "税收收入增速比上年提高2个百分点。\n"
    assert [r[2] for r in rows(text)] == ["pp_change"]


def test_returning_to_a_rank_after_some_years_ranks_the_subject_before() -> None:
    text = REPORT_2021 + REVIEW_2020
    text += "地区生产总值达到5002.5亿元,五年连续突破两个千亿大关,时隔21年重返全省第三。\n"
    assert rows(text) == [
        ("gdp", "地区生产总值", "level", "actual", 500250000000, "2020"),
        ("gdp", "地区生产总值", "rank", "actual", 3, "2020"),
    ]


def test_nearly_ten_thousand_yuan_is_a_value() -> None:
    text = "政府工作报告\n——2026年1月20日在某市第十七届人民代表大会第五次会议上\n"
    text += "“十四五”时期经济社会发展回顾\n"
    text += "居民人均可支配收入五年增长近万元、年均增速6.5%,群众生活更有品质。万元GDP能耗下降3%。\n"
    assert rows(text) == [
        ("disposable_income", "居民人均可支配收入", "change", "actual", 10000, "2021/2025"),
        ("disposable_income", "居民人均可支配收入", "avg_growth", "actual", 6.5, "2021/2025"),
        ("energy_intensity", "万元GDP能耗", "growth", "actual", -3, "2021/2025"),
    ]


def test_per_capita_is_part_of_the_subject_not_each() -> None:
    text = REPORT_2021 + REVIEW_2020 + "农民人均达到17000元,城乡居民收入均增长5%。\n"
    got = rows(text)
    assert all(r[1] != "农民人" for r in got)
    assert [r[0] for r in got if r[2] == "growth"] == [
        "urban_disposable_income",
        "rural_disposable_income",
    ]


def test_this_five_years_opens_the_review_of_the_five_years() -> None:
    text = REPORT_2021 + "一、2020年工作回顾和“十三五”时期发展成就\n"
    text += "2020年,地区生产总值增长3.9%。\n"
    text += "这五年,我们坚定不移贯彻新发展理念。一般公共预算收入从2649.2亿元增长到3826.4亿元。\n"
    assert rows(text) == [
        ("gdp", "地区生产总值", "growth", "actual", 3.9, "2020"),
        ("public_budget_revenue", "一般公共预算收入", "level", "actual", 264920000000, "2015"),
        ("public_budget_revenue", "一般公共预算收入", "level", "actual", 382640000000, "2020"),
    ]
