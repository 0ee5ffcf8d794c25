"""Phrasing classes found on whole texts (corpus round 2, c38-c48), one test each."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.text import normalize_text
from tests.indicators.support import brief

REPORT_2026 = "政府工作报告\n——2026年1月20日在某市第十届人民代表大会第一次会议上\n"


def test_a_paragraph_opened_by_last_years_own_year_is_about_that_year() -> None:
    text = (
        REPORT_2026 + "一、“十四五”时期发展成就和2025年主要工作\n"
        "“十四五”时期是砥砺前行的五年。地区生产总值年均增长5.6%。\n"
        "2025年是“十四五”规划收官之年。地区生产总值增长5.5%。\n"
        "各位代表!刚刚过去的2025年,我们主要做了以下工作:\n"
        "一般公共预算收入增长6.4%。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "avg_growth", "actual", 5.6, "2021/2025"),
        ("地区生产总值", "growth", "actual", 5.5, "2025"),
        ("一般公共预算收入", "growth", "actual", 6.4, "2025"),
    ]


def test_catalog_aliases_of_whole_texts() -> None:
    from ingest.indicators.catalog import load_catalog

    cat = load_catalog()
    for subject, code in [
        ("城镇居民登记失业率", "urban_registered_unemployment_rate"),
        ("城市居民登记失业率", "urban_registered_unemployment_rate"),
        ("辖区税收", "tax_revenue"),
        ("税收总额", "tax_revenue"),
        ("国地两税收入", "tax_revenue"),
        ("固定资产投资完成额", "fixed_asset_investment"),
        ("外贸进出口额", "foreign_trade"),
        ("全社会研发投入占GDP比重", "rd_intensity"),
        ("本地生产总值", "gdp"),
    ]:
        ind = cat.match(subject)
        assert ind is not None and ind.code == code, subject
    ind = cat.match("城镇调查失业率")
    assert ind is not None and ind.code == "urban_unemployment_rate"  # not the registered rate
    out = brief("政府工作报告(2016年)\n一、2015年工作回顾\n完成地区生产总值(GDP)670.6亿元。\n")
    assert out == [("地区生产总值(GDP)", "level", "actual", 67_060_000_000, "2015")]


def test_the_years_targets_opened_mid_paragraph_are_that_years() -> None:
    text = (
        "政府工作报告(2016年)\n二、“十三五”发展思路和2016年主要工作任务\n"
        "“十三五”期间,新区的总体目标是地区生产总值要突破1200亿元。"
        "2016年新区经济社会发展的主要预期目标是:地区生产总值725亿元,同比增长9%;"
        "社会消费品零售总额增长10%。\n"
        "“十三五”期间,居民人均可支配收入年均增长8%。\n"
    )
    assert brief(text, "某新区") == [
        ("地区生产总值", "level", "target", 120_000_000_000, "2020"),
        ("地区生产总值", "level", "target", 72_500_000_000, "2016"),
        ("地区生产总值", "growth", "target", 9, "2016"),
        ("社会消费品零售总额", "growth", "target", 10, "2016"),
        ("居民人均可支配收入", "avg_growth", "target", 8, "2016/2020"),
    ]


REVIEW_2021 = "政府工作报告(2021年)\n一、2020年工作回顾\n"
PLAN_2026 = REPORT_2026 + "二、2026年工作安排\n"


def test_qualifier_clauses_states_and_durations_are_not_subjects() -> None:
    out = brief(REVIEW_2021 + "一般公共预算收入65.9亿元,剔出不可比因素增长9.4%。\n")
    assert out[-1] == ("一般公共预算收入", "growth", "actual", 9.4, "2020")
    out = brief(REVIEW_2021 + "社会消费品零售总额120亿元,剔除一次性政策因素后增长10.5%。\n")
    assert out[-1] == ("社会消费品零售总额", "growth", "actual", 10.5, "2020")
    out = brief(REVIEW_2021 + "一般公共预算收入39亿元,同口径对比增长29.1%。\n")
    assert out[-1] == ("一般公共预算收入", "growth", "actual", 29.1, "2020")
    out = brief(PLAN_2026 + "固定资产投资止跌回稳、力争增长5%。\n")
    assert out == [("固定资产投资", "growth", "target", 5, "2026")]
    text = REVIEW_2021 + "税收总额1575亿元,连续第16年居全市第一。\n"
    assert all(not zh.startswith("连续") for zh, *_ in brief(text))


def test_kuayue_a_threshold_is_more_than() -> None:
    text = normalize_text(REVIEW_2021 + "外贸进出口额跨越7000亿元大关,增长6%。\n")
    out = extract(text, ref_area="某区")
    assert [(r.indicator_code, r.measure, r.qualifier, r.obs_value) for r in out] == [
        ("foreign_trade", "level", "gt", 700_000_000_000),
        ("foreign_trade", "growth", "eq", 6),
    ]


def test_a_five_year_reviews_paragraph_on_its_last_year_dates_every_clause() -> None:
    text = (
        "政府工作报告(2021年)\n一、“十三五”时期主要成绩\n"
        "过去五年,地区生产总值年均增长7.1%。经受住了考验。2020年,全区经济一季比一季好,"
        "全年增速达到2%。一般公共预算收入274.8亿元,增长2.9%。"
        "五年来,税收收入增长35.5%。\n"
        "全年实现地区生产总值1100.7亿元,增长5.7%;规模以上工业增加值677.8亿元,增长6.6%。\n"
        "地方一般公共预算收入比2015年增长40%。\n"
    )
    assert brief(text, "某区") == [
        ("地区生产总值", "avg_growth", "actual", 7.1, "2016/2020"),
        ("一般公共预算收入", "level", "actual", 27_480_000_000, "2020"),
        ("一般公共预算收入", "growth", "actual", 2.9, "2020"),
        ("税收收入", "growth", "actual", 35.5, "2016/2020"),
        ("地区生产总值", "level", "actual", 110_070_000_000, "2020"),
        ("地区生产总值", "growth", "actual", 5.7, "2020"),
        ("规模以上工业增加值", "level", "actual", 67_780_000_000, "2020"),
        ("规模以上工业增加值", "growth", "actual", 6.6, "2020"),
        ("地方一般公共预算收入", "growth", "actual", 40, "2016/2020"),
    ]


def test_the_years_that_open_a_sentence_carry_over_its_semicolons() -> None:
    text = (
        "政府工作报告(2016年)\n一、2015年工作回顾\n"
        "“十二五”期间,地区生产总值年均增长11%;新增医院4家,新增道路92公里。\n"
        "二、“十三五”发展思路\n"
        "力争通过五年的不懈努力,到2020年,地区生产总值达到4100亿元以上;人均GDP达11.1万元。\n"
    )
    assert brief(text, "某区") == [
        ("地区生产总值", "avg_growth", "actual", 11, "2011/2015"),
        ("新增医院", "level", "actual", 4, "2011/2015"),
        ("新增道路", "level", "actual", 92, "2011/2015"),
        ("地区生产总值", "level", "target", 410_000_000_000, "2020"),
        ("人均GDP", "level", "target", 111_000, "2020"),
    ]


def test_a_multi_year_plans_goals_announced_mid_paragraph() -> None:
    text = (
        "2月16日,某市人民代表大会开幕。市长作政府工作报告(2017年)。"
        "记者从会上了解到,今后五年某市经济社会发展的主要目标是:创新发展更加强劲。"
        "全市生产总值年均增长11%左右,总量突破5500亿元;森林覆盖率达到50%以上。\n"
    )
    assert brief(text) == [
        ("全市生产总值", "avg_growth", "target", 11, "2017/2021"),
        ("全市生产总值总量", "level", "target", 550_000_000_000, "2021"),
        ("森林覆盖率", "level", "target", 50, "2021"),
    ]


def test_bullets_plan_completion_and_kebi_are_not_subjects() -> None:
    out = brief(REVIEW_2021 + "●粮食总产达到557亿斤。\n")
    assert [zh for zh, *_ in out] == ["粮食总产"]
    text = REVIEW_2021 + "固定资产投资280亿元,占计划的100%,同比增长4.6%。\n"
    assert brief(text) == [
        ("固定资产投资", "level", "actual", 28_000_000_000, "2020"),
        ("固定资产投资", "growth", "actual", 4.6, "2020"),
    ]
    out = brief(REVIEW_2021 + "地方一般公共预算收入可比增长7.5%。\n")
    assert out == [("地方一般公共预算收入", "growth", "actual", 7.5, "2020")]


def test_the_years_targets_after_a_speaker() -> None:
    text = (
        "市长作政府工作报告(2018年)。回顾2017年,地区生产总值增长7%。\n"
        "市长表示,今年经济社会发展主要预期目标是:地区生产总值增长7.5%。\n"
    )
    assert brief(text)[-1] == ("地区生产总值", "growth", "target", 7.5, "2018")


def test_a_space_before_a_subject_is_not_part_of_it() -> None:
    out = brief(PLAN_2026 + "主要预期目标是: 现代服务业增加值占服务业比重达到67%左右。\n")
    assert [zh for zh, *_ in out] == ["现代服务业增加值占服务业比重"]


def test_a_level_reached_from_a_base_year_with_its_own_year() -> None:
    text = (
        REVIEW_2021 + "过去五年,地区生产总值由2016年的532亿元跃升至2020年的801亿元,年均增长9.5%。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "level", "actual", 53_200_000_000, "2016"),
        ("地区生产总值", "level", "actual", 80_100_000_000, "2020"),
        ("地区生产总值", "avg_growth", "actual", 9.5, "2017/2020"),  # the years after 2016
    ]
    text = REVIEW_2021 + "过去五年,地区生产总值从2015年的681亿元增长到2020年约1100亿元。\n"
    assert brief(text)[-1] == ("地区生产总值", "level", "actual", 110_000_000_000, "2020")
    text = (
        REVIEW_2021 + "过去五年,地区生产总值从2015年的681亿元增长到2020年的1100亿元,年均增长10%。\n"
    )
    assert brief(text)[-1] == ("地区生产总值", "avg_growth", "actual", 10, "2016/2020")


def test_compared_with_the_last_plans_end_and_xianhou() -> None:
    text = (
        REPORT_2026 + "一、“十四五”时期发展成就\n"
        "城镇、农村常住居民人均可支配收入较“十三五”末分别增加9784元、7408元。"
        "地区生产总值先后突破500亿元大关。\n"
    )
    assert brief(text) == [
        ("城镇常住居民人均可支配收入", "change", "actual", 9784, "2021/2025"),
        ("农村常住居民人均可支配收入", "change", "actual", 7408, "2021/2025"),
        ("地区生产总值", "level", "actual", 50_000_000_000, "2025"),
    ]


def test_a_list_of_the_parts_is_not_the_parts() -> None:
    text = (
        "会上,市长作政府工作报告(2020年)。报告分为三部分:\n"
        "一、2019年工作回顾;\n二、奋力做好2020年工作;\n三、提升政府治理能力和水平。\n"
        "初步统计,全市地区生产总值4725亿元,增长7.5%。\n"
        "报告指出,2020年,全市经济社会发展主要预期目标是:地区生产总值增长7%。\n"
    )
    assert brief(text) == [
        ("全市地区生产总值", "level", "actual", 472_500_000_000, "2019"),
        ("全市地区生产总值", "growth", "actual", 7.5, "2019"),
        ("地区生产总值", "growth", "target", 7, "2020"),
    ]


def test_sources_shorter_target_cues_and_wanyuan_intensities() -> None:
    text = REVIEW_2021 + "全市地区生产总值根据省统计局的修订结果预计完成4725亿元。\n"
    assert [zh for zh, *_ in brief(text)] == ["全市地区生产总值"]
    text = (
        "政府工作报告(2026年)\n一、“十五五”时期主要目标\n到2030年,地区生产总值达到1万亿元。"
        "政府工作报告提出,2026年主要预期目标是:一般公共预算收入增长2%。\n"
    )
    assert brief(text)[-1] == ("一般公共预算收入", "growth", "target", 2, "2026")
    from ingest.indicators.catalog import load_catalog

    cat = load_catalog()
    for subject, code in [
        ("万元地区生产总值能耗", "energy_intensity"),
        ("万元地区生产总值二氧化碳排放量", "carbon_intensity"),
    ]:
        ind = cat.match(subject)
        assert ind is not None and ind.code == code, subject


def test_start_values_goals_aimed_at_and_xiaoyu() -> None:
    text = REVIEW_2021 + "过去五年,地区生产总值从2015年3371.78亿元增至2020年约4800亿元。\n"
    assert brief(text) == [
        ("地区生产总值", "level", "actual", 337_178_000_000, "2015"),
        ("地区生产总值", "level", "actual", 480_000_000_000, "2020"),
    ]
    text = REVIEW_2021 + "财政总收入从 172.3亿元增加到327.8亿元。\n"
    assert brief(text) == [("财政总收入", "level", "actual", 32_780_000_000, "2020")]
    assert brief(REVIEW_2021 + "向着600亿元大关全力冲刺。\n") == []
    text = normalize_text(PLAN_2026 + "细颗粒物年均浓度小于33微克/立方米。\n")
    assert [r.qualifier for r in extract(text, ref_area="某市")] == ["lt"]
