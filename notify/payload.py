"""The body of a webhook: the event's public envelope, kept under 20 kB.

    body = render_body(event, "https://gongkai.example")   # bytes, compact JSON

``dataset.updated`` events can list thousands of observation changes. When the JSON would
pass :data:`MAX_BODY_BYTES`, ``data["changes"]`` is cut to the longest prefix that fits
and ``data["truncated"]`` is set; ``data["links"]`` still point to the full diff. The
body is a pure function of the event, so every retry sends the same bytes.
"""

from __future__ import annotations

from typing import Any

import msgspec

from models.events import ChangeEvent
from models.outbox import envelope

MAX_BODY_BYTES = 20_000
#: Fields kept even when nothing else fits (a last resort for pathological events).
_ESSENTIAL = ("links", "dataset", "version", "source", "publication_id", "subscription_id")

_encoder = msgspec.json.Encoder()


def _encode(doc: dict[str, Any]) -> bytes:
    return _encoder.encode(doc)


def fit_envelope(doc: dict[str, Any], limit: int = MAX_BODY_BYTES) -> bytes:
    """``doc`` (an envelope) as JSON of at most ``limit`` bytes, cutting ``data.changes``."""
    body = _encode(doc)
    if len(body) <= limit:
        return body
    data = dict(doc["data"])
    changes = data.get("changes")
    if isinstance(changes, list) and changes:
        # Binary search for the longest prefix of changes that fits.
        low, high = 0, len(changes)
        while low < high:
            mid = (low + high + 1) // 2
            trial = _encode({**doc, "data": {**data, "changes": changes[:mid], "truncated": True}})
            if len(trial) <= limit:
                low = mid
            else:
                high = mid - 1
        candidate = _encode({**doc, "data": {**data, "changes": changes[:low], "truncated": True}})
        if len(candidate) <= limit:
            return candidate
    # Still too big without changes: keep only identifying fields and the links.
    slim = {k: data[k] for k in _ESSENTIAL if k in data}
    slim["truncated"] = True
    return _encode({**doc, "data": slim})


def render_body(event: ChangeEvent, base_url: str, limit: int = MAX_BODY_BYTES) -> bytes:
    """The webhook body for ``event``."""
    return fit_envelope(envelope(event, base_url), limit)
