"""A DCAT-AP 3 catalogue of every dataset, as JSON-LD.

Pure functions over plain values, so the document is easy to test and to read::

    doc = catalog_document(base_url, [DatasetEntry(...)], contact_email="data@example.org")

Every object of a DCAT-AP property is a typed node (a licence is a ``dct:LicenseDocument``,
a media type a ``dct:MediaType``, a URL an ``rdfs:Resource``...), because the SEMIC SHACL
shapes check the class of each value, not only that one is there; the test suite
validates the document with pySHACL against those shapes. Controlled vocabularies are the
EU Publications Office's (file types, languages, data themes). The government pages a
dataset is read from are ``dct:relation`` resources with a ``dct:provenance`` statement:
``dct:source`` would claim they are datasets themselves.
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
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_IANA = "http://www.iana.org/assignments/media-types/"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
_EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
#: The documents are Chinese; titles and descriptions here are English.
LANGUAGES = ("ZHO", "ENG")
#: EU data themes (code, label): the labels are the vocabulary's own.
THEMES = (("ECON", "Economy and finance"), ("GOVE", "Government and public sector"))
KEYWORDS = (
    ("government work report", "en"),
    ("政府工作报告", "zh"),
    ("government information disclosure", "en"),
    ("政府信息公开", "zh"),
    ("economic indicators", "en"),
)
#: (file name, title, media type, EU file-type code)
DISTRIBUTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("observations.csv", "CSV", "text/csv", "CSV"),
    ("observations.ndjson", "NDJSON", "application/x-ndjson", "JSON"),
    ("observations.json", "JSON", "application/json", "JSON"),
    ("datapackage.json", "Frictionless Data Package", "application/json", "JSON"),
)
PUBLISHER: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": "Gongkai"}


def _node(iri: str, kind: str) -> dict[str, str]:
    return {"@id": iri, "@type": kind}


def _en(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "en"}


_LICENSE = _node(LICENSE["path"], "dct:LicenseDocument")
_LANGUAGE_NODES = [_node(_EU_LANGUAGE + code, "dct:LinguisticSystem") for code in LANGUAGES]
_THEME_SCHEME = {
    "@id": _EU_THEME.rstrip("/"),
    "@type": "skos:ConceptScheme",
    "dct:title": _en("Data theme"),
}
_THEME_NODES = [
    {"@id": _EU_THEME + code, "@type": "skos:Concept", "skos:prefLabel": _en(label),
     "skos:inScheme": _THEME_SCHEME}
    for code, label in THEMES
]  # fmt: skip
_KEYWORDS = [{"@value": text, "@language": lang} for text, lang in KEYWORDS]


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
        "dct:title": _en(title),
        "dcat:accessURL": _node(url, "rdfs:Resource"),
        "dcat:downloadURL": _node(url, "rdfs:Resource"),
        "dcat:mediaType": _node(_IANA + media, "dct:MediaType"),
        "dct:format": _node(_EU_FILE_TYPE + code, "dct:MediaTypeOrExtent"),
        "dct:license": _LICENSE,
        "dct:language": _LANGUAGE_NODES,
    }


def _contact(base_url: str, email: str) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": "Gongkai",
        "vcard:hasURL": _node(base_url, "rdfs:Resource"),
    }
    if email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{email}"}
    return contact


def _location(area: Area) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "dct:Location",
        "rdfs:label": {"@value": area.name, "@language": "zh"},
    }
    if area.code:
        node["dct:identifier"] = area.code
    return node


def dataset_node(base_url: str, entry: DatasetEntry, contact_email: str = "") -> dict[str, Any]:
    root = f"{base_url}/v1/datasets/{entry.slug}"
    node: dict[str, Any] = {
        "@id": root,
        "@type": "dcat:Dataset",
        "dct:identifier": entry.slug,
        "dct:title": _en(entry.title or entry.slug),
        "dct:description": _en(entry.description or entry.title or entry.slug),
        "dct:publisher": PUBLISHER,
        "dct:license": _LICENSE,
        "dct:issued": _stamp(entry.created_at),
        "dct:language": _LANGUAGE_NODES,
        "dcat:theme": _THEME_NODES,
        "dcat:keyword": _KEYWORDS,
        "owl:versionInfo": str(entry.latest_version),
        "dcat:landingPage": _node(root, "foaf:Document"),
        "dcat:contactPoint": _contact(base_url, contact_email),
        "dcat:distribution": [_distribution(root, *d) for d in DISTRIBUTIONS],
    }
    if entry.modified_at is not None:
        node["dct:modified"] = _stamp(entry.modified_at)
    if entry.areas:
        node["dct:spatial"] = [_location(a) for a in entry.areas]
    if entry.period_start and entry.period_end:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _period(entry.period_start),
            "dcat:endDate": _period(entry.period_end),
        }
    if entry.source_urls:
        node["dct:relation"] = [_node(u, "rdfs:Resource") for u in entry.source_urls]
        node["dct:provenance"] = {
            "@type": "dct:ProvenanceStatement",
            "rdfs:label": _en(
                "Every number is read from the government pages listed as related resources; "
                "each observation quotes its clause and names the document version."
            ),
        }
    return node


def catalog_document(
    base_url: str, entries: list[DatasetEntry], *, contact_email: str = ""
) -> dict[str, Any]:
    base = base_url.rstrip("/")
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": f"{base}/v1/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _en("Gongkai open data"),
        "dct:description": _en(
            "Numbers from Chinese government information-disclosure pages, versioned, with "
            "provenance to the exact clause of the exact document version."
        ),
        "dct:publisher": PUBLISHER,
        "dct:license": _LICENSE,
        "dct:language": _LANGUAGE_NODES,
        "dcat:themeTaxonomy": _THEME_SCHEME,
        "foaf:homepage": _node(base, "foaf:Document"),
        "dcat:dataset": [dataset_node(base, e, contact_email) for e in entries],
    }
    issued = [e.created_at for e in entries]
    modified = [e.modified_at or e.created_at for e in entries]
    if issued:
        document["dct:issued"] = _stamp(min(issued))
        document["dct:modified"] = _stamp(max(modified))
    areas = {(a.name, a.code): a for e in entries for a in e.areas}
    if areas:
        document["dct:spatial"] = [_location(a) for a in areas.values()]
    return document
