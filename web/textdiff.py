"""A version diff laid out for reading: the new text inline, deletions and insertions
marked, changed numbers emphasised::

    pieces = inline_diff(old_text, new_text)
    [(p.kind, p.text, p.number) for p in pieces if p.kind != "equal"]
    # [('delete', '6.3', True), ('insert', '6.5', True)]

The diff itself is the API's (``api.publications.textdiff``, which runs ingest's token
diff: CJK characters one by one, a number as one token), so the page and
``/v1/publications/{id}/versions/{n}/diff`` always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.publications.textdiff import diff_texts_compat

_NUMBER = re.compile(r"\d")
#: unchanged runs longer than this are cut to their ends, with the middle folded away
CONTEXT = 160


@dataclass(frozen=True)
class DiffPiece:
    kind: str  # equal | delete | insert | fold
    text: str
    number: bool = False


def _equal(text: str) -> list[DiffPiece]:
    if len(text) <= 2 * CONTEXT:
        return [DiffPiece("equal", text)]
    return [
        DiffPiece("equal", text[:CONTEXT]),
        DiffPiece("fold", text[CONTEXT:-CONTEXT]),
        DiffPiece("equal", text[-CONTEXT:]),
    ]


def inline_diff(old: str, new: str) -> list[DiffPiece]:
    ops, _, _ = diff_texts_compat(old, new)
    pieces: list[DiffPiece] = []
    at = 0  # position in old
    for op in ops:
        if op.op == "equal":
            continue
        if op.old_start > at:
            pieces.extend(_equal(old[at : op.old_start]))
        if op.old_text:
            pieces.append(DiffPiece("delete", op.old_text, bool(_NUMBER.search(op.old_text))))
        if op.new_text:
            pieces.append(DiffPiece("insert", op.new_text, bool(_NUMBER.search(op.new_text))))
        at = op.old_end
    if at < len(old):
        pieces.extend(_equal(old[at:]))
    return pieces
