"""Indicator extraction: every quantitative statement of a work report as SCHEMA.md rows.

>>> from ingest.indicators import extract, observation_ids
>>> rows = extract("一、2023年工作回顾\\n规模以上工业增加值增长14.6%,排名全省第1。")
>>> [(r.indicator_code, r.measure, r.obs_value) for r in rows]
[('industrial_value_added', 'growth', 14.6), ('industrial_value_added', 'rank', 1.0)]
"""

from __future__ import annotations

from ingest.indicators.catalog import Catalog, Indicator, load_catalog
from ingest.indicators.cli import run_extract_cli, run_structure_cli
from ingest.indicators.extract import extract
from ingest.indicators.ids import observation_ids
from ingest.indicators.model import ExtractedObservation
from ingest.indicators.structure import detect_report_year

__all__ = [
    "Catalog",
    "ExtractedObservation",
    "Indicator",
    "detect_report_year",
    "extract",
    "load_catalog",
    "observation_ids",
    "run_extract_cli",
    "run_structure_cli",
]
