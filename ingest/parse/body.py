"""Locating the document body in a detail page.

In order of trust:

1. Hanweb comment markers (``<!--ZJEG_RSS.content.begin-->`` ... ``end-->``, then
   ``<!--<$[信息内容]>begin-->`` ... ``end-->``, then ``<meta name="ContentStart">`` ...
   ``ContentEnd``): a slice of the raw HTML, parsed as a fragment.
2. Known containers: ``#zoom``, ``.TRS_Editor``, ``#UCAP-CONTENT``, ``.article-content`` ...
3. A density heuristic: the element under which the most ``<p>`` text sits.

Usage::

    found = locate_body(html, root)
    if found.marker_span:      # (start, end) offsets of the raw slice in ``html``
        ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ingest.parse.dom import SKIP_TAGS, normalize_space, parse_fragment

# (name, begin, end) in order of preference.
_MARKERS = (
    (
        "hanweb-markers",
        re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->", re.I),
        re.compile(r"<!--\s*ZJEG_RSS\.content\.end\s*-->", re.I),
    ),
    (
        "hanweb-info-markers",
        re.compile(r"<!--\s*<\$\[信息内容\]>\s*begin\s*-->"),
        re.compile(r"<!--\s*<\$\[信息内容\]>\s*end\s*-->"),
    ),
    (
        "content-meta",
        re.compile(r"<meta\s+name=[\"']?ContentStart[\"']?[^>]*>", re.I),
        re.compile(r"<meta\s+name=[\"']?ContentEnd[\"']?[^>]*>", re.I),
    ),
)

# XPath for the containers CMSs put bodies in; the first that holds text wins.
_CONTAINERS = (
    ("#zoom", "//*[@id='zoom']"),
    (".TRS_Editor", "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]"),
    (".TRS_UEDITOR", "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]"),
    ("#UCAP-CONTENT", "//*[@id='UCAP-CONTENT']"),
    (
        ".article-content",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    ),
    ("#Zoom", "//*[@id='Zoom' or @id='fontzoom' or @id='zoomcon']"),
    ("#content", "//*[@id='content' or @id='Content' or @id='article_content']"),
    ("article", "//article"),
)


@dataclass
class FoundBody:
    root: Any
    """Element whose descendants are the body (``None``: no body found)."""
    found_by: str
    marker_span: tuple[int, int] | None = None
    """For marker bodies: the raw-HTML slice that was cut out."""
    truncated: bool = False
    """A begin marker without its end marker (the page was cut short)."""


def find_marker_span(html: str) -> tuple[str, int, int, bool] | None:
    """(how, start, end, truncated) of the marked body slice in ``html``, if any."""
    for name, begin, end in _MARKERS:
        b = begin.search(html)
        if not b:
            continue
        e = end.search(html, b.end())
        if e:
            return name, b.end(), e.start(), False
        return name, b.end(), len(html), True
    return None


def _visible_len(el: Any) -> int:
    return len(normalize_space(el.text_content()))


def _by_density(root: Any) -> Any:
    """The element carrying the most paragraph text (Readability's core idea).

    Each ``<p>`` (or text-bearing ``<div>``/``<td>`` leaf) credits its length to its parent
    and half to its grandparent; nav/header/footer/aside never compete.
    """
    scores: dict[Any, float] = {}
    for el in root.iter("p", "div", "td", "section", "li"):
        if el.tag != "p" and any(
            isinstance(c.tag, str) and c.tag in {"p", "div", "table"} for c in el
        ):
            continue
        ancestors = [a.tag for a in el.iterancestors()]
        if any(t in {"nav", "header", "footer", "aside", *SKIP_TAGS} for t in ancestors):
            continue
        n = _visible_len(el)
        if n < 20:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + n
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + n / 2
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=lambda el: scores[el])


def locate_body(html: str, root: Any) -> FoundBody:
    """Find the body of ``html`` (already parsed as ``root``, which may be ``None``)."""
    span = find_marker_span(html)
    if span is not None:
        name, start, end, truncated = span
        return FoundBody(parse_fragment(html[start:end]), name, (start, end), truncated)
    if root is None:
        return FoundBody(None, "")
    for name, xpath in _CONTAINERS:
        candidates = [el for el in root.xpath(xpath) if _visible_len(el) > 0]
        if candidates:
            return FoundBody(max(candidates, key=_visible_len), name)
    return FoundBody(_by_density(root), "density")
