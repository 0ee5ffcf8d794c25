"""The Frictionless Data Package descriptor of a dataset version.

The resource path is relative (``observations.csv``): the descriptor is served beside the
CSV (``.../versions/{n}/datapackage.json`` next to ``.../versions/{n}/observations.csv``),
so the same descriptor works over HTTP and from a folder holding both downloads::

    descriptor = datapackage(dataset, version, sources, base_url)
"""

from __future__ import annotations

import re
from typing import Any

from models import Dataset, DatasetVersion, Source
from models.observation_schema import (
    COLUMN_TYPES,
    COLUMNS,
    LABELS_EN,
    MEASURES,
    OBS_KINDS,
    QUALIFIERS,
    UNITS,
)
from models.scorecard_schema import (
    OUTCOMES,
    SCORECARD_COLUMNS,
    SCORECARD_LABELS_EN,
    SCORECARD_TYPES,
)

#: The licence the published numbers are offered under (facts from public documents,
#: attributed to their source).
LICENSE: dict[str, str] = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

_REQUIRED = frozenset(
    {
        "observation_id",
        "dataset",
        "publication_id",
        "publication_version",
        "obs_kind",
        "measure",
        "obs_value",
        "qualifier",
        "unit",
        "char_start",
        "char_end",
    }
)
# Empty cells are nulls, so the empty member of a vocabulary is not listed.
_ENUMS: dict[str, list[str]] = {
    "obs_kind": list(OBS_KINDS),
    "measure": list(MEASURES),
    "qualifier": list(QUALIFIERS),
    "unit": list(UNITS),
    "compare_scope": ["province", "country", "city"],
}
_DESCRIPTIONS: dict[str, str] = {
    "obs_value": "The value in base units (亿元 folded into yuan, 万人 into persons).",
    "obs_value_max": "Upper bound of a range, else empty.",
    "time_period": "The year the value is for; the target year for targets.",
    "quote": "The clause the value was read from: an exact substring of the version's text.",
}


def package_name(slug: str) -> str:
    """A Data Package name: lower case letters, digits, ``-``, ``_`` and ``.``."""
    return re.sub(r"[^a-z0-9._-]+", "-", slug.lower()).strip("-") or "dataset"


def field(column: str) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": column,
        "title": LABELS_EN[column],
        "type": COLUMN_TYPES[column],
    }
    if column in _DESCRIPTIONS:
        spec["description"] = _DESCRIPTIONS[column]
    constraints: dict[str, Any] = {}
    if column in _REQUIRED:
        constraints["required"] = True
    if column == "observation_id":
        constraints["unique"] = True
    if column in _ENUMS:
        constraints["enum"] = _ENUMS[column]
    if column in ("publication_version",):
        constraints["minimum"] = 1
    if column in ("char_start", "char_end"):
        constraints["minimum"] = 0
    if constraints:
        spec["constraints"] = constraints
    return spec


def table_schema() -> dict[str, Any]:
    return {
        "fields": [field(c) for c in COLUMNS],
        "primaryKey": ["observation_id"],
        "missingValues": [""],
    }


def scorecard_field(column: str) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": column,
        "title": SCORECARD_LABELS_EN[column],
        "type": SCORECARD_TYPES[column],
    }
    constraints: dict[str, Any] = {}
    if column in ("scorecard_id", "dataset", "time_period", "measure", "outcome"):
        constraints["required"] = True
    if column == "scorecard_id":
        constraints["unique"] = True
    if column == "outcome":
        constraints["enum"] = list(OUTCOMES)
    if column in ("target_qualifier", "actual_qualifier"):
        constraints["enum"] = list(QUALIFIERS)
    if constraints:
        spec["constraints"] = constraints
    return spec


def scorecard_table_schema() -> dict[str, Any]:
    return {
        "fields": [scorecard_field(c) for c in SCORECARD_COLUMNS],
        "primaryKey": ["scorecard_id"],
        "missingValues": [""],
    }


def datapackage(
    dataset: Dataset, version: DatasetVersion, sources: list[Source], base_url: str
) -> dict[str, Any]:
    root = f"{base_url.rstrip('/')}/v1/datasets/{dataset.slug}/versions/{version.version}"
    scorecard = dataset.kind == "scorecard"
    return {
        "profile": "tabular-data-package",
        "name": package_name(dataset.slug),
        "title": dataset.title or dataset.slug,
        "description": dataset.description,
        "version": f"{version.version}.0.0",
        "homepage": f"{base_url.rstrip('/')}/v1/datasets/{dataset.slug}",
        "created": version.created_at.isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "sources": [{"title": s.name, "path": s.url} for s in sources],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "observations",
                "path": "observations.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": scorecard_table_schema() if scorecard else table_schema(),
                "description": f"{version.row_count} {'targets' if scorecard else 'observations'}"
                f"; also at {root}/observations.csv",
            }
        ],
    }
