"""Engines and sessions for the two supported backends.

SQLite (``sqlite+aiosqlite``) is the embedded default: WAL, foreign keys on, a busy
timeout, and write transactions that start with ``BEGIN IMMEDIATE`` so two writers queue
on the lock instead of failing half-way. PostgreSQL (``postgresql+asyncpg``) is the
production store shared by several processes::

    db = Database("postgresql+asyncpg://gongkai@127.0.0.1/gongkai")
    async with db.transaction() as session:   # one write transaction, committed on exit
        session.add(...)
    async with db.session() as session:       # reads
        ...
    rows = await db.read(sa.select(...))      # one read statement, no session
    await db.dispose()
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: PostgreSQL connections each SQLAlchemy pool keeps (as many again under load); the
#: pool of :meth:`Database.read_rows` (pages, exports) holds up to twice this. Cached
#: pages need no connection at all (api.observations.latest), so tens of clients do
#: not queue here; up to 6x this per process at peak (plus one LISTEN connection).
DEFAULT_POOL_SIZE = 10
#: statements whose compiled form :meth:`Database.read_rows` keeps (they are built once)
MAX_COMPILED = 1024

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class DatabaseConfigError(ValueError):
    """The database URL cannot be used (malformed, unsupported driver)."""


class DatabaseUnavailableError(RuntimeError):
    """The database did not answer."""


def normalize_url(url: str) -> sa.URL:
    """Parse ``url`` and pick the async driver Gongkai uses for its backend.

    >>> normalize_url("postgres://u@h/db").render_as_string()
    'postgresql+asyncpg://u@h/db'
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseConfigError(f"malformed database URL {url!r}") from exc
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise DatabaseConfigError(
            f"unsupported database {parsed.drivername!r} in {url!r}: "
            "use sqlite:///PATH or postgresql://USER@HOST/DB"
        )
    parsed = parsed.set(drivername=driver)
    if driver.startswith("sqlite"):
        if not parsed.database or parsed.database == ":memory:":
            raise DatabaseConfigError(
                f"{url!r}: an SQLite database must be a file path (several connections share it)"
            )
    elif not parsed.database:
        raise DatabaseConfigError(f"{url!r}: no database name")
    return parsed


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A deferred transaction that reads and later writes fails at once with
        # SQLITE_BUSY when another writer got there first; IMMEDIATE waits instead.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode != "NONE":  # NONE: single statements in autocommit (Database.read)
            conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """One database: an async engine and its session factories."""

    def __init__(
        self, url: str | sa.URL, *, echo: bool = False, pool_size: int = DEFAULT_POOL_SIZE
    ) -> None:
        if pool_size < 1:
            raise DatabaseConfigError(f"pool size must be at least 1 (got {pool_size})")
        self._data_version: sqlite3.Connection | None = None
        self._raw_pool: Any = None
        self._raw_pool_lock: Any = None
        self._compiled: dict[sa.ClauseElement, Any] = {}
        #: idle sqlite3 connections of :meth:`read_plain` (each used by one thread at a time)
        self._plain_idle: list[sqlite3.Connection] = []
        self._plain_lock = threading.Lock()
        self._disposed = False
        self.pool_size = pool_size
        self.url = normalize_url(url) if isinstance(url, str) else url
        self.backend = "sqlite" if self.url.drivername.startswith("sqlite") else "postgresql"
        kwargs: dict[str, Any] = {"echo": echo}
        if self.backend == "sqlite":
            folder = Path(self.url.database or "").expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailableError(
                    f"cannot create the folder {folder} for the SQLite database: {exc.strerror}"
                ) from None
        else:
            kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.backend == "sqlite":
            _configure_sqlite(self.engine)
            writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
            self._read_engine: AsyncEngine = self.engine.execution_options(sqlite_begin="NONE")
        else:
            writer_engine = self.engine
            # Reads of one statement need no transaction and no ping per checkout: a
            # connection found dead is replaced and the statement run again (read()).
            kwargs.update(pool_pre_ping=False, isolation_level="AUTOCOMMIT")
            self._read_engine = create_async_engine(self.url, **kwargs)
        self._reader = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = async_sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    def session(self) -> AsyncSession:
        """A session for reading (on SQLite its transactions begin DEFERRED)."""
        return self._reader()

    def writer(self) -> AsyncSession:
        """A session whose transactions take the write lock at once on SQLite."""
        return self._writer()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction: committed when the block ends, rolled back on error."""
        async with self.writer() as session, session.begin():
            yield session

    @contextlib.asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncConnection]:
        try:
            conn = await self.engine.connect()
        except (OSError, sa.exc.DBAPIError) as exc:
            raise DatabaseUnavailableError(describe_connect_error(self.url, exc)) from exc
        try:
            yield conn
        finally:
            await conn.close()

    async def read(
        self, statement: sa.Executable, params: dict[str, Any] | None = None
    ) -> Sequence[sa.Row[Any]]:
        """The rows of one read-only statement, on a pooled connection in autocommit:
        no ORM session, no BEGIN/ROLLBACK, no ping. For the hot read paths of the API."""
        for attempt in (1, 2):
            try:
                async with self._read_engine.connect() as conn:
                    return (await conn.execute(statement, params)).all()
            except sa.exc.DBAPIError as exc:
                if attempt == 2 or not exc.connection_invalidated:
                    raise
            except OSError as exc:
                raise DatabaseUnavailableError(describe_connect_error(self.url, exc)) from exc
        raise AssertionError("unreachable")

    async def read_rows(
        self, statement: sa.ClauseElement, params: dict[str, Any] | None = None
    ) -> Sequence[Any]:
        """The rows of one read-only statement as the driver gives them (indexable and
        sliceable tuples of plain values), for statements built once and run very often
        whose columns need no result processing (text, integers, doubles).

        On PostgreSQL the statement is compiled once (per statement object) and run on a
        small asyncpg pool of this process's own, as a prepared statement asyncpg keeps
        per connection: no SQLAlchemy connection checkout, compilation lookup or result
        processing per call. On SQLite it is :meth:`read`."""
        if self.backend == "sqlite":
            assert isinstance(statement, sa.Executable)
            return await self.read(statement, params)
        import asyncpg  # type: ignore[import-untyped]

        expanded = self._compile(statement).construct_expanded_state(params or {})
        try:
            pool = self._raw_pool or await self._open_raw_pool()
            async with pool.acquire() as conn:
                return await conn.fetch(expanded.statement, *expanded.positional_parameters)  # type: ignore[no-any-return]
        except (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError) as exc:
            raise DatabaseUnavailableError(describe_connect_error(self.url, exc)) from exc

    def _compile(self, statement: sa.ClauseElement) -> Any:
        compiled: Any = self._compiled.get(statement)
        if compiled is None:
            if len(self._compiled) >= MAX_COMPILED:
                self._compiled.clear()
            compiled = self._compiled[statement] = statement.compile(dialect=self.engine.dialect)
        return compiled

    async def read_plain(
        self, statement: sa.ClauseElement, params: dict[str, Any] | None = None
    ) -> Sequence[Sequence[Any]]:
        """The rows of one read-only statement as plain sequences (tuples on SQLite), for
        bulk reads of many rows whose columns need no result processing (exports).

        On SQLite the statement is compiled once and run by the sqlite3 module on a worker
        thread, on a connection of this object's own in autocommit (the statement is its
        own read transaction, over when its rows are fetched): one thread hop per
        statement, and sqlite3 builds the tuples without SQLAlchemy's result rows. On
        PostgreSQL it is :meth:`read_rows`."""
        if self.backend != "sqlite":
            return await self.read_rows(statement, params)
        expanded = self._compile(statement).construct_expanded_state(params or {})
        return await asyncio.to_thread(
            self._fetch_plain, expanded.statement, expanded.positional_parameters
        )

    def _fetch_plain(self, sql: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self._plain_lock:
            conn = self._plain_idle.pop() if self._plain_idle else None
        if conn is None:
            try:
                conn = self._sqlite_connection()
                conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            except sqlite3.OperationalError as exc:
                raise DatabaseUnavailableError(describe_connect_error(self.url, exc)) from exc
        try:
            rows = conn.execute(sql, parameters).fetchall()
        except BaseException:
            conn.close()
            raise
        with self._plain_lock:
            if not self._disposed and len(self._plain_idle) < self.pool_size:
                self._plain_idle.append(conn)
                conn = None
        if conn is not None:
            conn.close()
        return rows

    def _sqlite_connection(self) -> sqlite3.Connection:
        """A sqlite3 connection of this object's own to the file, in autocommit (each
        statement its own transaction), usable from any thread (one at a time)."""
        return sqlite3.connect(
            self.url.database or "", isolation_level=None, check_same_thread=False
        )

    async def _open_raw_pool(self) -> Any:
        import asyncpg

        if self._raw_pool_lock is None:
            self._raw_pool_lock = asyncio.Lock()
        async with self._raw_pool_lock:
            if self._raw_pool is None:
                dsn = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
                self._raw_pool = await asyncpg.create_pool(
                    dsn,
                    min_size=1,
                    max_size=2 * self.pool_size,
                    # a page's best plan depends on its values (how many rows its filters
                    # and its cursor leave), which the generic plan of a prepared
                    # statement does not see: plan each run with them
                    server_settings={"plan_cache_mode": "force_custom_plan"},
                )
        return self._raw_pool

    def data_version(self) -> int:
        """SQLite: ``PRAGMA data_version`` of a connection of its own, which changes
        whenever any other connection (of this process or another) commits to the file.
        A few microseconds, run on the calling thread (no pool, no thread hop)."""
        assert self.backend == "sqlite"
        conn = self._data_version
        if conn is None:
            conn = self._data_version = self._sqlite_connection()
        # fetchall: the statement runs to its end, so no read transaction stays open
        return int(conn.execute("PRAGMA data_version").fetchall()[0][0])

    async def ping(self) -> None:
        """Raise :class:`DatabaseUnavailableError` unless the database answers."""
        async with self.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))

    async def dispose(self) -> None:
        if self._raw_pool is not None:
            pool, self._raw_pool = self._raw_pool, None
            await pool.close()
        with self._plain_lock:
            self._disposed = True
            idle, self._plain_idle = self._plain_idle, []
        for conn in idle:
            conn.close()
        if self._data_version is not None:
            self._data_version.close()
            self._data_version = None
        await self.engine.dispose()
        if self.backend == "postgresql":  # its own pool; on SQLite a view of engine's
            await self._read_engine.dispose()


class _Published:
    """Commits in this process of transactions that published a dataset version."""

    commits = 0


PUBLISHED = _Published()
_PUBLISHED_KEY = "gongkai_published_dataset"


def mark_published(session: AsyncSession) -> None:
    """Note that ``session``'s transaction publishes a dataset version: its commit bumps
    :data:`PUBLISHED` ``.commits``, so this process's caches of latest versions see it
    at once (other processes learn it by NOTIFY or SQLite's data_version)."""
    session.info[_PUBLISHED_KEY] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_PUBLISHED_KEY, False):
        PUBLISHED.commits += 1


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PUBLISHED_KEY, None)


async def serialize(session: AsyncSession, key: int) -> None:
    """Make write transactions that call this with the same ``key`` run one at a time,
    across processes: a transaction-scoped advisory lock on PostgreSQL; on SQLite every
    write transaction already holds the database's single write lock."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def dialect_insert(session: AsyncSession) -> Any:
    """``insert`` of the session's backend, for ``on_conflict_do_nothing/do_update``
    (both SQLite and PostgreSQL have them; plain ``sa.insert`` has not)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def describe_connect_error(url: sa.URL, exc: BaseException) -> str:
    """One line naming what went wrong, without the password."""
    where = url.render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] or type(exc).__name__
    return f"cannot connect to {where}: {reason}"
