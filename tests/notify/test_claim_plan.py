"""A claim reads a few rows per webhook, however deep the queue and long the history.

The queue here: 4 webhooks, 6,000 deliveries due and 6,000 done. A claim used to rank
every due delivery and to count each webhook's claims in flight over all its deliveries
ever made; now both read the partial indexes over the pending queue (alembic 0011).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from models import ChangeEvent, Database, Delivery
from models.ids import new_id
from notify.queue import claim
from tests.notify.support import add_subscription

WEBHOOKS = 4
EVENTS = 3000  # each to every webhook: half of the deliveries due, half done
PER_ENDPOINT = 4


async def deep_queue(db: Database) -> list[str]:
    subs = [(await add_subscription(db, f"http://127.0.0.1:9/{n}")).id for n in range(WEBHOOKS)]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    async with db.transaction() as session:
        await session.execute(
            sa.insert(ChangeEvent),
            [{"id": n + 1, "type": "publication.created", "data": {"n": n}} for n in range(EVENTS)],
        )
        await session.execute(
            sa.insert(Delivery),
            [
                {
                    "id": new_id("dlv"),
                    "event_id": n + 1,
                    "subscription_id": sub,
                    "status": "pending" if n % 2 else "succeeded",
                    "next_attempt_at": start + dt.timedelta(milliseconds=n),
                }
                for n in range(EVENTS)
                for sub in subs
            ],
        )
    async with db.engine.connect() as conn:
        await conn.execute(sa.text("ANALYZE"))
        await conn.commit()
    return subs


def delivery_scans(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Every node of a PostgreSQL JSON plan that reads the delivery table."""
    found = [plan] if plan.get("Relation Name") == "delivery" else []
    for child in plan.get("Plans", []):
        found += delivery_scans(child)
    return found


async def claim_statements(db: Database, worker: str) -> tuple[list[tuple[str, Any]], Any]:
    """A claim by ``worker``: its SELECT statements (with parameters) and its result."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        result = await claim(
            db, worker, dt.datetime.now(dt.UTC), limit=100,
            max_per_endpoint=PER_ENDPOINT, claim_seconds=60,
        )  # fmt: skip
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    return seen, result


async def rows_read(db: Database, sql: str, params: Any) -> int:
    """How many rows of delivery the statement reads (PostgreSQL, EXPLAIN ANALYZE);
    SQLite: asserts that no step scans the table, and returns 0."""
    async with db.engine.connect() as conn:
        if db.is_sqlite:
            steps = [
                row[-1] for row in await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
            ]
            # Every read of the queue searches an index: no SCAN of the table.
            assert not [s for s in steps if s.startswith("SCAN delivery")], (sql, steps)
            assert any("delivery USING" in s for s in steps), (sql, steps)
            return 0
        value = (
            await conn.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        ).scalar_one()
    plan = (json.loads(value) if isinstance(value, str) else value)[0]["Plan"]
    scans = delivery_scans(plan)
    assert all("Index" in s["Node Type"] for s in scans), (sql, scans)
    return sum(
        (s["Actual Rows"] + s.get("Rows Removed by Filter", 0)) * s["Actual Loops"] for s in scans
    )


async def test_a_claim_reads_a_few_rows_per_webhook(database: Database) -> None:
    subs = await deep_queue(database)
    first, taken = await claim_statements(database, "w1")
    assert len(taken.jobs) == WEBHOOKS * PER_ENDPOINT and taken.more
    # The first due delivery of every webhook before the second of any.
    assert {job.subscription_id for job in taken.jobs[:WEBHOOKS]} == set(subs)
    # Every webhook has its 4 in flight now: the next claim counts them, takes nothing.
    full, none = await claim_statements(database, "w2")
    assert not none.jobs and none.more
    statements = [s for s in first + full if "delivery" in s[0]]
    assert len(statements) >= 4, statements
    for sql, params in statements:
        # Per webhook: its claims in flight (passed over), 4 + 1 candidates (one more
        # tells whether work is left) and the row number reading one ahead, then the
        # candidates again by key; or the 16 claims in flight. Of 6,000 deliveries due
        # and 6,000 done.
        bound = WEBHOOKS * (PER_ENDPOINT + PER_ENDPOINT + 2) + WEBHOOKS * (PER_ENDPOINT + 1)
        assert await rows_read(database, sql, params) <= bound, sql
