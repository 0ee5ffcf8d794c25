"""Phrasing classes found on the second-round held-out reports (h5-h7), one test each."""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract
from ingest.indicators.numerals import scale, scan_values

REVIEW = "政府工作报告(2019年)\n一、2018年工作回顾\n"
PLAN = "政府工作报告(2019年)\n二、2019年工作安排\n"


def rows(sentence: str, head: str = REVIEW) -> list[ExtractedObservation]:
    text = head + sentence
    out = extract(text, ref_area="某市")
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return out


def test_multiplied_values_are_exact() -> None:
    assert scale(18.6, 1e8) == 1_860_000_000
    assert scale(0.07, 1e4) == 700
    assert scale(3.55, 1e4) == 35_500
    span = "贷款18.6亿元、资金2.3亿元、4.1万亿元"
    values = [t.value for t in scan_values(span, 0, len(span))]
    assert values == [1_860_000_000, 230_000_000, 4_100_000_000_000]
    out = rows("发放精准扶贫专项贷款18.6亿元,帮扶资金2.3亿元。")
    assert [r.obs_value for r in out] == [1_860_000_000, 230_000_000]
    assert all(repr(r.obs_value).endswith(".0") for r in out)


def test_two_values_written_back_to_back() -> None:
    out = rows("完成易地扶贫搬迁1.2万户5.3万人,建成集中安置点126个。")
    assert [(r.obs_value, r.unit_zh) for r in out] == [
        (12_000, "万户"),
        (53_000, "万人"),
        (126, "个"),
    ]
    assert all("搬迁" in r.indicator_zh for r in out[:2])


def test_digits_of_a_name_after_a_count_are_not_a_value() -> None:
    out = rows("建成3个5G基站,新建2个5A级景区。")
    assert all(r.indicator_zh not in ("建成", "新建") for r in out)


def test_per_capita_phrase_is_not_the_subject() -> None:
    out = rows("城乡低保标准分别提高到每人每月580元和每人每年3900元。")
    assert [(r.indicator_zh, r.obs_value, r.unit) for r in out] == [
        ("城镇低保标准", 580, "CNY"),
        ("农村低保标准", 3900, "CNY"),
    ]
    out = rows("城乡居民基础养老金最低标准提高到每人每月180元。", PLAN)
    assert [(r.indicator_zh, r.obs_value, r.obs_kind) for r in out] == [
        ("城乡居民基础养老金最低标准", 180, "target")
    ]


def test_bare_wan_before_people() -> None:
    out = rows("确保实现剩余5.2万贫困人口脱贫、92个贫困村退出。", PLAN)
    assert [(r.obs_value, r.unit, r.obs_kind) for r in out] == [
        (52_000, "count", "target"),
        (92, "count", "target"),
    ]
    assert "贫困人口" in out[0].indicator_zh


def test_renkou_after_a_number_is_a_noun_not_a_measure_word() -> None:
    out = rows("全市10万人口以上城镇8个,打造百万人口城市。")
    assert [r.obs_value for r in out] == [8]
    assert rows("户籍人口120万人。")[0].obs_value == 1_200_000


def test_unitless_income_ratio() -> None:
    out = rows("城乡居民收入比缩小至1.65,地区生产总值达到1.65。")
    assert [(r.indicator_zh, r.measure, r.obs_value, r.unit) for r in out] == [
        ("城乡居民收入比", "level", 1.65, "other")
    ]
    assert rows("城乡居民收入比缩小0.05。") == []  # an absolute change has no measure


def test_bare_target_marker_is_not_a_subject() -> None:
    out = rows("全市生产总值增长6%以上,力争达到7%。", PLAN)
    assert [(r.indicator_code, r.measure, r.obs_value) for r in out] == [("gdp", "growth", 6)]


def test_yuqi_between_subject_and_verb() -> None:
    out = rows("今年全省生产总值预期增长5.5%左右。", PLAN)
    assert [(r.indicator_code, r.indicator_zh, r.qualifier) for r in out] == [
        ("gdp", "全省生产总值", "approx")
    ]


