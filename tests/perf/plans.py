"""Query plans for the perf tests: a statement's SQL with its values written in, its
PostgreSQL plan as JSON (nodes, scans, rows read) and its SQLite plan with the work the
virtual machine did running it.

Usage::

    from tests.perf import plans

    sql = plans.literal_sql(statement, params, database.engine)
    if database.is_sqlite:
        lines, steps = plans.sqlite_plan_and_steps(str(database.url.database), sql)
        assert not any(line.startswith("SCAN observation") for line in lines)
    else:
        plan = await plans.postgres_plan(database, sql)
        assert "Seq Scan" not in plans.node_types(plan)
        assert plans.rows_read(plans.scan_nodes(plan)) <= 2 * LIMIT
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from models import Database

#: A plan node of ``EXPLAIN (FORMAT JSON)``: "Node Type", "Plans" (its children), ...
Node = dict[str, Any]

#: VM instructions a step of sqlite_plan_and_steps counts
STEP = 1000


def literal_sql(
    statement: sa.ClauseElement,
    params: Mapping[str, Any] | None,
    bind: sa.Engine | AsyncEngine | Dialect,
) -> str:
    """``statement`` with ``params`` bound, compiled for ``bind`` (an engine, the sync
    engine of an async one, or a dialect) with every value written in the SQL text, as
    EXPLAIN needs it."""
    bound = statement.params(dict(params or {}))
    literal = {"literal_binds": True}
    if isinstance(bind, Dialect):
        return str(bound.compile(dialect=bind, compile_kwargs=literal))
    engine = bind.sync_engine if isinstance(bind, AsyncEngine) else bind
    return str(bound.compile(engine, compile_kwargs=literal))


async def postgres_plan(
    database: Database | AsyncConnection, sql: str, analyze: bool = True
) -> Node:
    """The top "Plan" node of ``EXPLAIN (ANALYZE, FORMAT JSON) sql`` (without ANALYZE
    when ``analyze`` is false), on a new connection of ``database`` or on the connection
    given (for the settings and prepared statements of that session)."""
    options = "ANALYZE, FORMAT JSON" if analyze else "FORMAT JSON"
    raw: Any
    if isinstance(database, AsyncConnection):
        raw = (await database.exec_driver_sql(f"EXPLAIN ({options}) {sql}")).scalar()
    else:
        async with database.engine.connect() as conn:
            raw = (await conn.exec_driver_sql(f"EXPLAIN ({options}) {sql}")).scalar()
    plan: Node = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    return plan


def plan_nodes(plan: Node) -> list[Node]:
    """Every node of ``plan``, itself first, depth first."""
    return [plan, *(n for child in plan.get("Plans", []) for n in plan_nodes(child))]


def scan_nodes(plan: Node, relation: str = "observation") -> list[Node]:
    """The nodes of ``plan`` that read ``relation``, depth first."""
    return [n for n in plan_nodes(plan) if n.get("Relation Name") == relation]


def node_types(plan: Node) -> list[str]:
    """The "Node Type" of every node of ``plan``, depth first."""
    return [n["Node Type"] for n in plan_nodes(plan)]


def rows_read(scans: Sequence[Node]) -> int:
    """The rows the (analyzed) ``scans`` read: returned in every loop, plus those their
    filter removed."""
    return sum(
        n.get("Actual Rows", 0) * n.get("Actual Loops", 1) + n.get("Rows Removed by Filter", 0)
        for n in scans
    )


def sqlite_plan_and_steps(
    path: str, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> tuple[list[str], int]:
    """The EXPLAIN QUERY PLAN lines of ``sql`` (with ``params``) on the SQLite file at
    ``path``, and the thousands (STEP) of virtual machine instructions running it and
    fetching every row took (counted by a progress handler, on a connection of its own)."""
    conn = sqlite3.connect(path)
    try:
        plan = [str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        steps = 0

        def step() -> int:
            nonlocal steps
            steps += 1
            return 0

        conn.set_progress_handler(step, STEP)
        conn.execute(sql, params).fetchall()
        conn.set_progress_handler(None, 0)
        return plan, steps
    finally:
        conn.close()
