"""What /v1/publications answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


class PublicationSummary(msgspec.Struct, kw_only=True):
    id: str
    source: str
    title: str
    url: str
    published_date: dt.date | None
    status: str
    flagged: bool
    latest_version: int
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    withdrawn_at: dt.datetime | None


class PublicationPage(msgspec.Struct):
    items: list[PublicationSummary]
    next_cursor: str | None
    """Pass as ``cursor`` for the next page; null on the last page."""


class VersionSummary(msgspec.Struct, kw_only=True):
    version: int
    created_at: dt.datetime
    title: str
    published_date: dt.date | None
    content_hash: str
    flagged: bool
    has_raw: bool


class PublicationOut(PublicationSummary, kw_only=True):
    versions: list[VersionSummary]


class VersionList(msgspec.Struct):
    items: list[VersionSummary]


class VersionOut(msgspec.Struct, kw_only=True):
    publication_id: str
    version: int
    created_at: dt.datetime
    url: str
    title: str
    published_date: dt.date | None
    report_year: int | None
    meta: dict[str, Any]
    attachments: list[Any]
    flags: list[Any]
    flagged: bool
    content_hash: str
    blob_sha256: str | None
    text: str


class DiffOp(msgspec.Struct, kw_only=True):
    """One changed stretch: ``old_text`` (old_start..old_end) became ``new_text``."""

    op: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str


class TextDiffOut(msgspec.Struct, kw_only=True):
    publication_id: str
    version: int
    against: int
    """The older side of the diff; 0 is the empty text."""
    ops: list[DiffOp]
    paragraphs_changed: int
    unified: str


_SUMMARY: dict[str, Any] = {
    "id": "pub_01hrv0j3p4k5m6n7p8q9r0s1t2",
    "source": "fuzhou-work-reports",
    "title": "2024年抚州市人民政府工作报告",
    "url": "https://www.jxfz.gov.cn/art/2024/3/11/art_4394_4137001.html",
    "published_date": "2024-03-11",
    "status": "active",
    "flagged": True,
    "latest_version": 2,
    "first_seen_at": "2024-03-11T09:00:00Z",
    "last_seen_at": "2024-03-12T08:00:03Z",
    "withdrawn_at": None,
}
_VERSION: dict[str, Any] = {
    "version": 2,
    "created_at": "2024-03-12T08:00:03Z",
    "title": "2024年抚州市人民政府工作报告",
    "published_date": "2024-03-11",
    "content_hash": "5d41402abc4b2a76b9719d911017c592aa5d41402abc4b2a76b9719d911017c5",
    "flagged": True,
    "has_raw": True,
}
EXAMPLE_PAGE = {"items": [_SUMMARY], "next_cursor": "WyJwdWIiLFsiMjAyNC0wMy0xMSIsInB1YiJdXQ"}
EXAMPLE_PUBLICATION = {**_SUMMARY, "versions": [_VERSION]}
EXAMPLE_VERSIONS = {"items": [_VERSION]}
EXAMPLE_VERSION = {
    "publication_id": _SUMMARY["id"],
    "version": 2,
    "created_at": "2024-03-12T08:00:03Z",
    "url": _SUMMARY["url"],
    "title": _SUMMARY["title"],
    "published_date": "2024-03-11",
    "report_year": 2024,
    "meta": {"发布机构": "抚州市人民政府", "索引号": "001-2024-00012"},
    "attachments": [],
    "flags": [
        {
            "reason": "spam_term",
            "term": "雷速体育",
            "start": 616,
            "end": 620,
            "weight": 1.5,
            "detail": "in body text",
            "evidence": [
                {"kind": "brand", "weight": 1.0, "note": "gambling brand"},
                {
                    "kind": "breaks_sentence",
                    "weight": 0.5,
                    "note": "wedged into a clause about something else: "
                    "央视多次对雷速体育:文旅活动进行宣传报道",
                },
            ],
        }
    ],
    "flagged": True,
    "content_hash": _VERSION["content_hash"],
    "blob_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "text": "一、2023年工作回顾\n规模以上工业增加值增长14.6%,排名全省第1。",
}
EXAMPLE_DIFF = {
    "publication_id": _SUMMARY["id"],
    "version": 2,
    "against": 1,
    "ops": [
        {
            "op": "replace",
            "old_start": 1,
            "old_end": 2,
            "new_start": 1,
            "new_end": 2,
            "old_text": "规模以上工业增加值增长14.5%。",
            "new_text": "规模以上工业增加值增长14.6%,排名全省第1。",
        }
    ],
    "paragraphs_changed": 1,
    "unified": (
        "--- v1\n+++ v2\n@@ -2 +2 @@\n"
        "-规模以上工业增加值增长14.5%。\n"
        "+规模以上工业增加值增长14.6%,排名全省第1。\n"
    ),
}
