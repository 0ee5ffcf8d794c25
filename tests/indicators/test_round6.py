"""Phrasing classes of tuning round 6 (issue 10's remaining classes, corpus rounds 1-4), and
how a 2026 provincial report's wording reads: one short real-like sentence -> exact rows."""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract
from ingest.indicators.gate import collecting
from ingest.indicators.numerals import scan_values
from ingest.text import normalize_text
from tests.indicators.support import extracted

REPORT_2026 = "政府工作报告\n——2026年1月20日在某省第十四届人民代表大会第四次会议上\n"
REVIEW_2025 = "一、2025年工作回顾\n"

Row = tuple[str, str, str, str, float, str, str, str]


def rows(text: str, area: str = "某省") -> list[Row]:
    return [
        (
            r.indicator_code,
            r.indicator_zh,
            r.measure,
            r.obs_kind,
            r.obs_value,
            r.qualifier,
            r.time_period,
            r.compare_scope,
        )
        for r in extracted(text, area)
    ]


def extracted_in(text: str, area: str, code: str) -> list[ExtractedObservation]:
    """The rows of ``text`` for an area with its GB/T 2260 code."""
    return extract(normalize_text(text), ref_area=area, ref_area_code=code)


def test_a_top_group_of_n_is_a_rank_of_at_most_n() -> None:
    text = REPORT_2026 + REVIEW_2025 + "节假日游客量跻身全国TOP30、稳居全省首位。\n"
    assert rows(text) == [
        ("", "节假日游客量", "rank", "actual", 30, "le", "2025", "country"),
        ("", "节假日游客量", "rank", "actual", 1, "eq", "2025", "province"),
    ]
    text = REPORT_2026 + REVIEW_2025 + "综合实力进入全国城市50强。\n"
    assert rows(text) == [("", "综合实力", "rank", "actual", 50, "le", "2025", "country")]


def test_no_number_no_rank_and_a_firm_kind_is_no_top_group() -> None:
    for sentence in (
        "综合实力跻身全国前列。",  # 前列: no number
        "新引进全国500强企业12家。",  # a kind of firm, not a rank of the area
        "连续第三年位列全国工业百强区前列。",
    ):
        got = rows(REPORT_2026 + REVIEW_2025 + sentence + "\n")
        assert all(r[2] != "rank" for r in got), (sentence, got)


def test_a_bare_round_sum_passed_is_a_level_in_yuan() -> None:
    text = REPORT_2026 + REVIEW_2025 + "旅游业总收入首次突破百亿大关,达101.64亿元,增长10.6%。\n"
    assert rows(text) == [
        ("tourism_revenue", "旅游业总收入", "level", "actual", 1e10, "gt", "2025", ""),
        ("tourism_revenue", "旅游业总收入", "level", "actual", 10164000000, "eq", "2025", ""),
        ("tourism_revenue", "旅游业总收入", "growth", "actual", 10.6, "eq", "2025", ""),
    ]
    text = REPORT_2026 + REVIEW_2025 + "工业总产值迈上千亿台阶。\n"
    assert rows(text) == [("", "工业总产值", "level", "actual", 1e11, "ge", "2025", "")]


def test_steps_counted_or_unnumbered_are_no_level() -> None:
    for t in ("跨越3个十亿级台阶", "连续跨越两个千亿元台阶", "迈上新台阶", "新增机器人5000台阶段"):
        values = [(v.value, v.unit) for v in scan_values(t, 0, len(t))]
        assert (1e11, "CNY") not in values and (1e10, "CNY") not in values, (t, values)
    assert [(v.value, v.unit) for v in scan_values("迈上千亿台阶", 0, 6)] == [(1e11, "CNY")]


def test_a_clause_of_steps_passed_names_the_subject_of_the_values_after_it() -> None:
    text = REPORT_2026 + "二、“十四五”发展成就\n"
    text += "五年来,全省经济总量连跨两个万亿台阶,2025年达到6.5万亿元,年均增长5.6%。\n"
    assert rows(text) == [
        ("gdp", "全省经济总量", "level", "actual", 6.5e12, "eq", "2025", ""),
        ("gdp", "全省经济总量", "avg_growth", "actual", 5.6, "eq", "2021/2025", ""),
    ]


