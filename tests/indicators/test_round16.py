"""Tuning round 16: the classes of corpus round 16's first run (eleven whole texts). Each
test is a short text in the style of one of the round's documents -> the rows' subject, code,
measure, kind, value, period."""

from __future__ import annotations

from ingest.indicators.structure import own_year_review
from tests.indicators.support import coded_brief, extracted

# a new term's report with no date line: it opens on the delegates
OPENING = "各位代表:\n现在,我代表某区人民政府向大会作政府工作报告,请予审议。\n"


def test_an_undated_term_report_estimating_its_own_year_reviews_it() -> None:
    # c194: delivered in October 2016, no date line; the term review's 预计到2016年底 is an
    # estimate of 2016's actual, the five years are 2012-2016, the next five 2017-2021
    text = (
        OPENING + "一、过去五年工作回顾\n"
        "经济实力稳步增强。预计到2016年底,全区生产总值超过900亿元,年均增长8.1%;"
        "居民人均可支配收入从3.1万元提高到4.5万元。\n"
        "二、未来五年的目标任务\n"
        "未来五年的主要目标是:到2021年,全区生产总值超过1500亿元。\n"
    )
    assert coded_brief(text, 2016, "某区") == [
        ("全区生产总值", "gdp", "level", "actual", 90000000000.0, "2016"),
        ("全区生产总值", "gdp", "avg_growth", "actual", 8.1, "2012/2016"),
        ("居民人均可支配收入", "disposable_income", "level", "actual", 31000.0, "2011"),
        ("居民人均可支配收入", "disposable_income", "level", "actual", 45000.0, "2016"),
        ("全区生产总值", "gdp", "level", "target", 150000000000.0, "2021"),
    ]


def test_the_own_year_cue_needs_the_report_year_in_the_review() -> None:
    # a January report estimates last year (预计2015年), and a plan's 预计到2016年底 is an
    # outlook: neither moves the year; a plan's first year done (实现了"十三五"良好开局) does
    review = OPENING + "一、过去五年工作回顾\n"
    assert own_year_review(review + "预计2015年,生产总值增长8%。\n", 2016) == 0
    plan = OPENING + "一、2015年工作回顾\n生产总值增长8%。\n二、2016年工作安排\n"
    assert own_year_review(plan + "预计到2016年底,建成学校3所。\n", 2016) == 0
    done = review + "五年来,我们实现了“十二五”圆满收官、“十三五”良好开局。\n"
    assert own_year_review(done, 2016) == 1
    assert own_year_review(done, 2017) == 0
    dated = "政府工作报告\n——2016年1月20日在某区人民代表大会第三次会议上\n" + done
    assert own_year_review(dated, 2016) == 0  # a dated speech: its month decides


def test_rd_written_in_full_and_cumulative_urban_jobs_are_coded() -> None:
    # c193: 研究与试验发展经费支出占地区生产总值比重 is the R&D intensity; 城镇累计新增就业
    # (the total over a review's years) is the new urban jobs indicator
    text = (
        "一、过去五年工作回顾\n"
        "研究与试验发展经费支出占地区生产总值比重从1.8%提高到2.4%。城镇累计新增就业512万人。\n"
    )
    assert [(r[1], r[4], r[5]) for r in coded_brief(text, 2016, "某省")] == [
        ("rd_intensity", 1.8, "2010"),
        ("rd_intensity", 2.4, "2015"),
        ("urban_new_jobs", 5120000.0, "2011/2015"),
    ]


def test_five_years_before_the_subject_make_a_total_over_the_review() -> None:
    # c199: 五年实际利用外资超过8000亿元 in a review of 2018-2022: the sum over the five
    # years, not the last year's level
    text = (
        "一、过去五年工作回顾\n"
        "五年来,我们推进改革开放。五年实际利用外资超过3000亿元,一批重大项目相继落户。\n"
    )
    assert coded_brief(text, 2023, "某省") == [
        ("实际利用外资", "foreign_investment", "level", "actual", 300000000000.0, "2018/2022"),
    ]


def test_years_spent_on_a_task_date_the_clause_that_follows() -> None:
    # c196: 用三年时间完成...改制,累计化解不良贷款超过500亿元 in the review of 2019: the
    # total and the change are over 2017-2019; in a plan 用三年时间 dates nothing
    text = (
        "一、2019年工作回顾\n"
        "防范金融风险成效显著,用三年时间完成农信社改制,累计化解不良贷款超过80亿元、"
        "不良贷款率下降3.2个百分点。\n"
    )
    assert [(r[0], r[2], r[4], r[5]) for r in coded_brief(text, 2020, "某省")] == [
        ("化解不良贷款", "level", 8000000000.0, "2017/2019"),
        ("不良贷款率", "pp_change", -3.2, "2017/2019"),
    ]
    plan = text.replace("一、2019年工作回顾", "二、2020年工作安排").replace("完成", "力争完成")
    assert all(r[5] != "2017/2019" for r in coded_brief(plan, 2020, "某省"))


def test_a_clause_opening_with_cumulative_governs_the_bare_clause_after_it() -> None:
    # c193: 累计引进外商直接投资项目3.2万个,实际利用外资1240亿美元 in a review of 2011-2015:
    # the second figure is a total too; a rate after it (控制在) keeps its year
    text = (
        "一、过去五年工作回顾\n"
        "累计引进外资项目1.2万个,实际利用外资520亿美元、年均增长4.1%。"
        "累计新增就业60万人,城镇登记失业率控制在3%以内。\n"
    )
    assert [(r[0], r[2], r[5]) for r in coded_brief(text, 2016, "某省")] == [
        ("引进外资项目", "level", "2011/2015"),
        ("实际利用外资", "level", "2011/2015"),
        ("实际利用外资", "avg_growth", "2011/2015"),
        ("新增就业", "level", "2011/2015"),
        ("城镇登记失业率", "level", "2015"),
    ]


