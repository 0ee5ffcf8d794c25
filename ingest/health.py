"""Source health: ok, failing or blocked, with an event on every change of state.

await mark_failure(session, source, "HTTP 500 after 3 retries", blocked=False)
await mark_success(session, source)
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from models import Source, utcnow
from models.outbox import record_event

BAD_STATES = ("failing", "blocked")


async def mark_success(session: AsyncSession, source: Source) -> None:
    now = utcnow()
    was_bad = source.health in BAD_STATES
    source.health = "ok"
    source.last_check_at = now
    source.last_success_at = now
    source.consecutive_failures = 0
    if was_bad:
        since = source.failing_since
        source.failing_since = None
        await record_event(
            session,
            "source.recovered",
            {
                "source": source.name,
                "dataset": source.dataset_slug,
                "health": "ok",
                "since": since.isoformat() if since else None,
            },
            source_id=source.id,
            dataset_slug=source.dataset_slug,
        )


async def mark_failure(session: AsyncSession, source: Source, error: str, *, blocked: bool) -> None:
    now = utcnow()
    state = "blocked" if blocked else "failing"
    previous = source.health
    source.health = state
    source.last_check_at = now
    source.last_error = error
    source.last_error_at = now
    source.consecutive_failures += 1
    if previous not in BAD_STATES:
        source.failing_since = now
    if previous != state:
        await record_event(
            session,
            "source.failing",
            {
                "source": source.name,
                "dataset": source.dataset_slug,
                "health": state,
                "error": error,
                "since": (source.failing_since or now).isoformat(),
            },
            source_id=source.id,
            dataset_slug=source.dataset_slug,
        )
