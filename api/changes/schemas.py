"""Response bodies of the change feed (msgspec structs, so OpenAPI shows their shape)."""

from __future__ import annotations

from typing import Any

import msgspec


class FeedEvent(msgspec.Struct, kw_only=True):
    """One event: the public envelope (as webhooks send it) plus where it sits in the feed."""

    cursor: str
    """Resume after this event with ``?after=<cursor>``."""
    event_id: str
    """Stable id of the event (the same on every read; use it to de-duplicate)."""
    type: str
    timestamp: str
    data: dict[str, Any]


class CloudEvent(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A CloudEvents 1.0 structured-mode JSON event."""

    specversion: str
    id: str
    source: str
    type: str
    time: str
    datacontenttype: str
    subject: str | None = None
    gongkaicursor: str
    """Extension attribute: the feed cursor after this event."""
    data: dict[str, Any]


class FeedPage(msgspec.Struct, kw_only=True, tag_field="format", tag="json"):
    """A page of feed events. ``format`` says which kind of page it is."""

    events: list[FeedEvent]
    next_cursor: str
    """Pass as ``after`` for the next page; returned even when ``events`` is empty."""
    has_more: bool
    """True when more events may follow at once; False when the client is caught up."""


class CloudEventPage(msgspec.Struct, kw_only=True, tag_field="format", tag="cloudevents"):
    """The same page with ``format=cloudevents``: each event is a CloudEvent."""

    events: list[CloudEvent]
    next_cursor: str
    has_more: bool


FEED_EXAMPLE: dict[str, Any] = {
    "format": "json",
    "events": [
        {
            "cursor": "YzEuODEyLjQwLjQxMDI0NDQ4MDA",
            "event_id": "evt_40",
            "type": "dataset.updated",
            "timestamp": "2024-03-12T08:00:00Z",
            "data": {
                "dataset": "fuzhou-work-reports",
                "version": 3,
                "previous_version": 2,
                "added": 0,
                "removed": 0,
                "changed": 1,
                "changes": [
                    {
                        "change": "changed",
                        "indicator_zh": "地区生产总值",
                        "measure": "growth",
                        "obs_kind": "target",
                        "time_period": "2024",
                        "unit_zh": "%",
                        "old": {"obs_value": 6, "qualifier": "approx"},
                        "new": {"obs_value": 5.5, "qualifier": "approx"},
                    }
                ],
                "links": {
                    "diff": "https://gongkai.example/v1/datasets/fuzhou-work-reports/diff?from=2&to=3"
                },
            },
        }
    ],
    "next_cursor": "YzEuODEyLjQwLjQxMDI0NDQ4MDA",
    "has_more": False,
}
