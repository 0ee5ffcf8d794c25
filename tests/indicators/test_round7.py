"""Phrasing classes of tuning round 7 ("reading"; issue 10's missing main-scope rows, found on
corpus rounds 6 and 7): one short real-like sentence -> exact rows."""

from __future__ import annotations

from tests.indicators.support import extracted
from tests.indicators.test_round6 import extracted_in, rows

REPORT_2022 = "政府工作报告\n——2022年1月20日在某市第十六届人民代表大会第一次会议上\n"
REVIEW_2021 = "一、2021年工作回顾\n"
REPORT_2018 = "政府工作报告\n——2018年1月20日在某市第十五届人民代表大会第二次会议上\n"
REVIEW_2017 = "一、2017年工作回顾\n"


def test_a_growth_and_its_rank_after_a_level_take_the_levels_subject() -> None:
    text = (
        REPORT_2022
        + REVIEW_2021
        + "全市生产总值完成3725亿元，增长7.2%、全省第一；一般公共预算收入完成312.5亿元，"
        "增长11.3%、全省第一；规模以上工业增加值增长11.4%、全省第一。\n"
    )
    assert rows(text, "某市") == [
        ("gdp", "全市生产总值", "level", "actual", 372500000000.0, "eq", "2021", ""),
        ("gdp", "全市生产总值", "growth", "actual", 7.2, "eq", "2021", ""),
        ("gdp", "全市生产总值", "rank", "actual", 1.0, "eq", "2021", "province"),
        ("public_budget_revenue", "一般公共预算收入", "level", "actual", 31250000000.0, "eq",
         "2021", ""),
        ("public_budget_revenue", "一般公共预算收入", "growth", "actual", 11.3, "eq", "2021", ""),
        ("public_budget_revenue", "一般公共预算收入", "rank", "actual", 1.0, "eq", "2021",
         "province"),
        ("industrial_value_added", "规模以上工业增加值", "growth", "actual", 11.4, "eq", "2021",
         ""),
        ("industrial_value_added", "规模以上工业增加值", "rank", "actual", 1.0, "eq", "2021",
         "province"),
    ]  # fmt: skip


def test_distributed_values_before_a_rank_stay_distributed() -> None:
    text = REPORT_2022 + REVIEW_2021 + "城镇、农村居民人均可支配收入分别增长8%、9%。\n"
    assert rows(text, "某市") == [
        ("urban_disposable_income", "城镇居民人均可支配收入", "growth", "actual", 8.0, "eq",
         "2021", ""),
        ("rural_disposable_income", "农村居民人均可支配收入", "growth", "actual", 9.0, "eq",
         "2021", ""),
    ]  # fmt: skip


def test_a_figure_in_parentheses_is_the_subjects_before_it() -> None:
    text = (
        REPORT_2018
        + REVIEW_2017
        + "全市生产总值完成3227.3亿元、增长6.0%（不含雄安增长7.3%，全省第一），一般公共预算收入"
        "完成238.4亿元、同比增长7.4%（不含雄安增长8.4%、全省第五），固定资产投资完成2581.9亿元"
        "（不含雄安增长6.6%、全省第三），社会消费品零售总额增长10.8%。\n"
    )
    assert rows(text, "保定市") == [
        ("gdp", "全市生产总值", "level", "actual", 322730000000.0, "eq", "2017", ""),
        ("gdp", "全市生产总值", "growth", "actual", 6.0, "eq", "2017", ""),
        ("gdp", "全市生产总值", "growth", "actual", 7.3, "eq", "2017", ""),
        ("gdp", "全市生产总值", "rank", "actual", 1.0, "eq", "2017", "province"),
        ("public_budget_revenue", "一般公共预算收入", "level", "actual", 23840000000.0, "eq",
         "2017", ""),
        ("public_budget_revenue", "一般公共预算收入", "growth", "actual", 7.4, "eq", "2017", ""),
        ("public_budget_revenue", "一般公共预算收入", "growth", "actual", 8.4, "eq", "2017", ""),
        ("public_budget_revenue", "一般公共预算收入", "rank", "actual", 5.0, "eq", "2017",
         "province"),
        ("fixed_asset_investment", "固定资产投资", "level", "actual", 258190000000.0, "eq",
         "2017", ""),
        ("fixed_asset_investment", "固定资产投资", "growth", "actual", 6.6, "eq", "2017", ""),
        ("fixed_asset_investment", "固定资产投资", "rank", "actual", 3.0, "eq", "2017",
         "province"),
        ("retail_sales", "社会消费品零售总额", "growth", "actual", 10.8, "eq", "2017", ""),
    ]  # fmt: skip


