"""Any input finishes quickly and every row keeps its promises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.indicators import extract
from ingest.text import normalize_text
from models.observation_schema import MEASURES, OBS_KINDS, QUALIFIERS, UNITS

_CHARS = (
    "0123456789.,、;:%-—~()“”《》\n 第年亿万元个家增长下降提高百分点全省市排名约近以上左右分别均占"
)
_WORDS = [
    "增长",
    "个百分点",
    "亿元",
    "全省第",
    "分别",
    "以上",
    "GDP",
    "2023年",
    "一、2023年工作回顾\n",
]
_ALPHABET = st.sampled_from([*_CHARS, *_WORDS])


def _check(text: str) -> None:
    for r in extract(text):
        assert text[r.char_start : r.char_end] == r.quote
        assert r.measure in MEASURES and r.obs_kind in OBS_KINDS
        assert r.qualifier in QUALIFIERS and r.unit in UNITS
        assert (r.obs_value_max is None) == (r.qualifier != "range")


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_report_like_noise(text: str) -> None:
    _check(normalize_text(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode(text: str) -> None:
    _check(normalize_text(text))


def test_long_digit_run_and_nesting_are_linear() -> None:
    digits = "增长" + "7" * 200_000 + "%"
    nested = "(" * 50_000 + "增长6%" + ")" * 50_000
    quotes = "“" * 30_000 + "全省第1" + "”" * 30_000
    listy = "、".join(["增长5%"] * 20_000)
    # No time is asserted (benchmarks live in bench/); a quadratic path would make this
    # test take minutes instead of well under a second.
    for text in (digits, nested, quotes, listy):
        _check(text)
