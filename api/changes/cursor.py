"""Opaque feed cursors.

A cursor names a position in the feed, ``(xact_id, id)`` of the last event the client
has seen, plus the time the server handed it out (used for the retention check)::

    token = encode_cursor(Position(812, 40), issued_at=1_717_000_000)
    decode_cursor(token)  # Cursor(position=Position(xact_id=812, id=40), issued_at=...)

The text is ``urlsafe-base64("c1.<xact_id>.<id>.<issued_at>")`` without padding. The
``c1`` tag lets the format change later while old cursors still decode (or get a clear
400). Clients must treat the token as opaque.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from typing import NamedTuple

CURSOR_VERSION = "c1"
#: Generous: a c1 cursor is about 50 characters.
MAX_CURSOR_LENGTH = 120
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_INT_RE = re.compile(r"^(0|[1-9][0-9]{0,18})$")


class Position(NamedTuple):
    """A place in commit order; tuples compare the way the feed is sorted."""

    xact_id: int
    id: int


#: Before every event.
START = Position(0, 0)


class Cursor(NamedTuple):
    position: Position
    issued_at: int
    """Unix seconds when the server gave the cursor out."""


class CursorError(ValueError):
    """The text is not a cursor this server issued."""


def encode_cursor(position: Position, *, issued_at: int | None = None) -> str:
    stamp = int(time.time()) if issued_at is None else issued_at
    raw = f"{CURSOR_VERSION}.{position.xact_id}.{position.id}.{stamp}"
    return base64.urlsafe_b64encode(raw.encode("ascii")).rstrip(b"=").decode("ascii")


def decode_cursor(token: str) -> Cursor:
    """Parse ``token`` or raise :class:`CursorError` saying why it is not a cursor."""
    if not token or len(token) > MAX_CURSOR_LENGTH or not _TOKEN_RE.match(token):
        raise CursorError("not a cursor: expected the opaque token from next_cursor")
    padded = token + "=" * (-len(token) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorError("not a cursor: the token does not decode") from None
    parts = raw.split(".")
    if len(parts) != 4 or parts[0] != CURSOR_VERSION:
        raise CursorError("not a cursor of this feed (unknown format or version)")
    if not all(_INT_RE.match(p) for p in parts[1:]):
        raise CursorError("not a cursor: malformed position")
    xact_id, event_id, issued_at = (int(p) for p in parts[1:])
    if max(xact_id, event_id) >= 2**63:
        raise CursorError("not a cursor: position out of range")
    return Cursor(Position(xact_id, event_id), issued_at)
