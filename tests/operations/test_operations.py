"""/metrics, request ids in logs and responses, /ready with role probes."""

from __future__ import annotations

import json
import logging
import re

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from api.config import ApiConfig
from gongkai.logs import JsonFormatter, install_request_ids
from gongkai.runtime import SAMPLE_PAGE, SAMPLE_URL
from ingest.register import PageOrigin, import_page
from models import Database, Delivery, DeliveryAttempt, Observation, Subscription
from models.outbox import record_event


def client(db: Database, **kwargs: object) -> httpx.AsyncClient:
    app = create_app(db, ApiConfig(), **kwargs)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gk")


async def test_metrics_in_prometheus_text(database: Database) -> None:
    origin = PageOrigin(url=SAMPLE_URL, area="抚州市", sample=True)
    await import_page(database, SAMPLE_PAGE.read_bytes(), origin)
    async with database.session() as session:
        rows = await session.scalar(sa.select(sa.func.count()).select_from(Observation))
    assert rows
    async with client(database) as http:
        answer = await http.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    text = answer.text
    for name in (
        "gongkai_events_written_total",
        "gongkai_delivery_queue_depth",
        "gongkai_delivery_oldest_due_seconds",
        'gongkai_source_health{source="sample",state="unknown"} 1.0',
        f"gongkai_observation_rows {rows}.0",
    ):
        assert name in text


_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_MEDIA_TYPE = re.compile(
    rf"({_TOKEN})/({_TOKEN})((?:[ \t]*;[ \t]*{_TOKEN}=(?:{_TOKEN}|\"[^\"]*\"))*)"
)


def strict_media_type(value: str) -> tuple[str, dict[str, str]]:
    """RFC 9110 5.6.6 media type; a parameter named twice is an error (as in Go's parser)."""
    match = _MEDIA_TYPE.fullmatch(value)
    if match is None:
        raise ValueError(f"not a media type: {value!r}")
    params: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in match.group(3).split(";"))):
        name, _, param = part.partition("=")
        if name.lower() in params:
            raise ValueError(f"duplicate parameter {name!r} in {value!r}")
        params[name.lower()] = param.strip('"')
    return f"{match.group(1)}/{match.group(2)}".lower(), params


def test_the_strict_parser_refuses_a_doubled_charset() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        strict_media_type("text/plain; version=1.0.0; charset=utf-8; charset=utf-8")


async def test_metrics_content_type_passes_a_strict_parser(database: Database) -> None:
    async with client(database) as http:
        answer = await http.get("/metrics")
    kind, params = strict_media_type(answer.headers["content-type"])
    assert kind == "text/plain"
    assert params["charset"] == "utf-8" and "version" in params


async def test_metrics_count_deliveries_and_attempts_by_outcome(database: Database) -> None:
    async with database.transaction() as session:
        await session.execute(sa.insert(Subscription).values(
            id="sub_1", url="https://hooks.example/x", secret="whsec_x", description="",
        ))  # fmt: skip
        for n, status in enumerate(("succeeded", "failed", "failed", "pending")):
            event = await record_event(session, "webhook.ping", {"message": str(n)})
            await session.execute(sa.insert(Delivery).values(
                id=f"d{n}", event_id=event.id, subscription_id="sub_1", status=status,
            ))  # fmt: skip
        for code in (200, 204, 500, None, 410):
            await session.execute(
                sa.insert(DeliveryAttempt).values(delivery_id="d0", status_code=code)
            )
    async with client(database) as http:
        text = (await http.get("/metrics")).text
    for line in (
        'gongkai_deliveries{outcome="succeeded"} 1.0',
        'gongkai_deliveries{outcome="failed"} 2.0',
        'gongkai_deliveries{outcome="pending"} 1.0',
        'gongkai_delivery_attempts{outcome="2xx"} 2.0',
        'gongkai_delivery_attempts{outcome="4xx"} 1.0',
        'gongkai_delivery_attempts{outcome="5xx"} 1.0',
        'gongkai_delivery_attempts{outcome="error"} 1.0',
    ):
        assert line in text, line


async def test_request_id_is_echoed_and_made_up(database: Database) -> None:
    async with client(database) as http:
        given = await http.get("/health", headers={"X-Request-ID": "abc-123"})
        made = await http.get("/health")
        hostile = await http.get("/health", headers={"X-Request-ID": "x" * 500})
    assert given.headers["x-request-id"] == "abc-123"
    assert len(made.headers["x-request-id"]) == 16
    assert hostile.headers["x-request-id"] != "x" * 500


async def test_log_lines_carry_the_request_id(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    from litestar import get

    seen: list[str] = []

    @get("/boom-log")
    async def handler() -> str:
        logging.getLogger("gongkai.test").info("inside")
        return "ok"

    install_request_ids()
    app = create_app(database, ApiConfig())
    app.register(handler)
    formatter = JsonFormatter()
    with caplog.at_level(logging.INFO, logger="gongkai.test"):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://gk"
        ) as http:
            await http.get("/boom-log", headers={"X-Request-ID": "req-42"})
        seen = [formatter.format(r) for r in caplog.records if r.name == "gongkai.test"]
    assert seen and json.loads(seen[0])["request_id"] == "req-42"


async def test_ready_reports_role_probes(database: Database) -> None:
    async with client(database, readiness_probes={"scheduler": lambda: "not running"}) as http:
        answer = await http.get("/ready")
    assert answer.status_code == 503
    assert answer.json()["checks"] == {"scheduler": "not running"}
