"""Alembic environment: async engines for SQLite and PostgreSQL.

Gongkai calls migrations with a connection already open (``models.migrations``); the
plain ``alembic`` command line opens its own from ``sqlalchemy.url`` or
``GONGKAI_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import os

import sqlalchemy as sa

from alembic import context
from models import Base, Database

config = context.config
target_metadata = Base.metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can only change most things by copying the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_own_connection(url: str) -> None:
    db = Database(url)
    try:
        async with db.connect() as conn:
            await conn.run_sync(_run)
            await conn.commit()
    finally:
        await db.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("GONGKAI_DATABASE_URL")
    if not url:
        raise SystemExit("set sqlalchemy.url or GONGKAI_DATABASE_URL")
    asyncio.run(_run_own_connection(url))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