def test_a_year_between_subject_and_verb_dates_the_value() -> None:
    text = REPORT_2026 + "二、“十四五”发展成就\n五年来,全省经济总量2025年达到6.5万亿元。\n"
    assert rows(text) == [("gdp", "全省经济总量", "level", "actual", 6.5e12, "eq", "2025", "")]
    text = REPORT_2026 + "二、“十四五”发展成就\n刑事治安警情2025年下降17.8%、五年降幅达64.5%。\n"
    assert [(r[1], r[4], r[6]) for r in rows(text)] == [
        ("刑事治安警情", -17.8, "2025"),
        ("刑事治安警情", -64.5, "2021/2025"),
    ]


def test_an_increment_is_the_new_things_named_before_it_or_nothing() -> None:
    text = REPORT_2026 + REVIEW_2025 + "全区新增床位超6000张、增量全市第一。\n"
    assert rows(text) == [
        ("", "全区新增床位", "level", "actual", 6000, "gt", "2025", ""),
        ("", "全区新增床位", "rank", "actual", 1, "eq", "2025", "city"),
    ]
    # of several subjects (均) or of a stock, an increment names no single subject
    text = REPORT_2026 + REVIEW_2025
    text += "新增高新技术企业210家、科技型中小企业1235家,新增数量均居全省第一。\n"
    assert [r[2] for r in rows(text)] == ["level", "level"]
    text = REPORT_2026 + REVIEW_2025 + "存款余额1.2万亿元、增量全省第一,占全国比重3.1%。\n"
    assert [r[2] for r in rows(text)] == ["level"]


def test_a_degree_adverb_before_a_comparison_is_not_the_subject() -> None:
    text = REPORT_2026 + REVIEW_2025 + "城镇登记失业率远低于3%。\n"
    assert rows(text) == [
        (
            "urban_registered_unemployment_rate",
            "城镇登记失业率",
            "level",
            "actual",
            3,
            "lt",
            "2025",
            "",
        )
    ]


def test_a_parallel_modifier_in_a_list_takes_the_last_items_head() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "居民人均可支配收入增长5.2%,其中城镇、农村居民分别增长4.5%和6.3%。\n"
    assert rows(text) == [
        ("disposable_income", "居民人均可支配收入", "growth", "actual", 5.2, "eq", "2025", ""),
        ("urban_disposable_income", "城镇居民", "growth", "actual", 4.5, "eq", "2025", ""),
        ("rural_disposable_income", "农村居民", "growth", "actual", 6.3, "eq", "2025", ""),
    ]
    text = REPORT_2026 + REVIEW_2025 + "14号、16号线车站主体结构分别完成90%、75%。\n"
    assert [(r[1], r[4]) for r in rows(text)] == [
        ("14号线车站主体结构", 90),
        ("16号线车站主体结构", 75),
    ]


def test_provincial_review_wording() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "全省实现地区生产总值6.2万亿元,比上年增长5.4%。"
    text += "全省居民人均可支配收入3.5万元、增长5%,城乡居民人均可支配收入分别增长4.5%、6.3%。\n"
    assert rows(text) == [
        ("gdp", "全省地区生产总值", "level", "actual", 6.2e12, "eq", "2025", ""),
        ("gdp", "全省地区生产总值", "growth", "actual", 5.4, "eq", "2025", ""),
        ("disposable_income", "全省居民人均可支配收入", "level", "actual", 35000, "eq", "2025", ""),
        ("disposable_income", "全省居民人均可支配收入", "growth", "actual", 5, "eq", "2025", ""),
        (
            "urban_disposable_income",
            "城镇居民人均可支配收入",
            "growth",
            "actual",
            4.5,
            "eq",
            "2025",
            "",
        ),
        (
            "rural_disposable_income",
            "农村居民人均可支配收入",
            "growth",
            "actual",
            6.3,
            "eq",
            "2025",
            "",
        ),
    ]
    # a municipality's report says 全市, an autonomous region's 全区: the area's own figures
    text = REPORT_2026 + REVIEW_2025 + "全市地区生产总值增长5.3%。全区生产总值增长5.2%。\n"
    assert [(r[0], r[4]) for r in rows(text, "重庆市")] == [("gdp", 5.3), ("gdp", 5.2)]


def test_a_fifteenth_plan_main_targets_list() -> None:
    text = REPORT_2026 + "二、“十五五”时期经济社会发展的主要目标\n"
    text += "到2030年,地区生产总值年均增长5%左右,居民人均可支配收入增长与经济增长同步,"
    text += "研发经费投入强度达到3%,常住人口城镇化率达到72%,人均地区生产总值达到12万元。\n"
    assert rows(text) == [
        ("gdp", "地区生产总值", "avg_growth", "target", 5, "approx", "2026/2030", ""),
        ("rd_intensity", "研发经费投入强度", "level", "target", 3, "eq", "2030", ""),
        ("urbanization_rate", "常住人口城镇化率", "level", "target", 72, "eq", "2030", ""),
        ("gdp_per_capita", "人均地区生产总值", "level", "target", 120000, "eq", "2030", ""),
    ]


