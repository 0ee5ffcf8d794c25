"""Document structure: the report year and, for every paragraph, what its numbers are.

A work report reviews last year (actuals) and then plans this year (targets)::

    >>> text = "报告\\n一、2023年工作回顾\\nGDP增长6%。\\n二、2024年工作安排\\nGDP增长5%。"
    >>> detect_report_year(text)
    2024
    >>> [(s.kind, s.year) for s in sections(text, 2024)]
    [('actual', 2023), ('actual', 2023), ('actual', 2023), ('target', 2024), ('target', 2024)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_YEAR = r"((?:19|20)\d\d)"
_TITLE_YEAR = (
    re.compile(r"政府工作报告\s*[((\[【]?\s*" + _YEAR + r"\s*年?"),
    re.compile(_YEAR + r"\s*年\s*[^\n]{0,12}?政府工作报告"),
)
# ——2024年1月10日在...代表大会; the day is sometimes left out (2024年1月在...).
_SPEECH_DATE = re.compile(_YEAR + r"年\d{1,2}月(?:\d{1,2}日)?在[^\n]{0,40}?代表大会")
# A top-level heading: 一、..., or 第二部分 ..., short, on its own line.
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[、:: ]?)([^\n]{1,40})"
)
_HEADING_YEAR = re.compile(_YEAR + r"年")
_REVIEW_WORDS = ("回顾", "过去一年", "过去五年", "过去的一年", "工作总结", "主要成绩", "成就")
_PLAN_WORDS = ("安排", "任务", "目标", "总体要求", "重点工作", "部署", "计划", "展望", "今后")
# Where the report proper ends: appendices and glossaries describe programmes; their numbers
# are definitions, not observations.
_ANNEX = re.compile(r"(附件|附录|名词解释|名词注释|注释|附:)[^\n]{0,12}")


@dataclass(frozen=True, slots=True)
class Section:
    """What the numbers of one paragraph are: ``kind`` actual/target for ``year``."""

    start: int
    kind: str
    year: int | None
    skip: bool = False
    heading: bool = False


def detect_report_year(text: str) -> int | None:
    """The year a work report plans for: from its title, headings or speech date line.

    ``政府工作报告(2024年)`` -> 2024; ``一、2023年工作回顾`` -> 2024;
    ``二、2024年工作安排`` -> 2024.
    """
    head = text[:4000]
    for rx in _TITLE_YEAR:
        m = rx.search(head)
        if m:
            return int(m.group(1))
    for para in _paragraphs(text):
        line = para[1]
        m = _HEADING.fullmatch(line)
        if not m:
            continue
        y = _HEADING_YEAR.search(m.group(1))
        if not y:
            continue
        kind = _heading_kind(m.group(1))
        if kind == "actual":
            return int(y.group(1)) + 1
        if kind == "target":
            return int(y.group(1))
    m = _SPEECH_DATE.search(head)
    return int(m.group(1)) if m else None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _heading_kind(title: str) -> str:
    if any(w in title for w in _REVIEW_WORDS):
        return "actual"
    if any(w in title for w in _PLAN_WORDS):
        return "target"
    return ""


def sections(text: str, report_year: int | None) -> list[Section]:
    """One ``Section`` per paragraph, in order (headings included)."""
    out: list[Section] = []
    kind, year = "actual", (report_year - 1 if report_year else None)
    skip = False
    for start, line in _paragraphs(text):
        if not skip and len(line) <= 16 and _ANNEX.search(line):
            skip = True
        m = _HEADING.fullmatch(line) if len(line) <= 44 else None
        if m and not skip:
            title = m.group(1)
            y = _HEADING_YEAR.search(title)
            new_kind = _heading_kind(title)
            h_year = int(y.group(1)) if y else None
            if not new_kind and h_year is not None and report_year is not None:
                new_kind = "actual" if h_year < report_year else "target"
            if new_kind:
                kind = new_kind
                if h_year is not None:
                    year = h_year
                elif report_year is not None:
                    year = report_year - 1 if kind == "actual" else report_year
            out.append(Section(start, kind, year, skip, heading=True))
            continue
        out.append(Section(start, kind, year, skip))
    return out


class Layout:
    """Looks up the section of any offset (binary search over paragraph starts)."""

    def __init__(self, text: str, report_year: int | None) -> None:
        self.report_year = report_year
        self.sections = sections(text, report_year)
        self._starts = [s.start for s in self.sections]

    def at(self, offset: int) -> Section:
        """The section holding ``offset``."""
        i = bisect_right(self._starts, offset) - 1
        return self.sections[max(i, 0)]
