"""Tuning round 11 (parts and dating): the multi-year and kind classes of corpus round 11
(issue 10). Each test is a short text in the style of one of the round's documents -> the
rows' subject, measure, kind, value and period (SCHEMA.md: how a review of several years and
the year's targets date their numbers)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ingest.indicators import extract
from ingest.indicators.cli import run_extract_cli
from ingest.indicators.gate import collecting
from ingest.text import normalize_text

Brief = tuple[str, str, str, float, str]

BANNER_2022 = (
    "2022年某旗人民政府工作报告\n2022年1月7日在某旗第十六届人民代表大会第一次会议上\n各位代表:\n"
)


def _brief(text: str, year: int | None = None, area: str = "某旗") -> list[Brief]:
    text = normalize_text(text)
    rows = extract(text, ref_area=area, report_year=year)
    for r in rows:
        assert text[r.char_start : r.char_end] == r.quote
    return [(r.indicator_zh, r.measure, r.obs_kind, r.obs_value, r.time_period) for r in rows]


def test_a_term_review_headed_by_the_government_takes_the_years_its_opening_names() -> None:
    # c142: 一、十五届人民政府工作回顾 / 2018年以来,...: totals, changes and averages for
    # the term (2018/2021), levels reached for its end year
    text = (
        BANNER_2022
        + "一、十五届人民政府工作回顾\n"
        + "2018年以来,在旗委的坚强领导下,旗人民政府较好完成目标任务。\n"
        + "我们坚持转型发展。地区生产总值预计达到58.8亿元,年均增长0.7%;累计实施重点项目79项,"
        "完成全社会固定资产投资76.8亿元,一产和三产分别提高3.9和2.2个百分点,"
        "公共预算收入累计完成12.33亿元。\n"
    )
    assert _brief(text) == [
        ("地区生产总值", "level", "actual", 5880000000.0, "2021"),
        ("地区生产总值", "avg_growth", "actual", 0.7, "2018/2021"),
        ("实施重点项目", "level", "actual", 79.0, "2018/2021"),
        ("全社会固定资产投资", "level", "actual", 7680000000.0, "2018/2021"),
        ("一产", "pp_change", "actual", 3.9, "2018/2021"),
        ("三产", "pp_change", "actual", 2.2, "2018/2021"),
        ("公共预算收入", "level", "actual", 1233000000.0, "2018/2021"),
    ]


def test_a_term_review_takes_its_years_from_its_text_and_a_heading_names_none() -> None:
    # 四年来 (c139) opening 本届政府工作回顾 gives the term's length; the heading alone names
    # no years (c115, c139 and c142 each review four, not a full term of five): the year's
    # review, whose 累计 total has no years to be dated to and is not published
    body = "固定资产投资累计完成约126亿元,一般公共预算收入从18.4亿元提高至20.74亿元。\n"
    four = BANNER_2022 + "一、本届政府工作回顾\n四年来,旗政府坚持稳中求进。\n" + body
    assert [row[4] for row in _brief(four)] == ["2018/2021", "2017", "2021"]
    bare = BANNER_2022 + "一、本届政府工作回顾\n" + body
    assert _brief(bare) == [("一般公共预算收入", "level", "actual", 2074000000.0, "2021")]
    # 本届政府以来, (five years unless the text says) then 2018年以来,: the years it names
    since = (
        BANNER_2022 + "一、工作回顾\n本届政府以来,我们砥砺前行。\n2018年以来,全旗坚持稳中求进。\n"
    )
    assert [row[4] for row in _brief(since + body)] == ["2018/2021", "2017", "2021"]
    assert [
        row[4]
        for row in _brief(BANNER_2022 + "一、工作回顾\n本届政府以来,全旗坚持稳中求进。\n" + body)
    ] == [
        "2017/2021",
        "2016",
        "2021",
    ]


def test_years_since_in_a_plan_open_no_review() -> None:
    # 2019年以来,... inside the year's plan is background: the plan's targets stay targets
    text = (
        BANNER_2022
        + "一、2021年工作回顾\n地区生产总值增长6%。\n"
        + "二、2022年工作安排\n"
        + "2019年以来,全旗坚持生态优先。\n"
        + "地区生产总值增长6.5%左右。\n"
    )
    assert _brief(text) == [
        ("地区生产总值", "growth", "actual", 6.0, "2021"),
        ("地区生产总值", "growth", "target", 6.5, "2022"),
    ]


def test_a_plan_review_in_a_copy_with_semicolon_quotes_is_found() -> None:
    # c137 (太原 2021): a copy that writes quotation marks as ;; and opens the paragraph on a
    # theme's short sentence (一是综合实力全面增强。;;十三五;;时期,...): the paragraphs after
    # it review the plan's five years, not 2020 alone
    text = (
        "2021年某市人民政府工作报告\n"
        "一、;;十三五;;时期及2020年工作回顾22M\n"
        ";;十三五;;时期是全面建成小康社会决胜阶段。22M\n"
        "一是综合实力全面增强。;;十三五;;时期,地区生产总值年均增长6.6%,"
        "在全省占比由22.5%提高到23.5%。固定资产投资年均增长10.6%。22M\n"
    )
    assert _brief(text, area="某市") == [
        ("地区生产总值", "avg_growth", "actual", 6.6, "2016/2020"),
        ("地区生产总值在全省占比", "level", "actual", 22.5, "2015"),
        ("地区生产总值在全省占比", "level", "actual", 23.5, "2020"),
        ("固定资产投资", "avg_growth", "actual", 10.6, "2016/2020"),
    ]


def test_a_news_reports_target_list_opening_makes_its_clauses_targets() -> None:
    # c135: 2024年湟中区经济发展的主要预期目标是: (经济 without 社会, after a three-character
    # area name) in a news report of the speech: every clause after it, across its ;, is a
    # 2024 target
    text = (
        "某某区人民代表大会开幕\n"
        "报告指出,2023年,某某区坚持强保护严治理,经济运行质量更加稳健。\n"
        "2024年某某区经济发展的主要预期目标是:地区生产总值增长6%左右,固定资产投资与上年度持平;"
        "城镇登记失业率控制在市定目标内;粮食总产量保持在10.42万吨以上。\n"
    )
    assert _brief(text, year=2024, area="某某区") == [
        ("地区生产总值", "growth", "target", 6.0, "2024"),
        ("粮食总产量", "level", "target", 104200.0, "2024"),
    ]


def test_the_economy_running_in_the_expected_range_marks_no_target() -> None:
    # c13 (round 1's kind errors, the same class): 经济运行在预期的合理区间 in a review says
    # where the economy ran; the figures after it stay the year's actuals
    text = (
        "2019年某区人民政府工作报告\n一、2018年工作回顾\n"
        "预计地区生产总值360亿元、增长8.5%,经济运行在预期的合理区间,工业增加值105亿元、增长8%。\n"
    )
    assert [(zh, kind, period) for zh, _, kind, _, period in _brief(text, area="某区")] == [
        ("地区生产总值", "actual", "2018"),
        ("地区生产总值", "actual", "2018"),
        ("工业增加值", "actual", "2018"),
        ("工业增加值", "actual", "2018"),
    ]


def test_an_excess_over_a_task_is_not_published() -> None:
    # c138, c140: 超额完成年度任务2.1亿元, 超出市级下调任务指标⏎6000万元 are how far a figure
    # passed a task set from above, not observations; the growth after one is the investment's
    text = (
        "2023年某旗人民政府工作报告\n一、2022年工作回顾\n"
        "固定资产投资完成17亿元,超额完成年度任务2.1亿元,增长20.6%;"
        "限额以上固定资产投资完成16.1亿元,超出市级下调任务指标\n6000万元。\n"
    )
    rows = _brief(text)
    assert ("固定资产投资", "level", "actual", 1700000000.0, "2022") in rows
    assert ("固定资产投资", "growth", "actual", 20.6, "2022") in rows
    assert all(value not in (210000000.0, 60000000.0) for _, _, _, value, _ in rows)


def test_an_excess_the_reading_keeps_is_withheld_by_the_gate() -> None:
    # 超额完成计划数50万平方米: the reading keeps the figure (its words end in 数, not a task
    # word); the gate rule task_surplus withholds it
    text = "一、2024年工作回顾\n拆除违建518.6万平方米,超额完成计划数50万平方米。\n"
    with collecting() as held:
        rows = _brief(text)
    assert [value for _, _, _, value, _ in rows] == [5186000.0]
    assert [(w.row.obs_value, w.rule) for w in held] == [(500000.0, "task_surplus")]


def test_cli_withheld_names_the_task_surplus_rule(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "一、2024年工作回顾\n拆除违建518.6万平方米,超额完成计划数50万平方米。\n", "utf-8"
    )
    out = io.StringIO()
    code = run_extract_cli(
        str(path), area="某市", area_code="", year=None, fmt="csv", out=out, withheld=True
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["obs_value"], r["withheld_rule"]) for r in rows] == [("500000", "task_surplus")]


def test_money_under_a_verb_only_subject_is_withheld() -> None:
    # c140: ;;;;生态建设保护稳步推进。投入1.6亿元,全面实施...治理: the subject read is the
    # verb alone, which says nothing of what the money is for (gate rule bare_subject)
    text = (
        "2018年某旗人民政府工作报告\n一、2017年工作回顾\n"
        "生态建设保护稳步推进。投入1.6亿元,全面实施流域生态综合治理一期工程。"
        "生态保护投入2.1亿元。\n"
    )
    with collecting() as held:
        rows = _brief(text)
    assert rows == [("生态保护投入", "level", "actual", 210000000.0, "2017")]
    assert [(w.row.indicator_zh, w.rule) for w in held] == [("投入", "bare_subject")]


def test_years_since_inside_the_years_review_date_their_paragraph_only() -> None:
    # 2019年以来,... in a part headed as the year's review: the paragraph's totals are for the
    # years since then; the next paragraph is the year's again
    text = (
        BANNER_2022
        + "一、2021年工作回顾\n"
        + "2019年以来,全旗累计实施重点项目79项。\n"
        + "地区生产总值增长6%,实施重点项目30项。\n"
    )
    assert _brief(text) == [
        ("全旗累计实施重点项目", "level", "actual", 79.0, "2019/2021"),
        ("地区生产总值", "growth", "actual", 6.0, "2021"),
        ("实施重点项目", "level", "actual", 30.0, "2021"),
    ]
