"""Tuning round 17: the classes of corpus round 17's first run (eight whole texts: new-term
reports of 深圳 districts, 深圳 2015 and 2024, 广东 2015). Each test is a short text in the
style of one of the round's documents -> the rows' subject, code, measure, kind, value, period."""

from __future__ import annotations

from tests.indicators.support import coded_brief, extracted

# a new term's report with no date line: it opens on the delegates
OPENING = "各位代表:\n现在,我代表某区人民政府向大会作政府工作报告,请予审议。\n"
TERM_PLAN = (
    OPENING + "一、区六届人大一次会议以来的工作\n"
    "地区生产总值从2015年2694亿元增长到2020年3847亿元。\n"
    "二、未来五年发展目标和重点任务\n"
)


def test_a_plans_schedule_dates_each_year_its_own_share() -> None:
    # c206: a five-year total broken down year by year; each item is its year's, and the
    # subject is the total's (not 新增学前学位其中)
    text = TERM_PLAN + (
        "新增学前学位2.96万座,其中2021年5100座、2022年2500座、2025年9300座。"
        "筹集公共住房8万套以上,其中2021年1.1万套、2022年1.5万套。\n"
    )
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert rows == [
        ("新增学前学位", "", "level", "target", 29600.0, "2021/2025"),
        ("新增学前学位", "", "level", "target", 5100.0, "2021"),
        ("新增学前学位", "", "level", "target", 2500.0, "2022"),
        ("新增学前学位", "", "level", "target", 9300.0, "2025"),
        ("筹集公共住房", "", "level", "target", 80000.0, "2021/2025"),
        ("筹集公共住房", "", "level", "target", 11000.0, "2021"),
        ("筹集公共住房", "", "level", "target", 15000.0, "2022"),
    ]


def test_a_lone_year_before_a_count_is_not_a_schedule() -> None:
    # one item opening on a year, or a date (2020年12月), is not a year-by-year list
    text = TERM_PLAN + "新增学前学位2.96万座,其中2021年12月建成5100座。\n"
    periods = [r[5] for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert "2022" not in periods and "2023" not in periods


def test_what_a_plan_adds_within_its_years_is_a_total_over_them() -> None:
    # c207: 五年内 in a five-year plan governs the clauses after it in the sentence (list
    # items without 新增 of their own too): flows over the plan's years; a stock it names
    # (总数达到) stays the end year's level
    text = TERM_PLAN + (
        "五年内新增独角兽企业5家以上、瞪羚企业100家以上。"
        "力争五年内,综合整治提升产业空间100公顷,产业用房720万平方米。"
        "五年内开工筹集公共住房3万套,三甲医院总数达到2家以上。\n"
    )
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("新增独角兽企业", 5.0, "2021/2025"),
        ("新增瞪羚企业", 100.0, "2021/2025"),
        ("综合整治提升产业空间", 100.0, "2021/2025"),
        ("产业用房", 7200000.0, "2021/2025"),
        ("开工筹集公共住房", 30000.0, "2021/2025"),
        ("三甲医院总数", 2.0, "2025"),
    ]


def test_a_digit_before_qian_and_a_measure_word_is_thousands() -> None:
    # c207: 新增床位8千张以上, 人才规模突破2千人; 5千米 stays kilometres (千 of the unit)
    text = TERM_PLAN + "到2025年,高层次人才规模突破2千人,新增床位8千张以上,建成绿道5千米。\n"
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert [(r[0], r[4]) for r in rows][:2] == [("高层次人才规模", 2000.0), ("新增床位", 8000.0)]
    assert all(r[4] != 5000.0 for r in rows)


TERM_REVIEW = OPENING + "一、过去五年工作回顾\n“十二五”期末,GDP达到2641亿元。"


def test_a_five_year_total_governs_its_list() -> None:
    # c208: 五年累计 opens a 、-list of totals over the years under review; a stock in such a
    # list (在建项目) stays the end year's
    text = TERM_REVIEW + (
        "五年累计完成固定资产投资2153亿元、社会消费品零售总额3095亿元、进出口总额3149亿美元。"
        "五年累计列入更新计划项目62个,在建项目24个。\n"
        "二、未来五年工作\n到2020年,GDP达到4000亿元。\n"
    )
    rows = [r for r in coded_brief(text, 2016, "某区") if r[3] == "actual"]
    assert [(r[1] or r[0], r[5]) for r in rows] == [
        ("gdp", "2015"),
        ("fixed_asset_investment", "2011/2015"),
        ("retail_sales", "2011/2015"),
        ("foreign_trade", "2011/2015"),
        ("列入更新计划项目", "2011/2015"),
        ("在建项目", "2015"),
    ]


