"""Findings on one version of a page, each with the evidence that weighs it::

    flags = scan(page, previous_text=old.text, previous_links=old_urls,
                 own_domains={"jxfz.gov.cn"})
    if is_flagged(flags):
        ...  # emit publication.flagged
    [(f.term, f.start, f.weight) for f in flags if f.weight]
    # [('雷速体育', 616, 1.5), ('中国竞彩网', 7335, 2.0)]    offsets into page.text
    [(e.kind, e.weight) for e in flags[0].evidence]
    # [('brand', 1.0), ('breaks_sentence', 0.5)]

A finding's weight is the sum of its evidence (never below 0); the page is flagged when
the weights add up to the lexicon's threshold. Evidence for defacement: a brand; a term
that breaks its sentence (splits a word, stands where a place name belongs, is in the
other script, or is a brand wedged into a clause about something else); a term new in a
version that otherwise changed little; hidden text; hidden, new or spam-anchored
external links; a second brand. Evidence against: enforcement or lottery-regulation
context (in the sentence, or for the same word elsewhere in the page), place-name and
venue-name use, an ambiguous word with no gambling company, a term already counted
(each distinct term counts once per page, so 澳门 thirty times in a Greater Bay Area
report is one word). Findings whose weight ends at 0 are kept: they say what was looked
at and why it did not count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import msgspec

from ingest.diff import diff_texts
from ingest.integrity.lexicon import Lexicon, fold, load_lexicon, script
from ingest.integrity.words import segmenter
from ingest.parse.structs import DetailPage


class Evidence(msgspec.Struct, frozen=True):
    kind: str
    """``brand`` | ``word`` | ``ambiguous`` (the term itself), ``breaks_sentence``,
    ``new_in_version``, ``hidden_text``, ``several_brands``, ``hidden_link``,
    ``new_external_link``, ``spam_link``; against: ``enforcement_context``,
    ``regulation_context``, ``document_context``, ``place_name``, ``venue_name``,
    ``no_gambling_company``, ``counted_once``."""
    weight: float
    note: str = ""


class Flag(msgspec.Struct, frozen=True):
    reason: str
    """``spam_term`` | ``hidden_link`` | ``spam_link`` | ``new_external_link``."""
    term: str
    """The matched text as it stands in the page, or the link URL."""
    start: int
    """Offset into ``page.text``; -1 when the finding is not in the text."""
    end: int
    weight: float
    """What this finding adds to the page's score: the sum of its evidence, at least 0."""
    detail: str
    evidence: tuple[Evidence, ...] = ()


# Sentences end at these, and at " -" / "|" / "_" (the separators of page titles and
# keyword-stuffed headers, where defacers append their brands).
_SENTENCE_END = frozenset("。!?;\n|_")
_CLAUSE_END = _SENTENCE_END | frozenset(",、")


@dataclass
class _Hit:
    form: str
    canonical: str
    kind: str
    start: int
    end: int
    where: str
    """``text`` or ``hidden``."""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return max(0.0, round(sum(e.weight for e in self.evidence), 6))


def _bounds(text: str, start: int, end: int, stops: frozenset[str]) -> tuple[int, int]:
    """The span around ``text[start:end]`` up to the nearest ``stops`` or " -" each side
    (searched in C, within _REACH characters: long enough for any sentence that matters)."""
    lo, hi = max(0, start - _REACH), min(len(text), end + _REACH)
    left = max(text.rfind(ch, lo, start) for ch in (*stops, " -"))
    left = lo if left < 0 else left + (2 if text.startswith(" -", left) else 1)
    rights = [i for ch in (*stops, " -") if (i := text.find(ch, end, hi)) >= 0]
    return left, min(rights, default=hi)


_REACH = 400


#: characters of context each side of a term that the segmenter sees: jieba's choices
#: are local, and a bounded window keeps a scan's cost to its candidates, not its length
WINDOW = 16


def _window(folded: str, start: int, end: int) -> tuple[int, int]:
    left, right = _bounds(folded, start, end, _CLAUSE_END)
    return max(left, start - WINDOW), min(right, end + WINDOW)


def _wordish(ch: str) -> bool:
    return ch.isalnum()  # CJK ideographs are alphanumeric too


