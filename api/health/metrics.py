"""``/metrics``: Prometheus text format.

Counters and histograms live where the work happens (``ingest.metrics``,
``notify``, ``models.outbox``) in this process's registry; gauges that describe shared
state (delivery queue, deliveries and attempts by outcome, source health, observation
rows) are read from the database at scrape time, so any API process reports the same
picture, whichever process delivered.

The content type is the exposition format's own, with one ``charset`` parameter: a
duplicated parameter is an invalid media type (RFC 9110 5.6.6) that strict parsers, such
as Prometheus 3's, refuse.
"""

from __future__ import annotations

import sqlalchemy as sa
from litestar import Response, get
from litestar.datastructures import State
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, generate_latest
from prometheus_client import REGISTRY as PROCESS_REGISTRY

from models import Database, Delivery, DeliveryAttempt, Observation, Source, utcnow


async def _shared_state(db: Database) -> bytes:
    registry = CollectorRegistry()
    depth = Gauge("gongkai_delivery_queue_depth", "Deliveries due now", registry=registry)
    oldest = Gauge(
        "gongkai_delivery_oldest_due_seconds",
        "Age of the oldest due delivery (0 when none)",
        registry=registry,
    )
    health = Gauge(
        "gongkai_source_health",
        "1 for the state each source is in",
        ["source", "state"],
        registry=registry,
    )
    rows = Gauge("gongkai_observation_rows", "Observation rows stored", registry=registry)
    deliveries = Gauge(
        "gongkai_deliveries",
        "Webhook deliveries stored, by outcome (pending, succeeded, failed)",
        ["outcome"],
        registry=registry,
    )
    attempts = Gauge(
        "gongkai_delivery_attempts",
        "Webhook delivery attempts stored, by outcome (2xx, 3xx, 4xx, 5xx, error)",
        ["outcome"],
        registry=registry,
    )
    now = utcnow()
    async with db.session() as session:
        due = (
            await session.execute(
                sa.select(sa.func.count(), sa.func.min(Delivery.next_attempt_at)).where(
                    Delivery.status == "pending", Delivery.next_attempt_at <= now
                )
            )
        ).one()
        depth.set(due[0])
        oldest.set((now - due[1]).total_seconds() if due[1] else 0)
        for name, state in await session.execute(sa.select(Source.name, Source.health)):
            for candidate in ("unknown", "ok", "failing", "blocked"):
                health.labels(name, candidate).set(1 if state == candidate else 0)
        rows.set(await session.scalar(sa.select(sa.func.count()).select_from(Observation)) or 0)
        per_status = sa.select(Delivery.status, sa.func.count()).group_by(Delivery.status)
        by_status: dict[str, int] = {}
        for status, count in (await session.execute(per_status)).all():
            by_status[str(status)] = int(count)
        for outcome in ("pending", "succeeded", "failed"):
            deliveries.labels(outcome).set(by_status.get(outcome, 0))
        status_class = sa.case(
            (DeliveryAttempt.status_code.is_(None), "error"),
            else_=sa.cast(sa.cast(DeliveryAttempt.status_code / 100, sa.Integer), sa.String),
        )
        counted = sa.select(status_class, sa.func.count()).group_by(status_class)
        by_class: dict[str, int] = {}
        for status_class_value, attempts_n in (await session.execute(counted)).all():
            by_class[str(status_class_value)] = int(attempts_n)  # type: ignore[call-overload]
        for outcome in ("2xx", "3xx", "4xx", "5xx", "error"):
            attempts.labels(outcome).set(by_class.get(outcome.removesuffix("xx"), 0))
    return generate_latest(registry)


@get(
    "/metrics",
    summary="Prometheus metrics",
    description="Fetches by outcome, fetch latency, versions, events, deliveries, the "
    "delivery queue and source health, in Prometheus text format.",
    media_type=CONTENT_TYPE_LATEST,
    include_in_schema=True,
    tags=["operations"],
)
async def metrics(state: State) -> Response[bytes]:
    body = generate_latest(PROCESS_REGISTRY) + await _shared_state(state.db)
    # Set in full here: given only a media type, the framework appends its own charset.
    return Response(body, headers={"content-type": CONTENT_TYPE_LATEST})
