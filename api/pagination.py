"""Keyset pagination: opaque cursors and the ``Link: rel="next"`` header.

A cursor is the sort key of the last row a page showed, plus a tag naming the ordering it
belongs to, as url-safe base64 of JSON. Clients treat it as opaque; a cursor that does not
decode, or that belongs to another ordering, is a 400 naming the ``cursor`` parameter::

    token = encode_cursor("obs:time_period", ["2023", 41])
    key = decode_cursor(token, "obs:time_period")        # ["2023", 41]
    headers = next_link_headers(request, token)          # {"Link": '<...>; rel="next"'}
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import quote

import msgspec
from litestar import Request

from api.problems import Problem

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class _Cursor(msgspec.Struct, array_like=True):
    tag: str
    key: list[Any]


def encode_cursor(tag: str, key: list[Any]) -> str:
    raw = msgspec.json.encode(_Cursor(tag, key))
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def bad_cursor(detail: str) -> Problem:
    return Problem(
        400,
        "Bad request",
        f"invalid cursor: {detail}; pass the cursor of the previous page unchanged",
        errors=[{"key": "cursor", "source": "query", "message": detail}],
    )


def decode_cursor(token: str, tag: str, types: tuple[type, ...]) -> list[Any]:
    """The key stored in ``token``; a 400 problem unless it is a cursor of ordering ``tag``.

    ``types`` gives the expected type of each key component (``float`` also accepts ints).
    """
    if len(token) > 2000:
        raise bad_cursor("too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        cursor = msgspec.json.decode(raw, type=_Cursor)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        raise bad_cursor("not a cursor of this API") from None
    if cursor.tag != tag:
        raise bad_cursor("it belongs to another ordering (sort) or endpoint")
    if len(cursor.key) != len(types):
        raise bad_cursor("malformed")
    for value, expected in zip(cursor.key, types, strict=True):
        ok = isinstance(value, expected) and not isinstance(value, bool)
        if expected is float:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok:
            raise bad_cursor("malformed")
    return cursor.key


def next_url(request: Request[Any, Any, Any], token: str) -> str:
    """The request's own URL with ``cursor`` replaced by ``token``."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    params.append(("cursor", token))
    query = "&".join(f"{_quote(k)}={_quote(str(v))}" for k, v in params)
    return f"{request.url.path}?{query}"


def next_link_headers(request: Request[Any, Any, Any], token: str | None) -> dict[str, str]:
    """``{"Link": '<url>; rel="next"'}`` while there is a next page, else nothing."""
    if token is None:
        return {}
    return {"Link": f'<{next_url(request, token)}>; rel="next"'}


def _quote(value: str) -> str:
    return quote(value, safe="")
