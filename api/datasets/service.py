"""Queries behind /v1/datasets: datasets, versions and observation-level diffs.

The diff reads only the rows that differ between the two versions (rows whose validity
run covers one version but not the other), so its cost follows the size of the change,
not of the dataset; :func:`models.dataset_queries.diff_rows` pairs them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.datasets.schemas import (
    DatasetDiffOut,
    DatasetLinks,
    DatasetOut,
    DatasetVersionOut,
    DiffCounts,
    ObservationChangeOut,
)
from api.observations.schemas import ObservationOut
from api.series.schemas import ScorecardRowOut
from models import Dataset, DatasetVersion
from models.dataset_queries import (
    SCORECARD_ROWS,
    ObservationChange,
    RowSchema,
    diff_rows,
    in_version,
    rows_of,
)


def links(base_url: str, slug: str, version: str) -> DatasetLinks:
    root = f"{base_url.rstrip('/')}/v1/datasets/{slug}"
    here = f"{root}/versions/{version}"
    return DatasetLinks(
        versions=f"{root}/versions",
        csv=f"{here}/observations.csv",
        ndjson=f"{here}/observations.ndjson",
        json=f"{here}/observations.json",
        datapackage=f"{here}/datapackage.json",
    )


async def list_datasets(session: AsyncSession) -> Sequence[tuple[Dataset, int | None]]:
    """Every dataset with the row count of its latest version."""
    query = (
        sa.select(Dataset, DatasetVersion.row_count)
        .outerjoin(
            DatasetVersion,
            sa.and_(
                DatasetVersion.dataset_id == Dataset.id,
                DatasetVersion.version == Dataset.latest_version,
            ),
        )
        .order_by(Dataset.slug)
    )
    return [(d, n) for d, n in (await session.execute(query)).all()]


async def get_dataset(session: AsyncSession, slug: str) -> Dataset | None:
    return await session.scalar(sa.select(Dataset).where(Dataset.slug == slug))


async def latest_row_count(session: AsyncSession, dataset: Dataset) -> int:
    count = await session.scalar(
        sa.select(DatasetVersion.row_count).where(
            DatasetVersion.dataset_id == dataset.id,
            DatasetVersion.version == dataset.latest_version,
        )
    )
    return int(count or 0)


def dataset_out(dataset: Dataset, row_count: int | None, base_url: str) -> DatasetOut:
    return DatasetOut(
        slug=dataset.slug,
        title=dataset.title,
        description=dataset.description,
        is_sample=dataset.is_sample,
        latest_version=dataset.latest_version,
        row_count=int(row_count or 0),
        created_at=dataset.created_at,
        updated_at=dataset.updated_at,
        links=links(base_url, dataset.slug, "latest"),
    )


async def list_versions(session: AsyncSession, dataset: Dataset) -> Sequence[DatasetVersion]:
    query = (
        sa.select(DatasetVersion)
        .where(DatasetVersion.dataset_id == dataset.id)
        .order_by(DatasetVersion.version.desc())
    )
    return (await session.scalars(query)).all()


async def get_version(session: AsyncSession, dataset: Dataset, n: int) -> DatasetVersion | None:
    return await session.scalar(
        sa.select(DatasetVersion).where(
            DatasetVersion.dataset_id == dataset.id, DatasetVersion.version == n
        )
    )


def version_out(dataset: Dataset, v: DatasetVersion, base_url: str) -> DatasetVersionOut:
    return DatasetVersionOut(
        dataset=dataset.slug,
        version=v.version,
        created_at=v.created_at,
        row_count=v.row_count,
        content_hash=v.content_hash,
        added=v.added,
        removed=v.removed,
        changed=v.changed,
        cause=dict(v.cause or {}),
        links=links(base_url, dataset.slug, str(v.version)),
    )


async def _rows_only_in(
    session: AsyncSession, dataset_id: int, version: int, other: int, schema: RowSchema
) -> Sequence[Any]:
    """Rows of ``version`` that ``other`` does not have (``version`` 0: none)."""
    if version <= 0:
        return []
    table = schema.table
    condition = in_version(version, table)
    if other > 0:
        condition = sa.and_(condition, sa.not_(in_version(other, table)))
    query = sa.select(table).where(table.dataset_id == dataset_id, condition).order_by(table.id)
    return (await session.scalars(query)).all()


def _change_out(change: ObservationChange, schema: RowSchema) -> ObservationChangeOut:
    if schema is SCORECARD_ROWS:

        def row(values: dict[str, Any] | None) -> ScorecardRowOut | None:
            return None if values is None else msgspec.convert(values, ScorecardRowOut)

        return ObservationChangeOut(
            observation_id=change.observation_id,
            change=change.change,
            old=None,
            new=None,
            old_scorecard=row(change.old),
            new_scorecard=row(change.new),
        )

    def obs(values: dict[str, Any] | None) -> ObservationOut | None:
        return None if values is None else msgspec.convert(values, ObservationOut)

    return ObservationChangeOut(
        observation_id=change.observation_id,
        change=change.change,
        old=obs(change.old),
        new=obs(change.new),
    )


async def diff(session: AsyncSession, dataset: Dataset, *, new: int, old: int) -> DatasetDiffOut:
    """Added, removed and changed observations from version ``old`` to version ``new``."""
    schema = rows_of(dataset)
    before = await _rows_only_in(session, dataset.id, old, new, schema)
    after = await _rows_only_in(session, dataset.id, new, old, schema)
    result = diff_rows(before, after, dataset.slug, schema)
    return DatasetDiffOut(
        dataset=dataset.slug,
        version=new,
        against=old,
        counts=DiffCounts(
            added=len(result.added), removed=len(result.removed), changed=len(result.changed)
        ),
        added=[_change_out(c, schema) for c in result.added],
        removed=[_change_out(c, schema) for c in result.removed],
        changed=[_change_out(c, schema) for c in result.changed],
    )
