"""The extractor's output row: SCHEMA.md's observation minus pipeline-filled provenance."""

from __future__ import annotations

import msgspec


class ExtractedObservation(msgspec.Struct):
    """One observation as read from a document (see SCHEMA.md for every field).

    ``quote == text[char_start:char_end]`` of the normalized text it was read from; the
    pipeline adds ``observation_id``, ``dataset``, ``publication_id``,
    ``publication_version`` and ``source_url``.
    """

    ref_area: str
    ref_area_code: str
    time_period: str
    obs_kind: str
    indicator_code: str
    indicator_zh: str
    indicator_en: str
    measure: str
    obs_value: float
    obs_value_max: float | None
    qualifier: str
    unit: str
    unit_zh: str
    compare_scope: str
    value_text: str
    quote: str
    char_start: int
    char_end: int
