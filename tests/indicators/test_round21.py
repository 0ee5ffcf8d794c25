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
