"""A publication's text cut into pieces for display: extracted numbers, flagged spam and
one chosen clause marked, everything else plain::

    pieces = highlight(text, observations, flags, selected="obs-3f1c...")
    [(p.text, p.number is not None, p.clause, p.flag) for p in pieces]

An observation's offsets (``char_start``..``char_end``) locate its quote in the text of
the version it was read from; the number itself is the first ``value_text`` inside the
quote. Rows whose quote is not at its offsets in this text (a row kept from an older
version whose text has since moved) are left out rather than shown in the wrong place.
The template escapes every piece.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from api.observations.schemas import ObservationOut


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    observation: ObservationOut


@dataclass
class Piece:
    text: str
    number: ObservationOut | None = None
    #: ids of observations whose number starts here (the first carries the element id)
    anchors: list[str] = field(default_factory=list)
    clause: bool = False
    flag: dict[str, Any] | None = None
    #: the last piece of a flagged term: the reason is shown after it
    flag_end: bool = False


def locate(text: str, observations: Sequence[ObservationOut]) -> list[Number]:
    """Where each observation's number is in ``text``, in text order (unplaceable: left out)."""
    numbers = []
    for o in observations:
        if not o.quote or text[o.char_start : o.char_end] != o.quote:
            continue
        at = o.quote.find(o.value_text) if o.value_text else -1
        start = o.char_start + max(at, 0)
        end = start + len(o.value_text) if at >= 0 else o.char_end
        numbers.append(Number(start, end, o))
    numbers.sort(key=lambda n: (n.start, n.end))
    return numbers


def _flag_spans(text: str, flags: Sequence[Any]) -> list[tuple[int, int, dict[str, Any]]]:
    spans = []
    for f in flags:
        if not isinstance(f, dict):
            continue
        start, end = f.get("start", -1), f.get("end", -1)
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append((start, end, f))
    return spans


def highlight(
    text: str,
    observations: Sequence[ObservationOut],
    flags: Sequence[Any] = (),
    *,
    selected: str | None = None,
) -> list[Piece]:
    numbers = locate(text, observations)
    spans = _flag_spans(text, flags)
    clause: tuple[int, int] | None = None
    for n in numbers:
        if n.observation.observation_id == selected:
            clause = (n.observation.char_start, n.observation.char_end)
    cuts = {0, len(text)}
    for n in numbers:
        cuts.update((n.start, n.end))
    for start, end, _ in spans:
        cuts.update((start, end))
    if clause:
        cuts.update(clause)
    points = sorted(cuts)
    starts = [n.start for n in numbers]
    pieces: list[Piece] = []
    seen: set[str] = set()
    for a, b in itertools.pairwise(points):
        piece = Piece(text[a:b])
        # Numbers covering [a, b): the first one owns the piece; all starting at a anchor.
        for n in numbers[: bisect.bisect_right(starts, a)]:
            if n.start <= a and b <= n.end:
                if piece.number is None:
                    piece.number = n.observation
                oid = n.observation.observation_id
                if n.start == a and oid not in seen:
                    seen.add(oid)
                    piece.anchors.append(oid)
        for start, end, f in spans:
            if start <= a and b <= end:
                piece.flag = f
                piece.flag_end = b == end
        piece.clause = clause is not None and clause[0] <= a and b <= clause[1]
        pieces.append(piece)
    return pieces
