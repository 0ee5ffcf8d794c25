"""Precision round 17: the recurring classes of wrong rows in the reviewed precision sample
(bench/bench_precision.py, seed 10; the reviews of precision round 16b's new rows). Each test is
a short text in the style of the sampled rows -> the rows the extractor publishes, or the gate's
rule for the rows it withholds."""

from __future__ import annotations

import msgspec

from ingest.indicators import extract
from ingest.indicators.gate import collecting, withheld_reason
from ingest.text import normalize_text
from tests.indicators.support import coded_brief


def _withheld(text: str, year: int) -> list[tuple[str, str]]:
    """(subject, rule) of each row the gate withholds."""
    with collecting() as sink:
        extract(normalize_text(text), ref_area="某省", report_year=year)
    return [(w.row.indicator_zh, w.rule) for w in sink]


def test_policy_articles_experiences_and_programme_items_are_no_observation() -> None:
    # c197 出台加强知识产权保护36条, c199 41项改革创新经验在全国复制推广, c193 首批27项改革经验,
    # c60 7批170个人民至上“微改革”项目, c198 14项政协协商议政重大成果落地, c201 两批21个
    # “高效办成一件事”重点事项, c46 下放区级政务服务事项102个: how many items a programme or a
    # policy has, not a measure of the area
    text = (
        "一、2025年工作回顾\n"
        "出台支持民营经济发展30条,出台提升营商环境22条。"
        "自贸片区35项改革创新经验在全国复制推广,首批18项改革经验在全省推广。"
        "推出5批120个“微改革”项目。推动12项政协协商议政重大成果落地。"
        "加快落地两批16个“高效办成一件事”重点事项。下放市级政务服务事项86个。"
        "地区生产总值增长5.5%。\n"
    )
    assert coded_brief(text, 2026) == [("地区生产总值", "gdp", "growth", "actual", 5.5, "2025")]
    assert {rule for _, rule in _withheld(text, 2026)} == {"reform_items"}


def test_a_count_of_roads_is_no_policy() -> None:
    # 条 counts roads and lines too: only a policy issued (出台, 印发...) counts articles
    text = "一、2025年工作回顾\n新建道路36条,新开通公交线路12条。\n"
    assert [r[4] for r in coded_brief(text, 2026)] == [36.0, 12.0]


def test_a_part_judged_only_by_a_verdict_names_nothing() -> None:
    # c197: 新推出制度创新成果111项,其中42项全国领先: 42 of what is not said
    text = "一、2025年工作回顾\n新推出制度创新成果80项,其中30项全国领先。\n"
    assert coded_brief(text, 2026) == []
    assert sorted(_withheld(text, 2026)) == [
        ("全国领先", "bare_subject"),
        ("新推出制度创新成果", "reform_items"),
    ]


def test_government_work_in_a_five_year_review_is_a_total_of_its_years() -> None:
    # c194 协调解决相关问题1023个, c199 办理省人大代表建议4228件、省政协提案3610件, c193
    # 提请省人大常委会审议地方性法规草案47项 in a review of five years: done over them
    text = (
        "一、过去五年工作回顾\n"
        "五年来,我们加强政府自身建设。\n"
        "转变政府职能深入推进。协调解决企业问题860个。"
        "办理省人大代表建议3900件、省政协提案3500件。提请省人大常委会审议地方性法规草案40项。\n"
    )
    assert [(r[0], r[4], r[5]) for r in coded_brief(text, 2026)] == [
        ("协调解决企业问题", 860.0, "2021/2025"),
        ("办理省人大代表建议", 3900.0, "2021/2025"),
        ("省政协提案", 3500.0, "2021/2025"),
        ("提请省人大常委会审议地方性法规草案", 40.0, "2021/2025"),
    ]


def test_government_work_dated_to_one_year_after_a_five_years_line_is_withheld() -> None:
    # c193, c199: 办理省人大代表建议4228件 after 过去五年 in a line the extractor dates to the
    # last year: the years are not in the row, so the gate withholds it (five_year_flow)
    text = normalize_text(
        "一、2025年工作回顾\n"
        "各位代表!五年来,我们坚持依法行政。办理省人大代表建议3900件、省政协提案3500件。"
        "提请省人大常委会审议地方性法规草案40项。\n"
    )
    rows = extract(text, ref_area="某省", report_year=2026)
    assert len(rows) == 3
    for row in rows:
        one_year = msgspec.structs.replace(row, time_period="2025")
        assert withheld_reason(one_year, text) == "five_year_flow"


def test_work_done_on_an_area_is_a_level() -> None:
    # c38 绿化提升19万平方米, c195 完成电机能效提升224.9万千瓦: the area or power worked on, a
    # level of X提升; an amount that grew (绿地面积提升) is still a change
    text = (
        "一、2025年工作回顾\n"
        "绿化提升12万平方米,完成电机能效提升150万千瓦,公园绿地面积提升30万平方米。\n"
    )
    assert [(r[0], r[2], r[4]) for r in coded_brief(text, 2026)] == [
        ("绿化提升", "level", 120000.0),
        ("电机能效提升", "level", 1500000.0),
        ("公园绿地面积", "change", 300000.0),
    ]


