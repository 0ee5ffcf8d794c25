"""Precision round 19: the general classes of wrong subject, spurious and area rows in round
19's whole-document sample (bench/bench_precision.py --round 19 --per-doc 15 and --brief).
Each test is a short text in the style of the sampled rows -> the gate's rule for the rows it
withholds (or the rows it keeps)."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.indicators.gate import collecting
from ingest.text import normalize_text


def _withheld(text: str, year: int, area: str = "某区") -> list[tuple[str, str]]:
    """(subject, rule) of each row the gate withholds."""
    with collecting() as sink:
        extract(normalize_text(text), ref_area=area, report_year=year)
    return [(w.row.indicator_zh, w.rule) for w in sink]


def _kept(text: str, year: int, area: str = "某区") -> list[str]:
    return [r.indicator_zh for r in extract(normalize_text(text), ref_area=area, report_year=year)]


def test_an_award_grade_alone_names_nothing() -> None:
    # c227 优秀奖27项, 银奖5项; c216 其中金奖3项: the award of what is in the clause before
    text = "一、2023年工作回顾\n在创新创业大赛中获奖项目众多,银奖5项,优秀奖27项,其中金奖3项。\n"
    rules = dict(_withheld(text, 2024))
    assert rules.get("银奖") == "bare_subject"
    assert rules.get("优秀奖") == "bare_subject"
    assert rules.get("金奖") == "bare_subject"


def test_a_bare_project_head_names_nothing() -> None:
    # c72 实施项目1300个以上, c216 全年安排项目380个以上 (实施建设项目, 实施重点项目 are kept)
    text = "二、2019年工作安排\n发挥财政资金作用,全年安排项目380个以上。实施项目1300个以上。\n"
    rules = dict(_withheld(text, 2019))
    assert rules.get("安排项目") == "bare_subject" or rules.get("全年安排项目") == "bare_subject"
    assert rules.get("实施项目") == "bare_subject"


def test_a_verb_of_reach_or_a_cut_verb_names_nothing() -> None:
    # c145 惠及9.5万户, c217 覆盖11万人次, c127 并与20家企业签订了入驻协议 (企业签订了)
    text = "一、2025年工作回顾\n发放补贴6000万元,惠及9.5万户。\n"
    assert ("惠及", "bare_subject") in _withheld(text, 2026)


def test_the_area_s_own_name_is_no_subject() -> None:
    # c171 武进继续位居全国综合实力百强区第三位: the area ranks in the group, which says in
    # what (tuning round 22: as c221's gold labels 位居全国工业百强区榜首)
    text = "一、2025年工作回顾\n武进继续位居全国综合实力百强区第三位。\n"
    assert not _withheld(text, 2026, area="武进区")
    rows = [(r.indicator_zh, r.measure, r.obs_value, r.compare_scope) for r in
            extract(text, report_year=2026, ref_area="武进区")]  # fmt: skip
    assert rows == [("综合实力百强区", "rank", 3.0, "country")]


def test_an_inner_region_after_a_preposition() -> None:
    # c222 …有7个领域综合指数在原特区外排名第一: the rank among the old outer districts
    text = "一、2015年工作回顾\n10个民生评价领域有7个领域综合指数在原特区外排名第一。\n"
    assert ("在原特区外", "inner_region") in _withheld(text, 2016)


def test_a_capital_or_a_deal_without_whose() -> None:
    # c195 注册资本金7.19万亿元, c71 协议规模777.5亿元, c66 年货物吞吐量150万吨
    text = (
        "一、2022年工作回顾\n签约项目众多,协议规模777.5亿元。内陆港建成运营,年货物吞吐量150万吨。\n"
    )
    rules = dict(_withheld(text, 2023))
    assert rules.get("协议规模") == "bare_extent"
    assert rules.get("年货物吞吐量") == "bare_extent"


def test_ongoing_projects_a_plan_pushes_on() -> None:
    # c49 加快长城汽车10个在建项目投产达效, c196 抓好深中通道等54个续建项目
    text = "二、2026年工作安排\n加快长城汽车10个在建项目投产达效。抓好深中通道等54个续建项目。\n"
    rules = dict(_withheld(text, 2026))
    assert rules.get("在建项目") == "ongoing_in_plan"
    assert rules.get("续建项目") == "ongoing_in_plan"


def test_a_state_read_into_the_subject() -> None:
    # c227 深圳人才公园等7条无人机配送航线总订单量破万: 7 routes, not 7 of 总订单量破万
    text = "一、2023年工作回顾\n深圳人才公园等7条无人机配送航线总订单量破万。\n"
    assert ("无人机配送航线总订单量破万", "state_in_subject") in _withheld(text, 2024)


def test_a_park_co_built_in_other_places() -> None:
    # c71 连平、河源和吉安共建产业园入驻企业27家: the parks' firms, in the paired areas
    text = "一、2022年工作回顾\n连平、河源和吉安共建产业园入驻企业27家。\n"
    assert ("连平、河源和吉安共建产业园入驻企业", "paired_park") in _withheld(text, 2023)


def test_named_projects_and_own_firms_are_kept() -> None:
    text = "一、2022年工作回顾\n实施重点项目450个。实施建设项目822个。在建项目24个。\n"
    kept = _kept(text, 2023)
    assert "实施重点项目" in kept and "实施建设项目" in kept and "在建项目" in kept
