"""Is this fetched page really the document? Catches what servers send with HTTP 200.

::

    page = parse_detail(html, url)
    anomaly = check_document(page, html, previous_text_len=len(previous_version_text))
    if anomaly is not None:
        ...  # keep the snapshot, do not create a publication version

Checks, in order: anti-bot challenge, login page, error page, truncated HTML, empty body,
body shrunk below 30% of the previous version. Precision matters more than recall here:
a false alarm hides a real revision, so a short notice that has the structure of a real
publication (metadata block, marked-up body) is never an error page.
"""

from __future__ import annotations

import re

from ingest.parse.body import find_marker_span
from ingest.parse.structs import Anomaly, DetailPage
from ingest.text import normalize_text

SHRINK_RATIO = 0.3
#: Below this many characters of previous text, shrinkage is noise, not a signal.
SHRINK_MIN_PREVIOUS = 50
SHORT_TEXT = 300

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_INVISIBLE_BLOCKS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
_ERROR = re.compile(
    r"\b(?:404|403|500|502|503|504)\b|not\s+found|\berror\b|bad\s+gateway|"
    r"service\s+unavailable|forbidden|页面不存在|页面未找到|页面找不到|找不到|无法找到|未找到|"
    r"系统繁忙|服务器繁忙|服务器错误|服务器内部错误|访问出错|访问错误|出错了|发生错误|"
    r"访问受限|禁止访问|无权访问|信息不存在|文章不存在|已被删除|已删除|网页不存在",
    re.I,
)
_LOGIN = re.compile(r"用户登录|统一身份认证|请登录|登录|log\s*in|sign\s*in", re.I)
_PASSWORD = re.compile(r"<input[^>]+type\s*=\s*[\"']?password", re.I)
_CHALLENGE = re.compile(
    r"__jsl_clearance|acw_sc__v2|acw_tc|\$_ts\s*=|wzws_cid|wzwschallenge|"
    r"yunsuo_session_verify|security_verify|安全检测|安全验证|人机验证|滑动验证|"
    r"正在验证|浏览器安全检查|please\s+enable\s+javascript|enable\s+cookies|"
    r"checking\s+your\s+browser|cf-challenge|challenge-platform",
    re.I,
)
_MARKER_KINDS = {"hanweb-markers", "hanweb-info-markers", "content-meta"}


def _visible(html: str) -> str:
    return normalize_text(_TAGS.sub("\n", _INVISIBLE_BLOCKS.sub(" ", html)))


def _first(pattern: re.Pattern[str], html: str) -> str:
    m = pattern.search(html)
    return normalize_text(_TAGS.sub(" ", m.group(1))) if m else ""


def _looks_real(page: DetailPage) -> bool:
    """The structure of a genuine publication, whatever its length."""
    has_block = any(page.metadata.get(k) for k in ("index_no", "doc_number", "issuer"))
    return has_block or (page.body_found_by in _MARKER_KINDS and bool(page.text))


def _truncated(html: str) -> str | None:
    span = find_marker_span(html)
    if span is not None and span[3]:
        return "the body's begin marker has no end marker"
    lower = html[-4096:].lower()
    if "</html" in lower or not re.match(r"\s*(<!doctype|<html|<\?xml)", html[:200], re.I):
        return None
    tail = html.rstrip()
    if "</body" not in lower:
        return "no </html> or </body>: the page stops mid-body"
    if tail.rfind("<") > tail.rfind(">"):
        return "the page stops inside a tag"
    return None


def check_document(
    page: DetailPage, html: str, *, previous_text_len: int | None = None
) -> Anomaly | None:
    """The reason this page is not the document, or ``None`` when it is."""
    visible = _visible(html)
    title = _first(_TITLE, html)
    short = len(page.text) < SHORT_TEXT and not _looks_real(page)

    if len(visible) < 600 and _CHALLENGE.search(html):
        return Anomaly("challenge", "an anti-bot challenge page, not the document")
    if _PASSWORD.search(html) and short and (_LOGIN.search(title) or _LOGIN.search(visible)):
        return Anomaly("login_page", f"a login form ({title or 'untitled'})")
    if short:
        heading = _first(_H1, html)
        for where, text in (("title", title), ("heading", heading)):
            m = _ERROR.search(text)
            if m:
                return Anomaly("error_page", f"{where} {text[:80]!r} says {m.group(0)!r}")
        if len(visible) < SHORT_TEXT:
            m = _ERROR.search(visible)
            if m:
                return Anomaly("error_page", f"the page only says {visible[:80]!r}")
    reason = _truncated(html)
    if reason:
        return Anomaly("truncated", reason)
    if not page.text and not page.attachments:
        return Anomaly("empty_body", f"no body text (located by {page.body_found_by or 'nothing'})")
    previous = previous_text_len or 0
    if previous >= SHRINK_MIN_PREVIOUS and len(page.text) < SHRINK_RATIO * previous:
        return Anomaly(
            "shrunk",
            f"body is {len(page.text)} characters, was {previous} (below {SHRINK_RATIO:.0%})",
        )
    return None
