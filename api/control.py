"""What the API may ask of the ingest side (check now, pause, resume a source).

``gongkai`` passes an implementation wired to the scheduler; the API only knows this
protocol, so it never imports the scheduler.
"""

from __future__ import annotations

from typing import Protocol


class SourceControl(Protocol):
    async def check_now(self, name: str) -> None:
        """Run a check of source ``name`` as soon as possible (raises KeyError if unknown)."""

    async def pause(self, name: str) -> None: ...

    async def resume(self, name: str) -> None: ...

    def next_run(self, name: str) -> str | None:
        """RFC 3339 time of the next scheduled check, None when not scheduled here."""
