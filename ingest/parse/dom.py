"""HTML tree helpers: tolerant parsing, hidden-container detection and text walking.

Everything here accepts hostile input (binary junk, unclosed tags, lone surrogates) and
degrades to an empty tree instead of raising::

    root = parse_html("<div style='display:none'><a href='http://x.com'>x</a></div><p>正文</p>")
    out = walk_text(root, hidden_css=HiddenCss())
    out.text  # '\\n正文\\n'  (raw; callers pass it through normalize_text)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

# libxml2 rejects these in str input; they never carry meaning in a web page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Elements whose text a reader never sees.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
    }
)
#: Elements that start a new line (paragraph) in rendered text.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "blockquote",
        "pre",
        "hr",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "address",
        "center",
        "caption",
        "body",
        "html",
    }
)
CELL_TAGS = frozenset({"td", "th"})


def parse_html(html: str) -> Any:
    """Parse a whole document (or fragment) into an lxml tree root; ``None`` for junk.

    Parsing UTF-8 bytes rather than ``str`` sidesteps lxml refusing strings that carry an
    XML encoding declaration, and ``errors="replace"`` absorbs lone surrogates.
    """
    cleaned = _CONTROL.sub("", html)
    if not cleaned.strip():
        return None
    data = cleaned.encode("utf-8", errors="replace")
    # huge_tree lifts libxml2's 256-level nesting cap, past which content is silently lost.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_blank_text=False, huge_tree=True)
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None


def parse_fragment(html: str) -> Any:
    """Parse an HTML fragment into a ``<div>`` holding it (``None`` for nothing)."""
    root = parse_html("<html><body><div id='__fragment__'>" + html + "</div></body></html>")
    if root is None:
        return None
    found = root.xpath("//div[@id='__fragment__']")
    return found[0] if found else None


# --- hidden containers -------------------------------------------------------------------

_DECL = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]+)")
_NUM = re.compile(r"(-?\d+(?:\.\d+)?)")
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#])([A-Za-z_][\w-]*)\s*$")


def _number(value: str) -> float | None:
    m = _NUM.search(value)
    return float(m.group(1)) if m else None


def style_is_hidden(style: str) -> bool:
    """True when an inline ``style`` (or a CSS rule body) hides its element.

    Covers what defacers use to hide link farms: display:none, visibility:hidden,
    font-size:0, off-screen absolute positioning, text-indent:-9999px, zero-size boxes
    with overflow:hidden, and opacity:0.
    """
    decls: dict[str, str] = {}
    for m in _DECL.finditer(style.lower()):
        decls[m.group(1).strip()] = m.group(2).replace("!important", "").strip()
    if decls.get("display") == "none" or decls.get("visibility") in {"hidden", "collapse"}:
        return True
    if "font-size" in decls and _number(decls["font-size"]) == 0:
        return True
    if "opacity" in decls and _number(decls["opacity"]) == 0:
        return True
    if decls.get("position") in {"absolute", "fixed"}:
        for side in ("left", "top", "right"):
            n = _number(decls.get(side, ""))
            if n is not None and n <= -500:
                return True
    indent = _number(decls.get("text-indent", ""))
    if indent is not None and indent <= -500:
        return True
    width, height = _number(decls.get("width", "")), _number(decls.get("height", ""))
    return (width == 0 or height == 0) and decls.get("overflow") == "hidden"


@dataclass
class HiddenCss:
    """Class and id names that a page's own ``<style>`` blocks hide (``.x{display:none}``)."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def from_tree(cls, root: Any) -> HiddenCss:
        found = cls()
        if root is None:
            return found
        for style_el in root.iter("style"):
            css = re.sub(r"/\*.*?\*/", "", style_el.text or "", flags=re.S)
            for rule in _CSS_RULE.finditer(css):
                if not style_is_hidden(rule.group(2)):
                    continue
                for selector in rule.group(1).split(","):
                    m = _SIMPLE_SELECTOR.match(selector)
                    if m:
                        (found.classes if m.group(1) == "." else found.ids).add(m.group(2))
        return found


def is_hidden(el: Any, css: HiddenCss) -> bool:
    """True when this element itself is hidden (ancestors are the caller's business)."""
    attrib = el.attrib
    if "hidden" in attrib:
        return True
    style = attrib.get("style")
    if style and style_is_hidden(style):
        return True
    if css.ids and attrib.get("id") in css.ids:
        return True
    if css.classes:
        classes = attrib.get("class", "").split()
        if any(c in css.classes for c in classes):
            return True
    return False


# --- text walking ------------------------------------------------------------------------


@dataclass
class WalkResult:
    text: str = ""
    """Visible text, block boundaries as ``\\n`` (not yet normalized)."""
    hidden_text: list[str] = field(default_factory=list)
    links: list[tuple[str, str, bool]] = field(default_factory=list)
    """(text, absolute url, hidden) for every ``<a href>``."""


_SPACE_RUN = re.compile(r"\s+")


def _inline(text: str | None) -> str:
    # Source newlines inside a paragraph are formatting, not paragraph breaks.
    return _SPACE_RUN.sub(" ", text) if text else ""


def _link(el: Any, base_url: str, hidden: bool) -> tuple[str, str, bool] | None:
    href = (el.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        url = urljoin(base_url, href)
    except ValueError:
        return None
    return (_SPACE_RUN.sub(" ", el.text_content()).strip(), url, hidden)


def walk_text(
    root: Any,
    *,
    hidden_css: HiddenCss,
    base_url: str = "",
    cell_sep: str = " ",
    drop: frozenset[Any] = frozenset(),
) -> WalkResult:
    """Render ``root``'s visible text roughly as a browser lays it out.

    An explicit stack instead of recursion: junk HTML can nest thousands of levels deep.
    ``drop`` holds elements to skip entirely (page chrome chosen by the caller).
    """
    out: list[str] = []
    result = WalkResult()
    # In cell mode (metadata scanning) definition lists pair up like table cells.
    cells = CELL_TAGS if cell_sep == " " else CELL_TAGS | {"dt", "dd"}
    if root is None:
        return result
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            if tag in cells:
                out.append(cell_sep)
            elif tag in BLOCK_TAGS:
                out.append("\n")
            if node is not root:
                out.append(_inline(node.tail))
            continue
        if not isinstance(tag, str) or tag in SKIP_TAGS or node in drop:
            if node is not root:
                out.append(_inline(node.tail))
            continue
        if is_hidden(node, hidden_css):
            hidden = normalize_space(node.text_content())
            if hidden:
                result.hidden_text.append(hidden)
            for a in node.iter("a"):
                link = _link(a, base_url, True)
                if link:
                    result.links.append(link)
            if node is not root:
                out.append(_inline(node.tail))
            continue
        if tag == "a":
            link = _link(node, base_url, False)
            if link:
                result.links.append(link)
        if tag in cells:
            out.append(cell_sep)
        elif tag in BLOCK_TAGS:
            out.append("\n")
        out.append(_inline(node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    result.text = "".join(out)
    return result


def normalize_space(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()
