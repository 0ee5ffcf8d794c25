"""Publishing a publication version's observations into datasets.

Called inside the transaction that creates the publication version. A dataset gets a new
numbered version only when the observations change; unchanged facts keep their rows (and
the provenance of the version they were first read from)::

    published = await publish_observations(session, dataset, publication_id, rows)
    if published:
        published.version.version, published.diff.changed
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models import Dataset, DatasetVersion, Observation, Source, utcnow
from models.counts import apply_delta, row_keys
from models.dataset_queries import (
    DatasetDiff,
    ObservationChange,
    RowSchema,
    RowSum,
    diff_rows,
    fingerprint,
    rows_of,
    version_row_sum,
)
from models.db import dialect_insert, mark_published
from models.facets import facet_tokens, facets_text
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
    kind: str = "observations",
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
            kind=kind,
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
    return await publish_rows(
        session, dataset, rows, scope=Observation.publication_id == publication_id, cause=cause
    )


async def publish_rows(
    session: AsyncSession,
    dataset: Dataset,
    rows: Sequence[dict[str, Any]],
    *,
    scope: sa.ColumnElement[bool] | None = None,
    cause: dict[str, Any] | None = None,
) -> Published | None:
    """Make ``rows`` the current rows of ``dataset`` within ``scope`` (all rows when None),
    in the dataset's row shape (:func:`models.dataset_queries.rows_of`)."""
    schema = rows_of(dataset)
    table = schema.table
    # Serialize version numbering per dataset across processes (no-op on SQLite,
    # whose write transactions are already serialized).
    await session.execute(sa.select(Dataset.id).where(Dataset.id == dataset.id).with_for_update())
    await session.refresh(dataset)
    # Everything below reads and writes only the rows in ``scope`` (a publication's): the
    # new version's count, hash and diff follow from the previous version's and the rows
    # that change, so publishing costs the size of the change, not of the dataset.
    current_query = (
        sa.select(table)
        .where(table.dataset_id == dataset.id, table.valid_to.is_(None))
        .order_by(table.id)
    )
    if scope is not None:
        current_query = current_query.where(scope)
    found: Sequence[Any] = (await session.scalars(current_query)).all()
    current: dict[str, Any] = {getattr(row, schema.key): row for row in found}
    incoming: dict[str, dict[str, Any]] = {}
    for row in rows:
        values = {c: row[c] for c in schema.columns}
        values["dataset"] = dataset.slug
        incoming[values[schema.key]] = values
    closed = [
        obs
        for oid, obs in current.items()
        if oid not in incoming or obs.fingerprint != fingerprint(incoming[oid], schema)
    ]
    to_add = [
        values
        for oid, values in incoming.items()
        if oid not in current or current[oid].fingerprint != fingerprint(values, schema)
    ]
    if not closed and not to_add:
        return None

    new_version = dataset.latest_version + 1
    digest = await _previous_row_sum(session, dataset, schema)
    if closed:
        await session.execute(
            sa.update(table)
            .where(table.id.in_([obs.id for obs in closed]))
            .values(valid_to=new_version - 1)
        )
    added: Sequence[Any] = []
    if to_add:
        await session.execute(
            sa.insert(table),
            [
                {
                    **{c: v for c, v in values.items() if c != "dataset"},
                    "dataset_id": dataset.id,
                    "valid_from": new_version,
                    "valid_to": None,
                    "fingerprint": fingerprint(values, schema),
                }
                for values in to_add
            ],
        )
        # Read back as stored (ids, doubles), the form exports and diffs show.
        added = (
            await session.scalars(
                sa.select(table)
                .where(table.dataset_id == dataset.id, table.valid_from == new_version)
                .order_by(table.id)
            )
        ).all()
    for obs in closed:
        digest.remove(obs)
    for obs in added:
        digest.add(obs)
    if table is Observation:
        # the version's counts (models/counts.py): the previous version's, changed by
        # the values of the rows closed and added
        delta: Counter[str] = Counter()
        for obs in closed:
            delta.subtract(row_keys(obs))
        for obs in added:
            delta.update(row_keys(obs))
        await apply_delta(session, dataset.id, new_version, delta)
    # Only closed and added rows differ between the two versions, so their diff is the
    # versions' diff (row ids are unique within a scope).
    diff = diff_rows(closed, added, dataset.slug, schema)
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
    mark_published(session)  # its commit invalidates this process's latest-version map
    await session.flush()
    return Published(dataset=dataset, version=version, diff=diff)


