"""Small shared word lists and helpers for reading Chinese report prose."""

from __future__ import annotations

#: Subject prefixes naming the document's own area (SCHEMA.md: 全市/全省 = own area).
AREA_PREFIXES: tuple[str, ...] = (
    "全市",
    "全省",
    "全县",
    "全区",
    "全州",
    "全盟",
    "全旗",
    "全自治区",
    "我市",
    "我省",
    "我县",
    "我区",
    "辖区",  # 辖区税收, 辖区社消零总额: the district's own
)

_AREA_PREFIX_FIRSTS = frozenset(p[0] for p in AREA_PREFIXES)

#: Scope words for ranks and gaps.
SCOPES: dict[str, str] = {
    "全省": "province",
    "全国": "country",
    "全市": "city",
    "全区": "province",
    "全自治区": "province",
}

DELIMS = frozenset(",、:;。!?()\n")


def strip_area_prefix(subject: str) -> str:
    """Remove one leading 全市/全省/... from ``subject``."""
    if subject[:1] not in _AREA_PREFIX_FIRSTS:
        return subject  # most subjects: one set probe instead of a scan of the prefixes
    for p in AREA_PREFIXES:
        if subject.startswith(p) and len(subject) > len(p):
            return subject[len(p) :]
    return subject


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a CJK unified ideograph (a Chinese character)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def strip_suffix_words(text: str, words: tuple[str, ...]) -> tuple[str, str]:
    """Strip the longest of ``words`` that ``text`` ends with; return (rest, word)."""
    for w in words:
        if text.endswith(w):
            return text[: -len(w)], w
    return text, ""


def strip_prefix_words(text: str, words: tuple[str, ...]) -> tuple[str, str]:
    """Strip the longest of ``words`` that ``text`` starts with; return (rest, word)."""
    for w in words:
        if text.startswith(w):
            return text[len(w) :], w
    return text, ""


def by_length(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Words sorted longest first, for greedy matching."""
    return tuple(sorted(set(words), key=len, reverse=True))


class WordSet:
    """Greedy longest-word lookups by hashing (a few dict probes instead of a scan).

    >>> ws = WordSet(["增长", "增"])
    >>> ws.suffix("同比增长"), ws.prefix("增长6%", 0, 5)
    ('增长', '增长')
    """

    __slots__ = ("_firsts", "_lasts", "_lengths", "_words")

    def __init__(self, words: tuple[str, ...] | list[str]) -> None:
        self._words = frozenset(w for w in words if w)
        self._lengths = tuple(sorted({len(w) for w in self._words}, reverse=True))
        # most probes fail on their first (or last) character: one set lookup instead of a
        # slice and a lookup per word length
        self._firsts = frozenset(w[0] for w in self._words)
        self._lasts = frozenset(w[-1] for w in self._words)

    def suffix(self, text: str) -> str:
        """The longest word ``text`` ends with, or ""."""
        if not text or text[-1] not in self._lasts:
            return ""
        n_text = len(text)
        for n in self._lengths:
            if n <= n_text and text[n_text - n :] in self._words:
                return text[n_text - n :]
        return ""

    def prefix(self, text: str, pos: int, limit: int) -> str:
        """The longest word starting at ``text[pos]`` (within ``limit``), or ""."""
        if pos >= limit or text[pos] not in self._firsts:
            return ""
        for n in self._lengths:
            if pos + n <= limit and text[pos : pos + n] in self._words:
                return text[pos : pos + n]
        return ""

    def __contains__(self, word: object) -> bool:
        return word in self._words
