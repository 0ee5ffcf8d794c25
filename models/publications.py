"""Publications (documents in a column) and their immutable versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class Publication(Base):
    """A document listed by a source, identified by its URL within that source."""

    __tablename__ = "publication"
    __table_args__ = (
        sa.UniqueConstraint("source_id", "url"),
        sa.Index(None, "source_id", "published_date"),
        sa.Index(None, "published_date"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("source.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str] = mapped_column(sa.Text, default="")
    published_date: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    # Consecutive listing checks that did not show this publication; at a threshold it
    # is marked withdrawn (never deleted).
    missing_checks: Mapped[int] = mapped_column(default=0)
    latest_version: Mapped[int] = mapped_column(default=0)
    flagged: Mapped[bool] = mapped_column(default=False)
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PublicationVersion(Base):
    """One distinct state of a publication: made only when its text or metadata changed."""

    __tablename__ = "publication_version"
    __table_args__ = (sa.UniqueConstraint("publication_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[str] = mapped_column(sa.ForeignKey("publication.id", ondelete="CASCADE"))
    version: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    snapshot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("snapshot.id"))
    blob_sha256: Mapped[str | None] = mapped_column(sa.ForeignKey("blob.sha256"))
    url: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str] = mapped_column(sa.Text, default="")
    published_date: Mapped[dt.date | None]
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    text: Mapped[str] = mapped_column(sa.Text)
    # Hash of the normalized text plus the significant metadata: equal hash, no version.
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    flags: Mapped[list[Any]] = mapped_column(default=list)
    flagged: Mapped[bool] = mapped_column(default=False)
    report_year: Mapped[int | None]
