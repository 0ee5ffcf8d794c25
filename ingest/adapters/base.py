"""What every site adapter offers the ingest pipeline.

::

    adapter = get_adapter("hanweb")
    items = await adapter.list_items(fetch, "https://www.jxfz.gov.cn/col/col5120/index.html")
    page = adapter.parse_detail(html, items[0].url)

Fetch errors (``ingest.fetch.types.FetchError`` and subclasses) propagate unchanged: the
pipeline decides about retries and source health.
"""

from __future__ import annotations

from typing import Protocol

from ingest.fetch.types import Fetch, FetchRequest
from ingest.parse.detail import parse_detail
from ingest.parse.structs import DetailPage, ListingItem


class Adapter(Protocol):
    name: str

    async def list_items(
        self, fetch: Fetch, column_url: str, *, max_pages: int = 20
    ) -> list[ListingItem]: ...

    def parse_detail(self, html: str, url: str) -> DetailPage: ...


class DetailMixin:
    """Detail pages parse the same everywhere; the body locator knows each CMS."""

    def parse_detail(self, html: str, url: str) -> DetailPage:
        return parse_detail(html, url)


async def fetch_text(fetch: Fetch, url: str, *, form: dict[str, str] | None = None) -> str:
    """GET (or POST ``form``) ``url`` and return its text ('' when undecodable).

    Listing requests are unconditional: a 304 would leave nothing to list from.
    """
    request = FetchRequest(
        url, method="POST" if form is not None else "GET", form=form, conditional=False
    )
    result = await fetch(request)
    return result.text or ""


def dedupe(items: list[ListingItem]) -> list[ListingItem]:
    seen: set[str] = set()
    out: list[ListingItem] = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out
