"""Opaque, time-sortable ids for rows that appear in URLs and headers.

    >>> new_id("msg").startswith("msg_")
    True

26 characters of Crockford base32: 48 bits of milliseconds, then 80 random bits, so ids
sort by creation time and never collide in practice.
"""

from __future__ import annotations

import secrets
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def _base32(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_id(prefix: str) -> str:
    millis = int(time.time() * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | secrets.randbits(80)
    return f"{prefix}_{_base32(value, 26)}"
