"""Queries behind /v1/publications: filtered keyset listing, versions, raw bytes, diffs.

Publications list newest first: by published date (undated last), then id, both
descending; the cursor holds that pair.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.pagination import bad_cursor, decode_cursor, encode_cursor
from api.publications.schemas import PublicationSummary, VersionOut, VersionSummary
from models import Blob, Publication, PublicationVersion, Snapshot, Source

CURSOR_TAG = "pub"
# Undated publications sort after every dated one (descending order).
_UNDATED = dt.date(1, 1, 1)
sort_date: sa.ColumnElement[dt.date] = sa.func.coalesce(
    Publication.published_date, sa.literal(_UNDATED, sa.Date), type_=sa.Date
)


class PublicationFilter(msgspec.Struct, kw_only=True):
    source: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    q: str | None = None
    flagged: bool | None = None
    status: str | None = None


def summary(pub: Publication, source_name: str) -> PublicationSummary:
    return PublicationSummary(
        id=pub.id,
        source=source_name,
        title=pub.title,
        url=pub.url,
        published_date=pub.published_date,
        status=pub.status,
        flagged=pub.flagged,
        latest_version=pub.latest_version,
        first_seen_at=pub.first_seen_at,
        last_seen_at=pub.last_seen_at,
        withdrawn_at=pub.withdrawn_at,
    )


async def list_publications(
    session: AsyncSession, filters: PublicationFilter, *, limit: int, cursor: str | None
) -> tuple[list[PublicationSummary], str | None]:
    """One page of publications and the cursor of the next page (None on the last)."""
    query = sa.select(Publication, Source.name).join(Source, Source.id == Publication.source_id)
    if filters.source is not None:
        query = query.where(Source.name == filters.source)
    if filters.published_from is not None:
        query = query.where(Publication.published_date >= filters.published_from)
    if filters.published_to is not None:
        query = query.where(Publication.published_date <= filters.published_to)
    if filters.q:
        query = query.where(Publication.title.icontains(filters.q, autoescape=True))
    if filters.flagged is not None:
        query = query.where(Publication.flagged.is_(filters.flagged))
    if filters.status is not None:
        query = query.where(Publication.status == filters.status)
    if cursor is not None:
        date_iso, last_id = decode_cursor(cursor, CURSOR_TAG, (str, str))
        try:
            last_date = dt.date.fromisoformat(date_iso)
        except ValueError:
            raise bad_cursor("malformed") from None
        query = query.where(
            sa.or_(
                sort_date < last_date,
                sa.and_(sort_date == last_date, Publication.id < last_id),
            )
        )
    query = query.order_by(sort_date.desc(), Publication.id.desc()).limit(limit + 1)
    rows = (await session.execute(query)).all()
    items = [summary(pub, name) for pub, name in rows[:limit]]
    next_token = None
    if len(rows) > limit:
        last = rows[limit - 1][0]
        next_token = encode_cursor(
            CURSOR_TAG, [(last.published_date or _UNDATED).isoformat(), last.id]
        )
    return items, next_token


async def get_publication(
    session: AsyncSession, publication_id: str
) -> tuple[Publication, str] | None:
    row = (
        await session.execute(
            sa.select(Publication, Source.name)
            .join(Source, Source.id == Publication.source_id)
            .where(Publication.id == publication_id)
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


def version_summary(v: PublicationVersion) -> VersionSummary:
    return VersionSummary(
        version=v.version,
        created_at=v.created_at,
        title=v.title,
        published_date=v.published_date,
        content_hash=v.content_hash,
        flagged=v.flagged,
        has_raw=v.blob_sha256 is not None,
    )


async def list_versions(session: AsyncSession, publication_id: str) -> Sequence[PublicationVersion]:
    query = (
        sa.select(PublicationVersion)
        .where(PublicationVersion.publication_id == publication_id)
        .order_by(PublicationVersion.version)
    )
    return (await session.scalars(query)).all()


async def get_version(
    session: AsyncSession, publication_id: str, version: int
) -> PublicationVersion | None:
    return await session.scalar(
        sa.select(PublicationVersion).where(
            PublicationVersion.publication_id == publication_id,
            PublicationVersion.version == version,
        )
    )


def version_out(v: PublicationVersion) -> VersionOut:
    return VersionOut(
        publication_id=v.publication_id,
        version=v.version,
        created_at=v.created_at,
        url=v.url,
        title=v.title,
        published_date=v.published_date,
        report_year=v.report_year,
        meta=dict(v.meta or {}),
        attachments=list(v.attachments or []),
        flags=list(v.flags or []),
        flagged=v.flagged,
        content_hash=v.content_hash,
        blob_sha256=v.blob_sha256,
        text=v.text,
    )


async def raw_content(session: AsyncSession, v: PublicationVersion) -> tuple[bytes, str] | None:
    """The bytes as fetched and their content type (the snapshot's, when known)."""
    if v.blob_sha256 is None:
        return None
    content = await session.scalar(sa.select(Blob.content).where(Blob.sha256 == v.blob_sha256))
    if content is None:
        return None
    content_type: Any = None
    if v.snapshot_id is not None:
        content_type = await session.scalar(
            sa.select(Snapshot.content_type).where(Snapshot.id == v.snapshot_id)
        )
    if not content_type:
        content_type = await session.scalar(
            sa.select(Snapshot.content_type)
            .where(Snapshot.blob_sha256 == v.blob_sha256, Snapshot.content_type.is_not(None))
            .order_by(Snapshot.id.desc())
            .limit(1)
        )
    return bytes(content), str(content_type or "application/octet-stream")
