"""Facets: what a ``dataset.updated`` event is about, for the finer filters of the change
feed and of webhooks ("tell me when the GDP target of 抚州市 changes").

Each changed row contributes one token per combination of its indicator code, its area
(by name and by code) and its kind, so that a filter naming any of the three matches
exactly the events with one row that satisfies all of it::

    tokens = facet_tokens([{"indicator_code": "gdp", "ref_area": "抚州市",
                            "ref_area_code": "361000", "obs_kind": "target"}])
    filter_token(indicator_code="gdp", ref_area="抚州市")   # 'i=gdp|a=抚州市', in tokens
    stored = facets_text(tokens)                            # ' a=抚州市 i=gdp ... '

The text is stored on the event with a space at both ends, so a SQL ``LIKE '% token %'``
finds a token and never a prefix of a longer one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

#: the row columns a filter may name, and the prefix of each in a token
_PARTS = (("indicator_code", "i"), ("ref_area", "a"), ("obs_kind", "k"))


def _clean(value: Any) -> str:
    # Tokens are space-separated and '|' joins the parts: neither may occur in a value.
    return str(value or "").replace(" ", "_").replace("|", "_")


def filter_token(
    *, indicator_code: str | None = None, ref_area: str | None = None, obs_kind: str | None = None
) -> str | None:
    """The token a filter looks for; None when it names nothing."""
    given = {"indicator_code": indicator_code, "ref_area": ref_area, "obs_kind": obs_kind}
    parts = [f"{p}={_clean(given[c])}" for c, p in _PARTS if given[c]]
    return "|".join(parts) or None


def facet_tokens(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every token that ``rows`` (changed rows of an event) satisfy."""
    tokens: set[str] = set()
    for row in rows:
        areas = [None, *(a for a in (row.get("ref_area"), row.get("ref_area_code")) if a)]
        codes = [None, row.get("indicator_code") or None]
        kinds = [None, row.get("obs_kind") or None]
        for code, area, kind in itertools.product(codes, areas, kinds):
            token = filter_token(indicator_code=code, ref_area=area, obs_kind=kind)
            if token:
                tokens.add(token)
    return tokens


def facets_text(tokens: Iterable[str]) -> str:
    """The stored form: sorted tokens, a space at both ends ('' for no tokens)."""
    ordered = sorted(set(tokens))
    return f" {' '.join(ordered)} " if ordered else ""


def filters_match(filters: Mapping[str, Any] | None, facets: str) -> bool:
    """Whether an event with stored ``facets`` passes a webhook's ``filters``
    (``indicator_codes``, ``ref_areas``, ``obs_kinds``: lists, empty = any)."""
    if not filters or not any(
        filters.get(k) for k in ("indicator_codes", "ref_areas", "obs_kinds")
    ):
        return True
    present = set(facets.split())
    choices = [
        list(filters.get(key) or [None]) for key in ("indicator_codes", "ref_areas", "obs_kinds")
    ]
    return any(
        filter_token(indicator_code=code, ref_area=area, obs_kind=kind) in present
        for code, area, kind in itertools.product(*choices)
    )
