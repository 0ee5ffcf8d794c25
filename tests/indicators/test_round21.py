"""Tuning round 21: classes the first run on corpus round 21 (河北 reports of 2001-2018: the
九五 review and the 十五 plan, three terms' five-year reviews, annual reports of 保定市 and
高阳县) showed. Each test is a short text in the style of the documents that showed the class
-> the rows' subject, code, value, period."""

from __future__ import annotations

from ingest.indicators.extract import extract
from ingest.indicators.structure import sections
from tests.indicators.support import coded_brief

OPENING = "各位代表:\n现在,我代表省人民政府向大会作政府工作报告,请予审议。\n"


def _rows(text: str, year: int) -> list[tuple[str, str, float, str]]:
    return [(r[0], r[1], r[4], r[5]) for r in coded_brief(text, year, "某省")]


def test_a_rate_per_thousand_is_a_level_as_written() -> None:
    # c237, c240, c241, c243: 人口自然增长率控制在7.6‰以内 among the year's main targets
    text = OPENING + (
        "二、2015年目标\n今年经济社会发展的主要预期目标是:生产总值增长7%,"
        "人口自然增长率控制在7.6‰以内。\n"
    )
    rows = coded_brief(text, 2015, "某县")
    assert ("人口自然增长率", "", "level", "target", 7.6, "2015") in rows
    [row] = [r for r in extract(text, report_year=2015) if r.obs_value == 7.6]
    assert (row.unit, row.unit_zh, row.qualifier) == ("other", "‰", "le")


def test_older_names_of_catalogued_indicators_and_the_towns_own_investment() -> None:
    # c241, c243, c229/c230/c238: 出口创汇, 外商直接投资, 万元生产总值综合能耗, 城市化率; 城镇固定
    # 资产投资 is the towns' statistic, not the whole fixed-asset investment
    text = OPENING + (
        "一、2008年工作回顾\n出口创汇增长40.5%,外商直接投资5.3亿美元,万元生产总值综合能耗下降5%,"
        "城市化率达到40%,城镇固定资产投资完成713亿元。\n"
    )
    codes = {r[0]: r[1] for r in _rows(text, 2009)}
    assert codes["出口创汇"] == "exports"
    assert codes["外商直接投资"] == "foreign_investment"
    assert codes["万元生产总值综合能耗"] == "energy_intensity"
    assert codes["城市化率"] == "urbanization_rate"
    assert codes["城镇固定资产投资"] == ""


def test_the_earlier_plans_quoted_in_one_character_name_their_years() -> None:
    # c236: 一、"九五"回顾 ... 二、关于"十五"计划: a review of 1996-2000 and a plan of 2001-2005
    text = OPENING + (
        "一、“九五”回顾\n"
        "“九五”时期,全省国内生产总值年均增长11%。出口总值比“八五”增长49.6%。\n"
        "二、关于“十五”计划\n"
        "“十五”期间国民经济年均增长8%至9%。\n"
    )
    rows = _rows(text, 2001)
    assert ("全省国内生产总值", "gdp", 11.0, "1996/2000") in rows
    assert [p for s, c, v, p in rows if v == 49.6] == ["1996/2000"]
    spans = [(s.part, s.span) for s in sections(text, 2001) if s.heading]
    assert spans == [("review_multi", (1996, 2000)), ("plan_multi", (2001, 2005))]
    # unquoted, 十五 is fifteen
    assert sections(OPENING + "一、十五届政府工作回顾\n", 2001)[-1].span != (2001, 2005)


def test_work_done_and_money_spent_over_a_terms_five_years_are_totals() -> None:
    # c238, c239: a review of 2003-2007 (the first report of a new term)
    text = OPENING + (
        "一、过去五年的工作\n"
        "五年来,我们坚持深化改革。关闭破产企业84家,安排下岗失业人员再就业117万人,"
        "省财政筹措资金494.5亿元提高公教人员收入,消化县乡公务人员工资陈欠12.9亿元,"
        "兑现企业离退休人员养老金欠账8.4亿元。除险加固大中型水库15座,新办15所民办公助二级学院,"
        "20个重点电源项目并网发电,1753.3万农村人口饮水安全得到保障。"
        "城镇居民人均住房面积达到30.45平方米。\n"
    )
    rows = _rows(text, 2008)
    for value in (84.0, 1170000.0, 49450000000.0, 1290000000.0, 840000000.0, 15.0, 20.0):
        assert {p for s, c, v, p in rows if v == value} == {"2003/2007"}, value
    assert [p for s, c, v, p in rows if v == 17533000.0] == ["2003/2007"]
    assert [p for s, c, v, p in rows if v == 30.45] == ["2007"]  # a level reached


def test_when_a_thing_began_is_not_where_an_average_starts() -> None:
    # c238: 农村低保制度从2005年开始实施,2007年...年均增长约35.6% in a review of 2003-2007
    text = OPENING + (
        "一、过去五年的工作\n"
        "社会保障水平逐步提高,农村低保制度从2005年开始实施,2007年全省社保资金支出规模近500亿元,"
        "年均增长约35.6%。\n"
    )
    assert [p for s, c, v, p in _rows(text, 2008) if v == 35.6] == ["2003/2007"]


def test_gdp_per_head_by_its_older_name_and_a_bound_either_way() -> None:
    # c237: 全省人均国内生产总值达到9047元; 今后五年...接近或达到1万亿元
    text = OPENING + (
        "一、过去五年回顾\n过去五年,全省人均国内生产总值达到9047元。\n"
        "二、今后五年的目标\n今后五年,全省国内生产总值接近或达到1万亿元。\n"
    )
    rows = coded_brief(text, 2003, "某省")
    assert ("全省人均国内生产总值", "gdp_per_capita", "level", "actual", 9047.0, "2002") in rows
    [row] = [r for r in extract(text, report_year=2003) if r.obs_value == 1e12]
    assert (row.indicator_code, row.qualifier, row.time_period) == ("gdp", "approx", "2007")


def test_a_programmes_own_projects_are_not_counted() -> None:
    # c238, c232: 连续四年实施十项民心工程 (a review), 着力实施20项民心工程 (a plan)
    review = OPENING + (
        "一、过去五年的工作\n连续四年实施十项民心工程,城镇居民人均住房面积达到30.45平方米。\n"
    )
    plan = OPENING + "二、2019年重点工作\n着力实施20项民心工程,新增城镇就业80万人。\n"
    assert [v for s, c, v, p in _rows(review, 2008)] == [30.45]
    assert [v for s, c, v, p in _rows(plan, 2019)] == [800000.0]
