"""Publishing a publication version's observations into datasets.

Called inside the transaction that creates the publication version. A dataset gets a new
numbered version only when the observations change; unchanged facts keep their rows (and
the provenance of the version they were first read from)::

    published = await publish_observations(session, dataset, publication_id, rows)
    if published:
        published.version.version, published.diff.changed
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models import Dataset, DatasetVersion, Observation, Source, utcnow
from models.dataset_queries import (
    DatasetDiff,
    ObservationChange,
    RowSum,
    diff_rows,
    fingerprint,
    version_row_sum,
)
from models.db import dialect_insert
from models.observation_schema import COLUMNS
from models.outbox import record_event

#: the dataset.updated payload stays under the 20 kB webhook limit with this many changes
MAX_CHANGES_IN_EVENT = 40


class Published(msgspec.Struct):
    dataset: Dataset
    version: DatasetVersion
    diff: DatasetDiff


async def get_or_create_dataset(
    session: AsyncSession,
    slug: str,
    *,
    title: str = "",
    description: str = "",
    filter_: dict[str, Any] | None = None,
    is_sample: bool = False,
) -> Dataset:
    """The dataset ``slug``, created if missing (safe when processes race to create it)."""
    dataset = await session.scalar(sa.select(Dataset).where(Dataset.slug == slug))
    if dataset is not None:
        return dataset
    now = utcnow()
    await session.execute(
        dialect_insert(session)(Dataset)
        .values(
            slug=slug,
            title=title or slug,
            description=description,
            filter=filter_ or {},
            is_sample=is_sample,
            latest_version=0,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["slug"])
    )
    return (await session.scalars(sa.select(Dataset).where(Dataset.slug == slug))).one()


async def publish_observations(
    session: AsyncSession,
    dataset: Dataset,
    publication_id: str,
    rows: Sequence[dict[str, Any]],
    *,
    cause: dict[str, Any] | None = None,
) -> Published | None:
    """Make ``rows`` the current observations of ``publication_id`` in ``dataset``.

    ``rows`` carry the SCHEMA.md columns (``dataset`` is overwritten). Returns the new
    dataset version, or None when nothing changed.
    """
    # Serialize version numbering per dataset across processes (no-op on SQLite,
    # whose write transactions are already serialized).
    await session.execute(sa.select(Dataset.id).where(Dataset.id == dataset.id).with_for_update())
    await session.refresh(dataset)
    # Everything below reads and writes only this publication's rows: the new version's
    # count, hash and diff follow from the previous version's and the rows that change,
    # so publishing costs the size of the change, not of the dataset.
    current = {
        row.observation_id: row
        for row in await session.scalars(
            sa.select(Observation)
            .where(
                Observation.dataset_id == dataset.id,
                Observation.publication_id == publication_id,
                Observation.valid_to.is_(None),
            )
            .order_by(Observation.id)
        )
    }
    incoming: dict[str, dict[str, Any]] = {}
    for row in rows:
        values = {c: row[c] for c in COLUMNS}
        values["dataset"] = dataset.slug
        incoming[values["observation_id"]] = values
    closed = [
        obs
        for oid, obs in current.items()
        if oid not in incoming or obs.fingerprint != fingerprint(incoming[oid])
    ]
    to_add = [
        values
        for oid, values in incoming.items()
        if oid not in current or current[oid].fingerprint != fingerprint(values)
    ]
    if not closed and not to_add:
        return None

    new_version = dataset.latest_version + 1
    digest = await _previous_row_sum(session, dataset)
    if closed:
        await session.execute(
            sa.update(Observation)
            .where(Observation.id.in_([obs.id for obs in closed]))
            .values(valid_to=new_version - 1)
        )
    added: Sequence[Observation] = []
    if to_add:
        await session.execute(
            sa.insert(Observation),
            [
                {
                    **{c: v for c, v in values.items() if c != "dataset"},
                    "dataset_id": dataset.id,
                    "valid_from": new_version,
                    "valid_to": None,
                    "fingerprint": fingerprint(values),
                }
                for values in to_add
            ],
        )
        # Read back as stored (ids, doubles), the form exports and diffs show.
        added = (
            await session.scalars(
                sa.select(Observation)
                .where(Observation.dataset_id == dataset.id, Observation.valid_from == new_version)
                .order_by(Observation.id)
            )
        ).all()
    for obs in closed:
        digest.remove(obs)
    for obs in added:
        digest.add(obs)
    # Only closed and added rows differ between the two versions, so their diff is the
    # versions' diff (observation ids are unique per publication).
    diff = diff_rows(closed, added, dataset.slug)
    version = DatasetVersion(
        dataset_id=dataset.id,
        version=new_version,
        row_count=digest.count,
        content_hash=digest.content_hash(dataset.slug),
        row_sum=digest.dump(),
        added=len(diff.added),
        removed=len(diff.removed),
        changed=len(diff.changed),
        cause=cause or {},
    )
    session.add(version)
    dataset.latest_version = new_version
    await session.flush()
    return Published(dataset=dataset, version=version, diff=diff)


async def _previous_row_sum(session: AsyncSession, dataset: Dataset) -> RowSum:
    """The row sum of the dataset's latest version (empty before the first)."""
    if dataset.latest_version == 0:
        return RowSum()
    state = await session.scalar(
        sa.select(DatasetVersion.row_sum).where(
            DatasetVersion.dataset_id == dataset.id,
            DatasetVersion.version == dataset.latest_version,
        )
    )
    if state is not None:
        return RowSum.load(state)
    return await version_row_sum(session, dataset.id, dataset.latest_version)