def test_a_goal_kept_unchanged_sets_no_target() -> None:
    # c209: 始终保持目标不变、力度不减 in a review is a stance; the total after it is an actual
    text = TERM_REVIEW + "始终保持目标不变、力度不减,五年累计淘汰转型低端落后企业超过1.6万家。\n"
    rows = coded_brief(text, 2016, "某区")
    assert rows[-1] == ("淘汰转型低端落后企业", "", "level", "actual", 16000.0, "2011/2015")


def test_subjects_coded_by_what_they_are() -> None:
    # c205, c207, c208, c209, c211: 两税总额 is the tax revenue, a bare 人均可支配收入 all
    # residents' income, 空气质量优良天数占比 the good-air share, 研发支出占地区生产总值比重 and
    # 研发投入…占GDP的 the R&D intensity, a bare PM2.5 in µg/m³ its concentration
    text = (
        "一、2023年工作回顾\n"
        "两税总额470亿元。人均可支配收入突破8.4万元。空气质量优良天数占比97.8%。"
        "全社会研发投入达到643亿元,占GDP的4.02%。PM2.5年均浓度降至18微克/立方米。\n"
        "二、2024年工作安排\n"
        "全社会研发支出占地区生产总值比重达到4%,PM2.5年均控制在24微克/立方米以下。\n"
    )
    assert [(r[0], r[1]) for r in coded_brief(text, 2024)] == [
        ("两税总额", "tax_revenue"),
        ("人均可支配收入", "disposable_income"),
        ("空气质量优良天数占比", "air_quality_good_days"),
        ("全社会研发投入", ""),
        ("全社会研发投入占GDP", "rd_intensity"),
        ("PM2.5年均浓度", "pm25"),
        ("全社会研发支出占地区生产总值比重", "rd_intensity"),
        ("PM2.5", "pm25"),
    ]


def test_a_part_of_the_population_or_another_region_keeps_no_code() -> None:
    # 城区居民人均可支配收入 is a part's income; 珠三角地区PM2.5 another region's, and a
    # PM2.5 change in percent keeps the words it has (since precision round 17c the gate's
    # inner_region withholds the region's row: no division code can be filed for it)
    text = "一、2023年工作回顾\n城区居民人均可支配收入5.2万元。珠三角地区PM2.5下降10.6%。\n"
    assert [(r[0], r[1]) for r in coded_brief(text, 2024)] == [
        ("城区居民人均可支配收入", ""),
    ]


def test_a_count_ranked_among_the_countrys_cities() -> None:
    # c211: 居全国城市第二 (no 位/名) ranks the count before it among the country's cities; a
    # share after a 总量 rank is the subject's own (研发投入占GDP比重, coded)
    text = (
        "一、2023年工作回顾\n"
        "国家级专精特新“小巨人”企业742家,居全国城市第二。"
        "全社会研发投入2236.6亿元,总量跃居全国城市第二,占地区生产总值比重6.46%。\n"
    )
    rows = extracted(text, "某市", 2024)
    assert [
        (r.indicator_zh, r.indicator_code, r.measure, r.obs_value, r.compare_scope) for r in rows
    ] == [
        ("国家级专精特新“小巨人”企业", "", "level", 742.0, ""),
        ("国家级专精特新“小巨人”企业", "", "rank", 2.0, "country"),
        ("全社会研发投入", "", "level", 223660000000.0, ""),
        ("全社会研发投入总量", "", "rank", 2.0, "country"),
        ("全社会研发投入占地区生产总值比重", "rd_intensity", "level", 6.46, ""),
    ]


def test_a_part_of_the_year_a_change_starts_from_dates_its_clause_only() -> None:
    # c210: 降幅由一季度的-23.1%收窄到-1.4% holds a first-quarter figure (not read); the
    # clause after it is the year's again
    text = (
        "一、2014年工作回顾\n"
        "实现进出口总额1.08万亿美元、降幅由一季度的-23.1%收窄到-1.4%,其中出口增长1.5%。\n"
    )
    rows = coded_brief(text, 2015, "某省")
    assert ("出口", "exports", "growth", "actual", 1.5, "2014") in rows
    assert all(r[4] not in (-23.1, -1.4) for r in rows)


def test_what_is_built_by_the_plans_end_stays_a_level() -> None:
    # 五年内 governs the sentence's flows across its commas (c52), not a clause saying what
    # is built or reached by then (round 5: 建成环城绿道135公里 is 2025's)
    text = TERM_PLAN + (
        "力争五年内新增土地供应210公顷以上,城市更新供应土地100公顷以上,建成环城绿道135公里。\n"
    )
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert [(r[0], r[5]) for r in rows] == [
        ("新增土地供应", "2021/2025"),
        ("城市更新供应土地", "2021/2025"),
        ("建成环城绿道", "2025"),
    ]