def test_a_growth_in_parentheses_after_a_level() -> None:
    text = (
        REPORT_2022
        + REVIEW_2021
        + "全市生产总值完成3725亿元(同比增长3%)，进出口总额完成500亿元（增长8.5%）。\n"
    )
    assert rows(text, "某市") == [
        ("gdp", "全市生产总值", "level", "actual", 372500000000.0, "eq", "2021", ""),
        ("gdp", "全市生产总值", "growth", "actual", 3.0, "eq", "2021", ""),
        ("foreign_trade", "进出口总额", "level", "actual", 50000000000.0, "eq", "2021", ""),
        ("foreign_trade", "进出口总额", "growth", "actual", 8.5, "eq", "2021", ""),
    ]


def test_a_parenthesis_of_another_subject_is_not_the_subject_before_it() -> None:
    text = REPORT_2022 + REVIEW_2021 + "全市生产总值完成3725亿元(其中第三产业占52%)。\n"
    assert [r[:3] for r in rows(text, "某市")] == [("gdp", "全市生产总值", "level")]


REPORT_2026 = "政府工作报告\n——2026年1月20日在某市第五届人民代表大会第五次会议上\n"
REVIEW_2025 = "一、2025年工作回顾\n"


def test_numbers_written_with_spaces_are_read_and_quoted_as_stored() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "这一年,预计全年地区生产总值增长 5.5%, 居民人均可支配收入增长 6.2 %,各项存款余额突破 "
        "4000 亿元;新增规工企业 90 家,组建产业联盟 16 个。\n"
    )
    got = extracted(text, "永州市")  # (asserts each quote is the stored text at its offsets)
    assert [
        (r.indicator_code, r.indicator_zh, r.measure, r.obs_value, r.qualifier, r.value_text)
        for r in got
    ] == [
        ("gdp", "地区生产总值", "growth", 5.5, "eq", "5.5%"),
        ("disposable_income", "居民人均可支配收入", "growth", 6.2, "eq", "6.2 %"),
        ("deposits", "各项存款余额", "level", 400000000000.0, "gt", "4000 亿元"),
        ("", "新增规工企业", "level", 90.0, "eq", "90 家"),
        ("", "组建产业联盟", "level", 16.0, "eq", "16 个"),
    ]
    assert got[2].quote == "各项存款余额突破 4000 亿元"


def test_spaced_fields_and_list_numbers_keep_their_spaces() -> None:
    text = (
        REPORT_2026
        + "添加时间 2026/2/12 15:20:47  浏览次数 4034 次\n"
        + REVIEW_2025
        + "10 更新改造居民小区供水设施。\n"
    )
    assert rows(text, "某市") == []


def test_a_hard_wrap_inside_a_word_or_a_figure_is_read_through() -> None:
    text = (
        REPORT_2026
        + "一、十四五工作回顾\n"
        + "过去五年,经济综合实力稳步提升。全市地区生产总值年均增长3.7%,社会消费品\n"
        "零售总额年均增长7%,城乡融合发展取得新成效,固定资产投资25\n0.3亿元。2025年一般公共预算收入完成32.83亿元,"
        "一般公共预算支出242.14亿元,城乡居民人均\n可支配收入分别达到31096元、9756元。\n"
    )
    got = extracted(text, "平凉市")
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in got] == [
        ("gdp", "avg_growth", 3.7, "2021/2025"),
        ("retail_sales", "avg_growth", 7.0, "2021/2025"),
        ("fixed_asset_investment", "level", 25030000000.0, "2025"),
        ("public_budget_revenue", "level", 3283000000.0, "2025"),
        ("public_budget_expenditure", "level", 24214000000.0, "2025"),
        ("urban_disposable_income", "level", 31096.0, "2025"),
        ("rural_disposable_income", "level", 9756.0, "2025"),
    ]
    assert got[1].quote == "社会消费品\n零售总额年均增长7%"
    assert got[1].indicator_zh == "社会消费品零售总额"