def test_sibling_subject_replaces_the_modifier() -> None:
    out = rows(
        "居民人均可支配收入32156元,其中城镇居民45612元、农村居民18923元,分别增长5.6%、7.8%。"
    )
    assert [(r.indicator_code, r.measure, r.obs_value) for r in out] == [
        ("disposable_income", "level", 32156),
        ("urban_disposable_income", "level", 45612),
        ("rural_disposable_income", "level", 18923),
        ("urban_disposable_income", "growth", 5.6),
        ("rural_disposable_income", "growth", 7.8),
    ]
    out = rows("一般公共预算收入50亿元,其中税收40亿元。")
    assert [r.indicator_code for r in out] == ["public_budget_revenue", "tax_revenue"]


def test_subjects_joined_by_he_with_fenbie() -> None:
    out = rows("力争旅游接待人次和旅游总收入分别增长15%和20%。", PLAN)
    assert [(r.indicator_zh, r.obs_value) for r in out] == [
        ("旅游接待人次", 15),
        ("旅游总收入", 20),
    ]


def test_value_list_without_fenbie_takes_the_previous_subjects_in_order() -> None:
    out = rows("城乡居民人均可支配收入分别达到7.2万元、4.1万元,增长4.5%和6.2%。")
    growth = [(r.indicator_code, r.obs_value) for r in out if r.measure == "growth"]
    assert growth == [("urban_disposable_income", 4.5), ("rural_disposable_income", 6.2)]


def test_shouci_between_subject_and_verb() -> None:
    out = rows("全县生产总值首次突破300亿元大关,达到312.5亿元。")
    assert [(r.indicator_code, r.qualifier) for r in out] == [("gdp", "gt"), ("gdp", "eq")]


def test_catalog_aliases_of_round_two() -> None:
    from ingest.indicators.catalog import load_catalog

    cat = load_catalog()
    for subject, code in [
        ("旅游综合收入", "tourism_revenue"),
        ("大口径财政收入", "fiscal_revenue"),
        ("地方公共财政预算收入", "public_budget_revenue"),
        ("货物进出口总额", "foreign_trade"),
        ("贷款余额", "loans"),
        ("存款余额", "deposits"),
    ]:
        ind = cat.match(subject)
        assert ind is not None and ind.code == code, subject
    assert cat.match("普惠小微贷款余额") is None  # exact aliases do not match inside


def test_bare_baiwan_counts_only_at_a_clause_end() -> None:
    out = rows("新增农村饮水安全巩固提升人口百万人。打造百万人次级景区3个,服务百万人口。", PLAN)
    assert [r.obs_value for r in out] == [1_000_000, 3]


def test_report_year_from_a_speech_line_without_a_day() -> None:
    from ingest.indicators.structure import detect_report_year

    text = "政府工作报告\n——2024年1月在昆山市第十七届人民代表大会第四次会议上\n"
    assert detect_report_year(text + "一、过去一年工作回顾\n") == 2024
    out = extract(text + "一、过去一年工作回顾\n全市地区生产总值增长5.8%。", ref_area="某市")
    assert [(r.obs_kind, r.time_period) for r in out] == [("actual", "2023")]


def test_bare_wanyi_and_qianyi_yuan_at_a_clause_end() -> None:
    out = rows("规上工业总产值首次突破万亿元,达到1.02万亿元。培育超千亿元的产业集群3个。")
    assert [(r.obs_value, r.qualifier) for r in out] == [
        (1e12, "gt"),
        (1.02e12, "eq"),
        (3, "eq"),
    ]


def test_zhangfu_restates_the_previous_subject() -> None:
    out = rows("居民消费价格上涨1.8%,涨幅比上年回落0.5个百分点。")
    assert [(r.indicator_code, r.measure, r.obs_value) for r in out] == [
        ("cpi", "growth", 1.8),
        ("cpi", "pp_change", -0.5),
    ]


def test_duration_at_the_end_of_a_subject_is_peeled() -> None:
    out = rows("粮食总产量连续6年稳定在100万吨以上。")
    assert [(r.indicator_code, r.indicator_zh, r.qualifier) for r in out] == [
        ("grain_output", "粮食总产量", "ge")
    ]


