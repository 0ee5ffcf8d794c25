"""Phrasing classes of tuning round 11 (reading; found on corpus round 11, after its first
run): a summary's short hard-wrapped lines with spaced figures and no part heading, pastoral
incomes, a list counted before its shared head, ..."""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract
from ingest.text import normalize_text


def rows_of(text: str, year: int, area: str = "某区") -> list[ExtractedObservation]:
    """The rows of ``text`` read for the report of ``year``, each quote its offsets' text."""
    text = normalize_text(text)
    out = extract(text, ref_area=area, report_year=year)
    assert all(text[r.char_start : r.char_end] == r.quote for r in out)
    return out


def coded(rows: list[ExtractedObservation]) -> list[tuple[str, str, str, float]]:
    return [(r.indicator_code, r.measure, r.time_period, r.obs_value) for r in rows]


def test_a_summary_with_short_wrapped_lines_and_spaced_figures() -> None:
    # c136 (东宝 2020, a document site's summary with no part heading): lines cut between a
    # verb and its figure (增长⏎7.6%), inside a figure (15.4⏎亿元), between 和 and a figure,
    # and a second spaced figure in one clause (达到 39159 元和 20598 元)
    text = (
        "2021 年某区政府工作报告\n"
        "2020 年成绩\n"
        "2020 年,全区预计实现地区生产总值 412 亿元,增长\n"
        "6.9%;固定资产投资 208 亿\n元,增长 9.1%;进出口总额 17.3\n"
        "亿元;城镇、\n农村常住居民人均可支配收入分别达到 40211 元和 21087 元,\n"
        "分别增长 7%和\n9.5%。\n"
    )
    rows = rows_of(text, 2021)
    assert rows[0].indicator_zh == "全区地区生产总值"  # 全区预计实现...: its lead words left out
    assert coded(rows) == [
        ("gdp", "level", "2020", 41200000000.0),
        ("gdp", "growth", "2020", 6.9),
        ("fixed_asset_investment", "level", "2020", 20800000000.0),
        ("fixed_asset_investment", "growth", "2020", 9.1),
        ("foreign_trade", "level", "2020", 1730000000.0),
        ("urban_disposable_income", "level", "2020", 40211.0),
        ("rural_disposable_income", "level", "2020", 21087.0),
        ("urban_disposable_income", "growth", "2020", 7.0),
        ("rural_disposable_income", "growth", "2020", 9.5),
    ]


def test_a_title_and_a_spaced_field_line_keep_their_breaks_and_spaces() -> None:
    # the preamble's title and dateline lines have no clause mark: not joined to the figure
    # after; a line of spaced fields keeps its spaces (no prose clause)
    text = (
        "2021 年某区政府工作报告\n"
        "12 月 20 日\n"
        "添加时间 2020/12/21  浏览次数 4034 次\n"
        "2020 年,全区地区生产总值增长 6.9%。\n"
    )
    rows = rows_of(text, 2021)
    assert coded(rows) == [("gdp", "growth", "2020", 6.9)]


def test_pastoral_incomes_are_rural_incomes() -> None:
    # c139, c140 (Inner Mongolia banners): 牧民 and 牧区常住居民 incomes are the rural ones
    text = (
        "政府工作报告\n一、2022年工作回顾\n"
        "城镇、牧区常住居民人均可支配收入分别达到41200元和23650元,增长6.1%和7.4%。"
        "牧民人均可支配收入达到25110元。农村牧区常住居民人均可支配收入增长7.2%。\n"
    )
    assert coded(rows_of(text, 2023, "某旗")) == [
        ("urban_disposable_income", "level", "2022", 41200.0),
        ("rural_disposable_income", "level", "2022", 23650.0),
        ("urban_disposable_income", "growth", "2022", 6.1),
        ("rural_disposable_income", "growth", "2022", 7.4),
        ("rural_disposable_income", "level", "2022", 25110.0),
        ("rural_disposable_income", "growth", "2022", 7.2),
    ]


