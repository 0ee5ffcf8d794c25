"""One Retry-After reader: the fetcher and the webhook worker read a header the same way."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

import pytest

from ingest.fetch.retry import parse_retry_after
from models.retry_after import retry_after_seconds
from notify.schedule import RETRY_AFTER_CAP
from notify.schedule import retry_after_seconds as delivery_retry_after

NOW = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        (format_datetime(NOW + dt.timedelta(minutes=10), usegmt=True), 600.0),
        ("Sun, 01 Mar 2026 08:00:30 GMT", 30.0),
        (format_datetime(NOW - dt.timedelta(hours=1), usegmt=True), 0.0),
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_every_client_reads_retry_after_alike(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds
    assert parse_retry_after(header, now=NOW) == seconds
    assert delivery_retry_after(header, NOW) == seconds


def test_the_worker_caps_what_it_honours() -> None:
    assert delivery_retry_after("9999999", NOW) == RETRY_AFTER_CAP
    assert parse_retry_after("9999999", now=NOW) == 9999999.0  # the fetcher caps elsewhere