def test_a_growth_above_a_figure_is_bounded_below() -> None:
    # c193: 居民人均可支配收入年均实际增长高于7% among a five-year plan's goals: an average
    # growth for the plan's years, more than 7%; 高于全国 stays a gap
    text = (
        "二、今后五年的主要目标\n"
        "努力实现劳动报酬增长和劳动生产率提高同步,居民人均可支配收入年均实际增长高于6.5%。\n"
    )
    rows = extracted(text, "某省", 2016)
    assert [
        (r.indicator_code, r.measure, r.qualifier, r.obs_value, r.time_period) for r in rows
    ] == [
        ("disposable_income", "avg_growth", "gt", 6.5, "2016/2020"),
    ]


def test_money_done_by_the_end_of_the_year_under_review_is_that_years() -> None:
    # c194: 预计到2016年底,...固定资产投资完成160亿元 in a term review: the year's investment
    # (a level for 2016), not a total over the five years; without the year it is the total
    text = (
        OPENING + "一、过去五年工作回顾\n"
        "预计到2016年底,全区生产总值超过900亿元;固定资产投资完成120亿元。\n"
    )
    assert [(r[0], r[5]) for r in coded_brief(text, 2016, "某区")] == [
        ("全区生产总值", "2016"),
        ("固定资产投资", "2016"),
    ]
    total = OPENING + "一、过去五年工作回顾\n五年来,固定资产投资完成520亿元。\n"
    assert [(r[0], r[5]) for r in coded_brief(total, 2017, "某区")] == [
        ("固定资产投资", "2012/2016"),
    ]


def test_a_yearless_start_after_a_dated_one_counts_from_the_same_year() -> None:
    # c203: 从1978年的186亿元增加到2018年的9.73万亿元; 收入从41.8亿元增加到1.21万亿元: the
    # second start is 1978's too (the same full sentence, its clauses joined by ;)
    text = (
        "各位代表!改革开放四十年来,全省地区生产总值从1978年的120亿元增加到2018年的5万亿元;"
        "地方一般公共预算收入从20.5亿元增加到6000亿元。\n"
    )
    rows = coded_brief(text, 2019, "某省")
    assert (
        "地方一般公共预算收入",
        "public_budget_revenue",
        "level",
        "actual",
        2050000000.0,
        "1978",
    ) in rows
    # with no dated clause before it, a yearless start in the year's review stays unpublished
    alone = "一、2018年工作回顾\n地方一般公共预算收入从20.5亿元增加到6000亿元。\n"
    assert all(r[4] != 2050000000.0 for r in coded_brief(alone, 2019, "某省"))


def test_first_among_the_mainlands_cities_is_a_national_rank() -> None:
    # c202: 出口总额...连续29年居内地城市首位: first among the country's cities
    text = "一、2021年工作回顾\n出口总额增长9.5%、连续20年居内地城市首位。\n"
    ranks = [r for r in extracted(text, "某市", 2022) if r.measure == "rank"]
    assert [(r.indicator_code, r.obs_value, r.compare_scope) for r in ranks] == [
        ("exports", 1.0, "country"),
    ]


def test_a_stock_broken_through_after_a_net_increase_is_a_level() -> None:
    # c201: 经营主体净增98万户、突破1900万户: the change, then the stock reached (gt)
    text = "一、2024年工作回顾\n市场活力增强,经营主体净增45万户、突破800万户。\n"
    rows = extracted(text, "某省", 2025)
    assert [(r.indicator_zh, r.measure, r.qualifier, r.obs_value) for r in rows] == [
        ("经营主体", "change", "eq", 450000.0),
        ("经营主体", "level", "gt", 8000000.0),
    ]


def test_a_notes_number_after_a_word_is_read_through() -> None:
    # c194: 九大类民生支出[2]累计达到246亿元 (the glossary's note 2 explains the term): the
    # subject and its total as if the mark were absent; the quote keeps it
    text = OPENING + "一、过去五年工作回顾\n社会保障有力。民生支出[2]累计达到120亿元。\n"
    rows = extracted(text, "某区", 2017)
    assert [(r.indicator_zh, r.obs_value, r.time_period, r.quote) for r in rows] == [
        ("民生支出", 12000000000.0, "2012/2016", "民生支出[2]累计达到120亿元"),
    ]


def test_a_growths_goal_is_the_growth() -> None:
    # c193's class: 经济增长预期目标是年均增长7% in a five-year plan: the GDP's average growth
    # for the plan's years (the goal's words are not the subject)
    text = "二、今后五年的主要目标\n今后五年,我省经济增长预期目标是年均增长6.5%。\n"
    assert [r[1:] for r in coded_brief(text, 2016, "某省")] == [
        ("gdp", "avg_growth", "target", 6.5, "2016/2020"),
    ]


def test_a_growth_rate_raised_from_a_years_rate_is_the_end_years_growth() -> None:
    # c194: 固定资产投资完成160亿元,增速从2011年的3.3%大幅增长到32.4% in a term review dated
    # by 预计到2016年底: 2011's growth and 2016's, both growth rates (大幅 read through)
    text = (
        OPENING + "一、过去五年工作回顾\n"
        "预计到2016年底,固定资产投资完成90亿元,增速从2011年的4.1%大幅提高到21.5%。\n"
    )
    assert [r[1:] for r in coded_brief(text, 2016, "某区")][1:] == [
        ("fixed_asset_investment", "growth", "actual", 4.1, "2011"),
        ("fixed_asset_investment", "growth", "actual", 21.5, "2016"),
    ]
