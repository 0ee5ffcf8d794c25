"""Schemathesis with every one of its checks over the webhook endpoints, against the
live server on both backends, with real ids: a webhook and a delivery of the caller's
own are swapped into generated paths, so the happy paths are exercised, not only 404s."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from api.auth import create_key
from models import Database
from tests.api.conftest import LiveServer, serve_for_fuzzing
from tests.api.schemathesis_rules import checks_for

MAX_EXAMPLES = 15
# Every check runs; positive_data_acceptance is left out only for the refusals the schema
# cannot express (tests/api/schemathesis_rules.py: the 422s of a URL that must resolve to
# public addresses, unknown event types, blank dataset slugs; opaque cursors).

pytestmark = pytest.mark.slow


@pytest.fixture
def live(database_url: str) -> Iterator[LiveServer]:
    yield from serve_for_fuzzing(database_url)


async def _own(database: Database, live: LiveServer) -> tuple[dict[str, str], str, str]:
    async with database.transaction() as session:
        key = await create_key(session, scope="subscriber")
    headers = {"Authorization": f"Bearer {key.secret}"}
    async with httpx.AsyncClient(base_url=live.url, headers=headers) as http:
        hook = (await http.post("/v1/webhooks", json={"url": "https://93.184.215.14/h"})).json()
        await http.post(f"/v1/webhooks/{hook['id']}/ping")
        page = (await http.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()
    return headers, hook["id"], page["items"][0]["id"]


def _fuzz_one(
    operation: Any,
    mode: GenerationMode,
    live: LiveServer,
    headers: dict[str, str],
    real: dict[str, str],
) -> bool:
    """Run one operation in one mode; False when there was nothing to generate."""

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        if mode == GenerationMode.POSITIVE and data.draw(st.booleans()):
            for name in list(case.path_parameters or {}):
                if name in real:
                    case.path_parameters[name] = real[name]
        response = case.call(base_url=live.url, headers=headers)
        case.validate_response(
            response,
            checks=checks_for(case, response),
            headers=headers,
            transport_kwargs={"base_url": live.url, "headers": headers},
        )

    try:
        run()
    except Unsatisfiable:
        # nothing to make invalid (e.g. GET /v1/webhooks has no parameters)
        assert mode == GenerationMode.NEGATIVE
        return False
    return True


def _fuzz(live: LiveServer, headers: dict[str, str], real: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_url(f"{live.url}/schema/openapi.json")
    done = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # DELETE would remove the webhook the other operations use; it is covered in
        # tests/webhooks/test_api.py.
        if not operation.path.startswith("/v1/webhooks") or operation.method == "delete":
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if _fuzz_one(operation, mode, live, headers, real):
                done.append(f"{operation.method.upper()} {operation.path} {mode.value}")
    return done


async def test_webhook_endpoints_pass_every_check(database: Database, live: LiveServer) -> None:
    headers, webhook_id, delivery_id = await _own(database, live)
    real = {"webhook_id": webhook_id, "delivery_id": delivery_id}
    done = await asyncio.to_thread(_fuzz, live, headers, real)
    positive = [d for d in done if d.endswith(" positive")]
    assert len(positive) == 9, done  # every webhook operation but DELETE
    assert len(done) - len(positive) >= 4, done  # those with something to make invalid
