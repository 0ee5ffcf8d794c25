"""The published spec says what the server answers: errors as problem+json, media types."""

from __future__ import annotations

import httpx

from models import Database


async def test_every_documented_error_is_problem_json(
    client: httpx.AsyncClient, database: Database
) -> None:
    doc = (await client.get("/schema/openapi.json")).json()
    checked = 0
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if "{" in path or operation.get("parameters"):
                assert "400" in responses, f"{method} {path} documents no 400"
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    assert list(response.get("content", {})) == ["application/problem+json"], (
                        f"{method} {path} {code}"
                    )
                    checked += 1
    assert checked > 50


async def test_a_bad_path_parameter_answers_the_documented_problem(
    client: httpx.AsyncClient, database: Database
) -> None:
    answer = await client.get("/v1/publications/" + "x" * 300)
    assert answer.status_code in (400, 404)
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_ndjson_is_documented_as_the_unregistered_name_clients_know(
    client: httpx.AsyncClient, database: Database
) -> None:
    doc = (await client.get("/schema/openapi.json")).json()
    operation = doc["paths"]["/v1/datasets/{slug}/versions/{n}/observations.ndjson"]["get"]
    assert "application/x-ndjson" in operation["responses"]["200"]["content"]
    assert "not a media type registered with IANA" in operation["description"]
