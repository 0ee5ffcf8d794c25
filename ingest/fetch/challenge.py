"""Recognise anti-bot challenge pages so they are reported as "blocked", never stored.

Usage::

    if looks_like_challenge(response.status_code, text):
        raise BlockedError(url, "anti-bot challenge page")

Chinese government sites sit behind WAFs (瑞数/Ruishu answers HTTP 412, 加速乐/Jiasule
sets ``__jsl_clearance`` and often answers 521, Alibaba Cloud sets ``acw_sc__v2``, 360/知道创宇
use ``wzws``, 云锁 ``yunsuo``). Their pages are small and consist of a script that computes
a cookie and reloads. Being wrong in either direction is costly: a stored challenge page
becomes a bogus "publication.updated"; a real article flagged as a challenge is never
seen. So the rules are deliberately narrow:

* vendor-specific tokens (cookie names, script globals) are decisive on their own;
* generic hints ("enable JavaScript", 安全验证, a cookie set from script followed by a
  reload) count only when the page has almost no visible text, which no real article has.
"""

from __future__ import annotations

import re

#: Tokens that only WAF challenge pages contain.
_VENDOR_MARKERS = re.compile(
    r"__jsl_clearance"  # Jiasule (加速乐)
    r"|acw_sc__v2"  # Alibaba Cloud WAF
    r"|wzws_cid|wzwschallenge|WZWS_CONFIRM"  # 360 网站卫士 / 知道创宇
    r"|yunsuo_session_verify|security_verify_data"  # 云锁 Yunsuo
    r"|\$_ts\s*=\s*window\["  # Ruishu (瑞数) bootstrap
    r"|cf_chl_opt|/cdn-cgi/challenge-platform/"  # Cloudflare
    r"|_guard/auto\.js",  # SafeLine / assorted JS guards
    re.IGNORECASE,
)

#: Phrases a challenge page shows; harmless in a normal page full of text.
_HINT_PHRASES = re.compile(
    r"请(?:开启|启用|打开|允许)\s*(?:浏览器\s*(?:的)?\s*)?javascript"
    r"|(?:enable|turn on)\s+javascript"
    r"|javascript\s+(?:is\s+)?(?:required|disabled)"
    r"|安全验证|访问验证|人机验证|滑动验证|正在验证|浏览器安全检查|checking your browser"
    r"|(?<![a-z])waf(?![a-z])|web\s*application\s*firewall",
    re.IGNORECASE,
)

_SETS_COOKIE = re.compile(r"document\.cookie\s*=", re.IGNORECASE)
_RELOADS = re.compile(
    r"location\.reload|location\.replace|location\.href\s*=|(?:window|document)\.location\s*="
    r"|location\s*=\s*location|setTimeout\s*\(\s*['\"]?location",
    re.IGNORECASE,
)

#: Scripts and styles are not visible text, except Hanweb's ``<script type="text/xml">``
#: datastore, which *is* the column's list of documents.
_SCRIPT_OR_STYLE = re.compile(
    r"<(script|style|noscript)\b(?![^>]*text/xml).*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACE = re.compile(r"\s+")

#: Visible characters below which a page cannot be an article (a government notice has a
#: title, a metadata block, and body text well beyond this).
SMALL_PAGE_VISIBLE_CHARS = 300

#: Statuses WAFs use for their interstitials (412 Ruishu, 521 Jiasule, 403/503 various).
_CHALLENGE_STATUSES = {403, 412, 429, 503, 521}


def visible_text_length(html: str) -> int:
    """Rough count of characters a reader would see (scripts, styles, tags removed)."""
    text = _COMMENT.sub(" ", html)
    text = _SCRIPT_OR_STYLE.sub(" ", text)
    text = _TAG.sub(" ", text)
    return len(_SPACE.sub("", text))


def looks_like_challenge(status: int, text: str) -> bool:
    """True when ``text`` (served with HTTP ``status``) is an anti-bot challenge page.

    >>> looks_like_challenge(521, "<script>document.cookie='__jsl_clearance=1';"
    ...                      "location.href=location.pathname</script>")
    True
    >>> looks_like_challenge(200, "<html><script>var a=1</script><p>" + "正文" * 400 + "</p>")
    False
    """
    if not text:
        return False
    if _VENDOR_MARKERS.search(text):
        return True
    if visible_text_length(text) >= SMALL_PAGE_VISIBLE_CHARS:
        return False
    if _HINT_PHRASES.search(text):
        return True
    if _SETS_COOKIE.search(text) and _RELOADS.search(text):
        return True
    # A WAF status with a page that is nothing but script is an interstitial too.
    return (
        status in _CHALLENGE_STATUSES
        and "<script" in text.lower()
        and (visible_text_length(text) < 40)
    )