def test_a_heading_line_is_not_joined_to_the_next() -> None:
    text = REPORT_2026 + "一、2025年工作回顾\n2025年,全市地区生产总值增长5%。\n"
    assert [r[:3] for r in rows(text, "某市")] == [("gdp", "全市地区生产总值", "growth")]


def rows_in(text: str, area: str, code: str) -> list[tuple[str, str, str, float, str, str]]:
    """(code, subject, measure, value, period, scope) of each row, for an area with its code."""
    return [
        (r.indicator_code, r.indicator_zh, r.measure, r.obs_value, r.time_period, r.compare_scope)
        for r in extracted_in(text, area, code)
    ]


def test_a_rank_among_a_named_prefectures_counties_is_a_city_rank() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "全市地区生产总值完成423.46亿元,总量稳居南宁市县域第一、全区县域前列,增长5.4%。"
        "一般公共预算收入增长20.87%、高于全区12.6个百分点,排南宁市县域第一。"
        "税收收入增长18.46%、排南宁市县域第二。\n"
    )
    assert rows_in(text, "横州市", "450127") == [
        ("gdp", "全市地区生产总值", "level", 42346000000.0, "2025", ""),
        ("gdp", "全市地区生产总值总量", "rank", 1.0, "2025", "city"),
        ("gdp", "全市地区生产总值总量", "growth", 5.4, "2025", ""),
        ("public_budget_revenue", "一般公共预算收入", "growth", 20.87, "2025", ""),
        ("public_budget_revenue", "一般公共预算收入", "pp_gap", 12.6, "2025", "province"),
        ("public_budget_revenue", "一般公共预算收入", "rank", 1.0, "2025", "city"),
        ("tax_revenue", "税收收入", "growth", 18.46, "2025", ""),
        ("tax_revenue", "税收收入", "rank", 2.0, "2025", "city"),
    ]


def test_a_scope_before_its_verb_of_ranking() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "全县地区生产总值增长5%,全省排名第3。全省县域经济排名第5。综合实力全国排名第10位。"
        "地区生产总值居全市第二位。\n"
    )
    assert rows_in(text, "肇源县", "230622") == [
        ("gdp", "全县地区生产总值", "growth", 5.0, "2025", ""),
        ("gdp", "全县地区生产总值", "rank", 3.0, "2025", "province"),
        ("", "县域经济", "rank", 5.0, "2025", "province"),
        ("", "综合实力", "rank", 10.0, "2025", "country"),
        ("gdp", "地区生产总值", "rank", 2.0, "2025", "city"),
    ]


def test_names_and_modifiers_holding_a_rank_word_are_no_rank() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "深圳市第一人民医院门诊量增长5%。全省第一方阵企业12家。全国首批第一个试点落地。\n"
    )
    got = rows_in(text, "某市", "")
    assert [r[2] for r in got] == ["growth", "level"]  # (企业12家: a count)
    assert all(r[2] != "rank" for r in got)


def test_a_rank_after_a_share_is_the_amounts() -> None:
    text = (
        REPORT_2022
        + REVIEW_2021
        + "全区专利授权数总量达53167件,占全市26.3%,连续两年全市排名第一。\n"
    )
    got = rows_in(text, "宝安区", "440306")
    assert ("", "全区专利授权数总量", "rank", 1.0, "2021", "city") in got
    assert all("占" not in r[1] for r in got if r[2] == "rank")


