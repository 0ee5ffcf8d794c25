"""Precision round 16b: the recurring classes of wrong rows in round 16's whole-document
precision sample (bench/bench_precision.py, seed 10, c193-c203). Each test is a short text in
the style of the sampled rows -> the rows the extractor publishes, or the gate's rule for the
rows it withholds."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.indicators.gate import collecting
from ingest.text import normalize_text
from tests.indicators.support import coded_brief


def _withheld(text: str, year: int) -> list[tuple[str, str]]:
    """(subject, rule) of each row the gate withholds."""
    with collecting() as sink:
        extract(normalize_text(text), ref_area="某省", report_year=year)
    return [(w.row.indicator_zh, w.rule) for w in sink]


def test_counts_of_reforms_powers_rule_sets_and_outcomes_are_no_observation() -> None:
    # c193, c194, c197, c198, c199: how many reforms, powers, rule sets, reform outcomes,
    # pilot experiences or clusters a programme has is not a measure of the area
    text = (
        "一、2025年工作回顾\n"
        "推进“数字政府”等12项关键领域改革,向开发区下放第二批45项市级管理权限。"
        "新推出制度创新成果86项,9条试点经验在全省推广,落实“八项”制度机制。"
        "首批30项授权事项全部落地,推进15个战略性产业集群建设。"
        "地区生产总值增长5.5%。\n"
    )
    assert coded_brief(text, 2026) == [("地区生产总值", "gdp", "growth", "actual", 5.5, "2025")]
    rules = {rule for _, rule in _withheld(text, 2026)}
    assert rules == {"reform_items"}


def test_a_count_of_units_reformed_is_kept() -> None:
    # c203: 第一批50家…事业单位改革顺利完成 counts the institutions reformed (家), not reforms
    text = "一、2025年工作回顾\n第一批36家市属事业单位改革顺利完成。\n"
    assert [r[4] for r in coded_brief(text, 2026)] == [36.0]


def test_a_run_of_assessments_is_no_count() -> None:
    # c199: 国家质量考核连续7次获得A级 is a run, not 7 of anything
    text = "一、2025年工作回顾\n省级质量考核连续5次获得A级。\n"
    assert coded_brief(text, 2026) == []
    assert [rule for _, rule in _withheld(text, 2026)] == ["run_count"]


def test_a_task_set_from_above_is_not_the_figure_done() -> None:
    # c199, c201: 超额完成国家下达的110万人就业任务: the task, not the jobs created
    text = "一、2025年工作回顾\n超额完成省下达的8万人就业任务,城镇新增就业9.2万人。\n"
    assert coded_brief(text, 2026) == [
        ("城镇新增就业", "urban_new_jobs", "level", "actual", 92000.0, "2025")
    ]
    assert [rule for _, rule in _withheld(text, 2026)] == ["set_task"]


def test_a_verb_a_preposition_or_a_cut_is_no_subject() -> None:
    # c195 启动18项, c203 只保留37项, c201 对东盟, c196 为176万户烈属, c197 的平,
    # c203 首批50个建设进展顺利
    text = (
        "一、2025年工作回顾\n"
        "谋划补短板重大工程,启动12项。证明事项大幅精简,只保留25项。"
        "对东盟、中亚出口分别增长8.8%。"
        "为23万户烈属、军属和退役军人家庭悬挂光荣牌。"
        "千人床位数低于全国6.2张的平均水平。"
        "现代农业产业园首批20个建设进展顺利。\n"
    )
    published = [r[0] for r in coded_brief(text, 2026)]
    for bad in ("启动", "只保留", "对东盟", "烈属", "的平", "建设进展"):
        assert bad not in published
    assert {rule for _, rule in _withheld(text, 2026)} == {"bare_subject"}


def test_help_to_other_provinces_is_theirs() -> None:
    # c196: 协助四省区110多万人脱贫 counts the helped provinces' people
    text = "一、2025年工作回顾\n协助三省区60多万人脱贫。\n"
    assert coded_brief(text, 2026) == []
    assert [rule for _, rule in _withheld(text, 2026)] == ["paired_area"]


def test_each_year_is_not_an_average() -> None:
    # c193: 城镇登记失业率每年均控制在3.5%以内: 每年均 is each year (the code kept), not 年均
    text = "一、2025年工作回顾\n城镇登记失业率每年均控制在3.2%以内。\n"
    rows = coded_brief(text, 2026)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("城镇登记失业率", "urban_registered_unemployment_rate", "level")
    ]


def test_a_sector_or_zone_before_the_whole_is_not_the_areas_indicator() -> None:
    # c193, c195, c201: 海洋生产总值 is ocean GDP, not gdp; c203 省产业转移园规模以上工业增加值
    # is the parks' value added, not the province's industrial_value_added
    text = (
        "一、2025年工作回顾\n"
        "海洋生产总值突破1万亿元。省产业转移园规模以上工业增加值增长8.1%。"
        "高新区规模以上工业增加值增长9%。规模以上工业增加值增长6.2%。\n"
    )
    assert [(r[0], r[1]) for r in coded_brief(text, 2026)] == [
        ("海洋生产总值", ""),
        ("省产业转移园规模以上工业增加值", ""),
        ("高新区规模以上工业增加值", ""),
        ("规模以上工业增加值", "industrial_value_added"),
    ]
