"""Suspicious-content flags: injected gambling/adult spam, hidden link farms, new
outbound links. The lexicon is data (``ingest/spam_lexicon.toml``)::

    flags = scan(page, previous_links=set_of_urls_seen_last_version,
                 own_domains={"jxfz.gov.cn"})
    if is_flagged(flags):
        ...  # emit publication.flagged
    [(f.term, f.start) for f in flags if f.reason == "spam_term"]
    # [('雷速体育', 787), ...]   offsets into page.text

Terms are found in one pass of one compiled alternation of literals (longest first, no
nested quantifiers, so no catastrophic backtracking); whitelisted phrases
(体育彩票公益金, 打击网络赌博, 澳门特别行政区, ...) are found the same way and suppress any
term lying inside them.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import msgspec

from ingest.parse.structs import DetailPage
from ingest.text import normalize_text

LEXICON_PATH = Path(__file__).with_name("spam_lexicon.toml")


class Flag(msgspec.Struct, frozen=True):
    reason: str
    """``spam_term`` | ``hidden_link`` | ``new_external_link``."""
    term: str
    """The matched term, or the link URL."""
    start: int
    """Offset into ``page.text``; -1 when the finding is not in the text."""
    end: int
    weight: float
    detail: str


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, float]
    whitelist: tuple[str, ...]
    threshold: float
    hidden_link_weight: float
    new_link_weight: float
    term_re: re.Pattern[str]
    white_re: re.Pattern[str] | None

    @classmethod
    def from_toml(cls, data: dict[str, object]) -> Lexicon:
        raw_terms = data.get("terms", {})
        white = data.get("whitelist", {})
        weights = data.get("weights", {})
        if not isinstance(raw_terms, dict) or not isinstance(white, dict):
            raise ValueError("spam lexicon: [terms] and [whitelist] must be tables")
        if not isinstance(weights, dict):
            raise ValueError("spam lexicon: [weights] must be a table")
        terms = {_fold(normalize_text(k)): float(v) for k, v in raw_terms.items()}
        terms.pop("", None)
        if not terms:
            raise ValueError("spam lexicon has no terms")
        phrases = tuple(
            p for p in (normalize_text(str(x)).lower() for x in white.get("phrases", [])) if p
        )
        threshold = data.get("threshold", 1.0)
        if not isinstance(threshold, int | float):
            raise ValueError("spam lexicon: threshold must be a number")
        return cls(
            terms=terms,
            whitelist=phrases,
            threshold=float(threshold),
            hidden_link_weight=float(weights.get("hidden_link", 1.0)),
            new_link_weight=float(weights.get("new_external_link", 0.3)),
            term_re=_alternation(terms),
            white_re=_alternation(phrases) if phrases else None,
        )


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    # Longest first: at a given position, 中国竞彩网 must win over 竞彩.
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    # No re.I: it defeats sre's first-character prefilter (2x slower); texts are
    # ASCII-lowercased instead, which keeps offsets (see _fold).
    return re.compile("|".join(re.escape(w) for w in ordered))


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(text: str) -> str:
    """Lowercase ASCII only: str.lower() may change lengths (İ) and so shift offsets."""
    return text.translate(_ASCII_LOWER)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Parse and compile a lexicon file (cached; the default ships with the package)."""
    with path.open("rb") as f:
        return Lexicon.from_toml(tomllib.load(f))


def find_terms(text: str, lexicon: Lexicon) -> list[tuple[str, int, int, float]]:
    """(term, start, end, weight) for each non-whitelisted term in ``text``."""
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    if lexicon.white_re is not None:
        spans = [m.span() for m in lexicon.white_re.finditer(folded)]
    starts = [s for s, _ in spans]
    found = []
    for m in lexicon.term_re.finditer(folded):
        s, e = m.span()
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and spans[k][1] >= e:
            continue  # inside a legitimate phrase
        found.append((text[s:e], s, e, lexicon.terms.get(m.group(0), 1.0)))
    return found


def is_government(host: str, own_domains: set[str]) -> bool:
    host = host.lower().rstrip(".")
    if host == "gov.cn" or host.endswith(".gov.cn"):
        return True
    return any(host == d or host.endswith("." + d) for d in own_domains)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def scan(
    page: DetailPage,
    *,
    previous_links: set[str] | None = None,
    own_domains: set[str] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Flag]:
    """All findings for ``page``, text findings first in text order.

    ``previous_links`` are the URLs of the previous version's links (``None``: no previous
    version, so every external link is new); ``own_domains`` are the source's non-gov.cn
    domains that count as its own.
    """
    lex = lexicon or load_lexicon()
    own = {d.lower() for d in own_domains or set()}
    previous = previous_links or set()
    flags = [
        Flag("spam_term", term, s, e, w, "in body text")
        for term, s, e, w in find_terms(page.text, lex)
    ]
    for hidden in page.hidden_text:
        # Hidden text is not in page.text, so the offsets cannot point anywhere.
        flags += [
            Flag("spam_term", term, -1, -1, w, f"in hidden text: {hidden[:60]}")
            for term, _, _, w in find_terms(hidden, lex)
        ]
    for link in page.links:
        host = _host(link.url)
        if not host or is_government(host, own):
            continue
        if link.hidden:
            flags.append(
                Flag(
                    "hidden_link",
                    link.url,
                    -1,
                    -1,
                    lex.hidden_link_weight,
                    f"hidden link to {host}: {link.text[:60]}",
                )
            )
        if link.url not in previous:
            flags.append(
                Flag(
                    "new_external_link",
                    link.url,
                    -1,
                    -1,
                    lex.new_link_weight,
                    f"new link to {host}: {link.text[:60]}",
                )
            )
    return flags


def is_flagged(flags: list[Flag], *, threshold: float | None = None) -> bool:
    """True when the findings' weights add up to the lexicon threshold (1.0 by default)."""
    limit = load_lexicon().threshold if threshold is None else threshold
    return sum(f.weight for f in flags) >= limit
