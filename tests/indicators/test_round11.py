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
    assert coded(rows_of(text, 2021)) == [
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
