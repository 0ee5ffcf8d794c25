"""From raw HTML to structured publications: detail pages, listings and sanity checks.

::

    from ingest.parse import parse_detail, check_document
    page = parse_detail(html, url)
    anomaly = check_document(page, html, previous_text_len=len(old_text))
"""

from ingest.parse.check import check_document
from ingest.parse.detail import parse_detail
from ingest.parse.structs import Anomaly, Attachment, DetailPage, Link, ListingItem

__all__ = [
    "Anomaly",
    "Attachment",
    "DetailPage",
    "Link",
    "ListingItem",
    "check_document",
    "parse_detail",
]
