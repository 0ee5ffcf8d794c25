"""Hanweb (大汉) JCMS columns: embedded datastore first, then ``dataproxy.jsp`` POSTs.

::

    items = await HanwebAdapter().list_items(fetch, "https://www.jxfz.gov.cn/col/col5120/index.html")
"""

from __future__ import annotations

from urllib.parse import urljoin

from ingest.adapters.base import DetailMixin, dedupe, fetch_text
from ingest.fetch.types import Fetch
from ingest.parse.listing import (
    DATAPROXY_PATH,
    ListingError,
    hanweb_params,
    hanweb_total,
    parse_hanweb_records,
)
from ingest.parse.structs import ListingItem

DEFAULT_PER_PAGE = 15


class HanwebAdapter(DetailMixin):
    name = "hanweb"

    async def list_items(
        self, fetch: Fetch, column_url: str, *, max_pages: int = 20
    ) -> list[ListingItem]:
        """All records of a column, up to ``max_pages`` requests (the column page counts).

        Stops at ``totalrecord``, at an empty answer, or at the request budget.
        """
        page = await fetch_text(fetch, column_url)
        items = dedupe(parse_hanweb_records(page, column_url))
        total = hanweb_total(page)
        if total is None or len(items) >= total or max_pages <= 1:
            return items
        params = hanweb_params(page, column_url)
        if params.unitid is None:
            raise ListingError(f"{column_url}: {total} records but no unitid to page through them")
        per_page = params.per_page or len(items) or DEFAULT_PER_PAGE
        proxy = urljoin(column_url, DATAPROXY_PATH)
        for _ in range(max_pages - 1):
            start = len(items) + 1
            answer = await fetch_text(
                fetch, proxy, form=params.form(start, start + per_page - 1, per_page)
            )
            batch = parse_hanweb_records(answer, column_url)
            before = len(items)
            items = dedupe(items + batch)
            total = hanweb_total(answer) or total
            # No progress means the server ignores our range: stop rather than loop.
            if len(items) == before or len(items) >= total:
                break
        return items
