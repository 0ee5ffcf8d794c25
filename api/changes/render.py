"""One event, rendered: the feed item (envelope + cursor) and CloudEvents 1.0.

Every rendering starts from :func:`models.outbox.envelope`, so the feed, SSE, Atom and
webhooks show the same ``type``/``timestamp``/``data``.

CloudEvents choices: ``type`` is ``org.gongkai.`` + the event type (reverse-DNS prefix,
as the spec recommends, e.g. ``org.gongkai.dataset.updated``); ``source`` is
``<base_url>/v1/changes``; ``id`` is the stable event id; ``subject`` is the publication
id for publication events, else the dataset slug (absent when neither applies); the
cursor travels in the ``gongkaicursor`` extension attribute.
"""

from __future__ import annotations

from api.changes.cursor import encode_cursor
from api.changes.schemas import CloudEvent, FeedEvent
from api.changes.service import position_of
from models import ChangeEvent
from models.outbox import envelope

CLOUDEVENTS_TYPE_PREFIX = "org.gongkai."
CLOUDEVENTS_MEDIA_TYPE = "application/cloudevents+json"


def event_id(event: ChangeEvent) -> str:
    return f"evt_{event.id}"


def feed_event(event: ChangeEvent, base_url: str, *, issued_at: int | None = None) -> FeedEvent:
    env = envelope(event, base_url)
    return FeedEvent(
        cursor=encode_cursor(position_of(event), issued_at=issued_at),
        event_id=event_id(event),
        type=env["type"],
        timestamp=env["timestamp"],
        data=env["data"],
    )


def subject_of(event: ChangeEvent) -> str | None:
    data = event.data
    if event.type.startswith("publication."):
        pid = data.get("publication_id") or event.publication_id
        return str(pid) if pid else None
    dataset = data.get("dataset")
    if isinstance(dataset, str) and dataset:
        return dataset
    subscription = data.get("subscription_id")
    return str(subscription) if subscription else None


def cloud_event(event: ChangeEvent, base_url: str, *, issued_at: int | None = None) -> CloudEvent:
    env = envelope(event, base_url)
    return CloudEvent(
        specversion="1.0",
        id=event_id(event),
        source=base_url.rstrip("/") + "/v1/changes",
        type=CLOUDEVENTS_TYPE_PREFIX + event.type,
        time=env["timestamp"],
        datacontenttype="application/json",
        subject=subject_of(event),
        gongkaicursor=encode_cursor(position_of(event), issued_at=issued_at),
        data=env["data"],
    )
