"""API keys, webhook subscriptions, and the delivery log (one delivery per event and
subscription; one attempt row per HTTP try)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK, utcnow


class ApiKey(Base):
    """An API key; only its sha256 is stored, the key itself is shown once."""

    __tablename__ = "api_key"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    prefix: Mapped[str] = mapped_column(sa.String(20))
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scope: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]


class Subscription(Base):
    """A webhook endpoint and what it wants to hear about."""

    __tablename__ = "subscription"
    __table_args__ = (sa.Index(None, "owner_key_id"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    owner_key_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("api_key.id", ondelete="SET NULL")
    )
    url: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    event_types: Mapped[list[Any]] = mapped_column(default=list)
    datasets: Mapped[list[Any]] = mapped_column(default=list)
    # Finer filters on dataset.updated: {"indicator_codes": [...], "ref_areas": [...],
    # "obs_kinds": [...]}; an empty list or a missing key matches everything.
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    secret: Mapped[str] = mapped_column(sa.String(100))
    # After a rotation the old secret keeps signing alongside the new one for 24 h.
    previous_secret: Mapped[str | None] = mapped_column(sa.String(100))
    previous_secret_expires_at: Mapped[dt.datetime | None]
    enabled: Mapped[bool] = mapped_column(default=True)
    disabled_reason: Mapped[str | None] = mapped_column(sa.Text)
    disabled_at: Mapped[dt.datetime | None]
    failing_since: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


#: The partial indexes' condition, written out in every query meant to use them: the
#: planners match it only against the same literal, never against a bound parameter.
PENDING = sa.text("status = 'pending'")


class Delivery(Base):
    """One event for one subscription; its id is the ``webhook-id`` on every retry."""

    __tablename__ = "delivery"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "subscription_id"),
        sa.Index(None, "status", "next_attempt_at"),
        sa.Index(None, "subscription_id", "created_at"),
        # The queue as claims read it, pending deliveries only (those that are done
        # leave it), so that a claim costs the same with 100 or 1,000,000 waiting
        # (alembic 0011): each webhook's next due ones, and the claims in flight.
        sa.Index(
            "ix_delivery_pending_due",
            "subscription_id",
            "next_attempt_at",
            "id",
            postgresql_where=PENDING,
            sqlite_where=PENDING,
        ),
        sa.Index(
            "ix_delivery_pending_claims",
            "claim_expires_at",
            "subscription_id",
            "claimed_by",
            postgresql_where=PENDING,
            sqlite_where=PENDING,
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.BigInteger, sa.ForeignKey("change_event.id", ondelete="CASCADE")
    )
    subscription_id: Mapped[str] = mapped_column(
        sa.ForeignKey("subscription.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(sa.String(12), default="pending")
    attempt_count: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    claim_expires_at: Mapped[dt.datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[dt.datetime | None]


class DeliveryAttempt(Base):
    __tablename__ = "delivery_attempt"
    __table_args__ = (sa.Index(None, "delivery_id", "attempted_at"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(sa.ForeignKey("delivery.id", ondelete="CASCADE"))
    attempted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None]
    duration_ms: Mapped[int | None]
    response_excerpt: Mapped[str | None] = mapped_column(sa.Text)
    error: Mapped[str | None] = mapped_column(sa.Text)
