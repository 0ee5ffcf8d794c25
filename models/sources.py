"""Watched sources, their health and scheduling lease; fetch snapshots and raw blobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK, utcnow


class Source(Base):
    """One disclosure column that Gongkai watches (a row per entry of the sources file)."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    adapter: Mapped[str] = mapped_column(sa.String(20))
    url: Mapped[str] = mapped_column(sa.Text)
    area: Mapped[str] = mapped_column(sa.String(100), default="")
    area_code: Mapped[str] = mapped_column(sa.String(12), default="")
    dataset_slug: Mapped[str] = mapped_column(sa.String(100))
    interval_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    cron: Mapped[str | None] = mapped_column(sa.String(100))
    enabled: Mapped[bool] = mapped_column(default=True)
    paused: Mapped[bool] = mapped_column(default=False)
    is_sample: Mapped[bool] = mapped_column(default=False)
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)

    # unknown | ok | failing | blocked (ingest.health moves it and writes the events)
    health: Mapped[str] = mapped_column(sa.String(16), default="unknown")
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    last_check_at: Mapped[dt.datetime | None]
    last_success_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    last_error_at: Mapped[dt.datetime | None]
    last_anomaly: Mapped[str | None] = mapped_column(sa.Text)
    last_anomaly_at: Mapped[dt.datetime | None]
    failing_since: Mapped[dt.datetime | None]
    next_run_at: Mapped[dt.datetime | None]
    # Set by "check now" (API or CLI, any process); whichever scheduler sees it first
    # takes the lease, checks, and clears it.
    check_requested_at: Mapped[dt.datetime | None]

    # A check first takes this lease with an atomic conditional UPDATE, so several
    # scheduler processes never check one source at the same time.
    lease_owner: Mapped[str | None] = mapped_column(sa.String(100))
    lease_expires_at: Mapped[dt.datetime | None]

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Blob(Base):
    """Raw fetched bytes, stored once by their sha256 so any version can be re-parsed."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Snapshot(Base):
    """One fetch of one URL and what came of it (document, 304, error, blocked, anomaly)."""

    __tablename__ = "snapshot"
    __table_args__ = (sa.Index(None, "source_id", "fetched_at"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(sa.Text)
    fetched_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(sa.String(20))
    detail: Mapped[str | None] = mapped_column(sa.Text)
    blob_sha256: Mapped[str | None] = mapped_column(sa.ForeignKey("blob.sha256"))
    content_type: Mapped[str | None] = mapped_column(sa.String(200))
    encoding: Mapped[str | None] = mapped_column(sa.String(40))
    duration_ms: Mapped[int | None]


class FetchState(Base):
    """ETag / Last-Modified remembered per URL for conditional requests."""

    __tablename__ = "fetch_state"

    url_sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    url: Mapped[str] = mapped_column(sa.Text)
    etag: Mapped[str | None] = mapped_column(sa.String(500))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
