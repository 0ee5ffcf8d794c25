"""Resolving ``/datasets/{slug}/versions/{n}`` (``n`` may be ``latest``) to rows, or 404."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.datasets import service
from api.params import parse_version, path_id
from api.problems import Problem
from models import Dataset, DatasetVersion


async def dataset_or_404(session: AsyncSession, slug: str) -> Dataset:
    key = path_id(slug)
    dataset = await service.get_dataset(session, key) if key else None
    if dataset is None:
        raise Problem(404, "Not found", f"no dataset {slug!r}")
    return dataset


async def version_or_404(
    session: AsyncSession, slug: str, ref: str
) -> tuple[Dataset, DatasetVersion]:
    dataset = await dataset_or_404(session, slug)
    number = parse_version("n", ref, latest=dataset.latest_version)
    version = await service.get_version(session, dataset, number) if number else None
    if version is None:
        raise Problem(404, "Not found", f"dataset {slug!r} has no version {ref}")
    return dataset, version
