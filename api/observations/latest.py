"""The latest version of each dataset, known in process: a page of ``latest`` from the
page cache then needs no database round trip at all.

An entry (the dataset row's ``latest_version`` and ``created_at``) holds while nothing
that could change it has committed since it was read:

- in this process: every transaction that publishes a dataset version marks its session
  (:func:`models.db.mark_published`); its commit bumps a counter the entries carry;
- PostgreSQL, other processes: every publication records a ``dataset.updated`` event in
  its transaction, whose commit NOTIFYs ``gongkai_events``; the app's LISTEN connection
  (:mod:`api.changes.waiter`, shared with long-polls) counts notifications. While it is
  not connected nothing is kept (each request reads the row);
- SQLite, other processes: ``PRAGMA data_version`` of a connection of its own
  (:meth:`models.Database.data_version`) changes with every commit by another
  connection, checked on each request (microseconds, no thread hop).

So a request that starts after the publishing commit sees the new version at once on
SQLite and in the publishing process; a PostgreSQL process elsewhere sees it once the
notification arrives (milliseconds on a LAN). Whatever happens to notifications, an
entry is never used longer than :data:`MAX_AGE` seconds after its read.

The check is taken *before* the read: a commit between the two leaves the entry stale
for the check's value, so the next request reads again.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import sqlalchemy as sa
from litestar.datastructures import State

from api.changes.waiter import change_waiter
from models import Database, Dataset
from models.db import PUBLISHED

#: seconds an entry is trusted at most (bounds staleness if a notification is lost)
MAX_AGE = 1.0
#: datasets remembered at most (there are a handful; this caps abuse)
MAX_ENTRIES = 10_000

_LATEST = sa.select(Dataset.latest_version, Dataset.created_at).where(
    Dataset.id == sa.bindparam("id")
)

Latest = tuple[int, Any]  # (latest_version, created_at)


class LatestVersions:
    """dataset id -> (latest_version, created_at), each with the check it was read at."""

    def __init__(self, state: State, db: Database) -> None:
        self._state = state
        self._db = db
        self._entries: dict[int, tuple[tuple[int, int], float, Latest | None]] = {}
        self._pending: dict[tuple[int, tuple[int, int]], asyncio.Future[Latest | None]] = {}
        self.reads = 0  # rows read from the database (for tests and benchmarks)

    async def check(self) -> tuple[int, int] | None:
        """What changes when a commit may have changed a latest version; None when
        this process cannot tell (PostgreSQL without its LISTEN connection)."""
        if self._db.is_sqlite:
            return (self._db.data_version(), PUBLISHED.commits)
        waiter = change_waiter(self._state)
        if not await waiter.listen():
            return None
        return (waiter.generation, PUBLISHED.commits)

    async def get(self, dataset_id: int) -> Latest | None:
        """The dataset's (latest_version, created_at); None when it has no row."""
        check = await self.check()
        if check is None:
            self.reads += 1
            return await self._read(dataset_id)
        entry = self._entries.get(dataset_id)
        if entry is not None and entry[0] == check and time.monotonic() - entry[1] < MAX_AGE:
            return entry[2]
        # One read per dataset and check at a time: the requests that find the entry
        # stale together (its age ran out under load) share it instead of each taking
        # a pooled connection. Joining is safe: the read began after this same check.
        key = (dataset_id, check)
        pending = self._pending.get(key)
        if pending is not None:
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():
                    raise  # this request itself was cancelled
                return await self._read(dataset_id)  # the reading request went away
        started = time.monotonic()
        self.reads += 1
        future: asyncio.Future[Latest | None] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            value = await self._read(dataset_id)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no warning when nobody joined
            raise
        else:
            future.set_result(value)
        finally:
            del self._pending[key]
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[dataset_id] = (check, started, value)
        return value

    async def _read(self, dataset_id: int) -> Latest | None:
        found: Any = await self._db.read(_LATEST, {"id": dataset_id})
        return (int(found[0][0]), found[0][1]) if found else None


def latest_versions(state: State) -> LatestVersions:
    """The app's map (one per app, so apps on different databases never share)."""
    found: LatestVersions | None = state.get("latest_versions")
    if found is None:
        found = LatestVersions(state, state.db)
        state["latest_versions"] = found
    return found