def find_terms(text: str, lexicon: Lexicon) -> list[tuple[str, int, int, str]]:
    """(form, start, end, canonical) for each lexicon term that is a word of ``text``
    and does not lie inside a whitelisted phrase."""
    folded = fold(text)
    reach = lexicon.longest_phrase
    found = []
    for m in lexicon.term_re.finditer(folded):
        s, e = m.span()
        white = lexicon.white_re
        if white is not None and any(
            p.start() <= s and e <= p.end()
            for p in white.finditer(folded, max(0, s - reach), e + reach)
        ):
            continue  # inside a legitimate phrase
        left, right = _window(folded, s, e)
        if not segmenter(lexicon).is_word(folded[left:right], s - left, e - left):
            continue  # a substring across words (加快|三大), not the term
        found.append((text[s:e], s, e, lexicon.variants[m.group(0)]))
    return found


_LABEL = {"brand": "gambling brand", "word": "spam word", "ambiguous": "ambiguous word"}


def _splits_word(hit: _Hit, text: str, folded: str, lex: Lexicon) -> str:
    """Taken out, ``hit`` leaves a word it had split (坚决遏|米乐m6|制): nobody writes a
    term into the middle of a word, a defacer pasting into a paragraph does."""
    left, right = _window(folded, hit.start, hit.end)
    seg = segmenter(lex)
    rest = folded[left : hit.start] + folded[hit.end : right]
    gap = hit.start - left
    if not 0 < gap < len(rest) or seg.is_word(rest, gap, gap):
        return ""
    # Taken out, the term leaves one word across the gap; it split that word only if a
    # neighbour was a stray fragment of it (遏|米乐m6|制), not a word of its own
    # (打击|赌博|犯罪 joins into 打击犯罪, which the author never wrote either).
    cuts = sorted(seg.boundaries(folded[left:right]))
    s, e = hit.start - left, hit.end - left
    before = s - max(c for c in cuts if c < s)
    after = min(c for c in cuts if c > e) - e
    if before == 1 or after == 1:
        return f"splits a word: {text[left : hit.start][-12:]}|{text[hit.end : right][:12]}"
    return ""


def _before_organ(hit: _Hit, text: str, folded: str, lex: Lexicon) -> str:
    """``hit`` stands right before an organ of government, where a place name belongs
    (中文博彩平台公安局): defacers swap a county's name for their keyword."""
    after = folded[hit.end : hit.end + 3 + max((len(o) for o in lex.organs), default=0)]
    for gap in range(4):
        if gap and not _wordish(after[gap - 1 : gap]):
            break
        if after.startswith(lex.organs, gap):
            return f"stands where a place name belongs: {text[hit.start : hit.end + gap + 3]}"
    return ""


def _script_mismatch(hit: _Hit, text: str) -> str:
    """``hit`` is in the other script than the words around it: a simplified brand pasted
    into a traditional-character page, or traditional-character spam into a simplified one."""
    left, right = _bounds(text, hit.start, hit.end, _CLAUSE_END)
    around = (
        text[max(left, hit.start - WINDOW) : hit.start]
        + text[hit.end : min(right, hit.end + WINDOW)]
    )
    theirs, ours = script(around), script(text[hit.start : hit.end])
    if theirs and ours and theirs != ours:
        return f"{ours}-script term among {theirs}-script words"
    return ""


def _venue(hit: _Hit, text: str, folded: str, lex: Lexicon) -> str:
    """The venue ``hit`` names, when a venue word follows within two characters
    (星空体育音乐节, 金沙国际会展中心)."""
    for gap in range(3):
        if gap and not _wordish(folded[hit.end + gap - 1 : hit.end + gap]):
            break
        if folded.startswith(lex.facilities, hit.end + gap):
            return text[hit.start : hit.end + gap + 3]
    return ""


def _wedged(hit: _Hit, text: str, folded: str, lex: Lexicon) -> str:
    """``hit`` stands between two words of a clause about something else, with no quote
    or punctuation around it (央视多次对雷速体育:文旅活动进行宣传报道)."""
    c_left, c_right = _bounds(folded, hit.start, hit.end, _CLAUSE_END)
    before = folded[hit.start - 1] if hit.start > c_left else ""
    after = folded[hit.end] if hit.end < c_right else ""
    clause = folded[c_left : hit.start] + "\x00" + folded[hit.end : c_right]
    if _wordish(before) and (_wordish(after) or after == ":") and not lex.topic_re.search(clause):
        return f"wedged into a clause about something else: {text[c_left:c_right][:40]}"
    return ""


