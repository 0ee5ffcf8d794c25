"""Text normalization shared by parsing, versioning and indicator extraction.

The normalized text of a document is what versions are compared on, what the extractor
reads and what observation offsets (``char_start``/``char_end``) point into, so there is
exactly one definition of it::

    >>> normalize_text("全市ＧＤＰ增长６．３％，\\u3000\\n\\n  排名全省第１ ")
    '全市GDP增长6.3%,\\n排名全省第1'

Rules: unpaired surrogates (which no encoder accepts: they come from
``surrogateescape``-decoded bytes or broken UTF-16) become U+FFFD, counted and logged,
see :func:`repair_text`; Unicode NFKC (full-width digits, letters and punctuation
become ASCII, as on the Jiangxi platform's own pages), zero-width and control
characters removed, every kind of space folded to one ASCII space, each line stripped,
empty lines dropped; paragraphs are separated by a single ``\\n``.
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger("gongkai.ingest")

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# A valid pair never appears in a Python str (it is one code point), so every surrogate
# code unit in a str is unpaired.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def repair_text(text: str) -> tuple[str, int]:
    """``text`` with each unpaired surrogate replaced by U+FFFD, and how many there were.
    Lengths and offsets do not change (one code point for one)::

        >>> repair_text("GDP\\udc80增长")
        ('GDP\ufffd增长', 1)
    """
    repaired, count = _SURROGATE.subn(REPLACEMENT, text)
    if count:
        log.warning("replaced %d unpaired surrogate(s) in the text with U+FFFD", count)
    return repaired, count


def normalize_text(text: str) -> str:
    """Return the canonical form of ``text`` (see the module docstring)."""
    text, _ = repair_text(text)
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def paragraphs(text: str) -> list[str]:
    """Split normalized text into its paragraphs."""
    return text.split("\n") if text else []
