"""What the API may ask of the ingest side: check a source now, pause, resume.

The default, :class:`DatabaseSourceControl`, works from any process: "check now" is a
row (``source.check_requested_at``) that whichever scheduler sees it first picks up
within seconds, and pausing is a column every scheduler reads before it takes a lease.
A process that runs a scheduler passes its ``next_run`` so the API can show it::

    control = DatabaseSourceControl(db, next_run=scheduler.next_run)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import sqlalchemy as sa

from models import Database, Source, utcnow


class SourceControl(Protocol):
    async def check_now(self, name: str) -> None:
        """Run a check of source ``name`` as soon as possible (raises KeyError if unknown)."""

    async def pause(self, name: str) -> None: ...

    async def resume(self, name: str) -> None: ...

    def next_run(self, name: str) -> str | None:
        """RFC 3339 time of the next scheduled check, None when not scheduled here."""


class DatabaseSourceControl:
    """:class:`SourceControl` through the database (see the module docstring)."""

    def __init__(
        self, db: Database, *, next_run: Callable[[str], str | None] | None = None
    ) -> None:
        self.db = db
        self._next_run = next_run

    async def _set(self, name: str, **values: Any) -> None:
        async with self.db.transaction() as session:
            result = await session.execute(
                sa.update(Source).where(Source.name == name).values(**values)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                raise KeyError(name)

    async def check_now(self, name: str) -> None:
        await self._set(name, check_requested_at=utcnow())

    async def pause(self, name: str) -> None:
        await self._set(name, paused=True)

    async def resume(self, name: str) -> None:
        await self._set(name, paused=False)

    def next_run(self, name: str) -> str | None:
        return self._next_run(name) if self._next_run is not None else None
