"""Database.read: one statement on a pooled connection, no transaction, no ping."""

from __future__ import annotations

import sqlalchemy as sa

from models import Database


async def test_read_survives_a_connection_the_server_dropped(database: Database) -> None:
    assert [tuple(r) for r in await database.read(sa.select(sa.literal(1)))] == [(1,)]
    if database.is_sqlite:
        # autocommit: the read left no transaction open, so a writer can take the
        # lock at once (BEGIN IMMEDIATE would wait out the busy timeout otherwise)
        async with database.transaction() as session:
            await session.execute(sa.text("CREATE TABLE IF NOT EXISTS read_probe (x INTEGER)"))
            await session.execute(sa.text("DROP TABLE read_probe"))
        assert [tuple(r) for r in await database.read(sa.text("SELECT 2"))] == [(2,)]
        return
    (pid,) = (await database.read(sa.text("SELECT pg_backend_pid()")))[0]
    async with database.connect() as conn:
        ended = await conn.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        await conn.commit()
    assert ended is True
    # the pooled connection is dead; without a ping the first try fails and is retried
    rows = await database.read(sa.text("SELECT pg_backend_pid()"))
    assert rows[0][0] != pid
