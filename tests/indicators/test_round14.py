"""Tuning round 14: the classes of corpus round 14's first run and its precision review
(issue 10). Each test is a short text in the style of one of the round's documents -> the
rows' subject, code, measure, kind, value, period."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.text import normalize_text
from tests.indicators.support import CodedBrief, coded_brief

TERM = "一、市人民政府本届任期和2021年工作回顾\n"
REVIEW = "一、2019年工作回顾\n"


def _brief(text: str, year: int) -> list[CodedBrief]:
    return coded_brief(text, year)


def test_a_term_counted_in_years_opens_a_review_of_them() -> None:
    # c178: 本届市人民政府任期的五年 (the 2022 report): the paragraphs after it review
    # 2017-2021; an average over them and the totals of the term are for the interval
    text = (
        TERM + "本届市人民政府任期的五年,是极不平凡的五年。\n"
        "五年感恩奋进,脱贫攻坚全面胜利。易地扶贫搬迁19.8万人,8个贫困县全部摘帽。\n"
        "五年感恩奋进,经济实力赶超跨越。地区生产总值年均增长9.2%,高于全国、全省。\n"
    )
    assert _brief(text, 2022) == [
        ("易地扶贫搬迁", "", "level", "actual", 198000.0, "2017/2021"),
        ("贫困县全部摘帽", "", "level", "actual", 8.0, "2017/2021"),
        ("地区生产总值", "gdp", "avg_growth", "actual", 9.2, "2017/2021"),
    ]
    # without the term's opening paragraph the same text is the year's review: no average
    # over a term it does not name, the counts the year's
    plain = text.replace("本届市人民政府任期的五年,是极不平凡的五年。\n", "")
    assert [r[5] for r in _brief(plain, 2022)] == ["2021", "2021"]


def test_merged_deposits_and_loans_are_two_subjects() -> None:
    # c177: 金融机构存贷款余额分别增长4.1%、17%: deposits 4.1%, loans 17%
    text = REVIEW + "规模工业增加值增长12.5%;金融机构存贷款余额分别增长4.1%、17%;\n"
    assert _brief(text, 2020) == [
        ("规模工业增加值", "industrial_value_added", "growth", "actual", 12.5, "2019"),
        ("金融机构存款余额", "deposits", "growth", "actual", 4.1, "2019"),
        ("金融机构贷款余额", "loans", "growth", "actual", 17.0, "2019"),
    ]
    # one value of the two together stays one uncatalogued row
    assert _brief(REVIEW + "存贷款余额增长10%。\n", 2020) == [
        ("存贷款余额", "", "growth", "actual", 10.0, "2019")
    ]


def test_a_list_brought_in_shares_its_verb() -> None:
    # c174: 引进北京新设机构55家、项目21个: the 21 are projects brought in, not a bare 项目
    text = "一、2025年工作回顾\n引进北京新设机构55家、项目21个,投资额35.16亿元。\n"
    assert [r[0] for r in _brief(text, 2026)][:2] == ["引进北京新设机构", "引进项目"]
    # 引进培育A 150家、B 60家: both verbs are the list's
    plan = "二、2022年工作安排\n引进培育国高企业150家、市战新库企业60家。\n"
    assert [r[0] for r in _brief(plan, 2022)] == ["引进培育国高企业", "引进培育市战新库企业"]


def test_a_contribution_with_no_contributor_is_withheld() -> None:
    # c174: 打造创佳科技园,...聚集科技企业32家,贡献全税2302万元: the park's firms' tax, the
    # subject lost; the counts before it keep theirs
    text = "一、2025年工作回顾\n打造创佳科技园,聚集成长型科技企业32家,贡献全税2302万元。\n"
    rows = _brief(text, 2026)
    assert [r[0] for r in rows] == ["聚集成长型科技企业"]
    assert all("贡献" not in r[0] for r in rows)


def test_each_of_a_list_gets_the_value() -> None:
    # c179: 新建省级平台3个、工程技术研究中心和重点实验室各1家: one of each, both new-built
    text = (
        "一、2016年工作回顾\n全年新建省级产业专业技术创新平台3个、"
        "工程技术研究中心和重点实验室各1家,新认定国家级高新技术企业6家。\n"
    )
    assert _brief(text, 2017) == [
        ("新建省级产业专业技术创新平台", "", "level", "actual", 3.0, "2016"),
        ("新建工程技术研究中心", "", "level", "actual", 1.0, "2016"),
        ("新建重点实验室", "", "level", "actual", 1.0, "2016"),
        ("新认定国家级高新技术企业", "", "level", "actual", 6.0, "2016"),
    ]
    # the first item's verb is every item's
    plan = "二、2021年工作安排\n升级改造市政垃圾站和市政公厕各10座。\n"
    assert [r[0] for r in _brief(plan, 2021)] == ["升级改造市政垃圾站", "升级改造市政公厕"]
    # a list that does not split into whole names (省市...企业: 省级 and 市级) is withheld
    levels = normalize_text("二、2022年工作安排\n新认定省市“专精特新”企业各50家以上。\n")
    assert extract(levels, ref_area="某市", report_year=2022) == []


def test_a_bare_investment_amount_is_withheld() -> None:
    # c174: 引进北京新设机构55家、项目21个,投资额35.16亿元: the investment of what was brought
    # in, the subject cut to 投资额
    text = "一、2025年工作回顾\n引进北京新设机构55家、项目21个,投资额35.16亿元。\n"
    assert [r[0] for r in _brief(text, 2026)] == ["引进北京新设机构", "引进项目"]
