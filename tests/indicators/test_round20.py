"""Tuning round 20: classes the first run on corpus round 20 (河北 reports of 2006-2025 with
十五/十一五 reviews and 十一五/十二五 plans) showed. Each test is a short text in the style of
the documents that showed the class -> the rows' subject, kind, value, period."""

from __future__ import annotations

from ingest.indicators.structure import sections
from tests.indicators.support import coded_brief

OPENING = "各位代表:\n现在,我代表省人民政府向大会作政府工作报告,请予审议。\n"


def _rows(text: str, year: int) -> list[tuple[str, float, str]]:
    return [(r[0], r[4], r[5]) for r in coded_brief(text, year, "某省")]


def test_the_plans_last_year_said_so_opens_a_review_of_its_years() -> None:
    # c228: 2010年是"十一五"规划的最后一年。...,"十一五"规划主要目标如期实现。 under a heading
    # of the plan's achievements: the lines after it review 2006-2010 (not 2010 alone)
    text = (
        OPENING + '一、"十一五"时期经济社会发展取得重大成就\n'
        '2010年是"十一五"规划的最后一年。全省人民在党中央、国务院的正确领导下,坚持以科学发展'
        "观为指导,应对危机、化危为机,千方百计推动经济平稳较快发展,抓住机遇加快发展方式转变,"
        '促进社会事业全面进步,2010年各项任务顺利完成,"十一五"规划主要目标如期实现。\n'
        "——综合经济实力跨上新台阶。预计2010年,全省生产总值达到2万亿元、年均增长11.7%。\n"
    )
    rows = _rows(text, 2011)
    assert ("全省生产总值", 11.7, "2006/2010") in rows
    assert ("全省生产总值", 2e12, "2010") in rows
    assert sections(text, 2011)[-1].span == (2006, 2010)


def test_a_paragraph_of_figures_that_names_the_plans_last_year_is_that_years() -> None:
    # a paragraph of figures is not an introduction: it stays what the heading says
    text = (
        OPENING + "一、2010年工作回顾\n"
        '2010年是"十一五"规划的最后一年,"十一五"规划主要目标如期实现,全省生产总值增长12%。\n'
    )
    assert ("全省生产总值", 12.0, "2010") in _rows(text, 2011)


def test_last_year_after_a_lead_of_emphasis_is_a_review_of_that_year() -> None:
    # c229: 特别需要指出的是,刚刚过去的2005年,... inside a review of 2001-2005: that year's
    text = (
        OPENING + '一、"十五"时期国民经济和社会发展回顾\n'
        "过去的五年,全省生产总值年均增长11.6%。\n"
        "特别需要指出的是,刚刚过去的2005年,各条战线都取得了新成绩。全省生产总值增长13.4%,"
        "全部财政收入增长33%。\n"
    )
    rows = _rows(text, 2006)
    assert ("全省生产总值", 11.6, "2001/2005") in rows
    assert ("全省生产总值", 13.4, "2005") in rows
    assert ("全部财政收入", 33.0, "2005") in rows


def test_work_done_over_a_countys_five_years_is_a_total() -> None:
    # c231: verbs of work done in a review of 2012-2016, with a manner word or the years before
    text = (
        OPENING + "一、过去五年主要工作\n"
        "五年来,我们大力治理污染。依法拆除非法粘土砖瓦窑19座,清理砂石料场32家,取缔非法加油摊点"
        "12个,淘汰黄标车694辆,拆除违法建筑2万平方米,植树造林4.7万亩。"
        "五年间实施千万元以上项目146个。40辆纯电动绿色公交车投入运行。人均公园绿地面积12平方米。\n"
    )
    rows = _rows(text, 2017)
    for subject, value in (
        ("砖瓦窑", 19.0),
        ("砂石料场", 32.0),
        ("加油摊点", 12.0),
        ("黄标车", 694.0),
        ("违法建筑", 20000.0),
        ("植树造林", 47000.0),
        ("项目", 146.0),
        ("公交车", 40.0),
    ):
        assert [p for s, v, p in rows if subject in s and v == value] == ["2012/2016"], subject
    # a level per head stays the end year's
    assert [p for s, v, p in rows if s.startswith("人均")] == ["2016"]


def test_help_given_over_the_years_is_a_total() -> None:
    # c228, c230: 为N户…提供了住房保障; …,N人实现了脱贫 in a review of 2006-2010
    text = (
        OPENING + '一、"十一五"时期经济社会发展取得显著成就\n'
        '"十一五"时期,人民生活水平得到新提高。为43万户城市低收入家庭提供了住房保障;解决了1308万'
        "农村人口饮水安全问题,84万人实现了脱贫。\n"
    )
    rows = _rows(text, 2011)
    assert [p for s, v, p in rows if v == 430000.0] == ["2006/2010"]
    assert [p for s, v, p in rows if v == 840000.0] == ["2006/2010"]


def test_years_since_with_a_subject_between_date_the_flow_and_the_average() -> None:
    # c229: 2003年以来城镇新增就业116万人, 其中2003年以来年均增长26.2% in a 2001-2005 review
    text = (
        OPENING + '一、"十五"时期国民经济和社会发展回顾\n'
        "过去的五年,全社会固定资产投资累计完成8000亿元,其中2003年以来年均增长26.2%;"
        "2003年以来城镇新增就业116万人。\n"
    )
    rows = _rows(text, 2006)
    assert ("全社会固定资产投资", 26.2, "2003/2005") in rows
    assert ("城镇新增就业", 1160000.0, "2003/2005") in rows


def test_five_years_total_in_a_plan_is_over_the_plans_years() -> None:
    # c228: 五年累计新增就业335万人,登记失业率控制在4.5%以内 in the 十二五 plan (2011-2015)
    text = (
        OPENING + '二、"十二五"时期经济社会发展的主要任务\n'
        "实施更加积极的就业政策,五年累计新增就业335万人,登记失业率控制在4.5%以内。\n"
    )
    rows = _rows(text, 2011)
    assert ("新增就业", 3350000.0, "2011/2015") in rows
    assert ("登记失业率", 4.5, "2015") in rows


def test_the_last_item_of_a_list_joined_by_and_takes_the_last_value() -> None:
    # c235: 服务业、装备制造和高新技术产业投资分别增长55%、38%和45%; 分别削减2.4%和1%以上
    text = (
        OPENING + "一、2009年工作回顾\n"
        "投资结构不断优化,服务业、装备制造和高新技术产业投资分别增长55%、38%和45%。\n"
        "二、2010年工作总体要求和主要目标\n"
        "今年经济社会发展的主要预期目标是:化学需氧量、二氧化硫排放量分别削减2.4%和1%以上。\n"
    )
    rows = coded_brief(text, 2010, "某省")
    growth = [(s, v) for s, _, m, k, v, p in rows if k == "actual" and m == "growth"]
    assert [v for _, v in growth] == [55.0, 38.0, 45.0]
    assert [s for s, _ in growth][1:] == ["装备制造产业投资", "高新技术产业投资"]
    cuts = [(s, v, p) for s, _, m, k, v, p in rows if k == "target"]
    assert cuts == [("化学需氧量", -2.4, "2010"), ("二氧化硫排放量", -1.0, "2010")]


def test_fine_particles_with_the_formula_in_brackets_are_pm25() -> None:
    # c234: 细颗粒物(PM2.5)浓度下降4% among the year's targets
    text = OPENING + "今年经济社会发展的主要预期目标是:细颗粒物（PM2.5）浓度下降4%。\n"
    assert [r[1] for r in coded_brief(text, 2014, "某市")] == ["pm25"]
