"""SCHEMA.md conventions, one or more cases each, in phrasings of our own.

Each case is a sentence placed in the review section (actuals for 2023) or the plan section
(targets for 2024) of a small report, and the exact rows it must give (a subset of fields).
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.indicators import ExtractedObservation, extract

REVIEW = "政府工作报告(2024年)\n一、2023年工作回顾\n"
PLAN = "政府工作报告(2024年)\n一、2023年工作回顾\n过去一年很不平凡。\n二、2024年工作安排\n"

FIELDS = (
    "indicator_code",
    "measure",
    "obs_value",
    "obs_value_max",
    "qualifier",
    "unit",
    "compare_scope",
)


def rows(sentence: str, plan: bool = False) -> list[ExtractedObservation]:
    text = (PLAN if plan else REVIEW) + sentence
    out = extract(text, ref_area="某省", ref_area_code="360000")
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return out


def simple(r: ExtractedObservation) -> tuple[Any, ...]:
    return tuple(getattr(r, f) for f in FIELDS)


# (sentence, plan?, expected rows as (code, measure, value, max, qualifier, unit, scope))
CASES: list[tuple[str, bool, list[tuple[Any, ...]]]] = [
    # --- levels, multipliers, units
    ("全省地区生产总值达到3.2万亿元。", False, [("gdp", "level", 3.2e12, None, "eq", "CNY", "")]),
    ("全县生产总值突破500亿元。", False, [("gdp", "level", 5e10, None, "gt", "CNY", "")]),
    (
        "全年粮食产量稳定在1.2亿斤以上。",
        True,
        [("grain_output", "level", 1.2e8, None, "ge", "jin", "")],
    ),
    ("粮食播种面积85.6万亩。", False, [("grain_sown_area", "level", 856000, None, "eq", "mu", "")]),
    ("城镇新增就业4.2万人。", False, [("urban_new_jobs", "level", 42000, None, "eq", "count", "")]),
    (
        "细颗粒物平均浓度降至26微克/立方米。",
        False,
        [("pm25", "level", 26, None, "eq", "ug_m3", "")],
    ),
    ("新建农村公路1200公里。", False, [("", "level", 1200, None, "eq", "km", "")]),
    ("全年接待游客约3500万人次。", False, [("", "level", 3.5e7, None, "approx", "count", "")]),
    ("新增规模以上工业企业近300家。", False, [("", "level", 300, None, "approx", "count", "")]),
    (
        "实际使用外资5.6亿美元。",
        False,
        [("foreign_investment", "level", 5.6e8, None, "eq", "other", "")],
    ),
    (
        "外贸进出口总额达到1.05万亿元。",
        False,
        [("foreign_trade", "level", 1.05e12, None, "eq", "CNY", "")],
    ),
    ("建成5G基站1.8万个。", False, [("", "level", 18000, None, "eq", "count", "")]),
    ("光伏装机容量达到120万千瓦。", False, [("", "level", 1.2e6, None, "eq", "other", "")]),
    ("新增造林面积两千亩。", False, [("", "level", 2000, None, "eq", "mu", "")]),
    (
        "森林覆盖率百分之六十三点一。",
        False,
        [("forest_coverage", "level", 63.1, None, "eq", "percent", "")],
    ),
    ("全社会用电量达到180亿千瓦时。", False, [("", "level", 1.8e10, None, "eq", "kwh", "")]),
    ("新建保障性住房3200套。", True, [("", "level", 3200, None, "eq", "count", "")]),
    (
        "常住人口城镇化率达到62.5%。",
        False,
        [("urbanization_rate", "level", 62.5, None, "eq", "percent", "")],
    ),
    # --- growth with sign
    ("全县地区生产总值增长5.2%。", False, [("gdp", "growth", 5.2, None, "eq", "percent", "")]),
    (
        "规上工业增加值同比增长8.1%。",
        False,
        [("industrial_value_added", "growth", 8.1, None, "eq", "percent", "")],
    ),
    (
        "单位GDP能耗下降3.5%。",
        False,
        [("energy_intensity", "growth", -3.5, None, "eq", "percent", "")],
    ),
    (
        "税收收入比上年减少2.4%。",
        False,
        [("tax_revenue", "growth", -2.4, None, "eq", "percent", "")],
    ),
    ("居民消费价格上涨1.8%。", False, [("cpi", "growth", 1.8, None, "eq", "percent", "")]),
    ("居民消费价格涨幅控制在3%左右。", True, [("cpi", "growth", 3, None, "approx", "percent", "")]),
    ("交通事故死亡人数回落12%。", False, [("", "growth", -12, None, "eq", "percent", "")]),
    (
        "固定资产投资增长-2.3%。",
        False,
        [("fixed_asset_investment", "growth", -2.3, None, "eq", "percent", "")],
    ),
    # --- qualifiers
    (
        "社会消费品零售总额增长7%左右。",
        True,
        [("retail_sales", "growth", 7, None, "approx", "percent", "")],
    ),
    (
        "一般公共预算收入增长约5%。",
        True,
        [("public_budget_revenue", "growth", 5, None, "approx", "percent", "")],
    ),
    (
        "固定资产投资增长8%以上。",
        True,
        [("fixed_asset_investment", "growth", 8, None, "ge", "percent", "")],
    ),
    (
        "规模以上工业增加值增长不低于7%。",
        True,
        [("industrial_value_added", "growth", 7, None, "ge", "percent", "")],
    ),
    (
        "城镇新增就业至少5万人。",
        True,
        [("urban_new_jobs", "level", 50000, None, "ge", "count", "")],
    ),
    ("进出口总额超过800亿元。", False, [("foreign_trade", "level", 8e10, None, "gt", "CNY", "")]),
    (
        "城镇调查失业率控制在5.5%以内。",
        True,
        [("urban_unemployment_rate", "level", 5.5, None, "le", "percent", "")],
    ),
    (
        "城镇调查失业率不超过5.5%。",
        True,
        [("urban_unemployment_rate", "level", 5.5, None, "le", "percent", "")],
    ),
    (
        "城镇登记失业率低于4%。",
        False,
        [("urban_registered_unemployment_rate", "level", 4, None, "lt", "percent", "")],
    ),
    (
        "城镇调查失业率不到5%。",
        False,
        [("urban_unemployment_rate", "level", 5, None, "lt", "percent", "")],
    ),
    ("居民消费价格涨幅在3%以下。", True, [("cpi", "growth", 3, None, "le", "percent", "")]),
    ("接待游客2000多万人次。", False, [("", "level", 2e7, None, "gt", "count", "")]),
    # --- ranges
    ("地区生产总值增长6%-6.5%。", True, [("gdp", "growth", 6, 6.5, "range", "percent", "")]),
    ("地区生产总值增长5.5%至6%。", True, [("gdp", "growth", 5.5, 6, "range", "percent", "")]),
    ("全省生产总值增长6—6.5%。", True, [("gdp", "growth", 6, 6.5, "range", "percent", "")]),
    # --- percentage points: change over time vs gap
    (
        "研发经费投入强度提高0.2个百分点。",
        False,
        [("rd_intensity", "pp_change", 0.2, None, "eq", "percentage_point", "")],
    ),
    (
        "城镇调查失业率下降0.4个百分点。",
        False,
        [("urban_unemployment_rate", "pp_change", -0.4, None, "eq", "percentage_point", "")],
    ),
    (
        "全县生产总值增长7.1%、高于全省1.3个百分点。",
        False,
        [
            ("gdp", "growth", 7.1, None, "eq", "percent", ""),
            ("gdp", "pp_gap", 1.3, None, "eq", "percentage_point", "province"),
        ],
    ),
    (
        "农村居民人均可支配收入增速快于城镇居民0.9个百分点。",
        False,
        [("rural_disposable_income", "pp_gap", 0.9, None, "eq", "percentage_point", "")],
    ),
    (
        "服务业增加值增速低于全国0.6个百分点。",
        False,
        [("tertiary_value_added", "pp_gap", -0.6, None, "eq", "percentage_point", "country")],
    ),
    (
        "一般公共预算收入增速比全国高2.1个百分点。",
        False,
        [("public_budget_revenue", "pp_gap", 2.1, None, "eq", "percentage_point", "country")],
    ),
    # --- ranks and rank changes
    (
        "全市生产总值增速位居全省第2位。",
        False,
        [("gdp", "rank", 2, None, "eq", "rank", "province")],
    ),
    (
        "社会消费品零售总额增速排名全国第十。",
        False,
        [("retail_sales", "rank", 10, None, "eq", "rank", "country")],
    ),
    (
        "固定资产投资增长9.8%,增速居全市第1,较上年提升3位。",
        False,
        [
            ("fixed_asset_investment", "growth", 9.8, None, "eq", "percent", ""),
            ("fixed_asset_investment", "rank", 1, None, "eq", "rank", "city"),
            ("fixed_asset_investment", "rank_change", 3, None, "eq", "rank", ""),
        ],
    ),
    (
        "一般公共预算收入排名全省第6,比上年后移1位。",
        False,
        [
            ("public_budget_revenue", "rank", 6, None, "eq", "rank", "province"),
            ("public_budget_revenue", "rank_change", -1, None, "eq", "rank", ""),
        ],
    ),
    # --- distributive lists and elided units
    (
        "城镇、农村居民人均可支配收入分别增长5.1%、6.8%。",
        False,
        [
            ("urban_disposable_income", "growth", 5.1, None, "eq", "percent", ""),
            ("rural_disposable_income", "growth", 6.8, None, "eq", "percent", ""),
        ],
    ),
    (
        "出口总额、进口总额分别增长12%左右、5%以上。",
        True,
        [
            ("exports", "growth", 12, None, "approx", "percent", ""),
            ("imports", "growth", 5, None, "ge", "percent", ""),
        ],
    ),
    (
        "新能源、新材料、电子信息产业营业收入分别达1.2万亿、8000亿、6500亿元。",
        False,
        [
            ("", "level", 1.2e12, None, "eq", "CNY", ""),
            ("", "level", 8e11, None, "eq", "CNY", ""),
            ("", "level", 6.5e11, None, "eq", "CNY", ""),
        ],
    ),
    (
        "第一产业增加值和第二产业增加值均增长4.5%。",
        False,
        [
            ("primary_value_added", "growth", 4.5, None, "eq", "percent", ""),
            ("secondary_value_added", "growth", 4.5, None, "eq", "percent", ""),
        ],
    ),
    # --- subject is what the number is about, not a word inside it
    ("消费对全县经济增长的贡献率达到58%。", False, [("", "level", 58, None, "eq", "percent", "")]),
    ("经济增长5%左右。", True, [("gdp", "growth", 5, None, "approx", "percent", "")]),
    (
        "人均地区生产总值达到7.2万元。",
        False,
        [("gdp_per_capita", "level", 72000, None, "eq", "CNY", "")],
    ),
    ("高新技术企业出口增长20%。", False, [("", "growth", 20, None, "eq", "percent", "")]),
    ("全省出口增长4.6%。", False, [("exports", "growth", 4.6, None, "eq", "percent", "")]),
]


@pytest.mark.parametrize(("sentence", "plan", "expected"), CASES, ids=[c[0][:18] for c in CASES])
def test_convention(sentence: str, plan: bool, expected: list[tuple[Any, ...]]) -> None:
    got = [simple(r) for r in rows(sentence, plan)]
    assert got == expected


# --- exclusions: numbers that are not observations
EXCLUDED = [
    "连续5年获评全省营商环境优秀县。",
    "第十四届全国运动会在我省成功举办。",
    "深入实施“5+2”产业链行动。",
    "加快推进“1+N”政策体系建设。",
    "“十四五”规划目标任务顺利推进。",
    "全面实施“2416”行动计划。",
    "2023年3月15日召开全市大会。",
    "建成G320国道改建工程。",
    "全市5G网络覆盖所有乡镇。",
    "50亿企业培育工程加快推进。",
    "一批重大项目落地见效,一步一个脚印。",
    "做好科技金融、绿色金融、普惠金融五篇大文章。",
    "用好“10%工作法”。",
    "位列全省第一方阵。",
    "入选全国百强县,千村示范、万村整治持续推进。",
    "拨打12345热线反映问题。",
]


@pytest.mark.parametrize("sentence", EXCLUDED)
def test_excluded(sentence: str) -> None:
    assert rows(sentence) == []


def test_subject_modifier_number_is_not_a_value() -> None:
    got = rows("引进20亿元以上项目15个。")
    assert [(r.indicator_zh, r.obs_value, r.unit) for r in got] == [
        ("引进20亿元以上项目", 15, "count")
    ]


def test_count_before_its_noun() -> None:
    got = rows("新增3家国家级高新技术企业孵化器。")
    assert [(r.indicator_zh, r.obs_value, r.unit_zh) for r in got] == [
        ("新增国家级高新技术企业孵化器", 3, "家")
    ]


def test_kind_and_period_from_sections() -> None:
    text = PLAN.replace("过去一年很不平凡。", "全县生产总值增长5.5%。") + "全县生产总值增长6%左右。"
    got = extract(text)
    assert [(r.obs_kind, r.time_period, r.obs_value) for r in got] == [
        ("actual", "2023", 5.5),
        ("target", "2024", 6.0),
    ]


def test_target_marker_in_review_section() -> None:
    got = rows("力争明年粮食产量达到50亿斤。")
    assert [(r.obs_kind, r.time_period) for r in got] == [("target", "2024")]


def test_explicit_year_overrides_section() -> None:
    got = rows("2022年度全县研发经费投入强度排名全省第4。")
    assert [(r.time_period, r.measure, r.obs_value) for r in got] == [("2022", "rank", 4)]


def test_future_year_is_a_target() -> None:
    got = rows("到2025年全市森林覆盖率达到68%。", plan=True)
    assert [(r.obs_kind, r.time_period, r.obs_value) for r in got] == [("target", "2025", 68)]


def test_secured_funds_in_review_is_actual() -> None:
    got = rows("全年争取上级资金86.5亿元。")
    assert [(r.obs_kind, r.obs_value) for r in got] == [("actual", 8.65e9)]


def test_completed_target_stays_actual() -> None:
    got = rows("圆满完成年度目标任务,全县生产总值增长6.2%。")
    assert [(r.obs_kind, r.obs_value) for r in got] == [("actual", 6.2)]


def test_same_fact_twice_gives_two_rows() -> None:
    got = rows("全县生产总值增长6.2%。回顾全年,全县生产总值增长6.2%。")
    assert len(got) == 2
    assert got[0].char_start != got[1].char_start


def test_same_number_same_clause_is_one_row() -> None:
    got = rows("全县生产总值增长6.2%(增长6.2%)。")
    assert len(got) == 1


def test_area_prefix_is_own_area() -> None:
    got = rows("全市规模以上工业增加值增长9%。")
    assert got[0].indicator_code == "industrial_value_added"
    assert got[0].ref_area == "某省"
    assert got[0].ref_area_code == "360000"


def test_rows_carry_text_and_offsets() -> None:
    got = rows("全市地区生产总值突破1500亿元,增长5.8%。")
    assert [r.value_text for r in got] == ["1500亿元", "5.8%"]
    assert [r.unit_zh for r in got] == ["亿元", "%"]
    assert got[0].indicator_en == "Gross regional product"


def test_unclear_plan_completion_is_skipped() -> None:
    # 完成年计划的106% is a completion ratio of a plan, not the level of the subject.
    assert rows("城镇新增就业、农村劳动力转移分别完成年计划的106%、112%。") == []


def test_glossary_is_skipped() -> None:
    text = (
        REVIEW + "全县生产总值增长5%。\n附件\n名词解释\n1.“3个100”工程:建设100个项目,投资100亿元。"
    )
    assert [r.obs_value for r in extract(text)] == [5.0]
