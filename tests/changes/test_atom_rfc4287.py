"""Every Atom entry, of every event type, meets RFC 4287's rules; ids outlive a host change."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import httpx

from api.changes.atom import render_atom
from api.changes.words import describe_event
from models import Database
from tests.changes.conftest import add_event

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
TAG = re.compile(r"tag:[A-Za-z0-9.@-]+,\d{4}(-\d\d(-\d\d)?)?:\S+")

EVENTS = [
    ("publication.created", {"title": "报告", "url": "https://x.gov.cn/a", "version": 1,
                             "links": {"publication": "/v1/publications/p1"}}),
    ("publication.updated", {"title": "报告", "version": 2, "previous_version": 1,
                             "paragraphs_changed": 3, "links": {"diff": "/v1/p/diff"}}),
    ("publication.flagged", {"title": "报告", "version": 1, "flags": [{"term": "雷速体育"}]}),
    ("publication.withdrawn", {"title": "报告", "source": "fz", "url": "https://x.gov.cn/a"}),
    ("dataset.updated", {"dataset": "fz", "version": 1, "previous_version": None, "added": 3,
                         "removed": 0, "changed": 0, "links": {"version": "/v1/datasets/fz"}}),
    ("source.failing", {"source": "fz", "dataset": "fz", "error": "timeout", "health": "failing"}),
    ("source.recovered", {"source": "fz", "dataset": "fz", "health": "ok"}),
]  # fmt: skip


def _check_rfc4287(feed: ET.Element) -> list[ET.Element]:
    """The RFC's MUSTs for a feed and its entries (sections 4.1.1, 4.1.2, 4.2)."""
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    assert RFC3339.fullmatch(feed.findtext(f"{A}updated") or "")
    assert feed.find(f"{A}author/{A}name") is not None  # so entries need no author
    assert feed.find(f"{A}link[@rel='self']") is not None
    entries = feed.findall(f"{A}entry")
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
            assert (entry.findtext(f"{A}{tag}") or "").strip(), tag
        assert TAG.fullmatch(entry.findtext(f"{A}id") or ""), entry.findtext(f"{A}id")
        assert RFC3339.fullmatch(entry.findtext(f"{A}updated") or "")
        alternates = entry.findall(f"{A}link[@rel='alternate']")
        content = entry.find(f"{A}content")
        assert content is not None or alternates, "an entry needs content or an alternate link"
        # At most one alternate link per type and hreflang (4.1.1).
        assert len({(x.get("type"), x.get("hreflang")) for x in alternates}) == len(alternates)
        for link in entry.findall(f"{A}link"):
            assert (link.get("href") or "").startswith(("http://", "https://"))
        summary = entry.find(f"{A}summary")
        assert summary is not None and summary.get("type") in ("text", None)
        assert "None" not in (summary.text or "")
    return entries


async def test_every_event_type_gives_a_valid_entry(database: Database, client: httpx.AsyncClient):
    for event_type, data in EVENTS:
        await add_event(database, event_type, **data)
    response = await client.get("/v1/changes.atom")
    entries = _check_rfc4287(ET.fromstring(response.content))
    assert sorted(e.find(f"{A}category").get("term") for e in entries) == sorted(  # type: ignore[union-attr]
        t for t, _ in EVENTS
    )
    by_type = {e.find(f"{A}category").get("term"): e for e in entries}  # type: ignore[union-attr]
    source = by_type["source.failing"].find(f"{A}link[@rel='alternate']")
    assert source is not None and source.get("href", "").endswith("/v1/sources/fz")


def test_first_version_reads_as_first_not_none() -> None:
    words = describe_event("dataset.updated", {"dataset": "fz", "version": 1,
                                                "previous_version": None, "added": 2})  # fmt: skip
    assert words.startswith("数据集 fz 首个版本 第1版: 新增 2 条")
    assert "第1版 -> 第2版" in describe_event(
        "dataset.updated", {"version": 2, "previous_version": 1}
    )


async def test_ids_do_not_change_with_the_public_host(database: Database) -> None:
    event = await add_event(database, "source.recovered", source="fz")
    ids = []
    for host in ("http://127.0.0.1:8000", "https://gongkai.example.org"):
        body = render_atom([event], base_url=host, self_url=host + "/v1/changes.atom",
                           authority="data.example.org")  # fmt: skip
        feed = ET.fromstring(body)
        ids.append((feed.findtext(f"{A}id"), feed.findtext(f"{A}entry/{A}id")))
    assert ids[0] == ids[1]
    day = event.occurred_at.date().isoformat()
    assert ids[0] == (
        "tag:data.example.org,2024:changes",
        f"tag:data.example.org,{day}:change/{event.id}",
    )
