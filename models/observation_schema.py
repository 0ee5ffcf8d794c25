"""The observation schema of SCHEMA.md: column names, order, types and vocabularies.

Everything that writes observations out (CSV, JSON, NDJSON, the data package, webhook
payloads, ``gongkai extract``) takes its columns from here, so the order never drifts::

    from models.observation_schema import COLUMNS
    writer.writerow(COLUMNS)
"""

from __future__ import annotations

from typing import Final, Literal, get_args

#: SCHEMA.md's columns, in SCHEMA.md's order.
COLUMNS: Final[tuple[str, ...]] = (
    "observation_id",
    "dataset",
    "publication_id",
    "publication_version",
    "ref_area",
    "ref_area_code",
    "time_period",
    "obs_kind",
    "indicator_code",
    "indicator_zh",
    "indicator_en",
    "measure",
    "obs_value",
    "obs_value_max",
    "qualifier",
    "unit",
    "unit_zh",
    "compare_scope",
    "value_text",
    "quote",
    "char_start",
    "char_end",
    "source_url",
)

#: Frictionless table-schema type of every column.
COLUMN_TYPES: Final[dict[str, str]] = {
    "observation_id": "string",
    "dataset": "string",
    "publication_id": "string",
    "publication_version": "integer",
    "ref_area": "string",
    "ref_area_code": "string",
    "time_period": "string",
    "obs_kind": "string",
    "indicator_code": "string",
    "indicator_zh": "string",
    "indicator_en": "string",
    "measure": "string",
    "obs_value": "number",
    "obs_value_max": "number",
    "qualifier": "string",
    "unit": "string",
    "unit_zh": "string",
    "compare_scope": "string",
    "value_text": "string",
    "quote": "string",
    "char_start": "integer",
    "char_end": "integer",
    "source_url": "string",
}

ObsKind = Literal["actual", "target"]
Measure = Literal[
    "level",
    "growth",
    "avg_growth",
    "pp_change",
    "avg_pp_change",
    "change",
    "rank",
    "rank_change",
    "pp_gap",
]
Qualifier = Literal["eq", "approx", "ge", "gt", "le", "lt", "range"]
Unit = Literal[
    "CNY",
    "percent",
    "percentage_point",
    "rank",
    "count",
    "jin",
    "mu",
    "tonnes",
    "km",
    "ug_m3",
    "square_m",
    "kwh",
    "other",
]
CompareScope = Literal["province", "country", "city", ""]

OBS_KINDS: Final[tuple[str, ...]] = ("actual", "target")
MEASURES: Final[tuple[str, ...]] = get_args(Measure)
QUALIFIERS: Final[tuple[str, ...]] = ("eq", "approx", "ge", "gt", "le", "lt", "range")
UNITS: Final[tuple[str, ...]] = (
    "CNY",
    "percent",
    "percentage_point",
    "rank",
    "count",
    "jin",
    "mu",
    "tonnes",
    "km",
    "ug_m3",
    "square_m",
    "kwh",
    "other",
)
COMPARE_SCOPES: Final[tuple[str, ...]] = ("province", "country", "city", "")

#: English and Chinese header labels for ``labels=en|zh`` CSV exports.
LABELS_EN: Final[dict[str, str]] = {
    "observation_id": "Observation ID",
    "dataset": "Dataset",
    "publication_id": "Publication ID",
    "publication_version": "Publication version",
    "ref_area": "Area",
    "ref_area_code": "Area code",
    "time_period": "Period",
    "obs_kind": "Kind (actual/target)",
    "indicator_code": "Indicator code",
    "indicator_zh": "Indicator (Chinese)",
    "indicator_en": "Indicator (English)",
    "measure": "Measure",
    "obs_value": "Value",
    "obs_value_max": "Value (upper bound)",
    "qualifier": "Qualifier",
    "unit": "Unit",
    "unit_zh": "Unit as written",
    "compare_scope": "Compared against",
    "value_text": "Value as written",
    "quote": "Quote",
    "char_start": "Quote start",
    "char_end": "Quote end",
    "source_url": "Source URL",
}
LABELS_ZH: Final[dict[str, str]] = {
    "observation_id": "观测编号",
    "dataset": "数据集",
    "publication_id": "文件编号",
    "publication_version": "文件版本",
    "ref_area": "地区",
    "ref_area_code": "区划代码",
    "time_period": "年份",
    "obs_kind": "类型(实际/目标)",
    "indicator_code": "指标代码",
    "indicator_zh": "指标",
    "indicator_en": "指标(英文)",
    "measure": "度量",
    "obs_value": "数值",
    "obs_value_max": "数值上限",
    "qualifier": "限定",
    "unit": "单位",
    "unit_zh": "原文单位",
    "compare_scope": "比较范围",
    "value_text": "原文数值",
    "quote": "原文",
    "char_start": "起始位置",
    "char_end": "结束位置",
    "source_url": "来源网址",
}