def test_a_round_sum_in_yuan_passed_before_a_threshold_noun() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "保持经济平稳增长,GDP增长6.0%,首次突破百亿元大关,达到100.6亿元。"
        "智能终端集群规模迈上万亿元台阶。地区生产总值跨过3000亿元。\n"
    )
    got = extracted_in(text, "靖安县", "360925")
    assert [(r.indicator_code, r.measure, r.obs_value, r.qualifier) for r in got] == [
        ("gdp", "growth", 6.0, "eq"),
        ("gdp", "level", 10000000000.0, "gt"),
        ("gdp", "level", 10060000000.0, "eq"),
        ("", "level", 1000000000000.0, "ge"),
        ("gdp", "level", 300000000000.0, "gt"),
    ]


def test_a_threshold_aimed_at_or_naming_things_is_no_level() -> None:
    text = REPORT_2026 + REVIEW_2025 + "向着千亿元大关冲刺。打造超千亿元大关产业集群。\n"
    assert rows_in(text, "某市", "") == []


def test_gaps_to_a_list_of_comparators_with_an_elided_unit() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "全年GDP增长6%,高于全国、全省1个、0.2个百分点,总量跨过3000亿元历史性节点。"
        "规上工业增加值增长8%,分别高于全国、全省2.2和1.5个百分点。\n"
    )
    assert rows_in(text, "安庆市", "340800") == [
        ("gdp", "GDP", "growth", 6.0, "2025", ""),
        ("gdp", "GDP", "pp_gap", 1.0, "2025", "country"),
        ("gdp", "GDP", "pp_gap", 0.2, "2025", "province"),
        ("gdp", "GDP总量", "level", 300000000000.0, "2025", ""),
        ("industrial_value_added", "规上工业增加值", "growth", 8.0, "2025", ""),
        ("industrial_value_added", "规上工业增加值", "pp_gap", 2.2, "2025", "country"),
        ("industrial_value_added", "规上工业增加值", "pp_gap", 1.5, "2025", "province"),
    ]


def test_one_gap_to_two_comparators_is_unclear() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "规上工业增加值增长8%,高于全国、全省2.2个百分点。进出口增长9%,高于全国全省3个百分点。\n"
    )
    assert [r[2] for r in rows_in(text, "某市", "")] == ["growth", "growth"]


def test_a_year_after_a_subject_dates_its_threshold() -> None:
    text = (
        "政府工作报告\n——2021年1月20日在兴文县第十八届人民代表大会第六次会议上\n"
        "一、十三五工作回顾\n"
        "全县地区生产总值2018年突破百亿元大关,预计2020年实现144亿元、年均增长8.7%。\n"
    )
    assert rows_in(text, "兴文县", "511528") == [
        ("gdp", "全县地区生产总值", "level", 10000000000.0, "2018", ""),
        ("gdp", "全县地区生产总值", "level", 14400000000.0, "2020", ""),
        ("gdp", "全县地区生产总值", "avg_growth", 8.7, "2016/2020", ""),
    ]


def test_a_list_of_percentages_a_copy_glued_together_is_read_with_its_distributor() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "全市地区生产总值增长5.4%,其中一、二、三产增加值分别增长4.4%5.9%5.8%。"
        "规上工业增加值增长4.4%5.9%。\n"
    )
    assert rows_in(text, "横州市", "450127") == [
        ("gdp", "全市地区生产总值", "growth", 5.4, "2025", ""),
        ("primary_value_added", "第一产业增加值", "growth", 4.4, "2025", ""),
        ("secondary_value_added", "第二产业增加值", "growth", 5.9, "2025", ""),
        ("tertiary_value_added", "第三产业增加值", "growth", 5.8, "2025", ""),
        ("industrial_value_added", "规上工业增加值", "growth", 4.4, "2025", ""),
    ]


