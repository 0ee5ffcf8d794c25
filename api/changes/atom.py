"""Atom 1.0 (RFC 4287) rendering of the newest events, for feed readers.

    xml_bytes = render_atom(events, base_url="https://gongkai.example",
                            self_url="https://gongkai.example/v1/changes.atom",
                            authority="gongkai.example")

Entries are newest first. Ids are ``tag:`` URIs (RFC 4151) from a configured authority
(``GONGKAI_FEED_TAG_AUTHORITY``), the event's date and its id: they do not change between
reads, nor when the public host name changes. Every entry carries what RFC 4287 asks of
it: id, title, updated, a summary in words (see :mod:`api.changes.words`) and an
alternate link: the diff when the event has one, else the document, the dataset version
or the source it is about.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote
from xml.etree import ElementTree as ET

from api.changes.words import describe_event, event_title
from models import ChangeEvent
from models.outbox import absolute_links

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml"
FEED_TITLE = "Gongkai 政府信息公开变化"
#: Characters XML 1.0 cannot carry at all (scraped pages sometimes contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def entry_id(event: ChangeEvent, authority: str) -> str:
    """``tag:<authority>,<date>:change/<id>`` (RFC 4151)."""
    return f"tag:{authority},{event.occurred_at.date().isoformat()}:change/{event.id}"


def feed_id(authority: str, query: str = "") -> str:
    """The feed's own tag: one per filter, since a filtered feed is another feed."""
    return f"tag:{authority},2024:changes" + (f"?{query}" if query else "")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    clean = {k: _NOT_XML.sub("", v) for k, v in attrs.items()}
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", clean)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _entry_link(event: ChangeEvent, base_url: str) -> str:
    data = absolute_links(event.data, base_url)
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    assert isinstance(links, dict)
    for key in ("diff", "publication", "version"):
        if isinstance(links.get(key), str):
            return str(links[key])
    url = data.get("url")
    if isinstance(url, str) and url:
        return url
    base = base_url.rstrip("/")
    if isinstance(data.get("source"), str) and data["source"]:
        return f"{base}/v1/sources/{quote(data['source'], safe='')}"
    if isinstance(data.get("dataset"), str) and data["dataset"]:
        return f"{base}/v1/datasets/{quote(data['dataset'], safe='')}"
    return f"{base}/v1/changes"  # every entry has somewhere to go (RFC 4287 4.1.1)


def render_atom(
    events: list[ChangeEvent], *, base_url: str, self_url: str, authority: str, query: str = ""
) -> bytes:
    """The feed document as UTF-8 bytes with an XML declaration."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", feed_id(authority, query))
    _sub(feed, "title", FEED_TITLE)
    newest = max((e.occurred_at for e in events), default=dt.datetime.now(dt.UTC))
    _sub(feed, "updated", _stamp(newest))
    _sub(feed, "link", rel="self", href=self_url, type=ATOM_MEDIA_TYPE)
    _sub(feed, "link", rel="alternate", href=base_url.rstrip("/") + "/v1/changes")
    author = _sub(feed, "author")
    _sub(author, "name", "Gongkai")
    _sub(feed, "generator", "Gongkai")
    for event in events:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(event, authority))
        _sub(entry, "title", event_title(event.type, event.data))
        _sub(entry, "updated", _stamp(event.occurred_at))
        _sub(entry, "published", _stamp(event.occurred_at))
        _sub(entry, "category", term=event.type)
        link = _entry_link(event, base_url)
        _sub(entry, "link", rel="alternate", href=link, type="text/html")
        source_url = event.data.get("url")
        if isinstance(source_url, str) and source_url and source_url != link:
            _sub(entry, "link", rel="related", href=source_url)
        _sub(entry, "summary", describe_event(event.type, event.data), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
