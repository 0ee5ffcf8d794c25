"""Any other site: dated, article-shaped links in the listing, following "下一页".

::

    items = await GenericAdapter().list_items(fetch, "https://www.example.gov.cn/xxgk/")
"""

from __future__ import annotations

from ingest.adapters.base import DetailMixin, dedupe, fetch_text
from ingest.fetch.types import Fetch
from ingest.parse.listing import next_page_url, parse_generic_listing
from ingest.parse.structs import ListingItem


class GenericAdapter(DetailMixin):
    name = "generic"

    async def list_items(
        self, fetch: Fetch, column_url: str, *, max_pages: int = 20
    ) -> list[ListingItem]:
        items: list[ListingItem] = []
        url: str | None = column_url
        visited: set[str] = set()
        while url is not None and url not in visited and len(visited) < max_pages:
            visited.add(url)
            page = await fetch_text(fetch, url)
            items += parse_generic_listing(page, url)
            url = next_page_url(page, url)
        return dedupe(items)
