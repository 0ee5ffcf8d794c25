"""The structured results of parsing: what adapters hand to the ingest pipeline.

All are msgspec Structs so they serialize straight into snapshots, events and API answers::

    >>> page = DetailPage(title="政府工作报告(2024年)")
    >>> page.metadata, page.text
    ({}, '')
"""

from __future__ import annotations

import datetime as dt

import msgspec

#: Canonical metadata keys and what the pages call them (see ``ingest.parse.metadata``).
METADATA_KEYS = (
    "index_no",
    "topic",
    "issuer",
    "doc_number",
    "written_date",
    "published_date",
    "validity",
    "source",
)


class Attachment(msgspec.Struct, frozen=True):
    name: str
    url: str
    """Absolute URL."""


class Link(msgspec.Struct, frozen=True):
    text: str
    url: str
    """Absolute URL."""
    hidden: bool = False
    """True when the link sits inside a container a browser would not show."""


class DetailPage(msgspec.Struct):
    """A parsed publication page. Empty fields, never exceptions, for unusable input."""

    title: str = ""
    metadata: dict[str, str] = msgspec.field(default_factory=dict)
    """Canonical keys (:data:`METADATA_KEYS`) to values; dates as YYYY-MM-DD when parseable."""
    meta_tags: dict[str, str] = msgspec.field(default_factory=dict)
    attachments: list[Attachment] = msgspec.field(default_factory=list)
    text: str = ""
    """The body as ``normalize_text`` output: one paragraph per line, no page chrome."""
    published_date: dt.date | None = None
    links: list[Link] = msgspec.field(default_factory=list)
    hidden_text: list[str] = msgspec.field(default_factory=list)
    body_found_by: str = ""
    """How the body was located (``"hanweb-markers"``, ``"#zoom"``, ``"density"``, ...)."""


class ListingItem(msgspec.Struct, frozen=True):
    title: str
    url: str
    """Absolute URL."""
    date: dt.date | None = None


class Anomaly(msgspec.Struct, frozen=True):
    """Why a fetched page is not the document it claims to be."""

    kind: str
    """``error_page`` | ``empty_body`` | ``truncated`` | ``login_page`` | ``challenge`` |
    ``shrunk``."""
    detail: str
