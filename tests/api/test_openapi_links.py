"""The OpenAPI document's ``links`` (api/openapi_links.py) name real operations, real
parameters and fields that the answers really have; the served document is the committed
one, links included; and each link, followed by hand over the seeded database, answers 2xx."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from api.openapi import openapi_document
from models import Database
from tests.api.seed import seed_world
from tests.api.test_live_schemathesis import _scorecard as scorecard_of

REPO = Path(__file__).resolve().parents[2]

Doc = dict[str, Any]


@pytest.fixture
async def doc(client: httpx.AsyncClient) -> Doc:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    served: Doc = response.json()
    return served


def _operations(doc: Doc) -> dict[str, tuple[str, str, Doc]]:
    return {
        op["operationId"]: (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }


def _resolve(doc: Doc, schema: Doc) -> Doc:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _walk(doc: Doc, schema: Doc, pointer: str) -> Doc | None:
    """The schema at JSON pointer ``pointer`` inside instances of ``schema``, or None."""
    for token in [t for t in pointer.split("/") if t]:
        schema = _resolve(doc, schema)
        options = schema.get("oneOf") or schema.get("anyOf") or [schema]
        step = None
        for option in (_resolve(doc, o) for o in options):
            if token.isdigit() and option.get("type") == "array":
                step = option["items"]
            elif token in option.get("properties", {}):
                step = option["properties"][token]
            if step is not None:
                break
        if step is None:
            return None
        schema = step
    return _resolve(doc, schema)


def _scalar(schema: Doc) -> bool:
    options = schema.get("oneOf") or schema.get("anyOf") or [schema]
    return any(o.get("type") in ("string", "integer", "number") for o in options)


def _links(doc: Doc) -> list[tuple[str, str, str, str, Doc]]:
    found = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                for name, link in response.get("links", {}).items():
                    found.append((f"{method.upper()} {path}", status, name, path, link))
    return found


async def test_every_link_names_a_real_operation_parameter_and_field(doc: Doc) -> None:
    operations = _operations(doc)
    links = _links(doc)
    assert len(links) >= 50
    wrong = []
    for source, status, name, source_path, link in links:
        where = f"{source} {status} {name}"
        source_op = next(o[2] for o in operations.values() if f"{o[0].upper()} {o[1]}" == source)
        if link["operationId"] not in operations:
            wrong.append((where, "no such operation", link["operationId"]))
            continue
        target = operations[link["operationId"]][2]
        params = {(p["in"], p["name"]) for p in target.get("parameters", [])}
        required = {(p["in"], p["name"]) for p in target.get("parameters", []) if p["required"]}
        given = set()
        for key, expression in link["parameters"].items():
            place, _, pname = key.rpartition(".")
            match = [p for p in params if p[1] == pname and (not place or p[0] == place)]
            if len(match) != 1:
                wrong.append((where, "no parameter", key))
                continue
            given.add(match[0])
            if expression.startswith("$response.body#"):
                content = source_op["responses"][status]["content"]
                schema = content["application/json"]["schema"]
                leaf = _walk(doc, schema, expression.split("#", 1)[1])
                if leaf is None:
                    wrong.append((where, "no such field", expression))
                elif not _scalar(leaf):
                    wrong.append((where, "not a string or number", expression))
            elif expression.startswith("$request.path."):
                if expression.removeprefix("$request.path.") not in re.findall(
                    r"{(\w+)}", source_path
                ):
                    wrong.append((where, "no such path parameter", expression))
            else:
                wrong.append((where, "unexpected expression", expression))
        missing = required - given
        if missing:
            wrong.append((where, "required parameters not supplied", sorted(missing)))
    assert not wrong, wrong


async def test_served_and_committed_documents_are_the_same_with_links(
    database: Database, client: httpx.AsyncClient, doc: Doc
) -> None:
    committed = json.loads((REPO / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    app = create_app(database, ApiConfig(base_url="http://127.0.0.1"))
    assert openapi_document(app) == committed == doc
    swagger = await client.get("/schema/swagger")
    assert swagger.status_code == 200 and '"links"' in swagger.text


def _fill(expression: str, answer: Any, request_path: dict[str, str]) -> Any:
    if expression.startswith("$request.path."):
        return request_path[expression.removeprefix("$request.path.")]
    value = answer
    for token in [t for t in expression.split("#", 1)[1].split("/") if t]:
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value


async def test_read_links_followed_by_hand_answer_2xx(
    database: Database, client: httpx.AsyncClient, doc: Doc
) -> None:
    """From the lists down: every GET link whose source answered, followed with the
    values it names, answers 2xx (a wrong pointer would give a 404 or a 400)."""
    world = await seed_world(database)
    await scorecard_of(database, world.slug)
    operations = _operations(doc)
    answers: dict[str, tuple[Any, dict[str, str]]] = {}
    pending = ["GET /v1/datasets", "GET /v1/publications", "GET /v1/sources"]
    pending += ["GET /v1/indicators", "GET /v1/observations", "GET /v1/changes"]
    pending += ["GET /v1/scorecard"]
    for start in pending:
        response = await client.get(start.split(" ", 1)[1])
        assert response.status_code == 200, start
        answers[start] = (response.json(), {})
    followed = []
    queue = list(answers)
    while queue:
        source = queue.pop(0)
        method, path = source.split(" ", 1)
        answer, request_path = answers[source]
        op = doc["paths"][path][method.lower()]
        for name, link in op["responses"]["200"].get("links", {}).items():
            target_method, target_path, _ = operations[link["operationId"]]
            if target_method != "get":
                continue
            url, query = target_path, {}
            values = {}
            for key, expression in link["parameters"].items():
                place, _, pname = key.rpartition(".")
                value = _fill(expression, answer, request_path)
                if place == "query":
                    query[pname] = value
                else:
                    values[pname] = str(value)
                    url = url.replace("{" + pname + "}", str(value))
            response = await client.get(url, params=query)
            assert 200 <= response.status_code < 300, (source, name, url, query, response.text)
            followed.append(f"{source} -> {name}")
            label = f"GET {target_path}"
            json_answer = response.headers.get("content-type", "").startswith("application/json")
            if label not in answers and json_answer:
                answers[label] = (response.json(), values)
                queue.append(label)
    assert len(followed) >= 30, followed
