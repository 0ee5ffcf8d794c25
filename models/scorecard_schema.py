"""The scorecard's columns: one row per area, indicator, measure and year, pairing the
target set in that year's plan with the actual reported a year later.

The scorecard is a dataset like the others (versions, CSV, data package, diff, events);
only its row shape differs, and everything that writes its rows takes the columns from
here::

    from models.scorecard_schema import SCORECARD_COLUMNS
    writer.writerow(SCORECARD_COLUMNS)
"""

from __future__ import annotations

from typing import Final

#: The scorecard's columns, in export order.
SCORECARD_COLUMNS: Final[tuple[str, ...]] = (
    "scorecard_id",
    "dataset",
    "ref_area",
    "ref_area_code",
    "time_period",
    "indicator_code",
    "indicator_zh",
    "indicator_en",
    "measure",
    "compare_scope",
    "unit",
    "target_value",
    "target_value_max",
    "target_qualifier",
    "target_text",
    "actual_value",
    "actual_qualifier",
    "actual_text",
    "outcome",
    "gap",
    "target_publication_id",
    "target_publication_version",
    "target_quote",
    "target_url",
    "actual_publication_id",
    "actual_publication_version",
    "actual_quote",
    "actual_url",
)

SCORECARD_TYPES: Final[dict[str, str]] = {
    c: (
        "number"
        if c in ("target_value", "target_value_max", "actual_value", "gap")
        else "integer"
        if c.endswith("_publication_version")
        else "string"
    )
    for c in SCORECARD_COLUMNS
}

OUTCOMES: Final[tuple[str, ...]] = ("met", "missed", "unclear")

SCORECARD_LABELS_EN: Final[dict[str, str]] = {
    "scorecard_id": "Scorecard row ID",
    "dataset": "Dataset",
    "ref_area": "Area",
    "ref_area_code": "Area code",
    "time_period": "Year",
    "indicator_code": "Indicator code",
    "indicator_zh": "Indicator (Chinese)",
    "indicator_en": "Indicator",
    "measure": "Measure",
    "compare_scope": "Compared against",
    "unit": "Unit",
    "target_value": "Target",
    "target_value_max": "Target upper bound",
    "target_qualifier": "Target qualifier",
    "target_text": "Target as written",
    "actual_value": "Actual",
    "actual_qualifier": "Actual qualifier",
    "actual_text": "Actual as written",
    "outcome": "Outcome",
    "gap": "Gap (actual minus target)",
    "target_publication_id": "Target publication",
    "target_publication_version": "Target publication version",
    "target_quote": "Target quote",
    "target_url": "Target source URL",
    "actual_publication_id": "Actual publication",
    "actual_publication_version": "Actual publication version",
    "actual_quote": "Actual quote",
    "actual_url": "Actual source URL",
}

SCORECARD_LABELS_ZH: Final[dict[str, str]] = {
    "scorecard_id": "记分卡编号",
    "dataset": "数据集",
    "ref_area": "地区",
    "ref_area_code": "区划代码",
    "time_period": "年份",
    "indicator_code": "指标代码",
    "indicator_zh": "指标",
    "indicator_en": "指标(英文)",
    "measure": "度量",
    "compare_scope": "比较范围",
    "unit": "单位",
    "target_value": "目标值",
    "target_value_max": "目标上限",
    "target_qualifier": "目标限定",
    "target_text": "目标原文",
    "actual_value": "实际值",
    "actual_qualifier": "实际限定",
    "actual_text": "实际原文",
    "outcome": "完成情况",
    "gap": "差距",
    "target_publication_id": "目标出处",
    "target_publication_version": "目标出处版本",
    "target_quote": "目标引文",
    "target_url": "目标来源网址",
    "actual_publication_id": "实际出处",
    "actual_publication_version": "实际出处版本",
    "actual_quote": "实际引文",
    "actual_url": "实际来源网址",
}
