"""The integrity lexicon: terms, their kinds and weights, context cues, evidence weights.

The data is ``ingest/spam_lexicon.toml``; this module parses it once and compiles it::

    lex = load_lexicon()
    lex.terms["雷速体育"]          # Term(canonical='雷速体育', kind='brand', weight=1.0)
    lex.variants["雷速體育"]       # '雷速体育': traditional forms map to the simplified one
    lex.term_re.finditer(fold(text))

Traditional-character forms of every term, cue and whitelisted phrase are derived with
OpenCC (s2t, s2tw, s2hk), so the file lists simplified Chinese only and traditional-script
spam is matched all the same. Matching runs on ``fold(text)``, which lowercases without moving
any character, so offsets in the folded text are offsets in the stored text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.text import normalize_text

LEXICON_PATH = Path(__file__).resolve().parents[1] / "spam_lexicon.toml"

#: kinds of term, from the lexicon's tables of the same names
KINDS = ("brands", "words", "ambiguous")

_UPPER = re.compile("[A-Z]+")


def fold(text: str) -> str:
    """Lowercase ASCII letters and nothing else, so every offset stays where it was
    (``str.lower()`` may change lengths: İ)."""
    if _UPPER.search(text) is None:
        return text  # the usual case for Chinese text, and the fast one
    return _UPPER.sub(lambda m: m.group(0).lower(), text)


@dataclass(frozen=True)
class Term:
    canonical: str
    kind: str
    """``brand`` | ``word`` | ``ambiguous``."""
    weight: float


@dataclass(frozen=True)
class Evidence:
    """Weights of the kinds of evidence (the lexicon's ``[evidence]`` table)."""

    new_in_version: float = 0.6
    little_change: float = 0.2
    breaks_sentence: float = 0.5
    hidden_text: float = 0.5
    several_brands: float = 0.5
    hidden_link: float = 0.5
    new_external_link: float = 0.3
    spam_link: float = 1.0


@dataclass(frozen=True, eq=False)  # hashed by identity: segmenters are cached per lexicon
class Lexicon:
    terms: dict[str, Term]
    """Canonical (simplified, folded) form -> term."""
    variants: dict[str, str]
    """Every matched form (simplified and traditional) -> canonical form."""
    whitelist: tuple[str, ...]
    longest_phrase: int
    threshold: float
    evidence: Evidence
    enforcement: tuple[str, ...]
    regulation: tuple[str, ...]
    place: tuple[str, ...]
    topic: tuple[str, ...]
    organs: tuple[str, ...]
    facilities: tuple[str, ...]
    enforcement_brand_share: float
    term_re: re.Pattern[str]
    white_re: re.Pattern[str] | None
    enforcement_re: re.Pattern[str]
    regulation_re: re.Pattern[str]
    place_re: re.Pattern[str]
    topic_re: re.Pattern[str]
    path: str = ""

    @classmethod
    def from_toml(cls, data: dict[str, Any], *, path: str = "") -> Lexicon:
        """Build from parsed TOML; a malformed file raises ``ValueError`` naming the table."""
        terms: dict[str, Term] = {}
        for table in KINDS:
            raw = data.get(table, {})
            if not isinstance(raw, dict):
                raise ValueError(f"integrity lexicon: [{table}] must be a table")
            kind = {"brands": "brand", "words": "word"}.get(table, table)
            for key, value in raw.items():
                if not isinstance(value, int | float) or isinstance(value, bool):
                    raise ValueError(f"integrity lexicon: [{table}] {key!r} needs a number")
                canonical = fold(normalize_text(key))
                if canonical:
                    terms[canonical] = Term(canonical, kind, float(value))
        if not terms:
            raise ValueError("integrity lexicon has no terms")
        threshold = data.get("threshold", 1.0)
        if not isinstance(threshold, int | float) or threshold <= 0:
            raise ValueError("integrity lexicon: threshold must be a positive number")
        evidence = _evidence(data.get("evidence", {}))
        context = data.get("context", {})
        white = data.get("whitelist", {})
        if not isinstance(context, dict) or not isinstance(white, dict):
            raise ValueError("integrity lexicon: [context] and [whitelist] must be tables")
        variants = {form: canonical for canonical in terms for form in _forms(canonical)}
        cues = {
            name: tuple(sorted({f for cue in _strings(context, name) for f in _forms(cue)}))
            for name in ("enforcement", "regulation", "place", "topic", "organs", "facilities")
        }
        phrases = tuple(sorted({f for p in _strings(white, "phrases") for f in _forms(p)}, key=len))
        share = context.get("enforcement_brand_share", 0.3)
        if not isinstance(share, int | float):
            raise ValueError("integrity lexicon: enforcement_brand_share must be a number")
        return cls(
            terms=terms,
            variants=variants,
            whitelist=phrases,
            longest_phrase=max((len(p) for p in phrases), default=0),
            threshold=float(threshold),
            evidence=evidence,
            enforcement=cues["enforcement"],
            regulation=cues["regulation"],
            place=cues["place"],
            topic=cues["topic"],
            organs=cues["organs"],
            facilities=cues["facilities"],
            enforcement_brand_share=float(share),
            term_re=alternation(variants),
            white_re=alternation(phrases) if phrases else None,
            enforcement_re=alternation(cues["enforcement"] or ("\x00",)),
            regulation_re=alternation(cues["regulation"] or ("\x00",)),
            place_re=alternation(cues["place"] or ("\x00",)),
            topic_re=alternation(cues["topic"] or ("\x00",)),
            path=path,
        )


def _evidence(raw: object) -> Evidence:
    if not isinstance(raw, dict):
        raise ValueError("integrity lexicon: [evidence] must be a table")
    known = Evidence.__dataclass_fields__
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"integrity lexicon: unknown [evidence] key {unknown[0]!r}")
    for key, value in raw.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"integrity lexicon: [evidence] {key} must be a number")
    return Evidence(**{k: float(v) for k, v in raw.items()})


def _strings(table: dict[str, Any], key: str) -> list[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"integrity lexicon: {key} must be a list of strings")
    return [v for v in (fold(normalize_text(x)) for x in values) if v]


def _forms(word: str) -> set[str]:
    """``word`` and its traditional-character forms (Mainland, Taiwan and Hong Kong)."""
    converters = _converters()
    return {word} | {fold(normalize_text(c.convert(word))) for c in converters} - {""}


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, ...]:
    import opencc

    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


@lru_cache(maxsize=1)
def _script_converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def script(text: str) -> str:
    """``traditional`` or ``simplified`` when ``text`` has characters of one script and
    none of the other; ``""`` when it has neither (or both)."""
    s2t, t2s = _script_converters()
    has_traditional = t2s.convert(text) != text
    has_simplified = s2t.convert(text) != text
    if has_traditional == has_simplified:
        return ""
    return "traditional" if has_traditional else "simplified"


def alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled alternation of literals, longest first (中国竞彩网 wins over 竞彩).

    No nested quantifiers, so no catastrophic backtracking; no ``re.I`` (it defeats sre's
    first-character prefilter): texts are folded instead."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered))


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Parse and compile a lexicon file (cached; the default ships with the package)."""
    with path.open("rb") as f:
        try:
            data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"integrity lexicon {path}: {exc}") from None
    return Lexicon.from_toml(data, path=str(path))
