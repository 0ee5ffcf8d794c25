"""Tuning round 12: the classes of corpus round 12's first run (issue 10). Each test is a
short text in the style of one of the round's documents -> the rows' subject, code, measure,
kind, value, period (and area where it is the point)."""

from __future__ import annotations

from ingest.indicators.structure import detect_report_year
from ingest.text import normalize_text
from tests.indicators.support import CodedBrief, coded_brief, extracted

Brief = CodedBrief

PLAN_REPORT = (
    "某县2025年国民经济和社会发展计划执行情况与2026年计划(草案)的报告\n"
    "某县发展和改革局\n各位代表:\n"
    "一、2025年国民经济和社会发展计划执行情况\n"
)


def _brief(text: str, year: int | None = None, area: str = "某县") -> list[Brief]:
    return coded_brief(text, year, area)


def test_a_plan_reports_review_of_the_year_holds_actuals() -> None:
    # c146: 一、2025年...计划执行情况 is the year's review (the report plans 2026), so its
    # 完成...同比增长 figures are 2025 actuals, not targets
    text = (
        PLAN_REPORT
        + "预计2025年末,全县地区生产总值完成118亿元,同比增长5%。\n二、2026年计划(草案)\n"
    )
    assert detect_report_year(normalize_text(text)) == 2026
    assert _brief(text) == [
        ("全县地区生产总值", "gdp", "level", "actual", 11800000000.0, "2025"),
        ("全县地区生产总值", "gdp", "growth", "actual", 5.0, "2025"),
    ]


def test_a_clause_run_on_after_a_percentage_opens_with_its_catalogued_subject() -> None:
    # c146: 同比增长6%社会消费品零售总额完成17亿元 (the copy lost the stop after 6%)
    text = PLAN_REPORT + (
        "规上工业增加值完成17亿元,同比增长6%社会消费品零售总额完成17亿元,同比增长7.5%\n"
    )
    assert _brief(text) == [
        ("规上工业增加值", "industrial_value_added", "level", "actual", 1700000000.0, "2025"),
        ("规上工业增加值", "industrial_value_added", "growth", "actual", 6.0, "2025"),
        ("社会消费品零售总额", "retail_sales", "level", "actual", 1700000000.0, "2025"),
        ("社会消费品零售总额", "retail_sales", "growth", "actual", 7.5, "2025"),
    ]
    # a percentage before a word that is no subject stays part of its phrase
    modifier = PLAN_REPORT + "推广10%工作法覆盖企业完成120家。\n"
    assert all(row[4] != 10.0 for row in _brief(modifier))


def test_full_scope_fiscal_revenue_is_total_fiscal_revenue() -> None:
    # c145: 全口径财政收入 is the catalogue's fiscal_revenue (as 全口径税收 is tax_revenue)
    text = PLAN_REPORT + "预计全年地区生产总值增长5.5%、全口径财政收入增长16.2%。\n"
    assert _brief(text)[1] == ("全口径财政收入", "fiscal_revenue", "growth", "actual", 16.2, "2025")


def test_a_sentence_listing_an_inner_areas_goals_files_them_under_that_area() -> None:
    # c156 (新乡, a news report on the city's and its counties' targets): 卫辉市提出的目标是:
    # the goals after it are 卫辉市's; the next sentence is the city's own again
    text = (
        "今年全市地区生产总值增长7%。克服灾情影响,卫辉市提出的目标是:GDP增速15%,"
        "一般公共预算收入增长30%。辉县市新增投资150亿元以上。\n"
    )
    rows = extracted(text, "新乡市", 2022, "410700")
    assert [(r.indicator_zh, r.ref_area, r.ref_area_code, r.obs_value) for r in rows] == [
        ("全市地区生产总值", "新乡市", "410700", 7.0),
        ("GDP", "卫辉市", "410781", 15.0),
        ("一般公共预算收入", "卫辉市", "410781", 30.0),
        ("辉县市新增投资", "辉县市", "410782", 15000000000.0),
    ]


REVIEW_2025 = "2025年某县人民政府工作报告\n一、2024年工作回顾\n"


def test_a_verb_or_adverb_before_a_level_reached_leaves_the_subject_before() -> None:
    # c144 成功突破千亿大关, c157 历史首次突破10亿元大关(...),增长13.16%: the revenue's
    text = REVIEW_2025 + (
        "全年地区生产总值增长4.5%,达到1000.86亿元,成功突破千亿大关。"
        "一般公共预算收入完成10.75亿元,历史首次突破10亿元大关,增长13.16%。\n"
    )
    got = [(r[0], r[1], r[2], r[4]) for r in _brief(text)]
    assert got == [
        ("地区生产总值", "gdp", "growth", 4.5),
        ("地区生产总值", "gdp", "level", 100086000000.0),
        ("地区生产总值", "gdp", "level", 100000000000.0),
        ("一般公共预算收入", "public_budget_revenue", "level", 1075000000.0),
        ("一般公共预算收入", "public_budget_revenue", "level", 1000000000.0),
        ("一般公共预算收入", "public_budget_revenue", "growth", 13.16),
    ]


