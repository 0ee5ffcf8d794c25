"""Other areas named by a subject, and reports in traditional characters."""

from __future__ import annotations

from opencc import OpenCC

from api.changes.words import describe_observation_change
from ingest.indicators import extract
from ingest.indicators.areas import Gazetteer
from ingest.indicators.hanzi import is_traditional, reading_text
from ingest.text import normalize_text

REVIEW = "政府工作报告(2024年)\n一、2023年工作回顾\n"


def areas(sentence: str, own: str = "江西省", code: str = "360000") -> list[tuple[str, ...]]:
    text = REVIEW + sentence
    out = extract(text, ref_area=own, ref_area_code=code)
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return [(r.ref_area, r.ref_area_code, r.indicator_code, str(r.obs_value)) for r in out]


def test_a_subject_naming_another_area_gets_its_code() -> None:
    assert areas("南昌市地区生产总值增长4.5%。") == [("南昌市", "360100", "gdp", "4.5")]
    assert areas("赣州经济总量突破5000亿元。") == [("赣州市", "360700", "gdp", "500000000000.0")]


def test_the_own_area_stays_the_own_area() -> None:
    assert areas("全省地区生产总值增长4.1%。") == [("江西省", "360000", "gdp", "4.1")]
    assert areas("江西地区生产总值增长4.1%。") == [("江西省", "360000", "gdp", "4.1")]
    # a city report: the province it is in is another area
    assert areas("江西省地区生产总值增长4.1%。", own="抚州市", code="361000") == [
        ("江西省", "360000", "gdp", "4.1")
    ]


def test_several_areas_split_per_area() -> None:
    assert areas("赣州、吉安经济总量分别增长5%、6%。") == [
        ("赣州市", "360700", "gdp", "5.0"),
        ("吉安市", "360800", "gdp", "6.0"),
    ]
    assert areas("赣州、吉安经济总量均突破2000亿元。") == [
        ("赣州市", "360700", "gdp", "200000000000.0"),
        ("吉安市", "360800", "gdp", "200000000000.0"),
    ]
    assert areas("全省地区生产总值增长4.1%,其中赣州增长5%、吉安增长6%。") == [
        ("江西省", "360000", "gdp", "4.1"),
        ("赣州市", "360700", "gdp", "5.0"),
        ("吉安市", "360800", "gdp", "6.0"),
    ]


def test_names_that_are_not_areas_here() -> None:
    gaz = Gazetteer("江西省", "360000")
    assert gaz.split("黄山风景区接待游客") is None  # a mountain, read by full name only
    assert gaz.split("高新区工业增加值") is None
    assert gaz.lookup("安吉县") is not None and gaz.lookup("安吉") is None  # a county, short
    assert Gazetteer("湖州市", "330500").lookup("安吉") is not None  # ... inside its city


def test_traditional_report_reads_the_same(seed_text: str) -> None:
    simple = normalize_text(seed_text)
    mirrored = OpenCC("s2t").convert(simple)
    assert len(mirrored) == len(simple) and mirrored != simple
    assert is_traditional(mirrored) and not is_traditional(simple)
    a = extract(simple, ref_area="抚州市")
    b = extract(mirrored, ref_area="抚州市")
    assert len(a) == len(b) > 100
    key = ("indicator_code", "measure", "obs_value", "obs_kind", "time_period", "char_start")
    assert [tuple(getattr(r, k) for k in key) for r in a] == [
        tuple(getattr(r, k) for k in key) for r in b
    ]
    for r in b:
        assert mirrored[r.char_start : r.char_end] == r.quote  # quotes from the stored text


def test_handwritten_traditional_passage() -> None:
    text = (
        "政府工作報告(2024年)\n一、2023年工作回顧\n"
        "全市地區生產總值突破2000億元,增長6.3%,增速躍居全省第3。"
    )
    reading = reading_text(text)
    assert reading is not None and len(reading) == len(text)
    out = extract(text, ref_area="抚州市")
    assert [(r.indicator_code, r.measure, r.obs_value, r.time_period) for r in out] == [
        ("gdp", "level", 200000000000, "2023"),
        ("gdp", "growth", 6.3, "2023"),
        ("gdp", "rank", 3, "2023"),
    ]
    assert out[0].value_text == "2000億元"  # as written in the stored text


def test_change_feed_words_for_the_new_measures() -> None:
    base = {"change": "changed", "obs_kind": "actual", "indicator_zh": "地区生产总值"}
    avg = {**base, "measure": "avg_growth", "time_period": "2021/2025", "unit_zh": "%"}
    avg |= {"old": {"obs_value": 5.5, "qualifier": "eq"}, "new": {"obs_value": 6.1}}
    assert describe_observation_change(avg) == "2021-2025年实际: 地区生产总值年均增长 5.5% -> 6.1%"
    change = {**base, "measure": "change", "time_period": "2023", "unit_zh": "亿元"}
    change |= {"change": "added", "old": None, "new": {"obs_value": -1.2e9, "qualifier": "eq"}}
    assert describe_observation_change(change) == "2023年实际: 新增 地区生产总值减少 12亿元"
