"""Test-wide fixtures: one migrated database per backend per run, truncated between tests.

Backends come from ``GONGKAI_TEST_DATABASES`` (default ``sqlite,postgresql``). SQLite
needs nothing. PostgreSQL needs ``GONGKAI_TEST_POSTGRES_URL``, a URL of a server where
the tests may create and drop databases (e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``);
without it the PostgreSQL variants skip, naming that variable. With
``GONGKAI_TEST_FORBID_SKIPS=1`` (CI) any skipped test fails the run.

A test that asks for ``database`` runs once per backend against a database that the real
Alembic migrations built; every table is emptied after the test.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from gongkai.settings import default_database_path
from models import Base, Database
from models.migrations import upgrade
from tests.paths import SEED_PATH

# The default database lives in the user data directory. No test may touch the real one:
# this process and every `gongkai` process the tests start get a private XDG_DATA_HOME,
# and the run fails if a real default database appeared meanwhile. (Only its appearance:
# the user's own `gongkai serve` may be writing to an existing one while the tests run.)
_REAL_DEFAULT_DB = default_database_path()
_REAL_DEFAULT_DB_EXISTED = _REAL_DEFAULT_DB.exists()
TEST_DATA_HOME = Path(tempfile.mkdtemp(prefix="gongkai-test-data-"))
os.environ["XDG_DATA_HOME"] = str(TEST_DATA_HOME)

BACKENDS = [
    b.strip() for b in os.environ.get("GONGKAI_TEST_DATABASES", "sqlite,postgresql").split(",")
]
PG_ENV = "GONGKAI_TEST_POSTGRES_URL"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(TEST_DATA_HOME, ignore_errors=True)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if _REAL_DEFAULT_DB.exists() and not _REAL_DEFAULT_DB_EXISTED:
        if reporter:
            reporter.write_line(f"a test created the user's database {_REAL_DEFAULT_DB}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if os.environ.get("GONGKAI_TEST_FORBID_SKIPS") != "1":
        return
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        if reporter:
            reporter.write_line(
                f"GONGKAI_TEST_FORBID_SKIPS=1: {skipped} test(s) skipped; failing the run",
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


class _PostgresServer:
    """Creates a uniquely named database for this run and drops it at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = sa.make_url(admin_url).set(drivername="postgresql+asyncpg")
        self.name = f"gongkai_test_{uuid.uuid4().hex[:12]}"

    def url(self) -> sa.URL:
        return self.admin_url.set(database=self.name)

    async def _admin(self, sql: str) -> None:
        admin = Database(self.admin_url)
        try:
            async with admin.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(sa.text(sql))
        finally:
            await admin.dispose()

    async def create(self) -> None:
        await self._admin(f'CREATE DATABASE "{self.name}"')

    async def drop(self) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gongkai")


@pytest.fixture(scope="session")
async def _databases(tmp_root: Path) -> AsyncIterator[dict[str, Database]]:
    built: dict[str, Database] = {}
    yield built
    for db in built.values():
        await db.dispose()


_pg_servers: dict[str, _PostgresServer] = {}


async def _build(backend: str, tmp_root: Path) -> Database:
    if backend == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_root / 'test.db'}")
    else:
        admin = os.environ.get(PG_ENV)
        if not admin:
            pytest.skip(f"PostgreSQL not configured: set {PG_ENV}")
        server = _PostgresServer(admin)
        await server.create()
        _pg_servers[backend] = server
        db = Database(server.url())
    await upgrade(db)
    return db


@pytest.fixture(scope="session", autouse=True)
async def _drop_postgres_databases() -> AsyncIterator[None]:
    yield
    for server in _pg_servers.values():
        await server.drop()


@pytest.fixture(params=[b for b in BACKENDS if b], scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name not in ("sqlite", "postgresql"):
        raise pytest.UsageError(f"GONGKAI_TEST_DATABASES: unknown backend {name!r}")
    return name


@pytest.fixture
async def database(
    backend: str, _databases: dict[str, Database], tmp_root: Path
) -> AsyncIterator[Database]:
    """A migrated database on ``backend``, emptied after the test."""
    if backend not in _databases:
        _databases[backend] = await _build(backend, tmp_root)
    db = _databases[backend]
    yield db
    await truncate_all(db)


async def truncate_all(db: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with db.engine.begin() as conn:
        if db.is_sqlite:
            for name in tables:
                await conn.execute(sa.text(f'DELETE FROM "{name}"'))
        else:
            quoted = ", ".join(f'"{n}"' for n in tables)
            await conn.execute(sa.text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_url(database: Database) -> str:
    """The URL of ``database`` as a string, for starting real processes against it."""
    return database.url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed document, kept in the repository (tests/data/seed/)."""
    return SEED_PATH


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No GONGKAI_* variables from the outside leak into a test."""
    for key in list(os.environ):
        if key.startswith("GONGKAI_") and not key.startswith("GONGKAI_TEST_"):
            monkeypatch.delenv(key)
    yield