def test_the_years_main_targets_in_a_provincial_report() -> None:
    text = REPORT_2026 + "三、2026年工作安排\n今年全省经济社会发展的主要预期目标是:"
    text += "地区生产总值增长5%左右;城镇新增就业60万人以上,城镇调查失业率5.5%左右;"
    text += "居民消费价格涨幅2%左右;居民收入增长和经济增长同步。\n"
    assert rows(text) == [
        ("gdp", "地区生产总值", "growth", "target", 5, "approx", "2026", ""),
        ("urban_new_jobs", "城镇新增就业", "level", "target", 600000, "ge", "2026", ""),
        ("urban_unemployment_rate", "城镇调查失业率", "level", "target", 5.5, "approx", "2026", ""),
        ("cpi", "居民消费价格", "growth", "target", 2, "approx", "2026", ""),
    ]


def test_a_hard_wrapped_sentence_is_read_whole_and_headings_stay_headings() -> None:
    text = REPORT_2026 + "二、“十五五”时期经济社会发展的主要目标\n"
    text += "到2030年,全面完成各项约束性指标,森林覆盖率达到36.5%,"
    text += "万元GDP用水量、能耗、二氧化碳排放分别降低\n"
    text += "15%、15%、\n19%。\n三、2026年工作安排\n地区生产总值增长5%左右。\n"
    assert rows(text) == [
        ("forest_coverage", "森林覆盖率", "level", "target", 36.5, "eq", "2030", ""),
        ("", "万元GDP用水量", "growth", "target", -15, "eq", "2026/2030", ""),
        ("energy_intensity", "万元GDP能耗", "growth", "target", -15, "eq", "2026/2030", ""),
        ("carbon_intensity", "万元GDP二氧化碳排放", "growth", "target", -19, "eq", "2026/2030", ""),
        ("gdp", "地区生产总值", "growth", "target", 5, "approx", "2026", ""),
    ]
    # a short line with no closing mark may be a heading: it is not joined to the next
    text = REPORT_2026 + REVIEW_2025 + "坚持创新驱动\n全省研发经费投入增长8%。\n"
    assert [r[1] for r in rows(text)] == ["全省研发经费投入"]


def test_a_per_gdp_prefix_is_every_list_items() -> None:
    text = (
        REPORT_2026 + "三、2026年工作安排\n单位地区生产总值能耗和二氧化碳排放分别下降3%、3.5%。\n"
    )
    assert rows(text) == [
        ("energy_intensity", "单位地区生产总值能耗", "growth", "target", -3, "eq", "2026", ""),
        (
            "carbon_intensity",
            "单位地区生产总值二氧化碳排放",
            "growth",
            "target",
            -3.5,
            "eq",
            "2026",
            "",
        ),
    ]


def test_things_done_in_a_five_year_review_are_totals_over_its_years() -> None:
    text = REPORT_2026 + "二、“十四五”发展成就\n"
    text += "承接京津投资5000万元以上项目1171个。实施城市更新项目330个,引进高端创新人才1145人。\n"
    assert [(r[1], r[4], r[6]) for r in rows(text)] == [
        ("承接京津投资5000万元以上项目", 1171, "2021/2025"),
        ("实施城市更新项目", 330, "2021/2025"),
        ("引进高端创新人才", 1145, "2021/2025"),
    ]
    # in the year's review the same words count that year's
    text = REPORT_2026 + REVIEW_2025 + "实施城市更新项目330个。\n"
    assert [r[6] for r in rows(text)] == ["2025"]


def test_a_zone_named_after_another_area_is_not_that_area() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "北京大兴国际机场临空经济区完成投资262亿元。赣州经济总量增长5%。\n"
    got = extracted(text, "河北省")
    assert [(r.indicator_zh, r.ref_area, r.obs_value) for r in got] == [
        ("赣州经济总量", "赣州市", 5)
    ]


def test_a_rank_of_a_list_with_no_distributor_is_dropped() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "群众安全感、公安工作满意度连续4年排名全省第一。食品、药品抽检合格率均居全省第一。\n"
    assert [(r[1], r[2], r[4]) for r in rows(text)] == [
        ("食品抽检合格率", "rank", 1),
        ("药品抽检合格率", "rank", 1),
    ]