def test_a_group_of_cities_named_after_a_verb_of_ranking() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "地区生产总值增长5.5%、增速居一线城市首位。医改评价监测连续2年居副省级城市首位。"
        "线网密度居全国超大城市首位。全市生产总值增长3.6%,增速稳居东北四市首位。"
        "经济总量位居亚洲城市第五位。\n"
    )
    assert rows_in(text, "某市", "") == [
        ("gdp", "地区生产总值", "growth", 5.5, "2025", ""),
        ("gdp", "地区生产总值", "rank", 1.0, "2025", "country"),
        ("", "医改评价监测", "rank", 1.0, "2025", "country"),
        ("", "线网密度", "rank", 1.0, "2025", "country"),
        ("gdp", "全市生产总值", "growth", 3.6, "2025", ""),
        ("gdp", "全市生产总值", "rank", 1.0, "2025", ""),
        ("gdp", "经济总量", "rank", 5.0, "2025", ""),
    ]


def test_catalogued_names_found_in_round_6() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "调查失业率全年平均为5.45%。全部财政收入完成11.5亿元。研发经费支出占GDP比重1.9%。\n"
    )
    assert [r[0] for r in rows_in(text, "某市", "")] == [
        "urban_unemployment_rate",
        "fiscal_revenue",
        "rd_intensity",
    ]


def test_a_total_or_a_compared_growth_of_a_catalogued_name() -> None:
    text = (
        REPORT_2026 + REVIEW_2025 + "外贸进出口额跨越7000亿元大关,增长6%,总额连续第21年居全市第一。"
        "完成进出口总额1130.8亿美元,增长6.6%,较去年增速提高3个百分点。\n"
    )
    got = rows_in(text, "某区", "")
    assert ("foreign_trade", "外贸进出口额总额", "rank", 1.0, "2025", "city") in got
    assert ("foreign_trade", "进出口总额较去年增速", "pp_change", 3.0, "2025", "") in got


def test_a_count_of_the_years_practical_projects_in_the_targets_is_no_value() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "二、2026年主要预期目标\n2026年经济社会发展的主要预期目标是:地区生产总值增长5%;"
        "完成59件年度民生实事;城镇登记失业率控制在3%以内。\n"
    )
    assert [(r[0], r[2], r[3]) for r in rows_in(text, "某区", "")] == [
        ("gdp", "growth", 5.0),
        ("urban_registered_unemployment_rate", "level", 3.0),
    ]


def test_a_rank_of_two_bare_heads_joined_by_and_is_unclear() -> None:
    text = (
        REPORT_2026 + REVIEW_2025 + "建成2400公里绿道,总长和密度居珠三角城市首位。"
        "本地企业中小板和创业板上市总量连续9年居大中城市首位。\n"
    )
    got = rows_in(text, "某市", "")
    assert [r for r in got if r[2] == "rank"] == [
        ("", "本地企业中小板和创业板上市总量", "rank", 1.0, "2025", "country")
    ]


def test_a_trailing_adverb_is_no_part_of_the_subject_and_listed_thresholds_are_read() -> None:
    text = (
        "政府工作报告\n——2021年1月20日在扬州市第八届人民代表大会第五次会议上\n"
        "一、2020年工作回顾\n"
        "扬州全市GDP连续迈上5000亿元、6000亿元两大台阶。民生支出连续保持全市第一。"
        "地区生产总值连续3年增长6%。\n"
    )
    assert rows_in(text, "扬州市", "321000") == [
        ("gdp", "扬州全市GDP", "level", 500000000000.0, "2020", ""),
        ("gdp", "扬州全市GDP", "level", 600000000000.0, "2020", ""),
        ("", "民生支出", "rank", 1.0, "2020", "city"),
        ("gdp", "地区生产总值", "growth", 6.0, "2020", ""),
    ]


def test_first_of_a_scopes_members() -> None:
    text = (
        REPORT_2026
        + REVIEW_2025
        + "人均GDP达12.5万元,居全国各省(区)之首。筹集建设公共住房7.29万套，居全市各区之首。"
        "农业是百业之首。\n"
    )
    assert [r for r in rows_in(text, "某省", "") if r[2] == "rank"] == [
        ("gdp_per_capita", "人均GDP", "rank", 1.0, "2025", "country"),
        ("", "筹集建设公共住房", "rank", 1.0, "2025", "city"),
    ]
