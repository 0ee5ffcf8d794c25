"""Phrasing classes found on the held-out reports (tests/indicators/heldout/), one test each."""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract

REVIEW = "政府工作报告(2024年)\n一、2023年工作回顾\n"
FIVE_YEAR = "政府工作报告(2023年)\n一、过去五年工作回顾\n"


def rows(sentence: str, head: str = REVIEW) -> list[ExtractedObservation]:
    text = head + sentence
    out = extract(text, ref_area="某市")
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return out


def brief(r: ExtractedObservation) -> tuple[str, str, float, str]:
    return (r.indicator_code or r.indicator_zh, r.measure, r.obs_value, r.time_period)


def test_value_list_joined_by_he() -> None:
    out = rows("粮食播种面积700万亩、总产量60亿斤,分别增长0.6%和2.3%。")
    growth = [(r.indicator_code, r.obs_value) for r in out if r.measure == "growth"]
    assert growth == [("grain_sown_area", 0.6), ("grain_output", 2.3)]
    assert all(r.indicator_zh != "和" for r in out)


def test_value_list_joined_by_he_after_two_subjects() -> None:
    out = rows("财政总收入85.3亿元,其中一般公共预算收入50.2亿元,分别增长10.2%和11.6%。")
    growth = [(r.indicator_code, r.obs_value) for r in out if r.measure == "growth"]
    assert growth == [("fiscal_revenue", 10.2), ("public_budget_revenue", 11.6)]


def test_urban_rural_splits_into_two_subjects() -> None:
    out = rows("城乡居民人均可支配收入分别达到56954元和33488元,分别增长8.4%和9.3%。")
    assert [(r.indicator_code, r.measure, r.obs_value) for r in out] == [
        ("urban_disposable_income", "level", 56954),
        ("rural_disposable_income", "level", 33488),
        ("urban_disposable_income", "growth", 8.4),
        ("rural_disposable_income", "growth", 9.3),
    ]
    out = rows("城乡居民人均可支配收入均增长7%。")
    assert [(r.indicator_code, r.obs_value) for r in out] == [
        ("urban_disposable_income", 7),
        ("rural_disposable_income", 7),
    ]


def test_explicit_year_before_a_value() -> None:
    out = rows("地区生产总值由2017年的3857.2亿元增加到2022年的5502.7亿元。", FIVE_YEAR)
    assert [brief(r) for r in out] == [
        ("gdp", "level", 385720000000, "2017"),
        ("gdp", "level", 550270000000, "2022"),
    ]
    out = rows("PM2.5平均浓度由2017年的59微克/立方米降至2022年的39微克/立方米。", FIVE_YEAR)
    assert [brief(r) for r in out] == [("pm25", "level", 59, "2017"), ("pm25", "level", 39, "2022")]


def test_start_value_without_a_year_is_the_level_before_the_five_years() -> None:
    # SCHEMA.md: a review of 2018-2022 counts the changes of those years; the value they
    # start from is the 2017 level (it was dropped before corpus round 4).
    out = rows("高新技术企业由482家增加到1206家。", FIVE_YEAR)
    assert [(r.indicator_zh, r.obs_value, r.time_period) for r in out] == [
        ("高新技术企业", 482, "2017"),
        ("高新技术企业", 1206, "2022"),
    ]
    # In a one-year review the text does not date it: not published.
    out = rows("高新技术企业由482家增加到1206家。")
    assert [(r.obs_value, r.time_period) for r in out] == [(1206, "2023")]


def test_multi_year_changes_are_dated_by_their_interval() -> None:
    # SCHEMA.md: a review of several years dates changes, averages and totals by the
    # interval it covers (a 2023 report reviews 2018-2022), never as one year's growth.
    out = rows("地区生产总值年均增长6.9%。", FIVE_YEAR)
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in out] == [
        ("gdp", "avg_growth", 6.9, "2018/2022")
    ]
    out = rows("单位地区生产总值能耗累计下降17.5%。", FIVE_YEAR)
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in out] == [
        ("energy_intensity", "growth", -17.5, "2018/2022")
    ]
    assert rows("两年平均增长5.7%。") == []  # no subject
    # a cumulative amount is still an amount, over the five years
    out = rows("累计新增城镇就业28.6万人。", FIVE_YEAR)
    assert [(r.indicator_code, r.obs_value, r.time_period) for r in out] == [
        ("urban_new_jobs", 286000, "2018/2022")
    ]


def test_baochi_with_a_percent_is_a_level() -> None:
    out = rows("III类以上水质断面比例保持100%。")
    assert [(r.indicator_zh, r.measure, r.obs_value, r.unit) for r in out] == [
        ("III类以上水质断面比例", "level", 100, "percent")
    ]
    out = rows("规上工业增加值增速保持全省第1。")
    assert [(r.indicator_code, r.measure, r.obs_value) for r in out] == [
        ("industrial_value_added", "rank", 1)
    ]


def test_zhanbi_is_a_noun() -> None:
    out = rows("税收占比达到65.2%。")
    assert [(r.indicator_zh, r.obs_value) for r in out] == [("税收占比", 65.2)]


def test_total_borrows_the_previous_subject() -> None:
    out = rows("新增上市公司13家、总数达到139家。")
    assert [(r.indicator_zh, r.obs_value) for r in out] == [
        ("新增上市公司", 13),
        ("上市公司总数", 139),
    ]


def test_rank_in_a_named_group() -> None:
    out = rows("县域经济综合实力居全国百强县第37位、较上年前移5位。")
    assert [(r.measure, r.obs_value, r.compare_scope) for r in out] == [
        ("rank", 37, "country"),
        ("rank_change", 5, ""),
    ]
    # not a rank: an ordinal inside a name, or a group without 位/名
    out = rows("全市第二产业增加值增长5%。")
    assert [(r.indicator_code, r.measure) for r in out] == [("secondary_value_added", "growth")]
    assert rows("入选全国首批第三批试点。") == []