def test_a_list_shares_its_verb_of_addition_for_its_dating() -> None:
    # c199: 新增造林绿化面积1510万亩、绿地面积51.53万公顷 in a five-year review: both added over
    # its years (and 新增 is the second item's too); a count after it as before
    text = (
        "一、过去五年工作回顾\n"
        "五年来,新增造林绿化面积1200万亩、绿地面积40万公顷,新增高新技术企业300家、"
        "科技型中小企业1.1万家。\n"
    )
    assert [(r[0], r[4], r[5]) for r in coded_brief(text, 2026)] == [
        ("新增造林绿化面积", 12000000.0, "2021/2025"),
        ("新增绿地面积", 400000.0, "2021/2025"),
        ("新增高新技术企业", 300.0, "2021/2025"),
        ("新增科技型中小企业", 11000.0, "2021/2025"),
    ]


def test_a_total_of_the_items_brought_in_does_not_take_the_verb() -> None:
    # c45: 招引项目26个、总投资116.2亿元: the projects' total investment, not 招引总投资
    text = "一、2025年工作回顾\n招引项目20个、总投资98亿元。\n"
    assert "招引总投资" not in [r[0] for r in coded_brief(text, 2026)]


def test_examples_before_a_count_are_not_its_subject() -> None:
    # c43: 虾山涌等2个排涝泵站: the count is of the pumping stations, 虾山涌等 its examples
    # (here the phrase after it holds another count: withheld rather than guessed)
    text = "二、2026年工作安排\n完成甲河1号泵站、乙涌等3个排涝泵站和18个内涝整治项目建设。\n"
    assert [(r[0], r[4]) for r in coded_brief(text, 2026)] == [("内涝整治项目建设", 18.0)]
    text = "二、2026年工作安排\n建成甲村、乙村等5个公园。\n"
    assert [(r[0], r[4]) for r in coded_brief(text, 2026)] == [("公园", 5.0)]


def test_a_measure_after_a_list_item_takes_its_modifier() -> None:
    # c201: “白名单”项目总数、融资金额均居全国第一: the financing of the projects; the same
    # measure twice (项目总量、投资总量) is two whole names
    text = (
        "一、2025年工作回顾\n"
        "“白名单”项目总数、融资金额均居全国第一。"
        "项目总量、投资总量分别增长9%、31%。\n"
    )
    assert [r[0] for r in coded_brief(text, 2026)] == [
        "“白名单”项目总数",
        "“白名单”项目融资金额",
        "项目总量",
        "投资总量",
    ]


def test_a_devolved_lists_later_items_are_devolved_too() -> None:
    # c46: 下放区级政务服务事项102个、行政执法职权事项424个: both lists of powers devolved
    text = "一、2025年工作回顾\n下放区级政务服务事项80个、行政执法职权事项300个。\n"
    assert coded_brief(text, 2026) == []
    assert [rule for _, rule in _withheld(text, 2026)] == ["reform_items"] * 2


def test_an_amount_that_sizes_the_firms_counted_is_no_value() -> None:
    # c193 年主营业务收入超千亿元、百亿元的企业分别达22家, c195 深化培育超百亿元、超千亿元大型
    # 骨干企业: size classes, not values (the counts of firms are read as before)
    text = (
        "一、2025年工作回顾\n"
        "年主营业务收入超千亿元、百亿元的企业分别达12家和150家。"
        "深化培育超百亿元、超千亿元大型骨干企业。营业收入突破500亿元。\n"
    )
    rows = coded_brief(text, 2026)
    assert [r[0] for r in rows if r[4] >= 1e9] == ["营业收入"]
    assert [rule for _, rule in _withheld(text, 2026)] == ["size_class"] * 2


def test_a_verb_of_building_or_a_state_alone_is_no_subject() -> None:
    # c43 新开工建设保障房1427套、建成1841套 (建成 read as the subject); c60 人大代表建议、
    # 政协提案923件全部办结 (全部办结 read as the subject)
    text = (
        "一、2025年工作回顾\n"
        "新开工建设保障房1200套、建成1500套。人大代表建议、政协提案800件全部办结。\n"
    )
    assert [r[0] for r in coded_brief(text, 2026)] == ["新开工建设保障房"]
    assert {rule for _, rule in _withheld(text, 2026)} == {"bare_subject"}


def test_money_integrated_or_granted_over_five_years_is_a_total() -> None:
    # c199: 统筹整合涉农资金1249亿元, 省财政补助市县5315亿元 in a five-year review: over its years
    text = (
        "一、过去五年工作回顾\n"
        "五年来,统筹整合涉农资金900亿元。强化基层“三保”,省财政补助市县4000亿元。\n"
    )
    assert [(r[0], r[5]) for r in coded_brief(text, 2026)] == [
        ("统筹整合涉农资金", "2021/2025"),
        ("省财政补助市县", "2021/2025"),
    ]
