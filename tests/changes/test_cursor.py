"""Cursor tokens and filter parsing (pure functions)."""

from __future__ import annotations

import base64

import pytest

from api.changes.cursor import CursorError, Position, decode_cursor, encode_cursor
from api.changes.filters import FilterError, parse_dataset, parse_types


def test_cursor_round_trips_and_is_opaque() -> None:
    token = encode_cursor(Position(9_000_000_001, 42), issued_at=1_700_000_000)
    assert "." not in token and "=" not in token
    cursor = decode_cursor(token)
    assert cursor.position == Position(9_000_000_001, 42)
    assert cursor.issued_at == 1_700_000_000


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage!",
        "x" * 500,
        _b64("c2.1.2.3"),  # unknown version
        _b64("c1.1.2"),  # missing part
        _b64("c1.-1.2.3"),  # negative
        _b64("c1.01.2.3"),  # not canonical
        _b64("c1.1.2.3.4"),
        _b64("c1.99999999999999999999.2.3"),  # out of range
        "YQ",  # decodes to "a"
    ],
)
def test_garbage_cursors_are_rejected(token: str) -> None:
    with pytest.raises(CursorError):
        decode_cursor(token)


def test_types_expand_families_and_reject_unknown_names() -> None:
    assert parse_types("publication.*") == (
        "publication.created",
        "publication.updated",
        "publication.flagged",
        "publication.withdrawn",
    )
    assert parse_types("dataset.updated, source.failing") == ("dataset.updated", "source.failing")
    assert parse_types("") is None
    for bad in ("nope", "publication.deleted", "zzz.*"):
        with pytest.raises(FilterError):
            parse_types(bad)


def test_dataset_must_be_a_slug() -> None:
    assert parse_dataset("fuzhou-work-reports") == "fuzhou-work-reports"
    with pytest.raises(FilterError):
        parse_dataset("Robert'); DROP TABLE")
