"""What /v1/sources answers."""

from __future__ import annotations

import datetime as dt

import msgspec


class SourceOut(msgspec.Struct, kw_only=True):
    """A watched disclosure column, its health and its schedule."""

    name: str
    adapter: str
    url: str
    area: str
    area_code: str
    dataset: str
    health: str
    paused: bool
    enabled: bool
    is_sample: bool
    consecutive_failures: int
    last_check_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    last_error_at: dt.datetime | None
    last_anomaly: str | None
    last_anomaly_at: dt.datetime | None
    failing_since: dt.datetime | None
    next_run: str | None
    """RFC 3339 time of the next scheduled check, as the scheduler knows it."""


class SourceList(msgspec.Struct):
    items: list[SourceOut]


class ActionAccepted(msgspec.Struct):
    source: str
    action: str
    status: str


EXAMPLE_SOURCE = {
    "name": "fuzhou-work-reports",
    "adapter": "hanweb",
    "url": "https://www.jxfz.gov.cn/col/col4394/index.html",
    "area": "抚州市",
    "area_code": "361000",
    "dataset": "fuzhou-work-reports",
    "health": "ok",
    "paused": False,
    "enabled": True,
    "is_sample": False,
    "consecutive_failures": 0,
    "last_check_at": "2024-03-12T08:00:03Z",
    "last_success_at": "2024-03-12T08:00:03Z",
    "last_error": None,
    "last_error_at": None,
    "last_anomaly": None,
    "last_anomaly_at": None,
    "failing_since": None,
    "next_run": "2024-03-12T14:00:00Z",
}
