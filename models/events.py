"""The change-event outbox: one row per event, written in the transaction of the change.

Feed readers page through it by ``(xact_id, id)``. On PostgreSQL ``xact_id`` is the
writing transaction's id and readers only see rows of transactions older than every
transaction still running, so a cursor can never step past an event that commits late.
On SQLite writers are serialized and ``xact_id`` stays 0.

``data`` by event type (``links`` hold API paths; renderers make them absolute):

- ``publication.created`` / ``publication.updated``: ``source``, ``dataset``,
  ``publication_id``, ``version``, ``previous_version`` (updated only), ``title``, ``url``,
  ``published_date``, ``paragraphs_changed`` (updated only), ``flagged``,
  ``links.publication``, ``links.version``, ``links.diff`` (updated only).
- ``publication.flagged``: as above plus ``score`` and ``threshold`` (the sum of the
  findings' weights and the sum that flags), and ``flags``: the findings that counted,
  ``[{reason, term, start, end, weight, evidence: [{kind, weight, note}]}]`` (at most 20).
- ``publication.withdrawn``: ``source``, ``dataset``, ``publication_id``, ``title``, ``url``.
- ``dataset.updated``: ``dataset``, ``version``, ``previous_version``, ``row_count``,
  ``added``, ``removed``, ``changed`` (counts), ``changes``: ``[{observation_id, change,
  indicator_zh, indicator_code, ref_area, ref_area_code, measure, obs_kind, time_period,
  unit, unit_zh, old: {obs_value, obs_value_max, qualifier, value_text} | null,
  new: {...} | null}]`` (cut to keep the payload under 20 kB, then ``truncated: true``),
  ``links.version``, ``links.diff``, ``links.csv``. On a scorecard dataset each change
  has ``scorecard_id`` and ``old``/``new``: ``{target_value, target_value_max,
  actual_value, outcome, gap}``, and ``outcomes``: ``{met, missed, unclear}``, each a
  list of "area year indicator (measure)" the changed rows now record.
- ``source.failing`` / ``source.recovered``: ``source``, ``dataset``, ``health``,
  ``error`` (failing), ``since``.
- ``webhook.ping``: ``subscription_id``, ``message``.
- ``webhook.disabled``: ``subscription_id``, ``reason``.
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

#: events about one subscriber's webhooks: delivered to that subscriber only, never in
#: the public feed
PRIVATE_EVENT_TYPES = ("webhook.ping", "webhook.disabled")
PUBLIC_EVENT_TYPES = tuple(t for t in EVENT_TYPES if t not in PRIVATE_EVENT_TYPES)


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
    # What a dataset.updated event is about, for the indicator/area/kind filters of the
    # feed and of webhooks: space-separated tokens with spaces at both ends (see
    # models/facets.py); empty for other events.
    facets: Mapped[str] = mapped_column(sa.Text, default="")
