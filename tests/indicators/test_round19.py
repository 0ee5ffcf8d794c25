"""Tuning round 19: the classes of corpus round 19's first run (seven 深圳 district reports,
three of them January 2016 ones with a 十二五 review). Each test is a short text in the style
of one of the round's documents -> the rows' subject, measure, kind, value, period."""

from __future__ import annotations

from ingest.indicators import extract
from tests.indicators.support import coded_brief

OPENING = "各位代表:\n现在,我代表某区人民政府向大会作政府工作报告,请予审议。\n"
FIVE = OPENING + "一、过去五年工作回顾\n五年来,我们坚持改革创新,各项事业取得新进展。\n"
PLAN = "二、2016年工作安排\n地区生产总值增长7%。\n"


def _rows(body: str, year: int = 2016) -> list[tuple[str, str, float, str]]:
    return [
        (r[0], r[2], r[4], r[5])
        for r in coded_brief(FIVE + body + "\n" + PLAN, year, "某区")
        if r[3] == "actual"
    ]


def test_year_on_year_growth_in_a_five_year_review_is_the_years() -> None:
    # c224: 预计全年...;规模以上工业增加值265.36亿元,同比增长10.6% inside the 五年来 review
    rows = _rows(
        "经济增长稳健趋好。预计全年实现本区生产总值470亿元,比上年增长9.5%;规模以上工业增加值"
        "265.36亿元,同比增长10.6%;固定资产投资总额246.82亿元,同比增长15.2%。"
    )
    assert ("规模以上工业增加值", "growth", 10.6, "2015") in rows
    assert ("固定资产投资总额", "growth", 15.2, "2015") in rows
    # a change over the years stays over them
    assert ("进出口总额", "growth", 30.0, "2011/2015") in _rows("进出口总额累计增长30%。")


def test_flows_of_a_five_year_review_are_totals_over_its_years() -> None:
    # c220, c224: comma items after a built verb, reach verbs, 共+verb, 取消, 设立...资金
    rows = _rows(
        "建成保障房10499套,人才迷你公寓217套。新区共出让产业用地55宗。共建设和筹集各类保障性"
        "住房2.87万套。取消非行政审批许可19项。设立保民生专项资金4000万元。惠及幼儿新生3万名。"
        "累计引进生物企业35家。"
    )
    assert [(r[0], r[3]) for r in rows] == [
        ("建成保障房", "2011/2015"),
        ("人才迷你公寓", "2011/2015"),
        ("新区共出让产业用地", "2011/2015"),
        ("共建设和筹集各类保障性住房", "2011/2015"),
        ("取消非行政审批许可", "2011/2015"),
        ("设立保民生专项资金", "2011/2015"),
        ("惠及幼儿新生", "2011/2015"),
        ("引进生物企业", "2011/2015"),
    ]


def test_stocks_reached_in_a_five_year_review_stay_the_end_years() -> None:
    # 累计达到1100家: a stock reached; 园区累计建成面积48平方公里,入驻企业744户: firms a stock
    rows = _rows("高新技术企业累计达到1100家。重点园区累计建成面积48平方公里,入驻企业744户。")
    assert ("高新技术企业", "level", 1100.0, "2015") in rows
    assert ("入驻企业", "level", 744.0, "2015") in rows


def test_a_review_since_the_founding_reads_its_years_from_n_years_and_more() -> None:
    # c222: 一、新区成立以来的工作回顾 ... 四年多来,...: the years 2012-2015
    text = (
        OPENING
        + "一、新区成立以来的工作回顾\n2011年12月30日挂牌成立以来,新区各项事业取得新进展。\n"
        + "四年多来,我们围绕创新发展,加快产业转型升级。新设内资企业3226家。"
        + "建成污水主干管106公里。\n"
        + PLAN
    )
    rows = [(r[0], r[5]) for r in coded_brief(text, 2016, "某区") if r[3] == "actual"]
    assert ("新设内资企业", "2012/2015") in rows
    assert ("建成污水主干管", "2012/2015") in rows


REVIEW = OPENING + "一、2024年工作回顾\n"


