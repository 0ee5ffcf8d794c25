"""TRS WCM columns: static ``index.html``, ``index_1.html``, ... counted by
``createPageHTML(N, ...)``.

::

    items = await TrsAdapter().list_items(fetch, "https://www.jiangxi.gov.cn/col/zfgzbg/index.html")
"""

from __future__ import annotations

from ingest.adapters.base import DetailMixin, dedupe, fetch_text
from ingest.fetch.types import Fetch
from ingest.parse.listing import parse_trs_listing, trs_page_count, trs_page_url
from ingest.parse.structs import ListingItem


class TrsAdapter(DetailMixin):
    name = "trs"

    async def list_items(
        self, fetch: Fetch, column_url: str, *, max_pages: int = 20
    ) -> list[ListingItem]:
        first_url = trs_page_url(column_url, 0)
        page = await fetch_text(fetch, first_url)
        items = parse_trs_listing(page, first_url)
        for n in range(1, min(trs_page_count(page), max_pages)):
            url = trs_page_url(column_url, n)
            items += parse_trs_listing(await fetch_text(fetch, url), url)
        return dedupe(items)
