"""Request and response bodies of the webhook endpoints, with their OpenAPI examples."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec
from litestar.openapi.spec import Example


class WebhookFilters(msgspec.Struct, forbid_unknown_fields=True):
    """Finer filters on ``dataset.updated``: an event passes when one changed row has one
    of the listed indicator codes, one of the areas (name or GB/T 2260 code) and one of
    the kinds; an empty list means any. With any filter set, only ``dataset.updated``
    events are delivered ("tell me when the GDP target of 抚州市 changes":
    ``{"indicator_codes": ["gdp"], "ref_areas": ["抚州市"], "obs_kinds": ["target"]}``)."""

    indicator_codes: list[str] = msgspec.field(default_factory=list)
    ref_areas: list[str] = msgspec.field(default_factory=list)
    obs_kinds: list[Literal["actual", "target"]] = msgspec.field(default_factory=list)


class WebhookCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new webhook endpoint. Empty ``event_types``/``datasets`` mean "all"."""

    url: str
    event_types: list[str] = msgspec.field(default_factory=list)
    datasets: list[str] = msgspec.field(default_factory=list)
    description: str = ""
    filters: WebhookFilters = msgspec.field(default_factory=WebhookFilters)


class WebhookUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Fields to change; absent fields stay. ``enabled: true`` re-enables a disabled
    webhook and clears its failure state."""

    url: str | msgspec.UnsetType = msgspec.UNSET
    event_types: list[str] | msgspec.UnsetType = msgspec.UNSET
    datasets: list[str] | msgspec.UnsetType = msgspec.UNSET
    description: str | msgspec.UnsetType = msgspec.UNSET
    enabled: bool | msgspec.UnsetType = msgspec.UNSET
    filters: WebhookFilters | msgspec.UnsetType = msgspec.UNSET


class Webhook(msgspec.Struct):
    id: str
    url: str
    description: str
    event_types: list[str]
    datasets: list[str]
    enabled: bool
    disabled_reason: str | None
    disabled_at: dt.datetime | None
    failing_since: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    filters: WebhookFilters


class WebhookCreated(Webhook):
    secret: str
    """The signing secret (``whsec_`` + base64). Shown once: store it now."""


class WebhookList(msgspec.Struct):
    items: list[Webhook]


class SecretRotated(msgspec.Struct):
    id: str
    secret: str
    """The new secret, shown once."""
    previous_secret_expires_at: dt.datetime
    """Until then every delivery is signed with both the new and the previous secret."""


class Attempt(msgspec.Struct):
    attempted_at: dt.datetime
    status_code: int | None
    duration_ms: int | None
    response_excerpt: str | None
    error: str | None


class DeliveryView(msgspec.Struct):
    id: str
    """Also the ``webhook-id`` header of every attempt."""
    event_id: int
    event_type: str
    status: str
    """``pending``, ``succeeded`` or ``failed``."""
    attempt_count: int
    next_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: dt.datetime
    completed_at: dt.datetime | None
    attempts: list[Attempt]


class DeliveryPage(msgspec.Struct):
    items: list[DeliveryView]
    next_cursor: str | None
    """Pass as ``cursor`` for the next page (also in the ``Link: rel="next"`` header)."""


class Recover(msgspec.Struct, forbid_unknown_fields=True):
    since: dt.datetime
    """RFC 3339 with an offset: failed deliveries created since then are re-queued."""


class Requeued(msgspec.Struct):
    requeued: int


class PingSent(msgspec.Struct):
    event_id: int
    delivery_id: str


_WEBHOOK = {
    "id": "sub_01hq3z7k2m8v4x9c6b5n0p1r2s",
    "url": "https://hooks.example.org/gongkai",
    "description": "newsroom alerts",
    "event_types": ["dataset.updated", "publication.flagged"],
    "datasets": ["fuzhou-work-reports"],
    "enabled": True,
    "disabled_reason": None,
    "disabled_at": None,
    "failing_since": None,
    "created_at": "2024-03-11T08:00:00Z",
    "updated_at": "2024-03-11T08:00:00Z",
    "filters": {"indicator_codes": [], "ref_areas": [], "obs_kinds": []},
}
SECRET_EXAMPLE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

CREATE_EXAMPLE = Example(
    summary="Dataset updates and flagged publications of one dataset",
    value={
        "url": "https://hooks.example.org/gongkai",
        "event_types": ["dataset.updated", "publication.flagged"],
        "datasets": ["fuzhou-work-reports"],
        "description": "newsroom alerts",
    },
)
FILTERED_EXAMPLE = Example(
    summary="When the GDP target of 抚州市 changes",
    value={
        "url": "https://hooks.example.org/gongkai",
        "event_types": ["dataset.updated"],
        "filters": {"indicator_codes": ["gdp"], "ref_areas": ["抚州市"], "obs_kinds": ["target"]},
    },
)
UPDATE_EXAMPLE = Example(summary="Re-enable a disabled webhook", value={"enabled": True})
RECOVER_EXAMPLE = Example(
    summary="Everything that failed since Monday", value={"since": "2024-03-11T00:00:00Z"}
)
WEBHOOK_EXAMPLE = Example(summary="A webhook", value=_WEBHOOK)
CREATED_EXAMPLE = Example(
    summary="Created; the secret is shown once", value={**_WEBHOOK, "secret": SECRET_EXAMPLE}
)
LIST_EXAMPLE = Example(summary="Your webhooks", value={"items": [_WEBHOOK]})
ROTATED_EXAMPLE = Example(
    summary="A new secret",
    value={
        "id": _WEBHOOK["id"],
        "secret": SECRET_EXAMPLE,
        "previous_secret_expires_at": "2024-03-12T08:00:00Z",
    },
)
DELIVERIES_EXAMPLE = Example(
    summary="The newest delivery, retried once",
    value={
        "items": [
            {
                "id": "msg_01hq3z9d6f0a2b4c6d8e0f1g2h",
                "event_id": 1042,
                "event_type": "dataset.updated",
                "status": "succeeded",
                "attempt_count": 2,
                "next_attempt_at": None,
                "last_status_code": 200,
                "last_error": None,
                "created_at": "2024-03-11T08:00:00Z",
                "completed_at": "2024-03-11T08:00:05Z",
                "attempts": [
                    {
                        "attempted_at": "2024-03-11T08:00:00Z",
                        "status_code": 503,
                        "duration_ms": 41,
                        "response_excerpt": "Service Unavailable",
                        "error": "HTTP 503",
                    },
                    {
                        "attempted_at": "2024-03-11T08:00:05Z",
                        "status_code": 200,
                        "duration_ms": 38,
                        "response_excerpt": "ok",
                        "error": None,
                    },
                ],
            }
        ],
        "next_cursor": "WyIyMDI0LTAzLTExVDA4OjAwOjAwWiIsIm1zZ18uLi4iXQ",
    },
)
REQUEUED_EXAMPLE = Example(summary="Re-queued", value={"requeued": 3})
PING_EXAMPLE = Example(
    summary="A ping is on its way", value={"event_id": 1043, "delivery_id": "msg_01hq3za0"}
)
