"""Phrasing classes of tuning round 10 (found on corpus round 10, after its first run): news
reports of a speech with no report structure, whose targets follow a cue that binds a whole
sentence or a heading line of their own, and the herders' rural income."""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract
from ingest.text import normalize_text
from tests.indicators.support import brief, extracted

REPORT = "政府工作报告\n——2023年1月6日在某州第十五届人民代表大会第五次会议上\n"
REVIEW = REPORT + "一、2022年工作回顾\n"


def dated(text: str, year: int) -> list[ExtractedObservation]:
    """The rows of a news report with no dateline, read for the report of ``year``."""
    text = normalize_text(text)
    out = extract(text, ref_area="某州", report_year=year)
    assert all(text[r.char_start : r.char_end] == r.quote for r in out)
    return out


def test_a_target_cue_binds_every_clause_of_its_sentence() -> None:
    # c118 (果洛 2023, a news report): the cue before the first comma sets the targets of
    # every clause after its ; up to the full stop
    text = (
        "报告指出,2022年,果洛州实现地区生产总值53.62亿元,同比增长2.7%。\n"
        "果洛州划定发展预期目标,地区生产总值增长3%;全社会固定资产投资增长7%;"
        "社会消费品零售总额增长7%;城镇登记失业率控制在3%以内。生态环境持续改善。\n"
        "城镇居民人均可支配收入41703元,同比增长4.5%。\n"
    )
    rows = [(r.indicator_code, r.obs_kind, r.time_period, r.obs_value) for r in dated(text, 2023)]
    assert rows == [
        ("gdp", "actual", "2022", 5362000000.0),
        ("gdp", "actual", "2022", 2.7),
        ("gdp", "target", "2023", 3.0),
        ("fixed_asset_investment", "target", "2023", 7.0),
        ("retail_sales", "target", "2023", 7.0),
        ("urban_registered_unemployment_rate", "target", "2023", 3.0),
        ("urban_disposable_income", "actual", "2022", 41703.0),
        ("urban_disposable_income", "actual", "2022", 4.5),
    ]


def test_a_review_sentence_naming_a_goal_stays_actual() -> None:
    # 目标 that binds no number (SCHEMA.md): a goal reached (完成...目标) sets no targets
    text = REVIEW + "圆满完成年度发展目标,地区生产总值增长3%;固定资产投资增长7%。\n"
    assert [(r[0], r[2], r[4]) for r in brief(text)] == [
        ("地区生产总值", "actual", "2022"),
        ("固定资产投资", "actual", "2022"),
    ]


def test_the_target_cue_ends_at_the_full_stop() -> None:
    text = REVIEW + (
        "主要预期目标是,地区生产总值增长6%;固定资产投资增长8%。全年社会消费品零售总额增长5%。\n"
    )
    assert [(r[0], r[2]) for r in brief(text)] == [
        ("地区生产总值", "target"),
        ("固定资产投资", "target"),
        ("社会消费品零售总额", "actual"),
    ]


def test_heading_lines_with_a_colon_open_a_list_of_lines() -> None:
    # c120 (陕西 2021, a news report in traditional characters with pinyin aids): 2020年成就:
    # and "十三五"成就: review; "十四五"目标: and 2021年目标: plan, each over the short lines after
    text = (
        "1月26日上午,陜西省第十三屆人民代表大會(huì)第五次會(huì)議在西安開幕,省長作政府工作報告。\n"
        "2020年成就:\n固定資產(chǎn)投資增長(zhǎng)4.1%\n規(guī)上工業(yè)增加值增長(zhǎng)1%\n"
        "“十三五”成就:\n生產(chǎn)總值年均增長(zhǎng)6.3%\n"
        "“十四五”目標(biāo):\n人均生產(chǎn)總值達(dá)到9萬(wàn)元左右\n"
        "2021年目標(biāo):\n生產(chǎn)總值增長(zhǎng)6.5%左右\n城鎮(zhèn)新增就業(yè)40萬(wàn)人\n"
    )
    found = dated(text, 2021)
    rows = [(r.indicator_code, r.measure, r.obs_kind, r.time_period) for r in found]
    assert rows == [
        ("fixed_asset_investment", "growth", "actual", "2020"),
        ("industrial_value_added", "growth", "actual", "2020"),
        ("gdp", "avg_growth", "actual", "2016/2020"),
        ("gdp_per_capita", "level", "target", "2025"),
        ("gdp", "growth", "target", "2021"),
        ("urban_new_jobs", "level", "target", "2021"),
    ]