def test_plan_items_and_lost_subjects_give_no_row() -> None:
    plan = REPORT_2026 + "三、2026年工作安排\n办好20件民生实事和1000件民生微实事。\n"
    assert rows(plan) == []
    text = REPORT_2026 + REVIEW_2025 + "全省被动房累计开工440万平方米、建筑面积全国第一。\n"
    assert [r[1] for r in rows(text)] == ["全省被动房累计开工"]
    text = REPORT_2026 + REVIEW_2025 + "光启等45家新型研发机构异军突起,383件民生微实事较好完成。\n"
    assert [(r[1], r[4]) for r in rows(text)] == [("新型研发机构", 45), ("民生微实事", 383)]


def test_first_among_the_countrys_cities_is_a_national_rank() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "外贸进出口总额达4.5万亿元,连续2年保持全国城市首位。"
    text += "出口1.64万亿元,连续23年居国内城市首位。\n"
    assert [(r[0], r[2], r[4], r[7]) for r in rows(text, "深圳市")] == [
        ("foreign_trade", "level", 4.5e12, ""),
        ("foreign_trade", "rank", 1, "country"),
        ("exports", "level", 1.64e12, ""),
        ("exports", "rank", 1, "country"),
    ]
    # a group of districts ranked (工业百强区) is the area's rank, not its industry's
    text = REPORT_2026 + REVIEW_2025 + "规上工业增加值增长9.4%,连续七年位居全国工业百强区榜首。\n"
    assert [(r[1], r[2]) for r in rows(text, "龙岗区")] == [
        ("规上工业增加值", "growth"),
        ("工业百强区", "rank"),
    ]


def test_the_whole_region_is_a_province_only_inside_an_autonomous_region() -> None:
    text = REPORT_2026 + REVIEW_2025 + "招商引资签约项目数量全区第一。\n"
    got = [(r.measure, r.compare_scope) for r in extracted_in(text, "赤峰市", "150400")]
    assert got == [("rank", "province")]
    # in a district's report 全区 is the district itself: no group to rank in
    assert extracted_in(text, "龙岗区", "440307") == []


def test_a_single_character_is_no_subject_and_lends_none() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "1050名学者入选顶尖科学家榜单,研究与试验发展人员全时当量47.4万人年、居全国城市首位。\n"
    with collecting() as held:
        assert rows(text) == []
    # read as 学者, and withheld by the precision gate: which scholars is in the predicate
    assert [(w.row.indicator_zh, w.rule) for w in held] == [("学者", "lost_qualifier")]


def test_a_kind_of_goods_is_not_all_exports() -> None:
    text = REPORT_2026 + REVIEW_2025 + "高新技术产品出口总额增长12%。\n"
    assert rows(text) == [("", "高新技术产品出口总额", "growth", "actual", 12, "eq", "2025", "")]


def test_a_rank_among_the_hundred_best_and_places_gained() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "排名全国综合竞争力百强区第22位,较上一年度再进两位。"
    text += "规上工业增加值增长9.4%,连续七年位居全国工业百强区榜首。\n"
    assert [(r[1], r[2], r[4], r[7]) for r in rows(text, "龙华区")] == [
        ("综合竞争力百强区", "rank", 22, "country"),
        ("综合竞争力百强区", "rank_change", 2, ""),
        ("规上工业增加值", "growth", 9.4, ""),
        ("工业百强区", "rank", 1, "country"),
    ]
    # a small count after a verb that is no shift of places stays no value
    text = REPORT_2026 + REVIEW_2025 + "推进两个项目,全省排名前移三个位次。\n"
    assert [(r[1], r[2], r[4]) for r in rows(text)] == [("全省排名", "rank_change", 3)]


def test_a_list_shares_its_verb_of_new_things() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "新增国家级高新技术企业2200家、科技型中小企业1.2万家。新开工5万套、竣工2.13万套。\n"
    assert [(r[1], r[4]) for r in rows(text)] == [
        ("新增国家级高新技术企业", 2200),
        ("新增科技型中小企业", 12000),
        ("新开工", 50000),
        ("竣工", 21300),
    ]


def test_per_unit_figures_cut_modifiers_and_clauses_are_no_rows() -> None:
    plan = REPORT_2026 + "三、2026年工作安排\n"
    for sentence in (
        "每个县(市、区)每年至少培育10家领军企业。",  # a clause cut inside a parenthesis
        "力争新增10家央企二级、三级子公司在本市落地。",  # 二级 is cut off by the list
    ):
        assert rows(plan + sentence + "\n") == [], sentence
    text = (
        REPORT_2026
        + REVIEW_2025
        + "在三产占比上升10个以上百分点的基础上,现代服务业占比提升至63%。\n"
    )
    assert [r[1] for r in rows(text)] == ["现代服务业占比"]


