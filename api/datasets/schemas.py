"""What /v1/datasets answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from api.observations.schemas import EXAMPLE_OBSERVATION, ObservationOut
from api.series.schemas import ScorecardRowOut


class DatasetLinks(msgspec.Struct, kw_only=True):
    versions: str
    csv: str
    ndjson: str
    json: str
    datapackage: str


class DatasetOut(msgspec.Struct, kw_only=True):
    slug: str
    title: str
    description: str
    is_sample: bool
    latest_version: int
    """0 while the dataset has no version yet."""
    row_count: int
    """Observations in the latest version."""
    created_at: dt.datetime
    updated_at: dt.datetime
    links: DatasetLinks
    """Downloads of the latest version."""


class DatasetList(msgspec.Struct):
    items: list[DatasetOut]


class DatasetVersionOut(msgspec.Struct, kw_only=True):
    dataset: str
    version: int
    created_at: dt.datetime
    row_count: int
    content_hash: str
    """Hash of the version's rows (ids and values): equal hash, byte-identical exports."""
    added: int
    removed: int
    changed: int
    cause: dict[str, Any]
    links: DatasetLinks


class DatasetVersionList(msgspec.Struct):
    items: list[DatasetVersionOut]


class ObservationChangeOut(msgspec.Struct, kw_only=True):
    observation_id: str
    """The row's stable id (for the scorecard dataset its scorecard_id)."""
    change: str
    """added | removed | changed"""
    old: ObservationOut | None
    """The observation before (null when added, and in a scorecard dataset)."""
    new: ObservationOut | None
    old_scorecard: ScorecardRowOut | None = None
    """In a scorecard dataset: the scorecard row before (null when added)."""
    new_scorecard: ScorecardRowOut | None = None


class DiffCounts(msgspec.Struct):
    added: int
    removed: int
    changed: int


class DatasetDiffOut(msgspec.Struct, kw_only=True):
    dataset: str
    version: int
    against: int
    """The older side; 0 is the empty dataset."""
    counts: DiffCounts
    added: list[ObservationChangeOut]
    removed: list[ObservationChangeOut]
    changed: list[ObservationChangeOut]


def _links(version: str) -> dict[str, str]:
    base = f"https://gongkai.example/v1/datasets/fuzhou-work-reports/versions/{version}"
    return {
        "versions": "https://gongkai.example/v1/datasets/fuzhou-work-reports/versions",
        "csv": f"{base}/observations.csv",
        "ndjson": f"{base}/observations.ndjson",
        "json": f"{base}/observations.json",
        "datapackage": f"{base}/datapackage.json",
    }


EXAMPLE_DATASET: dict[str, Any] = {
    "slug": "fuzhou-work-reports",
    "title": "抚州市政府工作报告中的数字",
    "description": "Numbers in the Fuzhou government work reports.",
    "is_sample": False,
    "latest_version": 2,
    "row_count": 412,
    "created_at": "2024-03-11T09:00:00Z",
    "updated_at": "2024-03-12T08:00:03Z",
    "links": _links("latest"),
}
EXAMPLE_VERSION: dict[str, Any] = {
    "dataset": "fuzhou-work-reports",
    "version": 2,
    "created_at": "2024-03-12T08:00:03Z",
    "row_count": 412,
    "content_hash": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
    "added": 0,
    "removed": 0,
    "changed": 1,
    "cause": {"publications": [{"id": "pub_01hrv0j3p4k5m6n7p8q9r0s1t2", "version": 2}]},
    "links": _links("2"),
}
EXAMPLE_DIFF: dict[str, Any] = {
    "dataset": "fuzhou-work-reports",
    "version": 2,
    "against": 1,
    "counts": {"added": 0, "removed": 0, "changed": 1},
    "added": [],
    "removed": [],
    "changed": [
        {
            "observation_id": EXAMPLE_OBSERVATION["observation_id"],
            "change": "changed",
            "old": {**EXAMPLE_OBSERVATION, "obs_value": 14.5, "value_text": "增长14.5%"},
            "new": {**EXAMPLE_OBSERVATION, "publication_version": 2},
        }
    ],
}