def test_a_list_counted_before_its_shared_head() -> None:
    # c136: 电子信息、绿色建材和装配式建筑两大主导产业产值分别增长 20%和30%: two items (两大),
    # the head after the count is each one's
    text = (
        "政府工作报告\n一、2022年工作回顾\n"
        "新材料、智能制造和生物医药两大支柱产业产值分别增长15%和12%。\n"
    )
    rows = rows_of(text, 2023)
    assert [(r.indicator_zh, r.obs_value) for r in rows] == [
        ("新材料支柱产业产值", 15.0),
        ("智能制造和生物医药支柱产业产值", 12.0),
    ]


REVIEW = "政府工作报告\n一、2022年工作回顾\n"


def test_an_accounting_basis_note_keeps_the_code_and_a_quota_part_has_none() -> None:
    # c134: 实际利用外资(验资) is foreign_investment; c140: 限额以上固定资产投资 is a part of
    # the investment (uncatalogued)
    text = REVIEW + (
        "实际利用外资(验资)1.25亿元,增长36.4%;限额以上固定资产投资完成12.3亿元;"
        "固定资产投资增长8.2%。\n"
    )
    assert [(r.indicator_code, r.indicator_zh, r.obs_value) for r in rows_of(text, 2023)] == [
        ("foreign_investment", "实际利用外资(验资)", 125000000.0),
        ("foreign_investment", "实际利用外资(验资)", 36.4),
        ("", "限额以上固定资产投资", 1230000000.0),
        ("fixed_asset_investment", "固定资产投资", 8.2),
    ]


def test_ranks_after_a_total_and_a_growth_are_the_subjects_own() -> None:
    # c133: 总量全市第一、全省第二 (two ranks of the revenue); 总量全市第二,增速全市第一 (the
    # growth's rank is under the subject, not under its 总量)
    text = REVIEW + (
        "一般公共预算收入完成21亿元,增长12.5%,总量全市第一、全省第三;"
        "地区生产总值达到180亿元,增长6.1%,总量全市第四,增速全市第二。\n"
    )
    ranks = [
        (r.indicator_code, r.indicator_zh, r.obs_value, r.compare_scope)
        for r in rows_of(text, 2023, "某县")
        if r.measure == "rank"
    ]
    assert ranks == [
        ("public_budget_revenue", "一般公共预算收入总量", 1.0, "city"),
        ("public_budget_revenue", "一般公共预算收入总量", 3.0, "province"),
        ("gdp", "地区生产总值总量", 4.0, "city"),
        ("gdp", "地区生产总值", 2.0, "city"),
    ]


def test_a_list_of_ranks_after_a_list_of_subjects_gives_one_each() -> None:
    # c133: 城镇、农村居民人均可支配收入分别达到...,增长4.7%、5.1%,总量全市第二、第三
    text = REVIEW + (
        "城镇、农村居民人均可支配收入分别达到38120元、17430元,增长5.2%、6.3%,总量全市第三、第四。\n"
    )
    ranks = [
        (r.indicator_code, r.obs_value, r.compare_scope)
        for r in rows_of(text, 2023, "某县")
        if r.measure == "rank"
    ]
    assert ranks == [
        ("urban_disposable_income", 3.0, "city"),
        ("rural_disposable_income", 4.0, "city"),
    ]


def test_a_league_rank_and_an_excess_over_a_task() -> None:
    # c138: 增速居全盟第三位 ranks against the league (盟, city level); 超额完成年度任务2.1亿元
    # is no observation, and the growth after it is the investment's (c140 超出...任务指标)
    text = REVIEW + (
        "固定资产投资完成21亿元,超额完成年度任务1.6亿元,增长14.2%;"
        "社会消费品零售总额完成9.1亿元,增速居全盟第二位;"
        "一般公共预算收入完成3.2亿元,超出盟下达任务指标4000万元。\n"
    )
    assert coded(rows_of(text, 2023, "某旗")) == [
        ("fixed_asset_investment", "level", "2022", 2100000000.0),
        ("fixed_asset_investment", "growth", "2022", 14.2),
        ("retail_sales", "level", "2022", 910000000.0),
        ("retail_sales", "rank", "2022", 2.0),
        ("public_budget_revenue", "level", "2022", 320000000.0),
    ]