def test_a_line_ending_in_a_colon_with_other_words_is_no_heading() -> None:
    # only a year or a plan's number before 成就/目标: a sentence's colon opens nothing
    text = REVIEW + "我们坚持稳中求进,确保实现目标:\n地区生产总值增长5%。\n"
    assert [(r[0], r[2], r[4]) for r in brief(text)] == [("地区生产总值", "actual", "2022")]


def test_herders_income_is_rural_disposable_income() -> None:
    # c118: 农牧民人均可支配收入 (the rural residents of a pastoral prefecture)
    text = REVIEW + "农牧民人均可支配收入11516元,同比增长6.9%。\n"
    found = extracted(text)
    assert [(r.indicator_code, r.measure, r.obs_value) for r in found] == [
        ("rural_disposable_income", "level", 11516.0),
        ("rural_disposable_income", "growth", 6.9),
    ]


def test_urban_and_rural_income_split_by_fenbie_on_a_list_line() -> None:
    # c120/c132: 城乡居民收入分别增长6.5%和8%左右 gives one row each
    text = REVIEW + "城乡居民收入分别增长8%、9%。\n"
    assert [(r.indicator_code, r.obs_value) for r in extracted(text)] == [
        ("urban_disposable_income", 8.0),
        ("rural_disposable_income", 9.0),
    ]


def test_one_rank_for_each_subject_after_jun() -> None:
    # c131's class: 财政、税收收入均居全市第一 ranks both revenues
    text = REVIEW + "财政、税收收入均居全市第一。\n"
    assert [(r[0], r[1], r[3]) for r in brief(text, "某区")] == [
        ("财政收入", "rank", 1.0),
        ("税收收入", "rank", 1.0),
    ]


def test_a_list_of_figure_lines_is_not_read_as_one_wrapped_line() -> None:
    # c119 (商洛 2018, traditional): a long list line after one ending on a figure keeps its
    # break, so its 分别 pairs two figures with two subjects (not 3.9% for both)
    lines = [
        "展望2018年",
        "地方財政收入同口徑增長6%左右",
        "城鄉居民收入分別增長8.5%和9.3%左右",
        "城鎮登記失業率、居民消費價格指數分別控制在3.9%和3%以內",
        "全年完成20萬人、358個貧困村脫貧摘帽任務",
    ]
    found = dated("\n".join(lines) + "\n", 2018)
    pairs = [(r.indicator_code, r.measure, r.obs_value) for r in found]
    assert ("urban_registered_unemployment_rate", "level", 3.9) in pairs
    assert ("cpi", "growth", 3.0) in pairs
    assert [p for p in pairs if p[0] == "cpi"] == [("cpi", "growth", 3.0)]


def test_a_price_index_in_percent_states_its_rise() -> None:
    # c119: 居民消费价格指数控制在3%以内 is the CPI's rise (the gold's growth), as 涨幅 says
    text = REPORT + "二、2023年主要目标\n居民消费价格指数控制在3%以内。\n"
    assert [(r.indicator_code, r.measure, r.obs_value) for r in extracted(text)] == [
        ("cpi", "growth", 3.0),
    ]


def test_money_invested_set_against_one_year_is_the_end_years_level() -> None:
    # c127 (蠡县 2017): in a five-year review, 完成59.4亿元,是2011年的2.65倍 is 2016's
    # investment, not a sum over 2012-2016; with no such comparison it stays a total
    head = (
        "政府工作报告\n——2017年1月6日在某县第十六届人民代表大会第一次会议上\n"
        "一、过去五年工作回顾\n五年来,我们砥砺奋进。"
    )
    compared = head + "全社会固定资产投资完成59.4亿元,是2011年的2.65倍。\n"
    plain = head + "全社会固定资产投资完成259.4亿元。\n"
    assert [(r[0], r[4]) for r in brief(compared, "某县")] == [("全社会固定资产投资", "2016")]
    assert [(r[0], r[4]) for r in brief(plain, "某县")] == [("全社会固定资产投资", "2012/2016")]


def test_a_rank_after_a_bare_modifier_and_its_sibling_ranks_each() -> None:
    # c131 (东昌府 2019): 财政、税收收入总量保持全市第一, no 均: both revenues rank first; a
    # sibling with a head of its own (群众安全感、扫黑除恶满意度) stays unclear, as before
    text = REVIEW + "财政、税收收入保持全市第一。群众安全感、扫黑除恶满意度排名全市第一。\n"
    assert [(r[0], r[1], r[3]) for r in brief(text, "某区")] == [
        ("财政收入", "rank", 1.0),
        ("税收收入", "rank", 1.0),
    ]
