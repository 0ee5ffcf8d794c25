"""The change-event outbox: one row per event, written in the transaction of the change.

Feed readers page through it by ``(xact_id, id)``. On PostgreSQL ``xact_id`` is the
writing transaction's id and readers only see rows of transactions older than every
transaction still running, so a cursor can never step past an event that commits late.
On SQLite writers are serialized and ``xact_id`` stays 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK, utcnow

EVENT_TYPES = (
    "publication.created",
    "publication.updated",
    "publication.flagged",
    "publication.withdrawn",
    "dataset.updated",
    "source.failing",
    "source.recovered",
    "webhook.ping",
    "webhook.disabled",
)


class ChangeEvent(Base):
    __tablename__ = "change_event"
    __table_args__ = (
        sa.Index(None, "xact_id", "id"),
        sa.Index(None, "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    xact_id: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    type: Mapped[str] = mapped_column(sa.String(40))
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("source.id", ondelete="SET NULL"))
    dataset_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dataset.id", ondelete="SET NULL"))
    publication_id: Mapped[str | None] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
