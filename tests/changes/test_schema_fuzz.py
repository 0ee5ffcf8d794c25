"""Schemathesis against the feed's own OpenAPI with every check it has
(tests/api/schemathesis_rules.py): no 500s, answers match the documented schemas, status
codes, content types and headers, valid queries are accepted and invalid ones refused,
for generated queries (the SSE stream is left out: it never ends)."""

from __future__ import annotations

import asyncio
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from models import Database
from tests.api.schemathesis_rules import checks_for
from tests.changes.conftest import add_event

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
                response = case.call(base_url=url)
                case.validate_response(
                    response,
                    checks=checks_for(case, response),
                    transport_kwargs={"base_url": url},
                )

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
