"""Detail (article) page parsing: raw HTML in, :class:`DetailPage` out.

::

    page = parse_detail(html, "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_1.html")
    page.title                      # '政府工作报告(2024年)'
    page.metadata["index_no"]       # 'FZ0001/2024-54344'
    page.text.splitlines()[0]       # first paragraph, normalized
    page.published_date             # datetime.date(2024, 3, 11)

Never raises on bad input: an empty string or binary junk gives an empty ``DetailPage``.
Whether the page is really the document is :func:`ingest.parse.check.check_document`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from ingest.parse.body import FoundBody, locate_body
from ingest.parse.chrome import chrome_elements, is_chrome_line, strip_chrome_lines
from ingest.parse.dom import HiddenCss, normalize_space, parse_html, walk_text
from ingest.parse.metadata import CELL, extract_metadata, is_metadata_line, parse_date
from ingest.parse.structs import Attachment, DetailPage, Link
from ingest.text import normalize_text, paragraphs

#: National (GB/T) page tags plus Hanweb's own, in their canonical spelling.
META_TAG_NAMES = (
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "ColumnDescription",
    "ColumnKeywords",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Description",
    "Url",
    "Maketime",
    "i_columnid",
    "i_articleid",
    "ContentStart",
    "ContentEnd",
)
_META_CANON = {name.lower(): name for name in META_TAG_NAMES}

_ATTACHMENT_EXT = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar|7z|wps|ofd|et|pptx?|txt|csv)$", re.I)
_SOURCE_COMMENT = re.compile(
    r"<!--\s*<\$\[信息来源\]>\s*begin\s*-->(.*?)<!--\s*<\$\[信息来源\]>\s*end\s*-->", re.S
)
_TAG = re.compile(r"<[^>]*>")
_URL_DATE = re.compile(
    r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/|/t((?:19|20)\d{2})(\d{2})(\d{2})_"
)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|—+|-\s|\s-|\s{1,})\s*")
_SITE_LIKE = re.compile(r"(人民政府|政府|网站|门户网|网|政府网|办公室|委员会|局)$")
_TITLE_ATTR = re.compile(r"title|biaoti|bt", re.I)


def parse_detail(html: str, url: str) -> DetailPage:
    """Parse a detail page; see the module docstring."""
    if not html or not html.strip():
        return DetailPage()
    full = parse_html(html)
    found = locate_body(html, full)
    if found.marker_span is not None:
        # The page without its body: where metadata, title and chrome live.
        start, end = found.marker_span
        outside = parse_html(html[:start] + html[end:])
    else:
        outside = full
    if outside is None and found.root is None:
        return DetailPage()
    css = HiddenCss.from_tree(full)

    meta_tags = _meta_tags(full if full is not None else outside)
    text, hidden_text, links = _body_text(found, css, url)
    metadata = _metadata(outside, found, css, html)
    title = _title(outside, meta_tags, found)
    if found.found_by not in {"hanweb-markers", "hanweb-info-markers", "content-meta"}:
        text = _strip_leading_furniture(text, title, metadata)
    return DetailPage(
        title=title,
        metadata=metadata,
        meta_tags=meta_tags,
        attachments=_attachments([found.root, outside], url),
        text=text,
        published_date=_published_date(metadata, meta_tags, url),
        links=links,
        hidden_text=hidden_text,
        body_found_by=found.found_by,
    )


def _meta_tags(root: Any) -> dict[str, str]:
    tags: dict[str, str] = {}
    if root is None:
        return tags
    for el in root.iter("meta"):
        name = _META_CANON.get((el.get("name") or "").strip().lower())
        if name and name not in tags:
            tags[name] = normalize_space(el.get("content") or "")
    return tags


def _body_text(found: FoundBody, css: HiddenCss, url: str) -> tuple[str, list[str], list[Link]]:
    if found.root is None:
        return "", [], []
    marked = found.marker_span is not None
    # Marked bodies are the author's content; elsewhere, drop chrome containers first.
    drop = frozenset() if marked else frozenset(chrome_elements(found.root) - {found.root})
    walked = walk_text(found.root, hidden_css=css, base_url=url, drop=drop)
    lines = strip_chrome_lines(paragraphs(normalize_text(walked.text)))
    links = [
        Link(normalize_text(t), u, h)
        for t, u, h in walked.links
        if u.startswith(("http://", "https://"))
    ]
    hidden = [normalize_text(t) for t in walked.hidden_text]
    return "\n".join(lines), [h for h in hidden if h], links


def _metadata(outside: Any, found: FoundBody, css: HiddenCss, html: str) -> dict[str, str]:
    metadata: dict[str, str] = {}
    if outside is not None:
        # Table cells stay on one line, separated by CELL, so "<th>索引号</th><td>..." pairs
        # up. A located container is left out so a "来源:" inside the document text is not
        # taken for metadata; a density guess is too unsure to exclude anything.
        keep_all = found.marker_span is not None or found.found_by in {"density", ""}
        drop = frozenset() if keep_all else frozenset({found.root})
        walked = walk_text(outside, hidden_css=css, cell_sep=CELL, drop=drop)
        lines = [line.strip(CELL + " ") for line in paragraphs(normalize_text(walked.text))]
        metadata = extract_metadata([line for line in lines if line])
    m = _SOURCE_COMMENT.search(html)
    if m:
        # Hanweb's own source slot is more precise than a label scan of the page.
        source = normalize_text(_TAG.sub(" ", m.group(1))).replace("\n", " ")
        if source:
            metadata["source"] = source
    return metadata


def _title(root: Any, meta_tags: dict[str, str], found: FoundBody) -> str:
    article_title = normalize_text(meta_tags.get("ArticleTitle", "")).replace("\n", " ")
    if article_title:
        return article_title
    if root is None:
        return ""
    title_el = root.find(".//title")
    page_title = normalize_text(title_el.text_content() if title_el is not None else "")
    page_title = page_title.replace("\n", " ")
    heading = _heading(root, meta_tags, page_title)
    if heading:
        return heading
    return _strip_site(page_title, meta_tags)


def _heading(root: Any, meta_tags: dict[str, str], page_title: str) -> str:
    """The article's heading: an h1/h2 or a *title* element, preferring one the <title>
    repeats (site logos are h1s too)."""
    site = normalize_text(meta_tags.get("SiteName", ""))
    best: tuple[int, str] = (0, "")
    for el in root.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong"):
        tag = el.tag
        if tag in {"div", "p", "td", "span", "strong"}:
            attrs = f"{el.get('class', '')} {el.get('id', '')}"
            if not _TITLE_ATTR.search(attrs):
                continue
        if any(a.tag in {"nav", "header", "footer", "a"} for a in el.iterancestors()):
            continue
        if "logo" in f"{el.get('class', '')} {el.get('id', '')}".lower():
            continue
        text = normalize_text(el.text_content()).replace("\n", " ")
        if not (2 <= len(text) <= 200) or text == site or is_chrome_line(text):
            continue
        if is_metadata_line(text):
            continue
        score = (3 if text in page_title else 1) + (1 if tag == "h1" else 0)
        if score > best[0]:
            best = (score, text)
    # Without confirmation by <title>, only a real h1 is trusted.
    return best[1] if best[0] >= 2 else ""


def _strip_site(page_title: str, meta_tags: dict[str, str]) -> str:
    """Remove the "site column" prefix or " site" suffix from a <title>."""
    title = page_title
    for key in ("SiteName", "ColumnName"):
        name = normalize_text(meta_tags.get(key, ""))
        if not name or name == title:
            continue
        if title.startswith(name):
            title = title[len(name) :].lstrip(" _-|")
        if title.endswith(name):
            title = title[: -len(name)].rstrip(" _-|")
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    if len(parts) > 1:
        kept = [p for p in parts if not _SITE_LIKE.search(p)] or parts
        title = max(kept, key=len)
    return title.strip()


def _strip_leading_furniture(text: str, title: str, metadata: dict[str, str]) -> str:
    """Heuristic bodies often start with the title and the metadata rows: drop them."""
    lines = paragraphs(text)
    i = 0
    while i < len(lines) and i < 12:
        line = lines[i]
        if line == title or is_metadata_line(line) or is_chrome_line(line):
            i += 1
            continue
        break
    return "\n".join(lines[i:])


def _attachments(roots: list[Any], base_url: str) -> list[Attachment]:
    seen: set[str] = set()
    found: list[Attachment] = []
    for root in roots:
        if root is None:
            continue
        for a in root.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            try:
                url = urljoin(base_url, href)
                parts = urlsplit(url)
            except ValueError:
                continue
            is_download = "downfile.jsp" in parts.path or (
                "download" in parts.path.lower() and "filename=" in parts.query
            )
            if not (is_download or _ATTACHMENT_EXT.search(unquote(parts.path))):
                continue
            if url in seen:
                continue
            seen.add(url)
            name = normalize_text(a.text_content()).replace("\n", " ") or normalize_space(
                a.get("title") or ""
            )
            if not name:
                filename = parse_qs(parts.query).get("filename", [""])[0]
                name = filename or unquote(parts.path.rsplit("/", 1)[-1])
            found.append(Attachment(name=name, url=url))
    return found


def _published_date(
    metadata: dict[str, str], meta_tags: dict[str, str], url: str
) -> dt.date | None:
    for value in (
        metadata.get("published_date"),
        meta_tags.get("PubDate"),
        meta_tags.get("Maketime"),
    ):
        if value:
            date = parse_date(value)
            if date is not None:
                return date
    m = _URL_DATE.search(url)
    if m:
        y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        try:
            return dt.date(y, mo, d)
        except ValueError:
            return None
    return None
