"""Schemathesis's stateful testing over the whole API, following the OpenAPI ``links`` of
the published document (api/openapi_links.py), with every check it has, on both backends.

The live server (uvicorn on a loopback port) holds what a first ``gongkai serve`` holds: the
bundled sample, imported the way serve imports it, plus one webhook with one delivery made
over HTTP. Scenarios start anywhere and carry the ids that answers name into the next
requests: the sample's dataset and versions into exports and diffs, its publication into
versions, raw bytes and diffs, webhook ids into every webhook operation, delivery ids into
redeliveries. A webhook a scenario creates gets a public literal address as its URL, so that
creation succeeds and the links from its 201 are followed (the other fields stay generated).
Only the endless SSE stream is left out (tests/changes/test_sse.py covers it).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from api.auth import create_key
from gongkai.runtime import import_sample_if_empty
from models import Database
from tests.api.conftest import LiveServer, serve_for_fuzzing
from tests.api.schemathesis_rules import checks_for

#: scenarios per backend, steps per scenario: about 50 s of CPU for both backends here
#: (1,559 requests per backend; 33 of the 42 operations answer 2xx at least once)
SCENARIOS = 150
STEPS = 10
PUBLIC_HOOK = "https://93.184.215.14/hook"

pytestmark = pytest.mark.slow


@pytest.fixture
def live(database_url: str) -> Iterator[LiveServer]:
    yield from serve_for_fuzzing(database_url)


async def _world(database: Database, live: LiveServer) -> dict[str, str]:
    assert await import_sample_if_empty(database)
    async with database.transaction() as session:
        key = await create_key(session, scope="admin")
    headers = {"Authorization": f"Bearer {key.secret}"}
    await asyncio.to_thread(_one_webhook, live, headers)
    return headers


def _label(case: Any) -> str:
    return f"{case.operation.method.upper()} {case.operation.path}"


def _one_webhook(live: LiveServer, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=live.url, headers=headers) as http:
        hooks = http.get("/v1/webhooks").json()["items"]
        keep = hooks[0]["id"] if hooks and hooks[0]["enabled"] else None
        for hook in hooks:
            if hook["id"] != keep:
                assert http.delete(f"/v1/webhooks/{hook['id']}").status_code == 204
        if keep is None:
            keep = http.post("/v1/webhooks", json={"url": PUBLIC_HOOK}).json()["id"]
        if not http.get(f"/v1/webhooks/{keep}/deliveries").json()["items"]:
            assert http.post(f"/v1/webhooks/{keep}/ping").status_code == 202


def _machine(live: LiveServer, headers: dict[str, str], seen: Counter[tuple[str, int]]) -> Any:
    # Only the document's own links: no inferred ones.
    config = SchemathesisConfig.from_dict(
        {"phases": {"stateful": {"inference": {"algorithms": []}}}}
    )
    schema = schemathesis.openapi.from_url(f"{live.url}/schema/openapi.json", config=config)
    schema = schema.exclude(path="/v1/changes/stream")

    class Machine(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every scenario starts from the same state: exactly one webhook, with a
            # delivery (scenarios delete and create webhooks). Else a scenario replayed
            # by Hypothesis could find an empty list where a link had found an id.
            _one_webhook(live, headers)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers}

        def before_call(self, case: Any) -> None:
            query = case.query or {}
            wait = query.get("wait")
            if isinstance(wait, int | float) and not isinstance(wait, bool) and wait > 0:
                query["wait"] = 0.05  # a valid long-poll, kept short
            positive = case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE
            body = case.body
            if (
                positive
                and _label(case) in ("POST /v1/webhooks", "PATCH /v1/webhooks/{webhook_id}")
                and isinstance(body, dict)
                and isinstance(body.get("url"), str)
            ):
                body["url"] = PUBLIC_HOOK

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            seen[(_label(case), response.status_code)] += 1
            case.validate_response(
                response,
                checks=checks_for(case, response),
                headers=headers,
                transport_kwargs=kwargs or None,
            )

    return Machine


def _operations(live: LiveServer) -> set[str]:
    doc = httpx.get(f"{live.url}/schema/openapi.json").json()
    return {
        f"{method.upper()} {path}"
        for path, item in doc["paths"].items()
        for method in item
        if path != "/v1/changes/stream"
    }


def _run(live: LiveServer, headers: dict[str, str]) -> Counter[tuple[str, int]]:
    seen: Counter[tuple[str, int]] = Counter()
    _machine(live, headers, seen).run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate],
        )
    )
    return seen


async def test_stateful_scenarios_pass_every_check(database: Database, live: LiveServer) -> None:
    headers = await _world(database, live)
    started = time.process_time()
    seen = await asyncio.to_thread(_run, live, headers)
    cpu = time.process_time() - started
    ok = {label for (label, status), _ in seen.items() if 200 <= status < 300}
    never = sorted(_operations(live) - ok)
    print(
        f"stateful: {sum(seen.values())} requests, {len(ok)} operations answered 2xx, "
        f"{cpu:.1f} s CPU; never 2xx: {never}"
    )
    # Ids flowed through the links: the sample's dataset and publication, the webhook's
    # deliveries were reached with real ids (generated ids would only meet 404s).
    assert {
        "GET /v1/datasets/{slug}",
        "GET /v1/datasets/{slug}/versions/{n}",
        "GET /v1/datasets/{slug}/versions/{n}/observations.csv",
        "GET /v1/publications/{publication_id}",
        "GET /v1/publications/{publication_id}/versions/{n}",
        "GET /v1/sources/{name}",
        "POST /v1/webhooks",
        "GET /v1/webhooks/{webhook_id}",
        "GET /v1/webhooks/{webhook_id}/deliveries",
    } <= ok, "; ".join(f"{k} {s}: {n}" for (k, s), n in sorted(seen.items()))
    assert len(ok) >= 30, never
