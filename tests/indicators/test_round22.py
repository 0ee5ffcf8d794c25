"""Tuning round 22: classes the first run on corpus round 22 (Shenzhen district annual reports
of 2018-2025) showed. Each test is a short text in the style of the documents that showed the
class -> the rows' subject, code, value, unit, scope."""

from __future__ import annotations

from ingest.indicators.extract import extract
from ingest.text import normalize_text

OPENING = "各位代表:\n现在,我代表区人民政府向大会作政府工作报告,请予审议。\n"


def _rows(text: str, year: int, area: str) -> list[tuple[str, str, str, float, str, str]]:
    return [
        (r.indicator_zh, r.indicator_code, r.measure, r.obs_value, r.unit, r.compare_scope)
        for r in extract(normalize_text(text), report_year=year, ref_area=area)
    ]


def test_the_areas_rank_in_a_list_of_the_hundred_best_is_the_lists() -> None:
    # c244, c249, c250: 获全国工业百强区第一名, 龙华稳居全国工业百强区第13位,
    # 南山区连续多年位居全国百强区榜首: the district ranks; the list says in what
    text = (
        OPENING
        + "一、2023年工作回顾\n工业质量持续攀升,获全国工业百强区第一名。"
        + "龙华稳居全国工业百强区第13位。\n"
    )
    rows = _rows(text, 2024, "龙华区")
    assert ("工业百强区", "", "rank", 1.0, "rank", "country") in rows
    assert ("工业百强区", "", "rank", 13.0, "rank", "country") in rows
    text = OPENING + "一、2024年工作回顾\n南山区连续多年位居全国百强区榜首。\n"
    assert _rows(text, 2025, "南山区") == [("百强区", "", "rank", 1.0, "rank", "country")]


def test_money_per_unit_of_land_after_the_name_gdp() -> None:
    # c248: 地均GDP70.75亿元/平方公里、地均税收21.61亿元/平方公里 (per km², not GDP itself)
    text = (
        OPENING
        + "一、2022年工作回顾\n地均GDP70.75亿元/平方公里、地均税收21.61亿元/平方公里。"
        + "人均GDP10万元。\n"
    )
    rows = _rows(text, 2023, "福田区")
    assert ("地均GDP", "", "level", 7075000000.0, "other", "") in rows
    assert ("地均税收", "", "level", 2161000000.0, "other", "") in rows
    assert ("人均GDP", "gdp_per_capita", "level", 100000.0, "CNY", "") in rows
    # not a value: a number glued to another name (PM2.5 stays the pollutant's name)
    text = OPENING + "一、2022年工作回顾\nPM2.5平均浓度18微克/立方米。\n"
    assert [r[3] for r in _rows(text, 2023, "福田区")] == [18.0]


def test_the_districts_own_figures_by_their_local_names() -> None:
    # c244, c245, c249, c251: 辖区税收高速增长, 辖区社消零总额, 一般公共预算地方本级收入,
    # 社会消费品零售, 全社会研发投入占比
    text = OPENING + (
        "一、2017年工作回顾\n辖区税收高速增长30.3%,达1325亿元;辖区社消零总额超过800亿元;"
        "一般公共预算地方本级收入完成43.5亿元;社会消费品零售达1310.26亿元;"
        "全社会研发投入占比提高到3.9%。\n"
    )
    codes = {(r[0], r[2]): r[1] for r in _rows(text, 2018, "南山区")}
    assert codes[("辖区税收", "growth")] == "tax_revenue"
    assert codes[("辖区税收", "level")] == "tax_revenue"
    assert codes[("辖区社消零总额", "level")] == "retail_sales"
    assert codes[("一般公共预算地方本级收入", "level")] == "public_budget_revenue"
    assert codes[("社会消费品零售", "level")] == "retail_sales"
    assert codes[("全社会研发投入占比", "level")] == "rd_intensity"


def test_since_a_finished_plan_runs_to_the_year_under_review() -> None:
    # c247: 增速"十三五"以来首次突破两位数,排名全市第一 in a 2022 report: 2021's rank
    text = OPENING + (
        "一、2021年工作回顾\n全年地区生产总值1285.3亿元,增长12.9%,增速“十三五”以来首次突破两位数,"
        "排名全市第一。\n"
    )
    rows = extract(normalize_text(text), report_year=2022, ref_area="光明区")
    assert {(r.measure, r.time_period) for r in rows} == {
        ("level", "2021"),
        ("growth", "2021"),
        ("rank", "2021"),
    }


def test_the_last_ten_years_opening_a_clause() -> None:
    # c250: 近10年,获国家科学技术奖近80项 in a 2025 report: won over 2015-2024
    text = OPENING + "一、2024年工作回顾\n近10年,获国家科学技术奖近80项。\n"
    rows = extract(normalize_text(text), report_year=2025, ref_area="南山区")
    assert [(r.obs_value, r.time_period) for r in rows] == [(80.0, "2015/2024")]


def test_a_count_written_before_its_noun_keeps_the_verb_of_work_done() -> None:
    # c251: 新增5个街道综合文体中心, 打掉5个犯罪集团, 更新提升20个农贸市场: without the verb the
    # count reads as the whole stock
    text = OPENING + (
        "一、2018年工作回顾\n新增5个街道综合文体中心,打掉5个犯罪集团,更新提升20个农贸市场,"
        "新增不少于2个省级优质教育集团培育对象。辖区现有公园45个。\n"
    )
    rows = [(r[0], r[3]) for r in _rows(text, 2019, "罗湖区")]
    assert rows == [
        ("新增街道综合文体中心", 5.0),
        ("打掉犯罪集团", 5.0),
        ("更新提升农贸市场", 20.0),
        ("新增省级优质教育集团培育对象", 2.0),
        ("辖区现有公园", 45.0),
    ]