def test_things_lifted_out_in_a_five_year_review_are_totals() -> None:
    text = REPORT_2026 + "二、“十四五”发展成就\n62个贫困县全部摘帽,7746个贫困村全部出列。\n"
    assert [(r[4], r[6]) for r in rows(text)] == [(62, "2021/2025"), (7746, "2021/2025")]


def test_a_net_gain_is_a_change_of_the_stock() -> None:
    text = REPORT_2026 + REVIEW_2025 + "商事主体净增4.5万家。净增规上工业企业175户。\n"
    assert [(r[1], r[2], r[4]) for r in rows(text)] == [
        ("商事主体", "change", 45000),
        ("净增规上工业企业", "level", 175),  # the things named after 净增: a count (dev gold)
    ]


def test_money_spent_in_a_five_year_review_is_a_total_over_its_years() -> None:
    text = REPORT_2026 + "二、“十四五”发展成就\n"
    text += "持续推进流域综合治理,投资187亿元,实施项目169个。北京市投入帮扶资金16.4亿元。"
    text += "全省地区生产总值达到6.2万亿元。\n"
    with collecting() as held:
        got = [(r[1], r[2], r[4], r[6]) for r in rows(text)]
    # 投资 and 实施项目 are read as the interval's totals, and withheld by the precision gate:
    # bare subjects (实施项目 since precision round 19: the projects of what?)
    assert [(w.row.indicator_zh, w.row.time_period, w.rule) for w in held] == [
        ("投资", "2021/2025", "bare_subject"),
        ("实施项目", "2021/2025", "bare_subject"),
    ]
    assert got == [
        ("北京市投入帮扶资金", "level", 1640000000, "2021/2025"),
        ("全省地区生产总值", "level", 6.2e12, "2025"),  # a level reached: the last year
    ]


def test_yuan_per_head_is_yuan() -> None:
    text = REPORT_2026 + "二、“十五五”时期经济社会发展的主要目标\n"
    text += "到2030年全员劳动生产率提高到25万元/人以上,居民可支配收入达55000元/人。\n"
    assert rows(text) == [
        ("", "全员劳动生产率", "level", "target", 250000, "ge", "2030", ""),
        ("disposable_income", "居民可支配收入", "level", "target", 55000, "eq", "2030", ""),
    ]


def test_each_after_a_sentence_of_values_ranks_each_subject() -> None:
    text = REPORT_2026 + REVIEW_2025
    text += "全社会研发投入占GDP比重15.8%,PCT国际专利申请量超5800件,均全市第一。"
    text += "地区生产总值增长5%、一般公共预算收入增长4%,增速均居全省第一。\n"
    assert [(r[1], r[2], r[7]) for r in rows(text, "龙岗区")] == [
        ("全社会研发投入占GDP比重", "level", ""),
        ("PCT国际专利申请量", "level", ""),
        ("全社会研发投入占GDP比重", "rank", "city"),
        ("PCT国际专利申请量", "rank", "city"),
        ("地区生产总值", "growth", ""),
        ("一般公共预算收入", "growth", ""),
        ("地区生产总值", "rank", "province"),
        ("一般公共预算收入", "rank", "province"),
    ]
    # more than three subjects before 均: which of them is unclear, no rank row
    text = (
        REPORT_2026
        + REVIEW_2025
        + "A产值增长5%,B产值增长6%,C产值增长7%,D产值增长8%,均居全省第一。\n"
    )
    assert all(r[2] != "rank" for r in rows(text))


def test_an_industry_alone_as_a_subject_is_its_value_added() -> None:
    """Found on corpus round 7 (c92, after its first run): 第一产业 with a growth and a level
    in yuan is the primary industry's value added, as 一产 and 服务业 are."""
    text = REPORT_2026 + REVIEW_2025
    text += "第一产业增长9.1%达21.2亿元,第二产业增长18.2%,服务业增长8.4%。"
    text += "第三产业占比提高到52%。\n"
    assert [(r[0], r[2], r[4]) for r in rows(text)] == [
        ("primary_value_added", "growth", 9.1),
        ("primary_value_added", "level", 2120000000.0),
        ("secondary_value_added", "growth", 18.2),
        ("tertiary_value_added", "growth", 8.4),
        ("", "level", 52.0),  # a share of the economy is not the value added
    ]