def _set_off(hit: _Hit, folded: str) -> bool:
    """``hit`` is quoted, listed or named as a site (“开云体育”、..., 开云体育等, 开云体育网站)."""
    before = folded[hit.start - 1] if hit.start > 0 else ""
    after = folded[hit.end] if hit.end < len(folded) else ""
    return not (_wordish(before) and _wordish(after)) or after in "等网平a"


def _context(hit: _Hit, text: str, folded: str, lex: Lexicon, company: bool) -> None:
    """Evidence for and against ``hit`` from its own sentence and clause."""
    term = lex.terms[hit.canonical]
    hit.evidence.append(Evidence(term.kind, term.weight, _LABEL[term.kind]))
    if term.kind != "ambiguous" and (
        why := _splits_word(hit, text, folded, lex)
        or _before_organ(hit, text, folded, lex)
        or _script_mismatch(hit, text)
    ):
        # Not the sentence's author's word, whatever the sentence is about.
        hit.evidence.append(Evidence("breaks_sentence", lex.evidence.breaks_sentence, why))
        return
    if term.kind == "brand" and (venue := _venue(hit, text, folded, lex)):
        hit.evidence.append(Evidence("venue_name", -term.weight, f"names a venue: {venue}"))
        return
    left, right = _bounds(folded, hit.start, hit.end, _SENTENCE_END)
    sentence = folded[left : hit.start] + "\x00" + folded[hit.end : right]
    cue = lex.enforcement_re.search(sentence)
    if cue and term.kind == "brand" and not _set_off(hit, folded):
        cue = None  # enforcement text quotes or lists the brands it names; this one is bare
    if cue:
        share = lex.enforcement_brand_share if term.kind == "brand" else 0.0
        against = -round(term.weight * (1 - share), 6)
        hit.evidence.append(Evidence("enforcement_context", against, f"{cue.group(0)} nearby"))
    elif term.kind != "brand" and (cue := lex.regulation_re.search(sentence)):
        hit.evidence.append(Evidence("regulation_context", -term.weight, f"{cue.group(0)} nearby"))
    elif term.kind == "ambiguous":
        if cue := lex.place_re.search(sentence):
            hit.evidence.append(Evidence("place_name", -term.weight, f"{cue.group(0)} nearby"))
        elif not company:
            hit.evidence.append(
                Evidence("no_gambling_company", -term.weight, "no other term in its sentence")
            )
    elif term.kind == "brand" and (why := _wedged(hit, text, folded, lex)):
        # Generic words stand alone in honest clauses (建立赌博网站账户黑名单制度);
        # a brand name does not.
        hit.evidence.append(Evidence("breaks_sentence", lex.evidence.breaks_sentence, why))


def _hits(text: str, where: str, lex: Lexicon) -> list[_Hit]:
    found = [
        _Hit(form, canonical, lex.terms[canonical].kind, s, e, where)
        for form, s, e, canonical in find_terms(text, lex)
    ]
    # Which sentences hold a brand or word: an ambiguous term counts only beside one.
    strong = {
        _bounds(text, h.start, h.end, _SENTENCE_END)[0] for h in found if h.kind != "ambiguous"
    }
    folded = fold(text) if found else text
    for hit in found:
        company = _bounds(text, hit.start, hit.end, _SENTENCE_END)[0] in strong
        _context(hit, text, folded, lex, company)
    return found


def _changed_little(text: str, previous_text: str, lex: Lexicon) -> bool:
    """At most ``little_change`` of ``text`` is new since ``previous_text`` (by the
    project's token diff, so one inserted word is that word, not its paragraph)."""
    ops = diff_texts(previous_text, text).ops
    new = sum(op.new_end - op.new_start for op in ops if op.op in ("insert", "replace"))
    return new <= lex.evidence.little_change * max(len(text), 1)


def _broken(hit: _Hit) -> bool:
    return any(e.kind == "breaks_sentence" for e in hit.evidence)


