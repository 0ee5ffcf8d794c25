"""The PostgreSQL visibility horizon: open writers of this database hold the feed back,
writers of other databases on the same server do not."""

from __future__ import annotations

import os

import asyncpg
import httpx
import pytest
import sqlalchemy as sa

from api.changes.horizon import visibility_horizon, widen_xid
from models import Database
from models.outbox import record_event
from tests.changes.conftest import add_event, settled

E = 1 << 32


def test_widen_xid_across_the_32_bit_boundary() -> None:
    assert widen_xid(100, 5 * E + 200) == 5 * E + 100
    # Running before the low 32 bits wrapped: the previous epoch.
    assert widen_xid(E - 10, 5 * E + 5) == 4 * E + E - 10
    # Handed out after the snapshot (at or above xmax): not a running transaction.
    assert widen_xid(205, 5 * E + 200) is None
    assert widen_xid(200, 5 * E + 200) is None


# PostgreSQL only (SQLite has one writer at a time): these override the backend
# parameter rather than skip, so a run that forbids skips still passes.
postgres_only = pytest.mark.parametrize("backend", ["postgresql"])


@postgres_only
async def test_an_open_transaction_of_another_database_does_not_hold_the_feed(
    database: Database, client: httpx.AsyncClient
):
    admin_url = os.environ["GONGKAI_TEST_POSTGRES_URL"]
    other = await asyncpg.connect(admin_url)
    try:
        transaction = other.transaction()
        await transaction.start()
        other_xid = int(await other.fetchval("SELECT pg_current_xact_id()::text::bigint"))
        event = await add_event(database, title="visible")
        assert event.xact_id > other_xid
        async with database.session() as session:
            horizon = await visibility_horizon(session)
        assert horizon > event.xact_id
        body = (await client.get("/v1/changes")).json()
        assert [e["data"]["title"] for e in body["events"]] == ["visible"]
        await transaction.rollback()
    finally:
        await other.close()


@postgres_only
async def test_a_writer_that_has_an_id_but_no_event_yet_holds_the_feed(
    database: Database, client: httpx.AsyncClient
):
    async with database.writer() as session, session.begin():
        # The ingest transaction writes other rows first: it has an id, no event yet.
        await session.execute(sa.text("SELECT pg_current_xact_id()"))
        await add_event(database, title="later id, committed first", settle=False)
        page = (await client.get("/v1/changes")).json()
        assert page["events"] == []
        await record_event(session, "publication.created", {"title": "earlier id"})
    await settled(database)
    body = (await client.get("/v1/changes", params={"after": page["next_cursor"]})).json()
    assert [e["data"]["title"] for e in body["events"]] == [
        "earlier id",
        "later id, committed first",
    ]
