"""One observation as the API shows it: SCHEMA.md's columns in SCHEMA.md's order."""

from __future__ import annotations

from typing import Any

import msgspec

from models.observation_schema import COLUMNS


class ObservationOut(msgspec.Struct):
    """An observation (see SCHEMA.md): one number, its dimensions and its provenance."""

    observation_id: str
    dataset: str
    publication_id: str
    publication_version: int
    ref_area: str
    ref_area_code: str
    time_period: str
    obs_kind: str
    indicator_code: str
    indicator_zh: str
    indicator_en: str
    measure: str
    obs_value: float
    obs_value_max: float | None
    qualifier: str
    unit: str
    unit_zh: str
    compare_scope: str
    value_text: str
    quote: str
    char_start: int
    char_end: int
    source_url: str


# The struct is the contract's mirror: fail at import if the two ever drift apart.
assert ObservationOut.__struct_fields__ == COLUMNS, "ObservationOut must follow SCHEMA.md"


class ObservationPage(msgspec.Struct):
    items: list[ObservationOut]
    next_cursor: str | None
    """Pass as ``cursor`` for the next page; null on the last page."""


EXAMPLE_OBSERVATION: dict[str, Any] = {
    "observation_id": "obs_3f1c9a0d2b7e4c51",
    "dataset": "fuzhou-work-reports",
    "publication_id": "pub_01hrv0j3p4k5m6n7p8q9r0s1t2",
    "publication_version": 1,
    "ref_area": "抚州市",
    "ref_area_code": "361000",
    "time_period": "2023",
    "obs_kind": "actual",
    "indicator_code": "industrial_value_added",
    "indicator_zh": "规模以上工业增加值",
    "indicator_en": "Value added of industry above designated size",
    "measure": "growth",
    "obs_value": 14.6,
    "obs_value_max": None,
    "qualifier": "eq",
    "unit": "percent",
    "unit_zh": "%",
    "compare_scope": "",
    "value_text": "增长14.6%",
    "quote": "规模以上工业增加值增长14.6%",
    "char_start": 1180,
    "char_end": 1196,
    "source_url": "https://www.jxfz.gov.cn/art/2024/3/11/art_4394_4137001.html",
}
