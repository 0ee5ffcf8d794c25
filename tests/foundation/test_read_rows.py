"""Database.read_rows: the rows of a statement as the driver gives them, the same values
as Database.read (PostgreSQL: compiled once, run on asyncpg's own pool)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from api.observations import service
from models import Database
from models.db import DatabaseUnavailableError
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish


async def test_read_rows_gives_what_read_gives(database: Database) -> None:
    async with database.transaction() as session:
        pub = await make_publication(session, await make_source(session, "a"), texts=["t"])
        dataset = await make_dataset(session, "a")
        rows = [obs(f"o{i}", pub.id, obs_value=i / 3, time_period=str(2000 + i)) for i in range(7)]
        await publish(session, dataset, rows)
        dataset_id = dataset.id
    query = service.ObservationQuery(
        dataset="a", dataset_id=dataset_id, version=1, sort="-obs_value", time_period="2003"
    )
    for q, limit in ((query, 5), (service.ObservationQuery(dataset="a", dataset_id=dataset_id), 3)):
        statement, params = service.page_query(q, limit=limit, sqlite=database.is_sqlite)
        for _ in range(2):  # the second time from the compiled statement
            fast = await database.read_rows(statement, params)
            plain = await database.read(statement, params)
            assert [tuple(r) for r in fast] == [tuple(r) for r in plain]
            assert len(fast) == (1 if q.time_period else 4)
            assert [type(v) for v in fast[0]] == [type(v) for v in plain[0]]
            assert fast[0][1:3] == tuple(plain[0][1:3])


async def test_an_unreachable_server_is_a_one_line_error() -> None:
    db = Database("postgresql://nobody@127.0.0.1:9/nothing")
    try:
        with pytest.raises(DatabaseUnavailableError, match="cannot connect to"):
            await db.read_rows(sa.select(sa.literal(1)))
    finally:
        await db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
async def test_pages_are_planned_with_their_values_every_time(database: Database) -> None:
    """asyncpg prepares each statement once per connection; after five runs PostgreSQL may
    switch it to a generic plan, blind to the values of its filters and cursor (at 5M rows
    a deep page of three filters read 18,000 rows that way instead of 101). read_rows'
    connections plan every run with its values: no generic plan however often it runs."""
    async with database.transaction() as session:
        pub = await make_publication(session, await make_source(session, "a"), texts=["t"])
        dataset = await make_dataset(session, "a")
        rows = [obs(f"o{i}", pub.id, obs_value=i, time_period=str(2000 + i % 5)) for i in range(40)]
        await publish(session, dataset, rows)
        dataset_id = dataset.id
    query = service.ObservationQuery(
        dataset="a", dataset_id=dataset_id, sort="obs_value", time_period="2003"
    )
    statement, params = service.page_query(query, limit=3, sqlite=False)
    for _ in range(12):
        assert len(await database.read_rows(statement, params)) == 4
    # (statements without parameters have one plan only, a generic one)
    plans = sa.text(
        "SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)"
        " FROM pg_prepared_statements WHERE cardinality(parameter_types) > 0"
    )
    ((generic, custom),) = await database.read_rows(plans)
    assert generic == 0 and custom >= 12, (generic, custom)