def test_industry_share_changes_in_points_are_not_value_added() -> None:
    # c142: 一产和三产分别提高3.9和2.2个百分点 are changes of shares (uncatalogued); a growth of
    # the industry alone is still its value added
    text = REVIEW + (
        "三次产业结构调整为14.2:50.3:35.5,一产和三产分别提高1.6和2.8个百分点;第三产业增长6.2%。\n"
    )
    assert coded(rows_of(text, 2023)) == [
        ("", "pp_change", "2022", 1.6),
        ("", "pp_change", "2022", 2.8),
        ("tertiary_value_added", "growth", "2022", 6.2),
    ]


MULTI = "政府工作报告\n一、“十三五”时期及2020年工作回顾\n"


def test_mangled_quotes_a_written_out_magnitude_and_a_share_of_the_province() -> None:
    # c137 (太原 2021, a 公文搜 copy): ;;十三五;; for “十三五” would cut the sentence at ;
    # 4千亿元 is 4000亿元; a bare 在全省占比 is the share of the subject before; a subject that
    # names its group (在全国省会城市排名) ranks against the country
    text = MULTI + (
        ";;十三五;;时期,地区生产总值年均增长5.8%,总量迈上3千亿元台阶,"
        "在全省占比由19.5%提高到21.2%。人均地区生产总值在全国省会城市排名由;;十二五;;末"
        "第21位上升到第17位。22M\n"
    )
    rows = rows_of(text, 2021, "某市")
    assert [
        (r.indicator_code, r.indicator_zh, r.measure, r.time_period, r.obs_value, r.compare_scope)
        for r in rows
    ] == [
        ("gdp", "地区生产总值", "avg_growth", "2016/2020", 5.8, ""),
        ("gdp", "地区生产总值总量", "level", "2020", 300000000000.0, ""),
        ("", "地区生产总值在全省占比", "level", "2015", 19.5, ""),
        ("", "地区生产总值在全省占比", "level", "2020", 21.2, ""),
        ("gdp_per_capita", "人均地区生产总值", "rank", "2015", 21.0, "country"),
        ("gdp_per_capita", "人均地区生产总值", "rank", "2020", 17.0, "country"),
    ]


def test_a_bare_per_head_figure_is_per_head_of_the_subject_before() -> None:
    # c139: 地区生产总值...提高至160亿元左右,累计完成约545亿元,人均突破15万元
    text = REVIEW + (
        "全年地区生产总值达到96亿元,人均突破12万元;社会消费品零售总额增长5%,人均3000元。\n"
    )
    assert [
        (r.indicator_code, r.indicator_zh, r.obs_value, r.qualifier) for r in rows_of(text, 2023)
    ] == [
        ("gdp", "地区生产总值", 9600000000.0, "eq"),
        ("gdp_per_capita", "人均地区生产总值", 120000.0, "gt"),
        ("retail_sales", "社会消费品零售总额", 5.0, "eq"),
    ]


def test_a_goal_sentence_opening_with_the_report_year_binds_its_clauses() -> None:
    # c135 (湟中 2024, a news report): 2024年湟中区经济发展的主要预期目标是:...;粮食总产量保持在
    # 10.42万吨以上: the clause after ; is a target too (持平 is no number)
    text = (
        "报告指出,2023年,某某区坚持强保护。\n"
        "2024年某某区经济发展的主要预期目标是:地区生产总值增长6.5%左右,"
        "固定资产投资与上年度持平;粮食总产量保持在8.6万吨以上。\n"
    )
    rows = rows_of(text, 2024, "某某区")
    assert [(r.obs_kind, r.time_period, r.obs_value) for r in rows] == [
        ("target", "2024", 6.5),
        ("target", "2024", 86000.0),
    ]


def test_a_growth_rank_after_an_economy_total_keeps_its_name() -> None:
    # 经济总量 is GDP's own name: its growth's rank keeps it (not 经济)
    text = REVIEW + "经济总量达到300亿元,总量全省第二,增速全省第一。\n"
    rows = rows_of(text, 2023)
    assert [(r.indicator_code, r.indicator_zh, r.measure, r.obs_value) for r in rows] == [
        ("gdp", "经济总量", "level", 30000000000.0),
        ("gdp", "经济总量", "rank", 2.0),
        ("gdp", "经济总量", "rank", 1.0),
    ]
