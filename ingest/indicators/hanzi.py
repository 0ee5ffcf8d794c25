"""Traditional characters: a report mirrored in 繁體 is read as its simplified twin.

The conversion uses OpenCC's Traditional-to-Simplified data (the ``opencc`` package of
opencc-python-reimplemented: its TSCharacters and TSPhrases tables). Every entry of both
maps a string to one of the same length, so the converted text is aligned with the stored
one character for character: an offset into one is the same offset into the other, and
quotes can be cut from the stored text::

    >>> reading_text("全市地區生產總值增長6.3%,規模以上工業增加值增長14.6%。")
    '全市地区生产总值增长6.3%,规模以上工业增加值增长14.6%。'
    >>> reading_text("全市地区生产总值增长6.3%。") is None  # already simplified
    True

Only text that is mostly traditional is converted (a simplified report keeps a few
characters that the tables would change, 乾隆 or 著名, and must not be touched).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

# A text is traditional when this share of its Chinese characters differ in simplified
# (a simplified report has next to none; a traditional one a fifth or more).
_TRADITIONAL_SHARE = 0.04
_PROBE = 2000  # characters looked at to decide (a report's opening pages)
_CJK = re.compile("[\u4e00-\u9fff]")


def _entries(name: str) -> list[tuple[str, str]]:
    path = Path(opencc.__file__).parent / "dictionary" / name
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if key and len(first) == len(key):  # only length-keeping entries: offsets hold
            out.append((key, first))
    return out


@cache
def _tables() -> tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]]:
    chars = {ord(k): v for k, v in _entries("TSCharacters.txt") if k != v}
    phrases = {k: v for k, v in _entries("TSPhrases.txt") if len(k) > 1}
    rx = (
        re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
        if phrases
        else None
    )
    return chars, rx, phrases


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written mostly in traditional characters."""
    probe = text[:_PROBE]
    cjk = len(_CJK.findall(probe))
    if cjk == 0:
        return False
    changed = sum(map(_traditional_chars().__contains__, probe))
    return changed >= _TRADITIONAL_SHARE * cjk


@cache
def _traditional_chars() -> frozenset[str]:
    return frozenset(chr(c) for c in _tables()[0])


def reading_text(text: str) -> str | None:
    """The simplified text to read ``text`` by (same length), or None if it is simplified."""
    if not is_traditional(text):
        return None
    chars, rx, phrases = _tables()
    out = text.translate(chars)
    if rx is not None:
        # phrases first in OpenCC; a phrase's simplified form is also what the character
        # table gives for most of its characters, so applying it after is the same
        out = _apply_phrases(text, out, rx, phrases)
    return out if len(out) == len(text) else None


def _apply_phrases(
    original: str, converted: str, rx: re.Pattern[str], phrases: dict[str, str]
) -> str:
    parts: list[str] = []
    pos = 0
    for m in rx.finditer(original):
        parts.append(converted[pos : m.start()])
        parts.append(phrases[m.group(0)])
        pos = m.end()
    parts.append(converted[pos:])
    return "".join(parts)
