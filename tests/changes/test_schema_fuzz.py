"""Schemathesis against the feed's own OpenAPI: no 500s, answers match the documented
schemas and status codes, for generated valid and invalid queries (the SSE stream is
left out: it never ends)."""

from __future__ import annotations

import asyncio
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from models import Database
from tests.changes.conftest import add_event

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
MAX_EXAMPLES = 25


def _fuzz(url: str) -> list[str]:
    schema = schemathesis.openapi.from_url(f"{url}/schema/openapi.json")
    fuzzed = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/v1/changes") or operation.path.endswith("/stream"):
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                query = case.query or {}
                wait = query.get("wait")
                if isinstance(wait, int | float) and not isinstance(wait, bool) and 0 < wait <= 60:
                    query["wait"] = 0.05  # a valid long-poll, kept short
                case.call_and_validate(base_url=url, checks=CHECKS)

            run()
            fuzzed.append(f"{operation.path} {mode.value}")
    return fuzzed


async def test_feed_endpoints_conform_to_their_schema(database: Database, live_url: str):
    await add_event(
        database, "dataset.updated", dataset="fz", version=2, changes=[], links={"diff": "/d"}
    )
    await add_event(database, "publication.created", title="t", url="https://x.gov.cn/a")
    fuzzed = await asyncio.to_thread(_fuzz, live_url)
    assert len(fuzzed) == 4, fuzzed
