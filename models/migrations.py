"""Run and inspect the Alembic migrations (the only way the schema changes).

await upgrade(db)          # like `alembic upgrade head`; a no-op when already there
await current_revision(db) == head_revision()   # what /ready reports
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from alembic import command
from models.db import Database


def script_location() -> Path:
    """The `alembic/` folder: beside the packages in a checkout, bundled in a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "alembic", here / "_alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the alembic migrations folder is missing from this installation")


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location()))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def drop_column(table: str, column: str) -> None:
    """Drop ``column`` in a migration without copying ``table``.

    On SQLite, Alembic's batch mode drops a column by copying the table and dropping the
    old one, and with foreign keys enforced that DROP TABLE deletes, by ON DELETE CASCADE,
    every row that references the table (a downgrade would empty the datasets). SQLite
    3.35+ drops a column in place, so that is used there.
    """
    from alembic import op

    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    else:
        op.drop_column(table, column)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


#: any fixed number: serializes migrations of processes starting together on PostgreSQL
_MIGRATION_LOCK = 7_420_815


def _upgrade(connection: sa.Connection, revision: str) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


async def upgrade(db: Database, revision: str = "head") -> None:
    """Migrate ``db`` to ``revision`` in one transaction."""
    async with db.connect() as conn:
        await conn.run_sync(_upgrade, revision)
        await conn.commit()


def _current(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(db: Database) -> str | None:
    async with db.connect() as conn:
        return await conn.run_sync(_current)
