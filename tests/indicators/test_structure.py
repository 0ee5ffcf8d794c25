"""The document-structure model: parts from headings of every style, their classes and the
dates they give their numbers; ``gongkai extract --structure`` shows it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from ingest.indicators import extract
from ingest.indicators.cli import document_text, run_structure_cli
from ingest.indicators.structure import Layout, outline, plan_years, render_outline
from ingest.text import normalize_text

ROOT = Path(__file__).resolve().parents[2]

FIVE_YEAR_2026 = normalize_text(
    "政府工作报告\n"
    "——2026年1月20日在某市第十届人民代表大会第一次会议上\n"
    "各位代表:\n"
    "一、“十四五”时期工作回顾\n"
    "“十四五”时期,全市地区生产总值年均增长6.1%,2025年达到3200亿元;"
    "一般公共预算收入比2020年增长30.2%。\n"
    "2025年,全市地区生产总值增长5.4%。\n"
    "二、“十五五”时期主要目标\n"
    "到2030年,全市地区生产总值突破4500亿元,居民人均可支配收入年均增长6%左右。\n"
    "奋力谱写高质量发展新篇章\n"
    "2026年是“十五五”开局之年。今年经济社会发展的主要预期目标是:"
    "地区生产总值增长5.5%左右。\n"
    "名词解释\n"
    "1.两新:新增规模以上工业企业100家。\n"
)


def brief(text: str, area: str = "某市") -> list[tuple[str, str, str, float, str]]:
    rows = extract(text, ref_area=area)
    for r in rows:
        assert text[r.char_start : r.char_end] == r.quote
    return [(r.indicator_code, r.measure, r.obs_kind, r.obs_value, r.time_period) for r in rows]


def test_plan_years_by_number() -> None:
    assert plan_years(13) == (2016, 2020)
    assert plan_years(14) == (2021, 2025)
    assert plan_years(15) == (2026, 2030)


def test_every_part_dates_its_numbers() -> None:
    assert brief(FIVE_YEAR_2026) == [
        ("gdp", "avg_growth", "actual", 6.1, "2021/2025"),
        ("gdp", "level", "actual", 320000000000, "2025"),
        ("public_budget_revenue", "growth", "actual", 30.2, "2021/2025"),
        ("gdp", "growth", "actual", 5.4, "2025"),
        ("gdp", "level", "target", 450000000000, "2030"),
        ("disposable_income", "avg_growth", "target", 6, "2026/2030"),
        ("gdp", "growth", "target", 5.5, "2026"),
    ]  # and nothing from the glossary


def test_outline_classes_and_ranges() -> None:
    nodes = outline(FIVE_YEAR_2026, 2026)
    parts = [(n.part, n.period) for n in nodes]
    # the slogan line is not a heading; 2026年是... opens the year's plan
    assert parts == [
        ("preamble", "2025"),
        ("review_multi", "2021/2025"),
        ("plan_multi", "2026/2030"),
        ("plan", "2026"),
        ("annex", ""),
    ]
    for node in nodes:
        assert 0 <= node.start <= node.end <= len(FIVE_YEAR_2026)
    assert nodes[-1].part == "annex" and nodes[-1].end == len(FIVE_YEAR_2026)
    review = next(n for n in nodes if n.part == "review_multi")
    assert FIVE_YEAR_2026[review.start :].startswith("一、“十四五”时期工作回顾")
    text = render_outline(nodes)
    assert "review_multi actual 2021/2025 一、“十四五”时期工作回顾" in text


def test_slogan_heading_then_plan_opened_by_its_first_words() -> None:
    # No numbered heading for the plan: a slogan, then 今年是...; the review's part ends there.
    text = normalize_text(
        "政府工作报告(2024年)\n过去一年,全市地区生产总值增长6%。\n"
        "凝心聚力谱写新篇章\n今年是关键之年。全市地区生产总值增长5.5%左右。\n"
    )
    assert brief(text) == [
        ("gdp", "growth", "actual", 6, "2023"),
        ("gdp", "growth", "target", 5.5, "2024"),
    ]


def test_unnumbered_and_section_headings() -> None:
    text = normalize_text(
        "政府工作报告(2024年)\n2023年工作回顾\n全市地区生产总值增长6%。\n"
        "2024年工作安排\n(一)主要预期目标\n全市地区生产总值增长5%。\n"
        "(二)扩大有效投资\n固定资产投资增长8%。\n"
    )
    assert brief(text) == [
        ("gdp", "growth", "actual", 6, "2023"),
        ("gdp", "growth", "target", 5, "2024"),
        ("fixed_asset_investment", "growth", "target", 8, "2024"),
    ]
    layout = Layout(text, 2024)
    assert layout.at(text.index("全市地区生产总值增长5%")).part == "targets"
    assert layout.at(text.index("固定资产投资")).part == "plan"


def test_five_years_in_a_clause_override_a_one_year_review() -> None:
    text = normalize_text(
        "政府工作报告(2021年)\n一、2020年工作回顾\n"
        "“十三五”时期,全市地区生产总值年均增长7.2%;全年地区生产总值增长3.5%。\n"
        "过去五年,累计新增城镇就业25万人。\n"
    )
    assert brief(text) == [
        ("gdp", "avg_growth", "actual", 7.2, "2016/2020"),
        ("gdp", "growth", "actual", 3.5, "2020"),
        ("urban_new_jobs", "level", "actual", 250000, "2016/2020"),
    ]


def test_bold_only_line_in_html_is_a_heading(tmp_path: Path) -> None:
    html = (
        "<html><body><div id='zoom'><p>政府工作报告(2024年)</p>"
        "<p><strong>一年来的工作回顾</strong></p><p>全市地区生产总值增长6%。</p>"
        "<p><strong>2024年工作安排</strong></p><p>全市地区生产总值增长5%。</p>"
        "</div></body></html>"
    )
    text = document_text(html.encode("utf-8"))
    assert "\n2024年工作安排\n" in text  # the bold paragraph is a line of its own
    assert brief(text) == [
        ("gdp", "growth", "actual", 6, "2023"),
        ("gdp", "growth", "target", 5, "2024"),
    ]


def test_structure_cli_prints_the_outline(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(FIVE_YEAR_2026, encoding="utf-8")
    out = io.StringIO()
    assert run_structure_cli(str(path), year=None, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "report year: 2026"
    assert any(" plan_multi target 2026/2030 二、“十五五”时期主要目标" in x for x in lines)
    assert run_structure_cli(str(tmp_path / "missing.txt"), year=None, out=io.StringIO()) == 2


def test_gongkai_extract_structure_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(FIVE_YEAR_2026, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "extract", "--structure", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "review_multi actual 2021/2025" in done.stdout
    assert "annex actual -" in done.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "gongkai", "extract", "--structure", str(tmp_path / "no.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_a_heading_naming_the_five_years_under_review() -> None:
    text = normalize_text(
        "湖州市2017年政府工作报告\n赶超发展的五年\n地区生产总值年均增长8.6%;\n"
        "今后五年的重点目标\n地区生产总值突破3000亿元;\n"
    )
    assert brief(text) == [
        ("gdp", "avg_growth", "actual", 8.6, "2012/2016"),
        ("gdp", "level", "target", 300000000000, "2021"),
    ]


def test_report_year_from_a_news_style_date_line() -> None:
    from ingest.indicators import detect_report_year

    assert detect_report_year("2017年4月22日,湖州市第八届人民代表大会第一次会议开幕。") == 2017


def test_without_a_year_paragraph_words_start_no_part() -> None:
    text = "经济运行\n圆满完成年度目标任务,全市地区生产总值增长6%。\n"
    assert [(r.obs_kind, r.time_period) for r in extract(text, ref_area="某市")] == [("actual", "")]


def test_a_2021_report_reviewing_the_plan_and_the_year_then_planning_five_years() -> None:
    text = normalize_text(
        "政府工作报告\n——2021年1月20日在某省第十三届人民代表大会第五次会议上\n"
        "一、“十三五”时期和2020年工作回顾\n"
        "“十三五”时期,全省生产总值年均增长7.1%,2020年达到2.5万亿元;"
        "城镇化率提高6.2个百分点。\n"
        "全年规模以上工业增加值增长4%。\n"
        "二、“十四五”时期主要目标任务\n"
        "“十四五”时期经济社会发展的主要目标是:地区生产总值年均增长6%左右,"
        "到2025年突破5000亿元;研发经费投入强度年均提高0.1个百分点;"
        "单位地区生产总值能耗下降13.5%;城镇调查失业率控制在5.5%以内。\n"
        "三、2021年重点工作\n今年全省经济社会发展的主要预期目标是:地区生产总值增长7%以上。\n"
    )
    assert brief(text, "某省") == [
        ("gdp", "avg_growth", "actual", 7.1, "2016/2020"),
        ("gdp", "level", "actual", 2.5e12, "2020"),
        ("urbanization_rate", "pp_change", "actual", 6.2, "2016/2020"),
        ("industrial_value_added", "growth", "actual", 4, "2020"),  # the year, not the plan
        ("gdp", "avg_growth", "target", 6, "2021/2025"),
        ("gdp", "level", "target", 5e11, "2025"),  # 到2025年: its subject is the one before
        ("rd_intensity", "avg_pp_change", "target", 0.1, "2021/2025"),
        ("energy_intensity", "growth", "target", -13.5, "2021/2025"),
        ("urban_unemployment_rate", "level", "target", 5.5, "2025"),
        ("gdp", "growth", "target", 7, "2021"),
    ]
