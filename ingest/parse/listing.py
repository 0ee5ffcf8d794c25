"""Listing (column) pages: Hanweb datastores, TRS static pages, and generic link lists.

Pure functions over text; the adapters in ``ingest.adapters`` do the fetching::

    items = parse_hanweb_records(column_html, column_url)      # embedded first page
    params = hanweb_params(column_html, column_url)             # for dataproxy.jsp
    total = hanweb_total(column_html)                           # <totalrecord> / totalRecord
    count = trs_page_count(index_html)                          # createPageHTML(N, ...)
    items = parse_generic_listing(html, url)                    # dated article links
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from ingest.parse.chrome import chrome_elements, is_chrome_line
from ingest.parse.dom import parse_fragment, parse_html
from ingest.parse.metadata import parse_date
from ingest.parse.structs import ListingItem
from ingest.text import normalize_text

DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"


class ListingError(ValueError):
    """A listing page lacks what is needed to read it completely (e.g. Hanweb's unitid)."""


# --- domains ------------------------------------------------------------------------------

# Two-label public suffixes that matter for Chinese government sites; enough to tell
# www.jxfz.gov.cn and xxgk.jxfz.gov.cn apart from www.jiangxi.gov.cn without a PSL copy.
_SECOND_LEVEL = frozenset({"gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn"})


def registrable_domain(host: str) -> str:
    """``www.jxfz.gov.cn`` -> ``jxfz.gov.cn``; ``a.b.example.com`` -> ``example.com``."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url: str, base_url: str) -> bool:
    try:
        a, b = urlsplit(url), urlsplit(base_url)
    except ValueError:
        return False
    if a.scheme not in {"http", "https"} or not a.hostname or not b.hostname:
        return False
    return registrable_domain(a.hostname) == registrable_domain(b.hostname)


def _absolute(href: str, base_url: str) -> str | None:
    href = htmllib.unescape(href.strip())
    if not href or href.startswith(("javascript:", "mailto:", "#", "tel:")):
        return None
    try:
        url = urljoin(base_url, href)
    except ValueError:
        return None
    return url if same_site(url, base_url) else None


# --- Hanweb -------------------------------------------------------------------------------

_RECORD = re.compile(r"<record[^>]*>(.*?)</record>", re.S | re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TOTALRECORD = re.compile(
    r"<totalrecord>\s*(\d+)\s*</totalrecord>|totalRecord\s*[:=]\s*['\"]?(\d+)", re.I
)
_TOTALPAGE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>|totalPage\s*[:=]\s*['\"]?(\d+)", re.I)


def _item_from_fragment(fragment: str, base_url: str) -> ListingItem | None:
    root = parse_fragment(fragment)
    if root is None:
        return None
    for a in root.iter("a"):
        url = _absolute(a.get("href") or "", base_url)
        if url is None:
            continue
        title = normalize_text(a.get("title") or "") or normalize_text(a.text_content())
        if not title:
            continue
        # The date sits in a <b>/<span> after the link; the title itself may hold a year.
        rest = normalize_text(root.text_content()).replace(normalize_text(a.text_content()), "")
        return ListingItem(title.replace("\n", " "), url, parse_date(rest))
    return None


def parse_hanweb_records(text: str, base_url: str) -> list[ListingItem]:
    """Items from ``<record><![CDATA[<li><a ...>title</a><b>date</b></li>]]></record>``
    in a column page's embedded datastore or a dataproxy.jsp answer."""
    items: list[ListingItem] = []
    for m in _RECORD.finditer(text):
        body = m.group(1)
        cdata = _CDATA.search(body)
        fragment = cdata.group(1) if cdata else htmllib.unescape(body)
        item = _item_from_fragment(fragment, base_url)
        if item is not None:
            items.append(item)
    return items


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def hanweb_total(text: str) -> int | None:
    """``<totalrecord>`` (datastore) or ``totalRecord:`` (jpage script)."""
    return _first_int(_TOTALRECORD, text)


def hanweb_total_pages(text: str) -> int | None:
    return _first_int(_TOTALPAGE, text)


_PARAM_NAMES = (
    "col",
    "appid",
    "webid",
    "path",
    "columnid",
    "sourcecontenttype",
    "unitid",
    "webname",
    "permissiontype",
)
_JS_PARAM = re.compile(
    r"\b(col|appid|webid|path|columnid|sourceContentType|unitid|webname|permissiontype|perPage)"
    r"\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([\w.%/-]+))",
    re.I,
)
_UNITID = (
    re.compile(r"unitid\s*[=:]\s*['\"]?(\d+)", re.I),
    re.compile(r"jpageform_(\d+)"),
    re.compile(r"<div[^>]+id=['\"](\d+)['\"][^>]*>\s*<script[^>]+text/xml", re.I),
)
_COLUMN_IN_URL = re.compile(r"/col/col(\d+)/")


@dataclass
class HanwebParams:
    """What dataproxy.jsp needs besides the record range."""

    fields: dict[str, str] = field(default_factory=dict)
    per_page: int | None = None

    @property
    def unitid(self) -> str | None:
        return self.fields.get("unitid")

    def form(self, start: int, end: int, per_page: int) -> dict[str, str]:
        return {
            "startrecord": str(start),
            "endrecord": str(end),
            "perpage": str(per_page),
            **self.fields,
        }


def hanweb_params(text: str, column_url: str) -> HanwebParams:
    """Dataproxy parameters from a column page: the ``nextgroup`` link's query, the jpage
    script's ``ajaxParam``, then ``unitid=``/``jpageform_NNN``; defaults for the rest."""
    found: dict[str, str] = {}
    per_page: int | None = None
    for m in re.finditer(r"dataproxy\.jsp\?([^\"'<>\s]+)", text):
        for key, value in parse_qsl(htmllib.unescape(m.group(1))):
            if key.lower() in _PARAM_NAMES:
                found.setdefault(key.lower(), unquote(value))
    for m in _JS_PARAM.finditer(text):
        key = m.group(1).lower()
        value = next(g for g in m.groups()[1:] if g is not None)
        if key == "perpage":
            per_page = int(value) if value.isdigit() else per_page
        else:
            found.setdefault(key, unquote(value))
    if "unitid" not in found:
        for pattern in _UNITID:
            um = pattern.search(text)
            if um:
                found["unitid"] = um.group(1)
                break
    column = _COLUMN_IN_URL.search(column_url)
    defaults = {"col": "1", "appid": "1", "webid": "1", "path": "/", "permissiontype": "0"}
    if column:
        defaults["columnid"] = column.group(1)
    for key, value in defaults.items():
        found.setdefault(key, value)
    if "webname" not in found:
        site = re.search(r"<meta\s+name=['\"]SiteName['\"]\s+content=['\"]([^'\"]*)", text, re.I)
        if site:
            found["webname"] = site.group(1)
    found.pop("sourcecontenttype", None)
    return HanwebParams({k: found[k] for k in sorted(found)}, per_page)


# --- TRS ----------------------------------------------------------------------------------

_CREATE_PAGE = re.compile(r"createPageHTML\s*\(\s*['\"]?(\d+)")
_COUNT_PAGE = re.compile(r"\bcountPage\s*=\s*(\d+)")
_TRS_ARTICLE = re.compile(r"/t(\d{8})_\d+\.s?html?$")


def trs_page_count(text: str) -> int:
    """Number of listing pages a TRS column has (``index.html`` counts as one)."""
    for pattern in (_CREATE_PAGE, _COUNT_PAGE):
        m = pattern.search(text)
        if m:
            return max(1, int(m.group(1)))
    return 1


def trs_page_url(index_url: str, n: int) -> str:
    """``n``-th listing page: 0 -> ``index.html``, 1 -> ``index_1.html``, ..."""
    base = index_url if index_url.endswith("/") else index_url.rsplit("/", 1)[0] + "/"
    return urljoin(base, "index.html" if n == 0 else f"index_{n}.html")


def parse_trs_listing(text: str, base_url: str) -> list[ListingItem]:
    """TRS articles (``./YYYYMM/tYYYYMMDD_NNN.html``); the date comes from the page, else
    from the URL."""
    items = [it for it in parse_generic_listing(text, base_url) if _TRS_ARTICLE.search(it.url)]
    fixed: list[ListingItem] = []
    for it in items:
        if it.date is None:
            m = _TRS_ARTICLE.search(it.url)
            d = m.group(1) if m else ""
            it = ListingItem(it.title, it.url, parse_date(f"{d[:4]}-{d[4:6]}-{d[6:]}"))
        fixed.append(it)
    return fixed


# --- generic ------------------------------------------------------------------------------

_ARTICLE_URL = re.compile(
    r"/art/\d{4}/|/t\d{8}_\d+|/\d{6,8}/|[_/-]\d{4,}\.s?html?$|/content[_/]|/info/\d+|"
    r"[?&](?:id|articleid|infoid)=\d+",
    re.I,
)
_NOT_ARTICLE = re.compile(r"/(?:col|index)(?:_\d+)?\.s?html?$|/col/col\d+/", re.I)


def _row(a: Any) -> Any:
    """The list row around a link (its ``<li>``/``<tr>``/``<dd>``, else its parent)."""
    for ancestor in a.iterancestors():
        if ancestor.tag in {"li", "tr", "dd", "dt", "p"}:
            return ancestor
        if ancestor.tag in {"ul", "ol", "table", "body", "div"}:
            break
    return a.getparent()


def parse_generic_listing(text: str, base_url: str) -> list[ListingItem]:
    """Article-like links in the main listing: same site, outside nav/header/footer, and
    either a date in the same row or an article-shaped URL."""
    root = parse_html(text)
    if root is None:
        return []
    chrome = chrome_elements(root)
    items: list[ListingItem] = []
    seen: set[str] = set()
    for a in root.iter("a"):
        if a in chrome or any(anc in chrome for anc in a.iterancestors()):
            continue
        url = _absolute(a.get("href") or "", base_url)
        if url is None or url in seen or _NOT_ARTICLE.search(urlsplit(url).path):
            continue
        title = normalize_text(a.get("title") or "") or normalize_text(a.text_content())
        title = title.replace("\n", " ")
        if len(title) < 4 or is_chrome_line(title):
            continue
        row = _row(a)
        rest = normalize_text(row.text_content()).replace(normalize_text(a.text_content()), "")
        date = parse_date(rest) if row is not None else None
        if date is None and not _ARTICLE_URL.search(url):
            continue
        seen.add(url)
        items.append(ListingItem(title, url, date))
    return items


def next_page_url(text: str, base_url: str) -> str | None:
    """A generic listing's "下一页" link, when it is a real URL."""
    root = parse_html(text)
    if root is None:
        return None
    for a in root.iter("a"):
        label = normalize_text(a.text_content())
        if label in {"下一页", "下页", "next", "Next", ">", "»"}:
            url = _absolute(a.get("href") or "", base_url)
            if url and url != base_url:
                return url
    return None
