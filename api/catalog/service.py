"""Gathers what the DCAT catalogue says about each dataset."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.catalog.dcat import Area, DatasetEntry
from models import Dataset, DatasetVersion, Observation, Source


async def catalog_entries(session: AsyncSession) -> list[DatasetEntry]:
    datasets = (await session.scalars(sa.select(Dataset).order_by(Dataset.slug))).all()
    modified = dict(
        (
            await session.execute(
                sa.select(DatasetVersion.dataset_id, DatasetVersion.created_at)
                .join(Dataset, Dataset.id == DatasetVersion.dataset_id)
                .where(DatasetVersion.version == Dataset.latest_version)
            )
        ).all()
    )
    # min/max year of each dataset's latest version
    periods = {
        row[0]: (row[1], row[2])
        for row in (
            await session.execute(
                sa.select(
                    Observation.dataset_id,
                    sa.func.min(Observation.time_period),
                    sa.func.max(Observation.time_period),
                )
                .join(Dataset, Dataset.id == Observation.dataset_id)
                .where(
                    Observation.valid_from <= Dataset.latest_version,
                    sa.or_(
                        Observation.valid_to.is_(None),
                        Observation.valid_to >= Dataset.latest_version,
                    ),
                    Observation.time_period != "",
                )
                .group_by(Observation.dataset_id)
            )
        ).all()
    }
    sources = (await session.scalars(sa.select(Source).order_by(Source.name))).all()
    entries = []
    for d in datasets:
        mine = [s for s in sources if s.dataset_slug == d.slug]
        areas: dict[tuple[str, str], Area] = {}
        for s in mine:
            if s.area:
                areas.setdefault((s.area, s.area_code), Area(s.area, s.area_code))
        start, end = periods.get(d.id, (None, None))
        entries.append(
            DatasetEntry(
                slug=d.slug,
                title=d.title,
                description=d.description,
                created_at=d.created_at,
                modified_at=modified.get(d.id),
                latest_version=d.latest_version,
                areas=list(areas.values()),
                period_start=start,
                period_end=end,
                source_urls=[s.url for s in mine],
            )
        )
    return entries
