"""Migrations build the schema the models describe, on both backends, and are idempotent."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models import Base, Database
from models.migrations import current_revision, head_revision, upgrade


def _diff(connection: sa.Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_models_and_migrations_agree(database: Database) -> None:
    async with database.connect() as conn:
        diff = await conn.run_sync(_diff)
    assert diff == []


async def test_upgrade_twice_is_a_noop(database: Database) -> None:
    before = await current_revision(database)
    await upgrade(database)
    assert await current_revision(database) == before == head_revision()


async def test_every_model_table_exists(database: Database) -> None:
    def tables(conn: sa.Connection) -> set[str]:
        return set(sa.inspect(conn).get_table_names())

    async with database.connect() as conn:
        found = await conn.run_sync(tables)
    assert set(Base.metadata.tables) <= found