async def _previous_row_sum(session: AsyncSession, dataset: Dataset, schema: RowSchema) -> RowSum:
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
    return await version_row_sum(session, dataset.id, dataset.latest_version, schema)


_BRIEF = ("obs_value", "obs_value_max", "qualifier", "value_text")
_SCORECARD_BRIEF = ("target_value", "target_value_max", "actual_value", "outcome", "gap")
_ABOUT = (
    "indicator_zh",
    "indicator_code",
    "ref_area",
    "ref_area_code",
    "measure",
    "obs_kind",
    "time_period",
    "unit",
    "unit_zh",
)


def _brief(values: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: values.get(k) for k in keys}


def _change_entry(change: ObservationChange, scorecard: bool) -> dict[str, Any]:
    about = change.new or change.old or {}
    keys = _SCORECARD_BRIEF if scorecard else _BRIEF
    return {
        ("scorecard_id" if scorecard else "observation_id"): change.observation_id,
        "change": change.change,
        **{k: about.get(k, "") for k in _ABOUT if not (scorecard and k in ("obs_kind", "unit_zh"))},
        "old": _brief(change.old, keys),
        "new": _brief(change.new, keys),
    }


def event_facets(published: Published) -> str:
    """The stored facets of a dataset.updated event: every changed row, not only the
    ones the payload has room for."""
    return facets_text(facet_tokens(c.new or c.old or {} for c in published.diff.all()))


def dataset_event_data(published: Published) -> dict[str, Any]:
    """``dataset.updated`` data: counts, the changes (cut to fit a webhook), links; on a
    scorecard also which targets the changed rows now record as met, missed or unclear."""
    slug = published.dataset.slug
    n = published.version.version
    changes = published.diff.all()
    scorecard = published.dataset.kind == "scorecard"
    base = f"/v1/datasets/{slug}/versions/{n}"
    data: dict[str, Any] = {
        "dataset": slug,
        "version": n,
        "previous_version": n - 1 if n > 1 else None,
        "row_count": published.version.row_count,
        "added": published.version.added,
        "removed": published.version.removed,
        "changed": published.version.changed,
        "changes": [_change_entry(c, scorecard) for c in changes[:MAX_CHANGES_IN_EVENT]],
        "links": {
            "version": base,
            "diff": f"{base}/diff?against={n - 1}" if n > 1 else base,
            "csv": f"{base}/observations.csv",
        },
    }
    if scorecard:
        outcomes: dict[str, list[str]] = {"met": [], "missed": [], "unclear": []}
        for change in changes:
            if change.new is not None and change.new["outcome"] in outcomes:
                row = change.new
                outcomes[row["outcome"]].append(
                    f"{row['ref_area']} {row['time_period']} {row['indicator_zh']}"
                    f" ({row['measure']})"
                )
        data["outcomes"] = {k: v[:MAX_CHANGES_IN_EVENT] for k, v in outcomes.items()}
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
            sa.select(Dataset)
            .where(Dataset.id != primary.id, Dataset.kind == "observations")
            .order_by(Dataset.id)
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
            facets=event_facets(published),
        )
    if versions and not source.is_sample:
        from ingest.scorecard import refresh_scorecards  # it publishes through this module

        versions.update(
            await refresh_scorecards(session, source, cause=cause, publication_id=publication_id)
        )
    return versions
