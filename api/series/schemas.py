"""What /v1/indicators, /v1/series and /v1/scorecard answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from models.scorecard_schema import SCORECARD_COLUMNS


class StatementOut(msgspec.Struct, kw_only=True):
    """One statement of a series point and where it was made."""

    obs_value: float
    obs_value_max: float | None
    qualifier: str
    unit: str
    unit_zh: str
    value_text: str
    quote: str
    """The clause the value was read from, as in that version's text."""
    observation_id: str
    dataset: str
    publication_id: str
    publication_version: int
    published_date: dt.date | None
    current: bool
    """False when a later version of the same document no longer says it."""
    source_url: str


class SeriesPoint(msgspec.Struct, kw_only=True):
    """The value of one (time_period, obs_kind) of a series: the latest publication's
    latest statement, and every other statement of it, newest first."""

    time_period: str
    """A year (`2023`) or an interval of years (`2021/2025`)."""
    obs_kind: str
    compare_scope: str
    """What a rank or gap compares against (`province`, `country`, `city`), else empty."""
    obs_value: float
    obs_value_max: float | None
    qualifier: str
    unit: str
    unit_zh: str
    value_text: str
    quote: str
    observation_id: str
    dataset: str
    publication_id: str
    publication_version: int
    published_date: dt.date | None
    source_url: str
    superseded: list[StatementOut]


class SeriesPage(msgspec.Struct, kw_only=True):
    indicator_code: str
    indicator_en: str
    ref_area: str | None
    ref_area_code: str | None
    measure: str
    items: list[SeriesPoint]
    next_cursor: str | None


class AreaCount(msgspec.Struct, kw_only=True):
    ref_area: str
    ref_area_code: str
    observations: int
    """Observations of this indicator about this area in the datasets' latest versions."""
    measures: dict[str, int]
    series: dict[str, str]
    """For each measure, the /v1/series link of this area and indicator."""


class IndicatorOut(msgspec.Struct, kw_only=True):
    code: str
    zh: str
    """The catalog's main Chinese name."""
    en: str
    units: list[str]
    """The canonical units its observations are stated in."""
    aliases: list[str]
    """Every Chinese name the extractor matches to it."""
    observations: int
    areas: list[AreaCount]


class IndicatorList(msgspec.Struct):
    items: list[IndicatorOut]


class ScorecardRowOut(msgspec.Struct, kw_only=True):
    """One target and what became of it (the scorecard dataset's columns)."""

    scorecard_id: str
    dataset: str
    ref_area: str
    ref_area_code: str
    time_period: str
    indicator_code: str
    indicator_zh: str
    indicator_en: str
    measure: str
    compare_scope: str
    unit: str
    target_value: float
    target_value_max: float | None
    target_qualifier: str
    target_text: str
    actual_value: float | None
    actual_qualifier: str
    actual_text: str
    outcome: str
    """met | missed | unclear"""
    gap: float | None
    """Actual minus target, in the target's unit (for a range: minus the nearer bound)."""
    target_publication_id: str
    target_publication_version: int
    target_quote: str
    target_url: str
    actual_publication_id: str
    actual_publication_version: int | None
    actual_quote: str
    actual_url: str


assert ScorecardRowOut.__struct_fields__ == SCORECARD_COLUMNS, "must follow the scorecard schema"


class ScorecardPage(msgspec.Struct, kw_only=True):
    version: int
    """The scorecard dataset version these rows belong to."""
    items: list[ScorecardRowOut]
    next_cursor: str | None


_STATEMENT: dict[str, Any] = {
    "obs_value": 5.2,
    "obs_value_max": None,
    "qualifier": "eq",
    "unit": "percent",
    "unit_zh": "%",
    "value_text": "增长5.2%",
    "quote": "全市地区生产总值增长5.2%",
    "observation_id": "obs_5be0c6c1d9a0e2f4a1b3",
    "dataset": "fuzhou-work-reports",
    "publication_id": "pub_5d15ce10770c6b9a58c9",
    "publication_version": 1,
    "published_date": "2024-01-20",
    "current": False,
    "source_url": "https://www.jxfz.gov.cn/art/2024/1/20/art_3787_1.html",
}
EXAMPLE_SERIES: dict[str, Any] = {
    "indicator_code": "gdp",
    "indicator_en": "Gross regional product",
    "ref_area": "抚州市",
    "ref_area_code": None,
    "measure": "growth",
    "items": [
        {
            "time_period": "2023",
            "obs_kind": "actual",
            "compare_scope": "",
            **{k: v for k, v in _STATEMENT.items() if k != "current"},
            "obs_value": 5.0,
            "value_text": "增长5%",
            "quote": "全市地区生产总值增长5%",
            "publication_version": 2,
            "superseded": [_STATEMENT],
        }
    ],
    "next_cursor": None,
}
EXAMPLE_INDICATORS: dict[str, Any] = {
    "items": [
        {
            "code": "gdp",
            "zh": "地区生产总值",
            "en": "Gross regional product",
            "units": ["CNY", "percent"],
            "aliases": ["地区生产总值", "生产总值", "GDP"],
            "observations": 12,
            "areas": [
                {
                    "ref_area": "抚州市",
                    "ref_area_code": "361000",
                    "observations": 12,
                    "measures": {"growth": 10, "level": 2},
                    "series": {
                        "growth": "https://gongkai.example/v1/series?indicator_code=gdp"
                        "&ref_area_code=361000&measure=growth",
                    },
                }
            ],
        }
    ]
}
EXAMPLE_SCORECARD_ROW: dict[str, Any] = {
    "scorecard_id": "sc_0f3a9c2e71b84d5a6c10",
    "dataset": "scorecard",
    "ref_area": "抚州市",
    "ref_area_code": "361000",
    "time_period": "2024",
    "indicator_code": "gdp",
    "indicator_zh": "地区生产总值",
    "indicator_en": "Gross regional product",
    "measure": "growth",
    "compare_scope": "",
    "unit": "percent",
    "target_value": 6.0,
    "target_value_max": None,
    "target_qualifier": "approx",
    "target_text": "6%左右",
    "actual_value": 5.3,
    "actual_qualifier": "eq",
    "actual_text": "5.3%",
    "outcome": "missed",
    "gap": -0.7,
    "target_publication_id": "pub_5d15ce10770c6b9a58c9",
    "target_publication_version": 1,
    "target_quote": "地区生产总值增长6%左右",
    "target_url": "https://www.jxfz.gov.cn/art/2024/1/20/art_3787_1.html",
    "actual_publication_id": "pub_a1c0f7b2e9d34c5b6a70",
    "actual_publication_version": 1,
    "actual_quote": "地区生产总值增长5.3%",
    "actual_url": "https://www.jxfz.gov.cn/art/2025/1/18/art_3787_2.html",
}