def _weigh(hits: list[_Hit], page: DetailPage, previous_text: str | None, lex: Lexicon) -> None:
    # A word the page itself writes of in enforcement or regulation context is the
    # page's subject: its other mentions (提升居民对跨境网络赌博手段的知晓率) are too.
    against = {"enforcement_context", "regulation_context"}
    subject = {
        h.canonical: h.start
        for h in reversed(hits)
        if h.kind != "brand" and any(e.kind in against for e in h.evidence)
    }
    for hit in hits:
        seen_at = subject.get(hit.canonical)
        if seen_at is not None and hit.weight > 0 and hit.kind != "brand" and not _broken(hit):
            note = f"written of in enforcement or regulation context at {seen_at}"
            hit.evidence.append(Evidence("document_context", -hit.weight, note))
    if previous_text is not None and _changed_little(page.text, previous_text, lex):
        before = {canonical for *_, canonical in find_terms(previous_text, lex)}
        for hit in hits:
            if hit.weight > 0 and hit.canonical not in before:
                note = "not in the previous version, whose text otherwise changed little"
                hit.evidence.append(Evidence("new_in_version", lex.evidence.new_in_version, note))
    for hit in hits:
        if hit.where == "hidden" and hit.weight > 0:
            hit.evidence.append(
                Evidence("hidden_text", lex.evidence.hidden_text, "in text a browser hides")
            )
    best: dict[str, _Hit] = {}
    for hit in hits:
        if hit.canonical not in best or hit.weight > best[hit.canonical].weight:
            best[hit.canonical] = hit
    for hit in hits:
        kept = best[hit.canonical]
        if hit is not kept and hit.weight > 0:
            at = f"at {kept.start}" if kept.start >= 0 else "in hidden text"
            hit.evidence.append(Evidence("counted_once", -hit.weight, f"counted {at}"))
    brands = [
        h
        for h in best.values()
        if h.kind == "brand"
        and h.weight > 0
        and not any(e.kind == "enforcement_context" for e in h.evidence)
    ]
    if len(brands) >= 2:
        second = sorted(brands, key=lambda h: (h.where != "text", h.start))[1]
        names = ", ".join(sorted(h.canonical for h in brands))
        second.evidence.append(
            Evidence("several_brands", lex.evidence.several_brands, f"distinct brands: {names}")
        )


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


def _link_flags(
    page: DetailPage, previous_links: set[str] | None, own: set[str], lex: Lexicon
) -> Iterator[Flag]:
    for link in page.links:
        host = _host(link.url)
        if not host or is_government(host, own):
            continue
        evidence = []
        if link.hidden:
            evidence.append(
                Evidence("hidden_link", lex.evidence.hidden_link, "link a browser hides")
            )
        anchor = f"{link.text} {host}"
        terms = sorted({h.canonical for h in _hits(anchor, "link", lex) if h.weight > 0})
        if terms:
            note = f"anchor or host carries {', '.join(terms)}"
            evidence.append(Evidence("spam_link", lex.evidence.spam_link, note))
        if previous_links is not None and link.url not in previous_links:
            note = "not linked from the previous version"
            evidence.append(Evidence("new_external_link", lex.evidence.new_external_link, note))
        if evidence:
            weight = round(sum(e.weight for e in evidence), 6)
            detail = f"link to {host}: {link.text[:60]}"
            yield Flag(evidence[0].kind, link.url, -1, -1, weight, detail, tuple(evidence))


def scan(
    page: DetailPage,
    *,
    previous_text: str | None = None,
    previous_links: set[str] | None = None,
    own_domains: set[str] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Flag]:
    """All findings for ``page``: body text in text order, then hidden text, then links.

    ``previous_text`` / ``previous_links`` come from the previous version (``None``: this
    is the first, so nothing is new); ``own_domains`` are the source's non-gov.cn
    domains that count as its own.
    """
    lex = lexicon or load_lexicon()
    hits = _hits(page.text, "text", lex)
    for hidden in page.hidden_text:
        # Hidden text is not in page.text, so the offsets cannot point anywhere.
        hits += [
            _Hit(h.form, h.canonical, h.kind, -1, -1, "hidden", h.evidence)
            for h in _hits(hidden, "hidden", lex)
        ]
    _weigh(hits, page, previous_text, lex)
    flags = [
        Flag(
            "spam_term",
            h.form,
            h.start,
            h.end,
            h.weight,
            "in hidden text" if h.where == "hidden" else "in body text",
            tuple(h.evidence),
        )
        for h in hits
    ]
    own = {d.lower() for d in own_domains or set()}
    flags += _link_flags(page, previous_links, own, lex)
    return flags


def score(flags: list[Flag]) -> float:
    """The page's score: the sum of its findings' weights."""
    return round(sum(max(f.weight, 0.0) for f in flags), 6)


def is_flagged(flags: list[Flag], *, lexicon: Lexicon | None = None) -> bool:
    """True when the findings' weights add up to the lexicon threshold (1.0 by default)."""
    return score(flags) >= (lexicon or load_lexicon()).threshold
