"""Page chrome: the furniture around a document that must never reach its normalized text.

Two levels. Elements that are chrome by tag or by a telling id/class are dropped from the
tree before walking; lines that are nothing but chrome (打印 关闭, 【字体:大 中 小】,
浏览次数: 123, 分享到, 上一篇/下一篇, breadcrumbs) are dropped after normalization::

    >>> strip_chrome_lines(["【字体:大 中 小】", "正文第一段", "浏览次数: 1024", "打印 关闭"])
    ['正文第一段']

Lines are only dropped when they consist *entirely* of chrome, so a real sentence that
mentions 打印 or 分享 survives.
"""

from __future__ import annotations

import re
from typing import Any

# Not <form>: ASP.NET sites wrap the whole page in one.
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|position|location|"
    r"share|bdshare|bdsharebuttonbox|print|fontsize|zihao|toolbar|pager|pagination|sidebar|"
    r"copyright|prev|next|related|xgxx|visit|counter)($|[\s_-])",
    re.I,
)

_CHROME_TOKEN = (
    r"(?:【\s*)?(?:"
    r"打印(?:本页|此页|文章|正文)?|关闭(?:本页|窗口|此页)?|返回(?:顶部|首页|列表)?|收藏(?:本页)?|"
    r"保存(?:本页)?|纠错|我要纠错|"
    r"(?:字[号体]|文字)\s*:?\s*(?:\[?\s*(?:大|中|小|加大|还原|减小|默认|标准)\s*\]?\s*)+|"
    r"\[?\s*(?:大|中|小)\s*\]?|加大|还原|减小|"
    r"(?:浏览次数|访问量|访问次数|点击数|点击量|阅读次数|浏览量|阅读量)\s*:?\s*\d*\s*次?|"
    r"分享到\s*:?|分享|扫一扫(?:在手机打开当前页|在手机上查看|手机打开)?|"
    r"微信|微博|QQ空间|新浪微博|腾讯微博|"
    r"视力保护色\s*:?|(?:护眼|背景色)\s*:?"
    r")(?:\s*】)?"
)
_CHROME_LINE = re.compile(r"^(?:\s*(?:" + _CHROME_TOKEN + r")\s*[|/:]?\s*)+$")
_NEIGHBOUR = re.compile(r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]?")
_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您的位置|所在位置)\s*[:：]?|^首页\s*(?:>|»|→)")


def is_chrome_line(line: str) -> bool:
    """True for a normalized line that is only page furniture."""
    if len(line) > 80:
        # Long lines are prose; only breadcrumbs run long and they start distinctively.
        return bool(_BREADCRUMB.match(line)) and ">" in line
    return bool(_CHROME_LINE.match(line) or _NEIGHBOUR.match(line) or _BREADCRUMB.match(line))


def strip_chrome_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not is_chrome_line(line)]


def chrome_elements(root: Any) -> set[Any]:
    """Elements that are chrome by tag or by id/class (used outside marked-up bodies)."""
    found: set[Any] = set()
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in CHROME_TAGS:
            found.add(el)
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if attrs.strip() and _CHROME_ATTR.search(attrs):
            found.add(el)
    return found
