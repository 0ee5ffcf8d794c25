"""Reading sources and recording pause/resume; the scheduler itself sits behind
:class:`api.control.SourceControl`."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.control import SourceControl
from api.sources.schemas import SourceOut
from models import Source


def to_out(source: Source, control: SourceControl | None) -> SourceOut:
    next_run = control.next_run(source.name) if control is not None else None
    if next_run is None and source.next_run_at is not None:
        next_run = source.next_run_at.isoformat().replace("+00:00", "Z")
    return SourceOut(
        name=source.name,
        adapter=source.adapter,
        url=source.url,
        area=source.area,
        area_code=source.area_code,
        dataset=source.dataset_slug,
        health=source.health,
        paused=source.paused,
        enabled=source.enabled,
        is_sample=source.is_sample,
        consecutive_failures=source.consecutive_failures,
        last_check_at=source.last_check_at,
        last_success_at=source.last_success_at,
        last_error=source.last_error,
        last_error_at=source.last_error_at,
        last_anomaly=source.last_anomaly,
        last_anomaly_at=source.last_anomaly_at,
        failing_since=source.failing_since,
        next_run=next_run,
    )


async def list_sources(session: AsyncSession) -> Sequence[Source]:
    return (await session.scalars(sa.select(Source).order_by(Source.name))).all()


async def get_source(session: AsyncSession, name: str) -> Source | None:
    return await session.scalar(sa.select(Source).where(Source.name == name))


async def set_paused(session: AsyncSession, name: str, paused: bool) -> Source | None:
    """Persist ``paused`` so a restarted scheduler keeps honouring it."""
    source = await get_source(session, name)
    if source is not None:
        source.paused = paused
        await session.flush()
    return source
