"""A DCAT-AP catalogue of every dataset, as JSON-LD.

Pure functions over plain values, so the document is easy to test and to read::

    doc = catalog_document(base_url, [DatasetEntry(...)])
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec

from api.datasets.datapackage import LICENSE

CONTEXT: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "adms": "http://www.w3.org/ns/adms#",
}
_IANA = "http://www.iana.org/assignments/media-types/"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
#: (file name, title, media type, EU file-type code)
DISTRIBUTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("observations.csv", "CSV", "text/csv", "CSV"),
    ("observations.ndjson", "NDJSON", "application/x-ndjson", "JSON"),
    ("observations.json", "JSON", "application/json", "JSON"),
    ("datapackage.json", "Frictionless Data Package", "application/json", "JSON"),
)
PUBLISHER: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": "Gongkai"}


class Area(msgspec.Struct):
    name: str
    code: str


class DatasetEntry(msgspec.Struct, kw_only=True):
    slug: str
    title: str
    description: str
    created_at: dt.datetime
    modified_at: dt.datetime | None
    latest_version: int
    areas: list[Area]
    period_start: str | None
    period_end: str | None
    source_urls: list[str]


def _stamp(value: dt.datetime) -> dict[str, str]:
    text = value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return {"@value": text, "@type": "xsd:dateTime"}


def _period(value: str) -> dict[str, str]:
    # time_period holds years; anything else is given as a plain literal.
    kind = "xsd:gYear" if re.fullmatch(r"\d{4}", value) else "xsd:string"
    return {"@value": value, "@type": kind}


def _distribution(root: str, name: str, title: str, media: str, code: str) -> dict[str, Any]:
    url = f"{root}/versions/latest/{name}"
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": _IANA + media},
        "dct:format": {"@id": _EU_FILE_TYPE + code},
        "dct:license": {"@id": LICENSE["path"]},
    }


def dataset_node(base_url: str, entry: DatasetEntry) -> dict[str, Any]:
    root = f"{base_url}/v1/datasets/{entry.slug}"
    node: dict[str, Any] = {
        "@id": root,
        "@type": "dcat:Dataset",
        "dct:identifier": entry.slug,
        "dct:title": entry.title or entry.slug,
        "dct:description": entry.description or entry.title or entry.slug,
        "dct:publisher": PUBLISHER,
        "dct:license": {"@id": LICENSE["path"]},
        "dct:issued": _stamp(entry.created_at),
        "owl:versionInfo": str(entry.latest_version),
        "dcat:landingPage": {"@id": root},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": "Gongkai",
            "vcard:hasURL": {"@id": base_url},
        },
        "dcat:distribution": [_distribution(root, *d) for d in DISTRIBUTIONS],
    }
    if entry.modified_at is not None:
        node["dct:modified"] = _stamp(entry.modified_at)
    if entry.areas:
        node["dct:spatial"] = [
            {
                "@type": "dct:Location",
                "rdfs:label": {"@value": a.name, "@language": "zh"},
                **({"dct:identifier": a.code} if a.code else {}),
            }
            for a in entry.areas
        ]
    if entry.period_start and entry.period_end:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _period(entry.period_start),
            "dcat:endDate": _period(entry.period_end),
        }
    if entry.source_urls:
        node["dct:source"] = [{"@id": u} for u in entry.source_urls]
    return node


def catalog_document(base_url: str, entries: list[DatasetEntry]) -> dict[str, Any]:
    base = base_url.rstrip("/")
    return {
        "@context": CONTEXT,
        "@id": f"{base}/v1/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": "Gongkai open data",
        "dct:description": "Numbers from Chinese government information-disclosure pages, "
        "versioned, with provenance to the exact clause of the exact document version.",
        "dct:publisher": PUBLISHER,
        "dct:license": {"@id": LICENSE["path"]},
        "foaf:homepage": {"@id": base},
        "dcat:dataset": [dataset_node(base, e) for e in entries],
    }
