"""Phrasing classes of tuning round 9 (found on corpus rounds 8 and 9, after their first
runs): spaces and line breaks a copy puts inside figures and words, urban and rural split
by a 顿号, notes inside a subject, ranks and thresholds, and catalogue names."""

from __future__ import annotations

from tests.indicators.support import extracted
from tests.indicators.test_round6 import rows

REPORT = "政府工作报告\n——2026年1月6日在某市第十五届人民代表大会第五次会议上\n"
REVIEW = REPORT + "一、2025年工作回顾\n"


def codes(text: str, area: str = "某市") -> list[tuple[str, str, float]]:
    return [(r.indicator_code, r.measure, r.obs_value) for r in extracted(text, area)]


def test_catalogue_names_of_round_9() -> None:
    # c109 一产增加值, c113 进出口 alone, c114 研发经费支出相当于全市生产总值的比例, c104 各类存款
    text = (
        REVIEW + "全区一产增加值65.4亿元、增长5.9%。进出口增长30.9%。"
        "金融机构各类存款余额达230亿元。\n二、2026年主要目标\n"
        "全社会研发经费支出相当于全市生产总值的比例达到4.5%左右。\n"
    )
    assert codes(text) == [
        ("primary_value_added", "level", 6540000000.0),
        ("primary_value_added", "growth", 5.9),
        ("foreign_trade", "growth", 30.9),
        ("deposits", "level", 23000000000.0),
        ("rd_intensity", "level", 4.5),
    ]


def test_trade_inside_a_longer_name_is_not_foreign_trade() -> None:
    # 进出口 is an exact alias: a longer subject ending so keeps no code
    text = REVIEW + "服务贸易进出口增长12%。\n"
    assert codes(text) == [("", "growth", 12.0)]


def test_pinyin_aid_with_a_space_before_its_bracket_is_read_through() -> None:
    # c112 (西安 2021): 社會(huì )消費品零售總額增長(cháng)9%以上
    text = (
        REPORT + "二、2026年主要目标\n全社會(huì )固定資產(chǎn)投資增長(cháng)10%以上;"
        "社會(huì )消費品零售總額增長(cháng)9%以上。\n"
    )
    found = extracted(text)
    assert [(r.indicator_code, r.obs_value, r.qualifier) for r in found] == [
        ("fixed_asset_investment", 10.0, "ge"),
        ("retail_sales", 9.0, "ge"),
    ]
    assert found[1].quote.startswith("社會(huì )")


def test_a_shared_rank_after_a_fenbie_clause_ranks_its_subjects() -> None:
    # c111 (嘉兴 2025): 均保持全省第三 ranks the two revenues of the 分别 clause, not the GDP
    text = (
        REVIEW + "全市实现地区生产总值7569.5亿元、增长5.6%,财政总收入、一般公共预算收入"
        "分别达到1073.6亿元和638.7亿元,均保持全省第三。\n"
    )
    ranks = [(r[0], r[4], r[7]) for r in rows(text, "某市") if r[2] == "rank"]
    assert ranks == [
        ("fiscal_revenue", 3.0, "province"),
        ("public_budget_revenue", 3.0, "province"),
    ]


def test_a_shared_rank_after_plain_clauses_still_ranks_each() -> None:
    # without a 分别 clause last, every subject of the sentence (up to three) ranks
    text = REVIEW + "研发投入强度3.5%,PCT国际专利申请量超5800件,均全市第一。\n"
    ranks = [r[1] for r in rows(text, "某区") if r[2] == "rank"]
    assert ranks == ["研发投入强度", "PCT国际专利申请量"]