def test_a_rank_among_a_scopes_members_named_in_parentheses() -> None:
    # c205: 位列全省区(县)第一名 ranks the income among the province's districts and counties
    text = "一、2020年工作回顾\n人均可支配收入突破8.4万元,位列全省区(县)第一名。\n"
    rows = extracted(text, "某区", 2021)
    assert [(r.indicator_code, r.measure, r.obs_value, r.compare_scope) for r in rows] == [
        ("disposable_income", "level", 84000.0, ""),
        ("disposable_income", "rank", 1.0, "province"),
    ]


def test_public_revenue_in_a_five_year_line_is_no_flow() -> None:
    # c209: the 共 of 公共财政收入 is not 共 (in all) of a flow over the years: the revenue
    # collected in the city in 2014 is kept (a count 全部落实 is still withheld)
    text = (
        OPENING + "一、过去五年工作回顾\n"
        "2014年本市生产总值超过1.6万亿元,固定资产投资五年累计突破1万亿元;"
        "来源于我市的公共财政收入5560亿元,五年翻了一番;65项基本公共服务全部落实。\n"
    )
    rows = coded_brief(text, 2015, "某市")
    assert ("来源于我市的公共财政收入", "", "level", "actual", 556000000000.0, "2014") in rows
    assert all(r[4] != 65.0 for r in rows)


def test_containers_in_teu_are_a_count() -> None:
    # c209 (and c54, c62's gold): 标箱 is a measure word, the containers counted
    text = "一、2014年工作回顾\n港口集装箱年吞吐量超过2400万标箱。\n"
    rows = extracted(text, "某市", 2015)
    assert [(r.obs_value, r.unit, r.unit_zh) for r in rows] == [(24000000.0, "count", "万标箱")]


def test_a_part_named_in_a_parenthesis_after_a_value_is_its_own_row() -> None:
    # c206: 高新技术企业突破1万家(国高企业7000家以上): the national high-tech firms among them
    text = TERM_PLAN + "到2025年,高新技术企业突破1万家(国高企业7000家以上)。\n"
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "target"]
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("高新技术企业", 10000.0, "2025"),
        ("国高企业", 7000.0, "2025"),
    ]


def test_the_total_after_a_multiple_is_the_subjects() -> None:
    # c205: 固定资产投资五年翻一番 is a multiple (no row); 总额达629亿元 is its level reached
    text = OPENING + "一、过去五年工作回顾\n地区生产总值从3725亿元增至4754亿元。"
    text += "固定资产投资五年翻一番,总额达629亿元。\n"
    text += "二、未来五年目标\n到2025年,地区生产总值达到6600亿元。\n"
    rows = [r for r in coded_brief(text, 2021, "某区") if r[3] == "actual"]
    assert rows[-1] == (
        "固定资产投资总额",
        "fixed_asset_investment",
        "level",
        "actual",
        62900000000.0,
        "2020",
    )


def test_air_quality_subjects_by_their_unit_and_name() -> None:
    # c43, c51, c63: 细颗粒物(PM2.5)年均浓度 is pm25; good-air days in percent are their share
    # (a count of days, 优良天数159天, is no value); 社会消费零售总额 is the retail sales
    text = (
        "一、2020年工作回顾\n社会消费零售总额1240亿元。全年优良天数159天。\n"
        "二、2021年工作安排\n细颗粒物(PM2.5)年均浓度小于33微克/立方米,城市空气质量优良天数达到70%。\n"
    )
    assert [(r[0], r[1]) for r in coded_brief(text, 2021)] == [
        ("社会消费零售总额", "retail_sales"),
        ("细颗粒物(PM2.5)年均浓度", "pm25"),
        ("城市空气质量优良天数", "air_quality_good_days"),
    ]


def test_short_heads_sharing_a_modifier_split_their_changes() -> None:
    # c208: 万元GDP水耗、电耗累计下降40.7%和31.6% (no 分别) is one change each; a long second
    # item (畜禽、奶肉牛饲养量增长4.8%和4.4%: whose heads?) stays unread, as before
    text = (
        TERM_REVIEW + "万元GDP水耗、电耗累计下降40.7%和31.6%。畜禽、奶肉牛饲养量增长4.8%和4.4%。\n"
    )
    rows = [r for r in coded_brief(text, 2016, "某区") if r[2] == "growth"]
    assert rows == [
        ("万元GDP水耗", "", "growth", "actual", -40.7, "2011/2015"),
        ("电耗", "", "growth", "actual", -31.6, "2011/2015"),
    ]
