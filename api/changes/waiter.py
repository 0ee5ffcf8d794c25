"""Wake-ups for long-polls and SSE streams: "an event may have committed, look again".

One waiter per app, created on first use and kept in ``app.state``::

    waiter = change_waiter(request.app.state)
    ticket = waiter.ticket()          # take the ticket BEFORE reading the feed
    page = await read_page(...)
    if not page.events:
        await waiter.wait(ticket, within=5)   # returns early when something commits

Taking the ticket before the read means a commit that lands between the read and the
wait still wakes the caller (its ticket is already set). A wake-up is only a hint: the
caller reads the feed again and decides.

- PostgreSQL: one asyncpg connection per process ``LISTEN``s on ``gongkai_events`` (the
  channel :func:`models.outbox.record_event` notifies on commit) and reconnects with
  backoff when it drops.
- SQLite: one task polls ``max(id)`` every :data:`SQLITE_POLL_SECONDS` while anybody
  waits.

Callers still re-read every few seconds on their own (see ``RECHECK_SECONDS`` in
``api.changes.longpoll``): a notification can be lost while the listener reconnects, and
on PostgreSQL an event may become visible only when an older, event-less transaction ends.

Close it on shutdown (idempotent; wakes every waiter so streams end)::

    Litestar(..., on_shutdown=[close_change_waiter])
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import sqlalchemy as sa
from litestar import Litestar
from litestar.datastructures import State

from models import ChangeEvent, Database
from models.outbox import NOTIFY_CHANNEL

log = logging.getLogger("gongkai.api.changes")

STATE_KEY = "change_waiter"
SQLITE_POLL_SECONDS = 0.25
LISTEN_CONNECT_TIMEOUT = 5.0
_MAX_BACKOFF = 10.0


class ChangeWaiter:
    """Broadcast of "something changed" to any number of waiting coroutines."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.closed = False
        #: Coroutines inside :meth:`wait` right now.
        self.waiting = 0
        #: Notifications so far (a cache valid while this stays the same saw no commit)
        self.generation = 0

    def ticket(self) -> asyncio.Event:
        """The event the next notification sets; take it before reading the feed."""
        return self._event

    def notify(self) -> None:
        """Wake everybody holding a ticket; later tickets wait for the next change."""
        self.generation += 1
        fired, self._event = self._event, asyncio.Event()
        fired.set()

    async def wait(self, ticket: asyncio.Event, within: float) -> bool:
        """Wait up to ``within`` seconds for ``ticket``; True when woken (or closed)."""
        if self.closed:
            return True
        await self._start()
        self.waiting += 1
        self._enter()
        try:
            async with asyncio.timeout(max(within, 0.0)):
                await ticket.wait()
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1

    async def close(self) -> None:
        self.closed = True
        # Tickets taken after this are set at once, so loops see `closed` and stop.
        self._event.set()

    async def listen(self) -> bool:
        """True while every commit that records an event bumps :attr:`generation` at
        once (PostgreSQL with its LISTEN connection up); the base class cannot tell."""
        return False

    # Subclass hooks.
    async def _start(self) -> None:
        return None

    def _enter(self) -> None:
        return None


class PostgresWaiter(ChangeWaiter):
    """LISTEN on one dedicated asyncpg connection, opened on first wait."""

    def __init__(self, dsn: str) -> None:
        super().__init__()
        self._dsn = dsn
        self._task: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        self.listening = False

    async def listen(self) -> bool:
        """Start listening (when not yet) without waiting for a notification; True
        while the LISTEN connection is up (then every commit that records an event
        bumps :attr:`generation`)."""
        if self.closed:
            return False
        await self._start()
        return self.listening

    async def _start(self) -> None:
        if self._task is None or self._task.done():
            # (Re)start: _run only ends on close or on an error it did not expect.
            self._task = asyncio.create_task(self._run(), name="gongkai-change-listener")
        if not self._first_attempt.is_set():
            # Waiting for LISTEN to be in place avoids missing a commit on the very first
            # long-poll; if the server is unreachable callers fall back to re-reading.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(LISTEN_CONNECT_TIMEOUT):
                    await self._first_attempt.wait()

    def _on_notify(self, *_args: Any) -> None:
        self.notify()

    async def _run(self) -> None:
        import asyncpg  # type: ignore[import-untyped]

        backoff = 0.5
        while not self.closed:
            conn: Any = None
            try:
                conn = await asyncpg.connect(self._dsn, timeout=LISTEN_CONNECT_TIMEOUT)
                lost = asyncio.Event()
                conn.add_termination_listener(lambda _conn, lost=lost: lost.set())
                await conn.add_listener(NOTIFY_CHANNEL, self._on_notify)
                self.listening = True
                self._first_attempt.set()
                backoff = 0.5
                # Anything committed while we were not listening: have everyone look.
                self.notify()
                await lost.wait()
                log.warning("change listener connection lost; reconnecting")
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("change listener cannot connect: %s", exc)
            finally:
                self.listening = False
                self._first_attempt.set()
                if conn is not None and not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.shield(conn.close(timeout=2))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, _MAX_BACKOFF)

    async def close(self) -> None:
        await super().close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


class SQLiteWaiter(ChangeWaiter):
    """Polls ``max(change_event.id)`` while somebody waits (SQLite has no NOTIFY)."""

    def __init__(self, db: Database, interval: float = SQLITE_POLL_SECONDS) -> None:
        super().__init__()
        self._db = db
        self._interval = interval
        self._last: int | None = None
        self._task: asyncio.Task[None] | None = None

    def _enter(self) -> None:
        # A check and a create with no await in between: no second poller can start.
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="gongkai-change-poller")

    async def _latest(self) -> int | None:
        async with self._db.session() as session:
            value = await session.scalar(sa.select(sa.func.max(ChangeEvent.id)))
            return int(value) if value is not None else None

    async def _run(self) -> None:
        first = True
        while self.waiting > 0 and not self.closed:
            try:
                latest = await self._latest()
            except sa.exc.SQLAlchemyError as exc:
                log.warning("change poller cannot read: %s", exc)
            else:
                # On (re)start the stored value may predate a waiter's read: a difference
                # then wakes everybody, and a spurious wake-up costs one read.
                if latest != self._last or (first and self._last is None):
                    self._last = latest
                    self.notify()
                first = False
            await asyncio.sleep(self._interval)

    async def close(self) -> None:
        await super().close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def listen_dsn(db: Database) -> str:
    """A plain ``postgresql://`` URL for asyncpg from the SQLAlchemy URL."""
    return db.url.set(drivername="postgresql").render_as_string(hide_password=False)


def change_waiter(state: State) -> ChangeWaiter:
    """The app's waiter, created on first use."""
    waiter: ChangeWaiter | None = state.get(STATE_KEY)
    if waiter is None:
        db: Database = state.db
        waiter = SQLiteWaiter(db) if db.is_sqlite else PostgresWaiter(listen_dsn(db))
        state[STATE_KEY] = waiter
    return waiter


async def close_change_waiter(app: Litestar) -> None:
    """Shutdown hook: stop the listener or poller and end every long-poll and stream.

    Add it to the app (``on_shutdown=[close_change_waiter]``). Under uvicorn the lifespan
    shutdown only runs after open connections end, so a process that wants SSE streams
    to stop at once should also await this when it starts stopping.
    """
    waiter: ChangeWaiter | None = app.state.get(STATE_KEY)
    if waiter is not None:
        await waiter.close()
    else:
        # Mark the app as closing so a waiter created later starts closed.
        closed = ChangeWaiter()
        await closed.close()
        app.state[STATE_KEY] = closed
