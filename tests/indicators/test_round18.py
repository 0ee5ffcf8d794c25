"""Tuning round 18: the classes of corpus round 18's first run (eight whole texts: 深圳 2019
and 2023, reports of 深圳 districts 2016-2024). Each test is a short text in the style of one
of the round's documents -> the rows' subject, code, measure, kind, value, period."""

from __future__ import annotations

from tests.indicators.support import coded_brief, extracted

OPENING = "各位代表:\n现在,我代表某区人民政府向大会作政府工作报告,请予审议。\n"
REVIEW = OPENING + "一、2022年工作回顾\n"
PLAN = OPENING + "一、2023年工作回顾\n地区生产总值增长5%。\n二、2024年工作安排\n"


def test_catalog_aliases_of_the_round() -> None:
    # c219 旅游收入, c212 PM2.5年平均浓度, c214 万元GDP标准煤能耗: catalogued by what they are
    text = REVIEW + (
        "实现旅游收入97亿元。PM2.5年平均浓度降至16微克/立方米。万元GDP标准煤能耗0.40吨。\n"
    )
    assert [(r[0], r[1]) for r in coded_brief(text, 2023, "某区")] == [
        ("旅游收入", "tourism_revenue"),
        ("PM2.5年平均浓度", "pm25"),
        ("万元GDP标准煤能耗", "energy_intensity"),
    ]


def test_a_target_word_after_the_subject_is_not_part_of_it() -> None:
    # c217: 固定资产投资力争完成1100亿元以上; c48's 止跌回稳、力争增长5% still drops the state
    text = PLAN + "固定资产投资力争完成1100亿元以上。社会消费品零售总额止跌回稳、力争增长5%。\n"
    rows = [r for r in coded_brief(text, 2024, "某区") if r[3] == "target"]
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in rows] == [
        ("固定资产投资", "fixed_asset_investment", "level", 1.1e11, "2024"),
        ("社会消费品零售总额", "retail_sales", "growth", 5.0, "2024"),
    ]


def test_a_clause_led_by_an_adverb_keeps_the_subject_before() -> None:
    # c218: 全区地区生产总值1080亿元,历史性突破千亿大关,增长14.0%
    text = REVIEW + "全区地区生产总值1080亿元,历史性突破千亿大关,增长14.0%。\n"
    rows = coded_brief(text, 2023, "某区")
    assert {r[1] for r in rows} == {"gdp"}
    assert ("growth", 14.0) in [(r[2], r[4]) for r in rows]


def test_ranks_among_the_scopes_members() -> None:
    # c218 增速排名全省各县(区)第一; c214 增速均居各区(新区)第一 (a district's peers: the city's);
    # c216 位居中国百强区之首
    text = REVIEW + (
        "地区生产总值1080亿元,增长14.0%,增速排名全省各县(区)第一。"
        "固定资产投资658亿元,增长9.3%,增速居各区(新区)第一。"
        "综合实力连续四年位居中国百强区之首。\n"
    )
    ranks = [r for r in extracted(text, "某区", 2023) if r.measure == "rank"]
    assert [(r.indicator_zh, r.obs_value, r.compare_scope) for r in ranks] == [
        ("地区生产总值", 1.0, "province"),
        ("固定资产投资", 1.0, "city"),
        ("综合实力", 1.0, "country"),
    ]


def test_a_members_word_is_no_rank_without_a_ranking_verb() -> None:
    # 各区第一批: an ordinal of batches, not a place
    text = REVIEW + "全市各区第一批项目开工120个。\n"
    assert [r for r in extracted(text, "某区", 2023) if r.measure == "rank"] == []


def test_a_year_that_closed_the_plan_opens_the_plans_review() -> None:
    # c214 (a January 2016 report): after the 2015 review, 过去的一年,...实现了"十二五"圆满收官。
    # "十二五"期间,... reviews the plan's five years: its flows are over 2011/2015
    text = OPENING + (
        "一、2015年工作回顾及“十二五”发展成绩\n地区生产总值增长10.5%。\n"
        "过去的一年,区政府扎实推进各项工作,实现了“十二五”圆满收官。“十二五”期间,我们坚决贯彻落实各项决策。\n"
        "新增国家级高新技术企业478家。新建公园48个。\n"
        "二、“十三五”规划发展的基本思路\n"
    )
    rows = coded_brief(text, 2016, "某区")
    assert [(r[0], r[5]) for r in rows] == [
        ("地区生产总值", "2015"),
        ("新增国家级高新技术企业", "2011/2015"),
        ("新建公园", "2011/2015"),
    ]


def test_the_past_year_closing_the_plan_alone_stays_the_year() -> None:
    # without the plan's years named next, 过去的一年...实现了"十二五"圆满收官 is the year's
    text = OPENING + (
        "一、2015年工作回顾\n过去的一年,实现了“十二五”圆满收官。全年地区生产总值增长10.5%。\n"
    )
    assert [r[5] for r in coded_brief(text, 2016, "某区")] == ["2015"]


