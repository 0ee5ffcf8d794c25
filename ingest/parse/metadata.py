"""The disclosure metadata block (索引号, 发文机关, 成文日期, ...) and date parsing.

Pages spell the labels with odd spacing ("索 引 号:", "文   号：") and put label and value
either on one line or in neighbouring table cells; both are handled::

    >>> lines = ["索 引 号:FZ0001/2024-54344 主题分类: 规划计划", "成文日期", "2024年3月11日"]
    >>> extract_metadata(lines)
    {'index_no': 'FZ0001/2024-54344', 'topic': '规划计划', 'written_date': '2024-03-11'}
    >>> parse_date("2024/3/11 10:20")
    datetime.date(2024, 3, 11)
"""

from __future__ import annotations

import datetime as dt
import re

#: Label as printed -> canonical key. Longer spellings must win over their suffixes
#: (文件有效性 over 有效性, 信息来源 over 来源); the alternation is sorted by length.
LABELS: dict[str, str] = {
    "索引号": "index_no",
    "主题分类": "topic",
    "主题词": "topic",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发布单位": "issuer",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "成文日期": "written_date",
    "生成日期": "written_date",
    "发布日期": "published_date",
    "发布时间": "published_date",
    "有效性": "validity",
    "文件有效性": "validity",
    "来源": "source",
    "信息来源": "source",
}
#: Labels that end the previous value but are not metadata (the counter row, font size).
STOP_LABELS = (
    "浏览次数",
    "访问量",
    "访问次数",
    "点击数",
    "点击量",
    "阅读次数",
    "作者",
    "字号",
    "字体",
    "责任编辑",
    "编辑",
    "分享到",
    "时间",
)
DATE_KEYS = frozenset({"written_date", "published_date"})
#: Separates table cells within one line of walked text (a private-use character:
#: NFKC and whitespace folding leave it alone, and no page text contains it).
CELL = "\ue000"


def _spaced(label: str) -> str:
    # "索引号" matches "索 引 号" and "索　引　号" (NFKC turns U+3000 into a space).
    return r"\s*".join(re.escape(ch) for ch in label)


_ALL = sorted([*LABELS, *STOP_LABELS], key=len, reverse=True)
# A label starts a line/cell or follows a space, bullet or bracket, never the middle of a
# word (so 数据来源 in running text is not 来源).
_LABEL_RE = re.compile(
    r"(?<![^\s|•·【\[(\ue000])(?P<label>"
    + "|".join(_spaced(x) for x in _ALL)
    + r")\s*(?P<colon>[:：])?"
)
_WS = re.compile(r"\s+")

_DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})"
)


def parse_date(text: str) -> dt.date | None:
    """The first plausible calendar date in ``text`` (2024-03-11, 2024年3月11日, 2024/3/11)."""
    for m in _DATE_RE.finditer(text):
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
    return None


def _clean_value(key: str, value: str) -> str:
    value = _WS.sub(" ", value.replace(CELL, " ")).strip(" |•·")
    if key in DATE_KEYS and value:
        date = parse_date(value)
        if date is not None:
            return date.isoformat()
    return value


def _canonical(label: str) -> str | None:
    return LABELS.get(_WS.sub("", label))


def extract_metadata(lines: list[str]) -> dict[str, str]:
    """Canonical metadata from text ``lines``: one line per block, table cells separated
    by :data:`CELL` (so a ``<th>索引号</th><td>...</td>`` row is one line).

    A label takes the text after it up to the next label. A label without a colon counts
    only when it fills its cell (a ``<th>``), and only such a bare label may take its value
    from the following line; "文件有效性:" with nothing after it is an empty value, never
    the next line (which is usually the title). The first occurrence of a key wins: the
    block precedes any repeat further down the page.
    """
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        matches = [m for m in _LABEL_RE.finditer(line) if _counts(line, m)]
        for n, m in enumerate(matches):
            key = _canonical(m.group("label"))
            if key is None or key in found:
                continue
            end = matches[n + 1].start() if n + 1 < len(matches) else len(line)
            value = line[m.end() : end].replace(CELL, " ")
            alone = not m.group("colon") and not line[m.end() :].strip(CELL + " ")
            if alone and i + 1 < len(lines) and not _LABEL_RE.match(lines[i + 1]):
                value = lines[i + 1].replace(CELL, " ")
            found[key] = _clean_value(key, value)
    return found


def _counts(line: str, m: re.Match[str]) -> bool:
    """A colon-less label must fill its cell; otherwise it is an ordinary word."""
    if m.group("colon"):
        return True
    before = line[: m.start()].rstrip(" ")
    after = line[m.end() :].lstrip(" ")
    return (not before or before.endswith(CELL)) and (not after or after.startswith(CELL))


def is_metadata_line(line: str) -> bool:
    """True when a normalized line starts with a metadata label followed by a colon or
    nothing else ("来源: 市政府办", "索 引 号"), not prose that merely starts the same way."""
    m = _LABEL_RE.match(line)
    if m is None:
        return False
    return bool(m.group("colon")) or m.end() == len(line)