def test_urban_rural_income_shorthand() -> None:
    out = rows("城乡居民收入分别增长7.8%和9.2%。")
    assert [(r.indicator_code, r.obs_value) for r in out] == [
        ("urban_disposable_income", 7.8),
        ("rural_disposable_income", 9.2),
    ]


def test_currency_restatement_in_parentheses_keeps_the_subject() -> None:
    out = rows("实现外贸进出口总额1856.3亿元(折合263.5亿美元),增长7.6%。")
    assert [(r.indicator_code, r.measure, r.unit, r.obs_value) for r in out] == [
        ("foreign_trade", "level", "CNY", 185_630_000_000),
        ("foreign_trade", "level", "other", 26_350_000_000),
        ("foreign_trade", "growth", "percent", 7.6),
    ]
    assert all(not r.indicator_zh.startswith("(") for r in out)


def test_ranks_listed_with_fenbie_share_the_scope() -> None:
    out = rows("规上工业增加值、规上工业营业收入增速分别居全市第2位和第3位。")
    assert [(r.measure, r.obs_value, r.compare_scope) for r in out] == [
        ("rank", 2, "city"),
        ("rank", 3, "city"),
    ]


def test_cumulative_count_after_new_ones_is_a_stock() -> None:
    out = rows("新增上市公司5家,累计达到32家。")
    assert [(r.indicator_zh, r.obs_value) for r in out] == [
        ("新增上市公司", 5),
        ("上市公司", 32),
    ]


def test_part_of_a_year_is_not_the_years_value() -> None:
    assert rows("前三季度,全市地区生产总值增长5.2%。") == []
    assert rows("1-11月,全市规上工业增加值增长7.2%。") == []
    assert rows("一季度实现开门红,GDP增长6.1%,居全省第2位。") == []
    out = rows("上半年规上工业增加值增长8.1%,全年增长7.5%。")
    assert [(r.indicator_zh, r.obs_value) for r in out] == [("规上工业增加值", 7.5)]


def test_year_opening_a_clause_dates_its_values() -> None:
    out = rows("2022年全市地区生产总值增长3.1%,2023年增长6.2%。")
    assert [(r.obs_value, r.time_period) for r in out] == [(3.1, "2022"), (6.2, "2023")]


def test_subject_with_a_percent_inside_is_not_read() -> None:
    assert rows("全市90%以上的行政村实现集体经济收入10万元以上。") == []


def test_changci_is_a_measure_word() -> None:
    out = rows("全年共承办赛事活动300余场次。")
    assert [(r.obs_value, r.unit, r.unit_zh, r.qualifier) for r in out] == [
        (300, "count", "场次", "gt")
    ]


def test_long_ranked_group_name() -> None:
    out = rows("综合实力居全国综合实力百强区第12位,较上年提升3位。")
    assert [(r.measure, r.obs_value, r.compare_scope) for r in out] == [
        ("rank", 12, "country"),
        ("rank_change", 3, ""),
    ]
    assert all(r.indicator_zh == "综合实力" for r in out)


def test_target_words_reporting_a_result_leave_actuals() -> None:
    for sentence in (
        "全年目标任务全面完成,地区生产总值增长6%。",
        "主要经济指标好于预期,地区生产总值增长6.2%。",
    ):
        out = rows(sentence)
        assert [(r.obs_kind, r.time_period) for r in out] == [("actual", "2018")]
    out = rows("地区生产总值增长6%,力争实现规上工业增加值增长8%。")
    assert [r.obs_kind for r in out] == ["actual", "target"]


def test_parts_as_top_level_headings() -> None:
    text = (
        "政府工作报告\n第一部分 2023年工作回顾\n全市GDP增长6%。\n"
        "第二部分:2024年工作安排\n全市GDP增长5%。"
    )
    out = extract(text, ref_area="某市")
    assert [(r.obs_kind, r.time_period) for r in out] == [
        ("actual", "2023"),
        ("target", "2024"),
    ]


def test_a_goal_restated_in_the_review_is_not_a_result() -> None:
    assert rows("年初确定的地区生产总值增长6.5%左右的目标顺利实现。") == []
