"""Stable observation ids.

An id names a fact, not a position: the hash of the publication, the fact's identity
(indicator, measure, kind, period, scope) and how many facts with that identity came
before it in the document. Revising a value or inserting text elsewhere keeps the id, so
a revision shows up as "changed" rather than "removed + added"::

    >>> from ingest.indicators import extract
    >>> a = observation_ids("p1", extract("一、2023年工作回顾\\nGDP增长6.3%。"))
    >>> b = observation_ids("p1", extract("一、2023年工作回顾\\n前言。GDP增长6.4%。"))
    >>> a == b
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ingest.indicators.model import ExtractedObservation


def identity_key(obs: ExtractedObservation) -> str:
    """What makes two observations "the same fact" (the value is not part of it)."""
    subject = obs.indicator_code or obs.indicator_zh
    return "\x1f".join((subject, obs.measure, obs.obs_kind, obs.time_period, obs.compare_scope))


def observation_ids(publication_id: str, observations: Sequence[ExtractedObservation]) -> list[str]:
    """One stable, unique id per observation (in the order given, i.e. document order)."""
    counts: dict[str, int] = {}
    out: list[str] = []
    used: set[str] = set()
    for obs in observations:
        key = identity_key(obs)
        n = counts.get(key, 0)
        counts[key] = n + 1
        digest = hashlib.sha256(f"{publication_id}\x1e{key}\x1e{n}".encode()).hexdigest()
        oid = "obs-" + digest[:20]
        while oid in used:  # only on a hash collision; keeps ids unique within the list
            digest = hashlib.sha256(digest.encode()).hexdigest()
            oid = "obs-" + digest[:20]
        used.add(oid)
        out.append(oid)
    return out
