"""Site adapters: how to list a column and parse its articles, per CMS.

::

    adapter = get_adapter("hanweb")          # or "trs", "generic"
    items = await adapter.list_items(fetch, column_url, max_pages=5)
"""

from __future__ import annotations

from ingest.adapters.base import Adapter
from ingest.adapters.generic import GenericAdapter
from ingest.adapters.hanweb import HanwebAdapter
from ingest.adapters.trs import TrsAdapter
from ingest.parse.listing import ListingError

_ADAPTERS: dict[str, type[HanwebAdapter] | type[TrsAdapter] | type[GenericAdapter]] = {
    "hanweb": HanwebAdapter,
    "trs": TrsAdapter,
    "generic": GenericAdapter,
}


def get_adapter(name: str) -> Adapter:
    """The adapter called ``name`` (case-insensitive); ValueError names the choices."""
    try:
        return _ADAPTERS[name.strip().lower()]()
    except KeyError:
        raise ValueError(
            f"unknown site adapter {name!r}; expected one of: {', '.join(sorted(_ADAPTERS))}"
        ) from None


__all__ = [
    "Adapter",
    "GenericAdapter",
    "HanwebAdapter",
    "ListingError",
    "TrsAdapter",
    "get_adapter",
]
