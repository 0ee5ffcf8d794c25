"""Phrasing classes of tuning round 9 (found on corpus rounds 8 and 9, after their first
runs): spaces and line breaks a copy puts inside figures and words, urban and rural split
by a 顿号, notes inside a subject, ranks and thresholds, and catalogue names."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.text import normalize_text
from tests.indicators.support import extracted
from tests.indicators.test_round6 import rows

REPORT = "政府工作报告\n——2026年1月6日在某市第十五届人民代表大会第五次会议上\n"
REVIEW = REPORT + "一、2025年工作回顾\n"


def codes(text: str, area: str = "某市") -> list[tuple[str, str, float]]:
    return [(r.indicator_code, r.measure, r.obs_value) for r in extracted(text, area)]


def test_catalogue_names_of_round_9() -> None:
    # c109 一产增加值, c113 进出口 alone, c114 研发经费支出相当于全市生产总值的比例, c104 各类存款
    text = (
        REVIEW + "全区一产增加值65.4亿元、增长5.9%。进出口增长30.9%。"
        "金融机构各类存款余额达230亿元。\n二、2026年主要目标\n"
        "全社会研发经费支出相当于全市生产总值的比例达到4.5%左右。\n"
    )
    assert codes(text) == [
        ("primary_value_added", "level", 6540000000.0),
        ("primary_value_added", "growth", 5.9),
        ("foreign_trade", "growth", 30.9),
        ("deposits", "level", 23000000000.0),
        ("rd_intensity", "level", 4.5),
    ]


def test_trade_inside_a_longer_name_is_not_foreign_trade() -> None:
    # 进出口 is an exact alias: a longer subject ending so keeps no code
    text = REVIEW + "服务贸易进出口增长12%。\n"
    assert codes(text) == [("", "growth", 12.0)]


def test_pinyin_aid_with_a_space_before_its_bracket_is_read_through() -> None:
    # c112 (西安 2021): 社會(huì )消費品零售總額增長(cháng)9%以上
    text = (
        REPORT + "二、2026年主要目标\n全社會(huì )固定資產(chǎn)投資增長(cháng)10%以上;"
        "社會(huì )消費品零售總額增長(cháng)9%以上。\n"
    )
    found = extracted(text)
    assert [(r.indicator_code, r.obs_value, r.qualifier) for r in found] == [
        ("fixed_asset_investment", 10.0, "ge"),
        ("retail_sales", 9.0, "ge"),
    ]
    assert found[1].quote.startswith("社會(huì )")


def test_a_shared_rank_after_a_fenbie_clause_ranks_its_subjects() -> None:
    # c111 (嘉兴 2025): 均保持全省第三 ranks the two revenues of the 分别 clause, not the GDP
    text = (
        REVIEW + "全市实现地区生产总值7569.5亿元、增长5.6%,财政总收入、一般公共预算收入"
        "分别达到1073.6亿元和638.7亿元,均保持全省第三。\n"
    )
    ranks = [(r[0], r[4], r[7]) for r in rows(text, "某市") if r[2] == "rank"]
    assert ranks == [
        ("fiscal_revenue", 3.0, "province"),
        ("public_budget_revenue", 3.0, "province"),
    ]


def test_a_shared_rank_after_plain_clauses_still_ranks_each() -> None:
    # without a 分别 clause last, every subject of the sentence (up to three) ranks
    text = REVIEW + "研发投入强度3.5%,PCT国际专利申请量超5800件,均全市第一。\n"
    ranks = [r[1] for r in rows(text, "某区") if r[2] == "rank"]
    assert ranks == ["研发投入强度", "PCT国际专利申请量"]


REVIEW_2020 = (
    "政府工作报告\n——2021年1月6日在某市第十五届人民代表大会第五次会议上\n一、2020年工作回顾\n"
)


def test_spaces_inside_a_unit_and_a_change_verb_are_read_through() -> None:
    # c93 (泰州 2021): 5312 亿 元; c95 (三明 2021): 增 长- 39.7%, 下 降0.3%
    text = (
        REVIEW_2020 + "预计实现地区生产总值 5312 亿 元,增长 3.6%;外贸出口106.6亿元,增 长- 39.7%;"
        "社会消费品零售总额781.71亿元,下 降0.3%。\n"
    )
    found = extracted(text)  # asserts every quote is the stored text at its offsets
    assert [(r.indicator_code, r.measure, r.obs_value) for r in found] == [
        ("gdp", "level", 531200000000.0),
        ("gdp", "growth", 3.6),
        ("exports", "level", 10660000000.0),
        ("exports", "growth", -39.7),
        ("retail_sales", "level", 78171000000.0),
        ("retail_sales", "growth", -0.3),
    ]
    assert found[0].quote.endswith("5312 亿 元")
    assert found[3].quote.endswith("增 长- 39.7%")


def test_a_space_after_a_decimal_point_is_read_through() -> None:
    # c103 (济南 2026): 一般公共预算收入年均增长3. 9% is 3.9, not a level of 9
    text = REVIEW_2020.replace("一、2020年", "一、“十三五”时期和2020年") + (
        "五年来,一般公共预算收入年均增长3. 9%。\n"
    )
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in extracted(text)] == [
        ("public_budget_revenue", "avg_growth", 3.9, "2016/2020")
    ]


def test_a_spaced_verb_is_joined_only_in_a_clause_of_prose() -> None:
    # a line that spaces its words (出口 增 长 12%) keeps its spaces: no growth is read there
    text = REVIEW_2020 + "出口 增 长 12%\n出口增 长12%。\n"
    assert [(r.measure, r.obs_value) for r in extracted(text) if r.indicator_code == "exports"] == [
        ("growth", 12.0)
    ]
    assert [r.quote for r in extracted(text) if r.measure == "growth"] == ["出口增 长12%"]


def test_urban_and_rural_split_by_a_dunhao() -> None:
    # c106 (沅陵 2019): 城、乡居民...分别为22694元、9527元,增长8.5%、11%
    text = (
        REVIEW_2020 + "城、乡居民人均可支配收入分别为22694元、9527元,增长8.5%、11%。"
        "城镇、农村居民人均可支配收入29462元、16733元,分别增长43.7%和65.5%。\n"
    )
    assert codes(text, "某县") == [
        ("urban_disposable_income", "level", 22694.0),
        ("rural_disposable_income", "level", 9527.0),
        ("urban_disposable_income", "growth", 8.5),
        ("rural_disposable_income", "growth", 11.0),
        ("urban_disposable_income", "level", 29462.0),
        ("rural_disposable_income", "level", 16733.0),
        ("urban_disposable_income", "growth", 43.7),
        ("rural_disposable_income", "growth", 65.5),
    ]


def test_urban_and_rural_village_incomes_keep_their_names() -> None:
    # 城镇、乡村居民 (c51) is no 城/乡 or 城镇/农村 pair: 乡村 stays the rural name
    text = REVIEW_2020 + "城镇、乡村居民人均可支配收入分别达到3.4万元、1.7万元。\n"
    assert [r.obs_value for r in extracted(text)] == [34000.0, 17000.0]


def test_the_goal_of_a_change_is_the_change() -> None:
    # c102 (广州 2026): GDP增长预期目标为5%左右 is the GDP growth target, not a level of a goal
    text = (
        REPORT
        + "二、2026年主要目标\n地区生产总值增长预期目标为5%左右。规上工业增加值增速目标为6%。\n"
    )
    assert [r[:6] for r in rows(text, "某市")] == [
        ("gdp", "地区生产总值", "growth", "target", 5.0, "approx"),
        ("industrial_value_added", "规上工业增加值", "growth", "target", 6.0, "eq"),
    ]


def test_a_news_flash_title_stating_a_target_is_read() -> None:
    # c102: the flash's title line states a percentage, so it is a sentence, not a heading
    text = (
        "首页 > 快讯 > 快讯详情\n\n广州2026年GDP增长预期目标为5%左右\n\n"
        "格隆汇1月19日|广州市市长孙志洋向大会作政府工作报告。\n"
    )
    text = normalize_text(text)
    found = extract(text, ref_area="广州市", report_year=2026)  # the year ingestion passes
    assert [
        (r.indicator_code, r.measure, r.obs_kind, r.obs_value, r.time_period) for r in found
    ] == [("gdp", "growth", "target", 5.0, "2026")]
    assert found[0].quote == text[found[0].char_start : found[0].char_end]


def test_a_short_heading_without_a_percentage_stays_a_heading() -> None:
    # 2026年主要预期目标 (no figure) still opens the targets
    text = REPORT + "2026年主要预期目标\n地区生产总值增长5%左右。\n"
    assert [r[2:4] for r in rows(text, "某市")] == [("growth", "target")]


def test_a_line_break_around_every_figure_is_read_through() -> None:
    # c107 (平湖 2021, a PDF copy): every figure on a line of its own, a word's first
    # character left on its line
    text = (
        "2021\n年平湖市政府工作报告\n各位代表:\n一、“十三五”发展成就和\n2020\n年工作回顾\n"
        "过去的五年,是综合实力显著增强的五年。\n地区生产总值从\n497.8\n亿元增加到\n779\n"
        "亿元,年均增长\n7.3%\n。财政总收入、一般公共预算收入年均分别增长\n8.9%\n、\n12.2%\n。\n"
        "规\n上工业产值从\n1236\n亿元增加到\n1935.8\n亿元。\n"
    )
    text = normalize_text(text)
    found = extract(text, ref_area="平湖市", report_year=2021)
    assert [(r.indicator_zh, r.measure, r.obs_value, r.time_period) for r in found] == [
        ("地区生产总值", "level", 49780000000.0, "2015"),
        ("地区生产总值", "level", 77900000000.0, "2020"),
        ("地区生产总值", "avg_growth", 7.3, "2016/2020"),
        ("财政总收入", "avg_growth", 8.9, "2016/2020"),
        ("一般公共预算收入", "avg_growth", 12.2, "2016/2020"),
        ("规上工业产值", "level", 123600000000.0, "2015"),
        ("规上工业产值", "level", 193580000000.0, "2020"),
    ]
    for r in found:
        assert r.quote == text[r.char_start : r.char_end]
    assert found[0].quote.startswith("地区生产总值从\n497.8\n亿元")


def test_a_page_number_on_its_own_line_keeps_its_breaks() -> None:
    # a figure line followed by a word (a page number between pages) is no figure of prose
    text = REVIEW_2020 + "全年完成了各项工作\n3\n地区生产总值增长5%。\n"
    assert [r.obs_value for r in extracted(text)] == [5.0]


def test_a_note_inside_the_subject_and_the_end_of_a_plan_as_a_start() -> None:
    # c104 (辰溪 2026): 地区生产总值(预计数,下同)从“十三五”末的117亿元增长至2025年的163亿元
    text = (
        REPORT.replace("某市", "某县") + "一、“十四五”工作回顾\n这是综合实力实现新提升的五年。"
        "全县地区生产总值(预计数,下同)从“十三五”末的117亿元增长至2025年的163亿元,"
        "年均增长6.4%。一般公共预算收入(预计数)增长4%。\n"
    )
    found = extracted(text, "某县")
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in found] == [
        ("gdp", "level", 11700000000.0, "2020"),
        ("gdp", "level", 16300000000.0, "2025"),
        ("gdp", "avg_growth", 6.4, "2021/2025"),
        ("public_budget_revenue", "growth", 4.0, "2021/2025"),
    ]
    assert found[0].indicator_zh == "全县地区生产总值"
    assert "(预计数,下同)" in found[0].quote


GUIYANG = (
    "2016年桂阳县人民政府工作报告\n2016年11月25日在桂阳县第十七届人民代表大会第一次会议上\n"
    "一、本届政府工作回顾\n"
)


def test_a_comparator_carried_by_its_note_dates_the_growths_after_it() -> None:
    # c115 (桂阳 2016): 比2012年(下同)增长47.7%;固定资产投资353.7亿元,增长125.1% is over
    # 2013-2016 too; a wrap after 城镇、 keeps the urban and rural incomes apart
    text = GUIYANG + (
        "(一)县域经济较快发展。2016年,预计(下同)全县生产总值340亿元,比2012年(下同)增长47.7%;"
        "固定资产投资353.7亿元,增长125.1%;城镇、\n农村居民人均可支配收入29462元、16733元,"
        "分别增长43.7%和65.5%。\n(二)产业转型步伐加快。工业投资增长12%。\n"
    )
    got = [
        (r.indicator_code, r.indicator_zh, r.measure, r.obs_value, r.time_period)
        for r in extracted(text, "桂阳县")
    ]
    assert got == [
        ("gdp", "全县生产总值", "level", 34000000000.0, "2016"),
        ("gdp", "全县生产总值", "growth", 47.7, "2013/2016"),
        ("fixed_asset_investment", "固定资产投资", "level", 35370000000.0, "2016"),
        ("fixed_asset_investment", "固定资产投资", "growth", 125.1, "2013/2016"),
        ("urban_disposable_income", "城镇居民人均可支配收入", "level", 29462.0, "2016"),
        ("rural_disposable_income", "农村居民人均可支配收入", "level", 16733.0, "2016"),
        ("urban_disposable_income", "城镇居民人均可支配收入", "growth", 43.7, "2013/2016"),
        ("rural_disposable_income", "农村居民人均可支配收入", "growth", 65.5, "2013/2016"),
        # the next paragraph is no longer under the note
        ("", "工业投资", "growth", 12.0, "2016"),
    ]


def test_a_comparator_without_its_note_stays_with_its_own_growth() -> None:
    text = GUIYANG + "2016年,全县生产总值340亿元,比2012年增长47.7%;固定资产投资增长12%。\n"
    assert [(r.measure, r.time_period) for r in extracted(text, "桂阳县")] == [
        ("level", "2016"),
        ("growth", "2013/2016"),
        ("growth", "2016"),
    ]


def test_a_threshold_leapt_onto_is_at_least_it() -> None:
    # c94 (潮州 2021): 经济总量跃上千亿元台阶, a level of at least 1000亿元 (as 迈上)
    text = REVIEW_2020 + "经济总量跃上千亿元台阶。\n"
    assert [r[:6] for r in rows(text, "某市")] == [
        ("gdp", "经济总量", "level", "actual", 100000000000.0, "ge")
    ]


def test_a_wrap_after_a_comma_is_read_through() -> None:
    # c108 (枣阳 2021): 全市地区生产总值预计达到660亿元,⏎年均增长约8%
    text = (
        "政府工作报告\n2020年12月24日在市第八届人民代表大会第五次会议上\n"
        "一、十三五时期经济社会发展成就及2020年工作回顾\n"
        "这五年,枣阳综合实力大幅度增强。2020年,全市地区生产总值预计达到660亿元,\n"
        "年均增长约8%;人均GDP预计由2015年的45603元提高到2020年的65632元。\n"
    )
    got = [(r.measure, r.obs_value, r.qualifier, r.time_period) for r in extracted(text)]
    assert got[:2] == [
        ("level", 66000000000.0, "eq", "2020"),
        ("avg_growth", 8.0, "approx", "2016/2020"),
    ]


REVIEW_FIVE = (
    "政府工作报告\n——2022年1月6日在某市第十五届人民代表大会第五次会议上\n一、过去五年工作回顾\n"
)


def test_a_rank_risen_from_a_start_rank_gives_both() -> None:
    # c97 (宜宾 2022): 总量由全省第4位跃升至第3位, in a review of 2017-2021
    text = REVIEW_FIVE + (
        "预计2021年全市地区生产总值突破3000亿元、年均增长8.1%,总量由全省第4位跃升至第3位;"
        "一般公共预算收入年均增长14.9%,总量由全省第3位上升至第2位。\n"
    )
    ranks = [(r[0], r[4], r[6], r[7]) for r in rows(text, "某市") if r[2] == "rank"]
    assert ranks == [
        ("gdp", 4.0, "2016", "province"),
        ("gdp", 3.0, "2021", "province"),
        ("public_budget_revenue", 3.0, "2016", "province"),
        ("public_budget_revenue", 2.0, "2021", "province"),
    ]


def test_a_ranking_from_a_dated_start_keeps_both_years() -> None:
    # c76 (肇源 2021): 全省县域综合排名由2016年的第60名上升至2019年的第35名
    text = REVIEW_FIVE + "五年来,全省县域综合排名由2016年的第60名上升至2019年的第35名。\n"
    assert [(r[1], r[4], r[6], r[7]) for r in rows(text, "某县")] == [
        ("县域综合排名", 60.0, "2016", "province"),
        ("县域综合排名", 35.0, "2019", "province"),
    ]


def test_a_rank_after_a_start_level_is_not_reached_from_it() -> None:
    # only a start rank lends its scope: 由100亿元增加到150亿元,居第3位 names no group
    text = REVIEW_FIVE + "地区生产总值由100亿元增加到150亿元,跃升至第3位。\n"
    assert [r[2] for r in rows(text, "某县")] == ["level", "level"]


def test_what_a_five_year_review_brought_in_from_a_place_is_over_its_years() -> None:
    # c107 (平湖 2021): 从上海引进内资项目244个、外资项目131个, 利用内资450亿元 in 过去的五年
    text = (
        REVIEW_2020.replace("一、2020年", "一、“十三五”发展成就和2020年")
        + "过去的五年,是首位战略全面突破的五年。从上海引进内资项目244个、外资项目131个。"
        "利用内资450亿元。\n"
    )
    assert [(r.indicator_zh, r.obs_value, r.time_period) for r in extracted(text)] == [
        ("从上海引进内资项目", 244.0, "2016/2020"),
        ("外资项目", 131.0, "2016/2020"),
        ("利用内资", 45000000000.0, "2016/2020"),
    ]


def test_spaces_around_the_sign_after_a_change_verb_are_read_through() -> None:
    # as c95's 增 长- 39.7%, with the verb whole: 增长- 3%, 增长 - 5% are falls, not levels
    text = REVIEW_2020 + "进口增长- 3%;出口增长 - 5%。\n"
    assert [(r.indicator_code, r.measure, r.obs_value) for r in extracted(text)] == [
        ("imports", "growth", -3.0),
        ("exports", "growth", -5.0),
    ]