def test_a_restatement_and_an_absolute_rank_are_the_subject_befores() -> None:
    # c150: 人均达到5.62万元,折合8606美元 after 地方生产总值 (per-capita GDP, twice);
    # 绝对数位居全州第一: the investment's amount ranks first
    text = REVIEW_2025 + (
        "全年实现地方生产总值25.23亿元,同比增长8.5%,人均达到5.62万元,折合8606美元;"
        "全社会固定资产投资达到45亿元,绝对数位居全州第一。\n"
    )
    got = [(r[1], r[2], r[4]) for r in _brief(text)]
    assert got == [
        ("gdp", "level", 2523000000.0),
        ("gdp", "growth", 8.5),
        ("gdp_per_capita", "level", 56200.0),
        ("gdp_per_capita", "level", 8606.0),
        ("fixed_asset_investment", "level", 4500000000.0),
        ("fixed_asset_investment", "rank", 1.0),
    ]


def test_a_trend_clause_with_no_figure_gives_the_figures_after_it_their_subject() -> None:
    # c150: 财政一般预算持续增收,达到1.2亿元,同比增长9%: general budget revenue, twice; a
    # trend of something the catalogue does not know lends no subject
    text = REVIEW_2025 + "财政一般预算持续增收,达到1.2亿元,同比增长9%。\n"
    assert [(r[0], r[1], r[2], r[4]) for r in _brief(text)] == [
        ("财政一般预算", "public_budget_revenue", "level", 120000000.0),
        ("财政一般预算", "public_budget_revenue", "growth", 9.0),
    ]
    assert _brief(REVIEW_2025 + "群众获得感持续提升,达到95%。\n") == []


def test_a_copys_mark_after_a_paragraphs_last_stop_ends_the_sentence() -> None:
    # c152 (a copy with 9ti after every paragraph, lines hard-wrapped): the paragraph after
    # 确定的目标任务。9ti is not the wrapped end of that sentence
    text = (
        "2020年某县人民政府工作报告\n2019年工作回顾9ti\n"
        "全县经济社会实现了平稳健康发展,圆满完成了县人大会议确定的目标任务。9ti\n"
        "全年完成地区生产总值150.17亿元,同比增长7.4%。一般公共预算收入4.56亿元,\n增长7.5%。\n"
    )
    assert [(r[1], r[2], r[4], r[5]) for r in _brief(text)] == [
        ("gdp", "level", 15017000000.0, "2019"),
        ("gdp", "growth", 7.4, "2019"),
        ("public_budget_revenue", "level", 456000000.0, "2019"),
        ("public_budget_revenue", "growth", 7.5, "2019"),
    ]


def test_a_bare_value_added_after_an_output_is_that_outputs_value_added() -> None:
    # c157: 规上工业总产值连续三年每年增长30亿元以上,增加值增长13.5%: 规上工业增加值's growth;
    # and 连续三年增幅超13个百分点 (a growth written in points, no change of one) is not read
    text = REVIEW_2025 + (
        "规上工业总产值连续三年每年增长30亿元以上,增加值增长13.5%;"
        "一般公共预算收入增长13.16%,连续三年增幅超13个百分点。\n"
    )
    got = [(r[0], r[1], r[2], r[4]) for r in _brief(text)]
    assert ("规上工业增加值", "industrial_value_added", "growth", 13.5) in got
    assert ("一般公共预算收入", "public_budget_revenue", "growth", 13.16) in got
    assert all(r[2] != "pp_change" for r in got)
    # a growth compared in points is still read
    compared = REVIEW_2025 + "一般公共预算收入增长13.16%,增幅比上年提高2个百分点。\n"
    assert [r[2] for r in _brief(compared)] == ["growth", "pp_change"]


def test_a_share_of_the_budget_done_is_no_observation() -> None:
    # c151: 一般公共预算收入完成1.13亿元,占预算调整数的100.11%: how much of the budget was
    # done (as 占计划的100% is), not a level of the revenue
    text = REVIEW_2025 + "一般公共预算收入完成1.13亿元,占预算调整数的100.11%。\n"
    assert [(r[1], r[2], r[4]) for r in _brief(text)] == [
        ("public_budget_revenue", "level", 113000000.0)
    ]


def test_a_rank_shifted_to_with_wei_is_the_rank_reached() -> None:
    # c148 (安徽 2021, 十三五 review): 粮食产量由全国第6位上升为第4位 -> 6th in 2015, 4th in
    # 2020, as with 上升到
    text = "2021年某省人民政府工作报告\n一、“十三五”发展回顾\n粮食产量由全国第6位上升为第4位。\n"
    rows = [(r[1], r[2], r[4], r[5]) for r in _brief(text, area="某省")]
    assert rows == [
        ("grain_output", "rank", 6.0, "2015"),
        ("grain_output", "rank", 4.0, "2020"),
    ]


def test_a_subject_holding_a_figure_reached_is_two_clauses_run_on() -> None:
    # c146: 全县新能源装机总量达695万千瓦新能源年发电量超130亿千瓦时 (no mark between the two):
    # the second figure's subject would hold the first's; a count keeps a threshold inside
    # its subject (引入营收超10亿元重点科技企业5家)
    run_on = PLAN_REPORT + "全县新能源装机总量达695万千瓦新能源年发电量超130亿千瓦时。\n"
    assert all(row[4] != 13000000000.0 for row in _brief(run_on))
    counted = PLAN_REPORT + "引入营收超10亿元重点科技企业5家。\n"
    assert [(r[0], r[4]) for r in _brief(counted)] == [("引入营收超10亿元重点科技企业", 5.0)]