def _brief(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: values[k] for k in ("obs_value", "obs_value_max", "qualifier", "value_text")}


def _change_entry(change: ObservationChange) -> dict[str, Any]:
    about = change.new or change.old or {}
    return {
        "observation_id": change.observation_id,
        "change": change.change,
        **{
            k: about.get(k, "")
            for k in (
                "indicator_zh",
                "indicator_code",
                "measure",
                "obs_kind",
                "time_period",
                "unit",
                "unit_zh",
            )
        },
        "old": _brief(change.old),
        "new": _brief(change.new),
    }


def dataset_event_data(published: Published) -> dict[str, Any]:
    """``dataset.updated`` data: counts, the changes (cut to fit a webhook), links."""
    slug = published.dataset.slug
    n = published.version.version
    changes = published.diff.all()
    base = f"/v1/datasets/{slug}/versions/{n}"
    data: dict[str, Any] = {
        "dataset": slug,
        "version": n,
        "previous_version": n - 1 if n > 1 else None,
        "row_count": published.version.row_count,
        "added": published.version.added,
        "removed": published.version.removed,
        "changed": published.version.changed,
        "changes": [_change_entry(c) for c in changes[:MAX_CHANGES_IN_EVENT]],
        "links": {
            "version": base,
            "diff": f"{base}/diff?against={n - 1}" if n > 1 else base,
            "csv": f"{base}/observations.csv",
        },
    }
    if len(changes) > MAX_CHANGES_IN_EVENT:
        data["truncated"] = True
    return data


async def datasets_for(session: AsyncSession, source: Source) -> list[Dataset]:
    primary = await get_or_create_dataset(
        session,
        source.dataset_slug,
        title=source.config.get("dataset_title", "") or source.dataset_slug,
        is_sample=source.is_sample,
    )
    extra = (
        await session.scalars(
            sa.select(Dataset).where(Dataset.id != primary.id).order_by(Dataset.id)
        )
    ).all()
    wanted = [
        d
        for d in extra
        if d.filter and (not d.filter.get("sources") or source.name in d.filter["sources"])
    ]
    return [primary, *wanted]


def filtered_rows(dataset: Dataset, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows a filter dataset selects (all rows for a source's own dataset)."""
    codes = dataset.filter.get("indicator_codes") if dataset.filter else None
    if not codes:
        return rows
    return [r for r in rows if r.get("indicator_code") in codes]


async def publish_to_datasets(
    session: AsyncSession,
    source: Source,
    publication_id: str,
    rows: list[dict[str, Any]],
    *,
    cause: dict[str, Any],
    only: str | None = None,
) -> dict[str, int]:
    """Publish a publication's rows into every dataset of its source (or ``only`` one),
    with a ``dataset.updated`` event per new dataset version; returns {slug: version}."""
    versions: dict[str, int] = {}
    for dataset in await datasets_for(session, source):
        if only is not None and dataset.slug != only:
            continue
        published = await publish_observations(
            session, dataset, publication_id, filtered_rows(dataset, rows), cause=cause
        )
        if published is None:
            continue
        versions[dataset.slug] = published.version.version
        await record_event(
            session,
            "dataset.updated",
            dataset_event_data(published),
            source_id=source.id,
            dataset_id=dataset.id,
            dataset_slug=dataset.slug,
            publication_id=publication_id,
        )
    return versions
