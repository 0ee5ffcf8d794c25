"""The feed's query filters, parsed and checked before any query runs: ``types``,
``dataset``, and what a ``dataset.updated`` is about (``indicator_code``, ``ref_area``
by name or code, ``obs_kind``; matched against the event's facets, models/facets.py).

The feed is public: it carries :data:`models.PUBLIC_EVENT_TYPES` only (``webhook.*``
events concern one subscriber and reach it by webhook)::

parse_types("publication.*,dataset.updated")
# ('publication.created', 'publication.updated', ..., 'dataset.updated')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from models import PUBLIC_EVENT_TYPES as EVENT_TYPES
from models.facets import filter_token

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


class FilterError(ValueError):
    """A filter value that names nothing this feed knows."""


class FeedFilter(NamedTuple):
    """What a client wants; ``None`` means everything."""

    types: tuple[str, ...] | None = None
    dataset: str | None = None
    indicator_code: str | None = None
    ref_area: str | None = None
    obs_kind: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.types is None and self.dataset is None and self.facet_token is None

    @property
    def facet_token(self) -> str | None:
        """The facet an event must carry, None when no row filter is set."""
        return filter_token(
            indicator_code=self.indicator_code, ref_area=self.ref_area, obs_kind=self.obs_kind
        )

    @property
    def event_types(self) -> tuple[str, ...]:
        """The types to read: the chosen ones, else every public type."""
        return self.types if self.types is not None else EVENT_TYPES


def parse_types(raw: str | None) -> tuple[str, ...] | None:
    """Comma-separated event types; ``family.*`` stands for every type of that family."""
    if raw is None or not raw.strip():
        return None
    wanted: list[str] = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        if item.endswith(".*"):
            family = item[:-1]
            matches = [t for t in EVENT_TYPES if t.startswith(family)]
            if not matches:
                raise FilterError(f"no event type starts with {family!r}")
        elif item in EVENT_TYPES:
            matches = [item]
        else:
            raise FilterError(f"unknown event type {item!r}; known: {', '.join(EVENT_TYPES)}")
        wanted.extend(t for t in matches if t not in wanted)
    if not wanted:
        return None
    # Keep the canonical order so equal filters produce equal queries and links.
    return tuple(t for t in EVENT_TYPES if t in wanted)


def parse_dataset(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    if not _SLUG_RE.match(raw):
        raise FilterError(f"{raw!r} is not a dataset slug (lowercase letters, digits, - and _)")
    return raw


def parse_facet(name: str, raw: str | None) -> str | None:
    """An ``indicator_code`` or ``ref_area`` value: None when absent or empty."""
    if raw is None or not raw.strip():
        return None
    if len(raw) > 100 or "\x00" in raw:
        raise FilterError(f"{name}: at most 100 characters, no NUL")
    return raw.strip()


def parse_obs_kind(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    if raw not in ("actual", "target"):
        raise FilterError(f"obs_kind: {raw!r} is not actual or target")
    return raw


def types_param(types: tuple[str, ...] | None) -> str | None:
    """The ``types`` query value that reproduces ``types`` (for next links)."""
    return ",".join(types) if types else None
