"""The live API against its own OpenAPI document (schemathesis), over real HTTP, with
every check schemathesis has (tests/api/schemathesis_rules.py).

uvicorn serves the app on a loopback port (in a thread with its own event loop and
engine) over a seeded database; every operation gets generated inputs, valid and invalid.
Generated path parameters are swapped for seeded ones half of the time, so the happy
paths (exports, the scorecard) are exercised too, not only 404s. The stateful run
(test_stateful_schemathesis.py) follows the spec's links over the bundled sample instead.
"""

from __future__ import annotations

from typing import Any

import frictionless
import httpx
import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from api.auth import create_key
from ingest.scorecard import refresh_scorecards
from models import Database, Source
from tests.api.conftest import LiveServer
from tests.api.factories import make_dataset, make_publication, obs, publish
from tests.api.schemathesis_rules import checks_for
from tests.api.seed import seed_world

# /v1/changes (long-polls, an endless SSE stream) has its own schema fuzzing in
# tests/changes/test_schema_fuzz.py; the webhooks theirs in
# tests/webhooks/test_webhooks_schemathesis.py.
ELSEWHERE = ("/v1/changes", "/v1/webhooks")
MAX_EXAMPLES = 12

pytestmark = pytest.mark.slow


def _operations(live: LiveServer) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{live.url}/schema/openapi.json")
    operations = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith(ELSEWHERE):
            operations.append(operation)
    return operations


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    real: dict[str, list[str]],
    base: str,
    headers: dict[str, str],
) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        if mode == GenerationMode.POSITIVE and case.path_parameters and data.draw(st.booleans()):
            for name in list(case.path_parameters):
                if name in real:
                    case.path_parameters[name] = data.draw(st.sampled_from(real[name]))
        response = case.call(base_url=base, headers=headers)
        case.validate_response(
            response,
            checks=checks_for(case, response),
            headers=headers,
            transport_kwargs={"base_url": base, "headers": headers},
        )

    try:
        run()
    except Unsatisfiable:
        # No parameters to make invalid (e.g. GET /v1/sources in negative mode).
        assert mode == GenerationMode.NEGATIVE


async def _admin(database: Database) -> str:
    """An admin key: the source controls (check, pause, resume) are reached too."""
    async with database.transaction() as session:
        key = await create_key(session, scope="admin")
    return key.secret


async def _scorecard(database: Database, slug: str) -> str:
    """A later report with the 2024 actual of the seeded range target, and the scorecard
    dataset derived from both (so series, scorecard and its exports have rows)."""
    async with database.transaction() as session:
        source = (await session.scalars(sa.select(Source).where(Source.name == slug))).one()
        later = await make_publication(
            session, source, texts=["一、2024年工作回顾"], pid="pub_later"
        )
        await publish(
            session,
            await make_dataset(session, "later"),
            [obs("o-later", later.id, time_period="2024", obs_value=6.2, value_text="增长6.2%")],
        )
        await make_dataset(session, "scorecard", kind="scorecard")
        versions = await refresh_scorecards(session, source, cause={"test": True})
    assert versions == {"scorecard": 1}
    return "scorecard"


async def test_every_operation_conforms(database: Database, live_server: LiveServer) -> None:
    world = await seed_world(database)
    scorecard = await _scorecard(database, world.slug)
    secret = await _admin(database)
    real = {
        "slug": [world.slug, scorecard],
        "n": ["1", "2", "latest"],
        "publication_id": [world.pub_id, world.other_pub_id],
        "name": [world.source],
    }
    operations = _operations(live_server)
    paths = {op.path for op in operations}
    assert {
        "/v1/observations",
        "/v1/datasets/{slug}/versions/{n}/observations.csv",
        "/v1/sources/{name}/check",
        "/v1/series",
        "/v1/series.csv",
        "/v1/scorecard",
        "/v1/indicators",
    } <= paths
    headers = {"Authorization": f"Bearer {secret}"}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, real, live_server.url, headers)


async def test_datapackage_validates_over_http(database: Database, live_server: LiveServer) -> None:
    """The relative resource path resolves against the descriptor's URL."""
    await seed_world(database)
    url = f"{live_server.url}/v1/datasets/fz/versions/2/datapackage.json"
    report = frictionless.validate(url)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 4


async def test_scorecard_datapackage_validates_over_http(
    database: Database, live_server: LiveServer
) -> None:
    world = await seed_world(database)
    await _scorecard(database, world.slug)
    url = f"{live_server.url}/v1/datasets/scorecard/versions/1/datapackage.json"
    report = frictionless.validate(url)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 1
    async with httpx.AsyncClient(base_url=live_server.url) as http:
        row = (await http.get("/v1/scorecard")).json()["items"][0]
    assert (row["target_value"], row["target_value_max"], row["actual_value"]) == (6, 6.5, 6.2)
    assert row["outcome"] == "met"


async def test_export_streams_over_http(database: Database, live_server: LiveServer) -> None:
    await seed_world(database)
    url = f"{live_server.url}/v1/datasets/fz/versions/2/observations.csv"
    async with httpx.AsyncClient() as http, http.stream("GET", url) as response:
        assert response.headers.get("transfer-encoding") == "chunked"
        body = b"".join([chunk async for chunk in response.aiter_bytes()])
    assert body.count(b"\r\n") >= 5
