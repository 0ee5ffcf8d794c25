"""Phrasing classes of tuning round 8 (found on corpus round 9, after its first run): copy
sites' pinyin reading aids, and a report given late in the year it is titled with."""

from __future__ import annotations

from ingest.indicators import detect_report_year
from ingest.text import normalize_text
from tests.indicators.support import extracted
from tests.indicators.test_round6 import rows

REPORT_2016 = "政府工作报告\n——2016年1月6日在某市第十五届人民代表大会第五次会议上\n"


def test_pinyin_after_characters_is_read_as_if_absent_and_quotes_keep_it() -> None:
    # c117 (马鞍山 2016, a traditional copy with pinyin after some characters)
    text = (
        REPORT_2016
        + "一、2015年工作回顾\n預(yù)計(jì),全市實(shí)現(xiàn)地區(qū)生產(chǎn)總值1360億元,"
        "增長9.4%;財(cái)政收入210億元,增長3.6%;城鎮(zhèn)居民人均可支配收入35100元。\n"
    )
    found = extracted(text)  # asserts every quote is the stored text at its offsets
    assert [(r.indicator_code, r.indicator_zh, r.measure, r.obs_value) for r in found] == [
        ("gdp", "全市地区生产总值", "level", 136000000000.0),
        ("gdp", "全市地区生产总值", "growth", 9.4),
        ("", "财政收入", "level", 21000000000.0),
        ("", "财政收入", "growth", 3.6),
        ("urban_disposable_income", "城镇居民人均可支配收入", "level", 35100.0),
    ]
    assert found[0].quote.endswith("總值1360億元")
    assert "(qū)" in found[0].quote


def test_pinyin_with_a_space_before_its_bracket_is_read_through() -> None:
    # c112 (西安 2021): 社会(huì )消费品零售总额
    text = REPORT_2016 + "二、2016年工作安排\n社會(huì )消費(fèi)品零售總額增長(zhǎng)9%以上。\n"
    found = extracted(text)
    assert [(r.indicator_code, r.indicator_zh, r.measure, r.obs_value) for r in found] == [
        ("retail_sales", "社会消费品零售总额", "growth", 9.0)
    ]


def test_brackets_of_the_report_itself_are_kept() -> None:
    # a toned syllable is the only thing read through: (GDP), (含雄安) and (ai) stay text
    text = (
        REPORT_2016 + "一、2015年工作回顾\n地区生产总值(GDP)增长7%。"
        "人工智能(ai)企业15家。规上工业增加值(含雄安)增长6%。\n"
    )
    assert rows(text, "某市") == [
        ("gdp", "地区生产总值(GDP)", "growth", "actual", 7.0, "eq", "2015", ""),
        ("", "人工智能(ai)企业", "level", "actual", 15.0, "eq", "2015", ""),
        ("", "规上工业增加值(含雄安)", "growth", "actual", 6.0, "eq", "2015", ""),
    ]


def test_a_report_given_late_in_its_titles_year_plans_for_the_next() -> None:
    # c115 (桂阳 2016): given on 2016-11-25 to a new congress, the term review ends in 2016
    head = "2016年桂阳县人民政府工作报告\n2016年11月25日在桂阳县第十七届人民代表大会第一次会议上\n"
    assert detect_report_year(normalize_text(head)) == 2017
    january = "2016年某县人民政府工作报告\n2016年1月25日在某县第十六届人民代表大会第五次会议上\n"
    assert detect_report_year(normalize_text(january)) == 2016
    text = head + "一、本届政府工作回顾\n2016年,全县生产总值340亿元,比2012年增长47.7%。\n"
    found = extracted(text, "桂阳县")
    assert {(r.measure, r.obs_kind, r.time_period) for r in found if r.indicator_code == "gdp"} == {
        ("level", "actual", "2016"),
        ("growth", "actual", "2013/2016"),
    }