def test_subjects_of_the_round() -> None:
    # c220: a verb inside the subject, 总量首超 and 绝对值排名 on the subject before
    text = REVIEW + (
        "实现地区生产总值3256.24亿元,总量首超三千亿元,同比增长9.0%。"
        "第三产业实现增加值3039.99亿元。"
        "实现进出口总额1186.55亿美元,绝对值排名全市各区第一。\n"
    )
    rows = [(r[1], r[2], r[4]) for r in coded_brief(text, 2025, "某区")]
    assert ("gdp", "level", 3.0e11) in rows
    assert ("gdp", "growth", 9.0) in rows
    assert ("tertiary_value_added", "level", 3.03999e11) in rows
    assert ("foreign_trade", "rank", 1.0) in rows


def test_catalog_aliases_of_the_round() -> None:
    # c223 PM2.5日均浓度, 空气优良率; c222 空气质量优良率, 旅游营业收入; c224 人均消费支出
    text = REVIEW + (
        "PM2.5日均浓度15.1微克/立方米。空气优良率保持98.6%。空气质量优良率97.5%。"
        "实现旅游营业收入44亿元。人均消费支出增长8.5%。\n"
    )
    assert [r[1] for r in coded_brief(text, 2025, "某区")] == [
        "pm25",
        "air_quality_good_days",
        "air_quality_good_days",
        "tourism_revenue",
        "consumption_per_capita",
    ]


def test_a_comparator_noted_before_a_review_dates_its_changes() -> None:
    # c222: 比2012年(下同) in the headline paragraph of a review of 2012-2015: its later
    # changes are over 2013-2015, its totals over 2012-2015
    text = (
        OPENING
        + "一、新区成立以来的工作回顾\n"
        + "初步核算,2015年实现地区生产总值274.5亿元,比2012年(下同)增长11.7%。\n"
        + "四年多来,我们围绕创新发展,加快产业转型升级。审批时限压减60%。"
        + "新设内资企业3226家。\n"
        + PLAN
    )
    rows = [(r[0], r[2], r[5]) for r in coded_brief(text, 2016, "某区") if r[3] == "actual"]
    assert ("审批时限", "growth", "2013/2015") in rows
    assert ("新设内资企业", "level", "2012/2015") in rows


def test_the_sum_after_a_count_of_flows_is_a_total_too() -> None:
    # c224, c222: 共出让产业用地55宗,总用地面积240万平方米; 新设内资企业3226家,注册资本总额91亿元
    rows = _rows(
        "新区共出让产业用地55宗,总用地面积240万平方米。新设内资企业3226家,注册资本总额91亿元。"
        "高新技术企业达到300家,总产值500亿元。"
    )
    assert ("总用地面积", "level", 2.4e6, "2011/2015") in rows
    assert ("注册资本总额", "level", 9.1e9, "2011/2015") in rows
    assert ("总产值", "level", 5.0e10, "2015") in rows


def test_an_estimate_word_before_the_year_still_dates_the_sentence() -> None:
    # c224: 预计2015年新区一般财政预算收入增长35.55%,高于地区生产总值26.05个百分点 in the review
    rows = _rows("预计2015年新区一般财政预算收入增长35.55%,高于地区生产总值26.05个百分点。")
    assert [(r[1], r[3]) for r in rows] == [("growth", "2015"), ("pp_gap", "2015")]


def test_higher_than_right_before_a_bound_is_its_qualifier() -> None:
    # c220: 金融业增加值占地区生产总值比重高于33% in the 十三五 plan: more than 33%, and 高于 is not
    # part of the subject; 高于全国… before a gap stays a gap
    text = (
        OPENING + "二、“十三五”主要目标\n到2020年,金融业增加值占地区生产总值比重高于33%。\n"
        "三、2016年工作安排\n地区生产总值增长7%。\n"
    )
    rows = coded_brief(text, 2016, "某区")
    share = [r for r in rows if r[0].startswith("金融业")]
    assert [(r[0], r[3], r[4], r[5]) for r in share] == [
        ("金融业增加值占地区生产总值比重", "target", 33.0, "2020")
    ]
    got = extract(text, ref_area="某区", report_year=2016)
    assert [r.qualifier for r in got if r.indicator_zh.startswith("金融业")] == ["gt"]
    gap = extract(
        OPENING + "一、2015年工作回顾\n地区生产总值增长9%,高于全国2.1个百分点。\n",
        ref_area="某区",
        report_year=2016,
    )
    assert [(r.measure, r.obs_value) for r in gap if r.measure == "pp_gap"] == [("pp_gap", 2.1)]