def test_an_average_after_an_excess_over_the_goal_is_the_subjects() -> None:
    # c214: 地区生产总值比"十二五"目标高出313.8亿元,年均增速达10.8%: the goal is a yardstick
    # (no target), and the average's subject is the one before 比
    text = OPENING + (
        "一、过去五年工作回顾\n"
        "全区地区生产总值比“十二五”目标高出313.8亿元,年均增速达10.8%;"
        "规模以上工业企业增加值比“十二五”目标高出466.8亿元,年均增长13.2%。\n"
    )
    assert coded_brief(text, 2016, "某区") == [
        ("全区地区生产总值", "gdp", "avg_growth", "actual", 10.8, "2011/2015"),
        (
            "规模以上工业企业增加值",
            "industrial_value_added",
            "avg_growth",
            "actual",
            13.2,
            "2011/2015",
        ),
    ]


def test_a_flow_since_a_year_is_over_the_years_since() -> None:
    # c214: 2013年以来新增商事主体24.9万户,第三产业企业数量增幅超过70% in a 2016 report's review:
    # 2013/2015; 为2013年以来最高 is a record, no span
    text = OPENING + (
        "一、2015年工作回顾\n"
        "全面落实商事登记制度改革,2013年以来新增商事主体24.9万户,第三产业企业数量增幅超过70%。"
        "全区地区生产总值增长8.5%,为2013年以来最高。\n"
    )
    assert [r[5] for r in coded_brief(text, 2016, "某区")] == ["2013/2015", "2013/2015", "2015"]


def test_tonnes_of_coal_equivalent_are_tonnes() -> None:
    # c215: 万元GDP能耗0.402吨标准煤、水耗6.33立方米,分别下降4.4%、8.4%
    text = OPENING + (
        "一、2015年工作回顾\n万元GDP能耗0.402吨标准煤、水耗6.33立方米,分别下降4.4%、8.4%。\n"
    )
    rows = coded_brief(text, 2016, "某区")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("万元GDP能耗", "energy_intensity", "level", 0.402),
        ("水耗", "", "level", 6.33),
        ("万元GDP能耗", "energy_intensity", "growth", -4.4),
        ("水耗", "", "growth", -8.4),
    ]


def test_a_plans_per_gdp_list_and_export_names() -> None:
    # c214: 万元GDP标准煤能耗、碳排放分别低于0.39吨、0.86吨 (the per-GDP prefix is both items');
    # 年度外贸出口额超过400亿美元 is exports
    text = OPENING + (
        "一、2015年工作回顾\n地区生产总值增长10.5%。\n"
        "二、“十三五”规划发展的基本思路\n"
        "到2020年,年度外贸出口额超过400亿美元,万元GDP标准煤能耗、碳排放分别低于0.39吨、0.86吨。\n"
    )
    rows = [r for r in coded_brief(text, 2016, "某区") if r[3] == "target"]
    assert [(r[1], r[4], r[5]) for r in rows] == [
        ("exports", 4e10, "2020"),
        ("energy_intensity", 0.39, "2020"),
        ("carbon_intensity", 0.86, "2020"),
    ]


def test_an_increase_after_an_amounts_growth_is_its_change() -> None:
    # c216: 实现本地生产总值7630.59亿元,增长9.1%,增量超过1100亿元; c45's 增量占全国比重 and
    # 新增床位超6000张、增量全市第一 are read as before
    text = OPENING + (
        "一、2021年工作回顾\n实现本地生产总值7630.59亿元,增长9.1%,增量超过1100亿元,为历年最高。\n"
    )
    rows = coded_brief(text, 2022, "某区")
    assert rows[-1] == ("本地生产总值", "gdp", "change", "actual", 1.1e11, "2021")


def test_a_growth_written_after_its_figure() -> None:
    # c216: 地区生产总值确保6%以上的增长 (a growth target, ge 6); 确保 is not part of the subject
    text = OPENING + (
        "一、2021年工作回顾\n全区生产总值增长5%。\n二、2022年工作安排\n"
        "今年主要预期目标是:地区生产总值确保6%以上的增长,力争实现更高增长。\n"
    )
    rows = [r for r in extracted(text, "某区", 2022) if "确保" in r.quote]
    assert [
        (r.indicator_zh, r.indicator_code, r.measure, r.obs_value, r.qualifier) for r in rows
    ] == [("地区生产总值", "gdp", "growth", 6.0, "ge")]


def test_a_review_sentence_right_before_the_targets_line_stays_the_review() -> None:
    # The targets' cue is read inside its own sentence: a short review sentence whose window
    # reached past its full stop and the plan's heading into 今年主要预期目标是: was published as
    # a target of the report year.
    text = OPENING + (
        "一、2021年工作回顾\n全区生产总值增长5%。\n二、2022年工作安排\n"
        "今年主要预期目标是:地区生产总值增长6%左右。\n"
    )
    rows = [(r.quote, r.obs_kind, r.time_period) for r in extracted(text, "某区", 2022)]
    assert rows == [
        ("全区生产总值增长5%", "actual", "2021"),
        ("地区生产总值增长6%左右", "target", "2022"),
    ]
