"""What the phrasing-class tests share: extract a text and check every quote on the way.

rows = extracted("政府工作报告\\n...地区生产总值增长5.5%。")   # normalized like ingest
[(r.indicator_zh, r.obs_value) for r in rows]
"""

from __future__ import annotations

from ingest.indicators import ExtractedObservation, extract
from ingest.text import normalize_text


def extracted(
    text: str, area: str = "某市", year: int | None = None, code: str = ""
) -> list[ExtractedObservation]:
    """The rows of ``text`` (normalized at the boundary, as ingest does), each one's quote
    asserted to be the stored text at its offsets."""
    text = normalize_text(text)
    out = extract(text, ref_area=area, ref_area_code=code, report_year=year)
    for r in out:
        assert text[r.char_start : r.char_end] == r.quote
    return out


def brief(text: str, area: str = "某市") -> list[tuple[str, str, str, float, str]]:
    """(subject, measure, kind, value, period) of each row."""
    return [
        (r.indicator_zh, r.measure, r.obs_kind, r.obs_value, r.time_period)
        for r in extracted(text, area)
    ]


CodedBrief = tuple[str, str, str, str, float, str]


def coded_brief(text: str, year: int | None = None, area: str = "某市") -> list[CodedBrief]:
    """(subject, code, measure, kind, value, period) of each row."""
    return [
        (r.indicator_zh, r.indicator_code, r.measure, r.obs_kind, r.obs_value, r.time_period)
        for r in extracted(text, area, year)
    ]
