"""Differences between two versions of a normalized text (one paragraph per line).

Paragraphs are aligned first; inside each changed pair the diff runs on *tokens* — a
number, an ASCII word, or a single other character (Chinese has no spaces, so a CJK
character is its own token) — which keeps "6.3" -> "6.5" one change instead of "3" -> "5"::

    >>> d = diff_texts("全市GDP增长6.3%\\n第二段", "全市GDP增长6.5%\\n第二段")
    >>> [(op.op, op.old_text, op.new_text, op.old_start, op.old_end) for op in d.ops]
    [('replace', '6.3', '6.5', 7, 10)]
    >>> print(d.unified)
    @@ -1 +1 @@
    -全市GDP增长[-6.3-]%
    +全市GDP增长{+6.5+}%

Offsets index the full old/new texts. Applying the ops to ``old`` in order (with the equal
runs between them) rebuilds ``new`` exactly; tests check that property.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

import msgspec

from ingest.text import paragraphs

OpName = Literal["equal", "insert", "delete", "replace"]

#: Below this similarity a changed paragraph pair is shown as rewritten, not as
#: confetti of one-character edits.
MIN_INLINE_RATIO = 0.4

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+|\s+|.", re.S)


class DiffOp(msgspec.Struct, frozen=True):
    op: OpName
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str


class TextDiff(msgspec.Struct):
    ops: list[DiffOp]
    paragraphs_changed: int
    unified: str

    @property
    def changed(self) -> bool:
        return any(op.op != "equal" for op in self.ops)


def _starts(paras: list[str]) -> list[int]:
    starts, pos = [], 0
    for p in paras:
        starts.append(pos)
        pos += len(p) + 1
    return starts


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class _Differ:
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.a, self.b = paragraphs(old), paragraphs(new)
        self.sa, self.sb = _starts(self.a), _starts(self.b)
        self.ops: list[DiffOp] = []
        self.lines: list[str] = []
        self.changed = 0

    # -- positions ------------------------------------------------------------------------
    def _pos_a(self, i: int) -> int:
        return self.sa[i] if i < len(self.a) else len(self.old)

    def _pos_b(self, j: int) -> int:
        return self.sb[j] if j < len(self.b) else len(self.new)

    def _block_span(
        self,
        starts: list[int],
        paras: list[str],
        text: str,
        i1: int,
        i2: int,
    ) -> tuple[int, int]:
        """Span of paragraphs [i1, i2) with one separating newline, so that removing it
        leaves a well-formed text (the trailing one, or the leading one at the end)."""
        if i2 < len(paras):
            return starts[i1], starts[i2]
        if i1 > 0:
            return starts[i1] - 1, len(text)
        return 0, len(text)

    # -- emitters -------------------------------------------------------------------------
    def _emit(self, op: OpName, a0: int, a1: int, b0: int, b1: int) -> None:
        self.ops.append(DiffOp(op, a0, a1, b0, b1, self.old[a0:a1], self.new[b0:b1]))

    def delete(self, i1: int, i2: int, j: int) -> None:
        a0, a1 = self._block_span(self.sa, self.a, self.old, i1, i2)
        b = self._pos_b(j)
        self._emit("delete", a0, a1, b, b)
        self.lines.append(f"@@ -{i1 + 1},{i2 - i1} +{j} @@")
        self.lines += [f"-{p}" for p in self.a[i1:i2]]
        self.changed += i2 - i1

    def insert(self, j1: int, j2: int, i: int) -> None:
        b0, b1 = self._block_span(self.sb, self.b, self.new, j1, j2)
        a = self._pos_a(i)
        self._emit("insert", a, a, b0, b1)
        self.lines.append(f"@@ -{i} +{j1 + 1},{j2 - j1} @@")
        self.lines += [f"+{p}" for p in self.b[j1:j2]]
        self.changed += j2 - j1

    def pair(self, i: int, j: int) -> None:
        """Token-level diff of old paragraph ``i`` against new paragraph ``j``."""
        pa, pb = self.a[i], self.b[j]
        oa, ob = self.sa[i], self.sb[j]
        ta, tb = _tokens(pa), _tokens(pb)
        matcher = SequenceMatcher(None, ta, tb, autojunk=False)
        self.lines.append(f"@@ -{i + 1} +{j + 1} @@")
        self.changed += 1
        if matcher.ratio() < MIN_INLINE_RATIO:
            self._emit("replace", oa, oa + len(pa), ob, ob + len(pb))
            self.lines += [f"-{pa}", f"+{pb}"]
            return
        # Character offsets of token boundaries.
        ca, cb = [0], [0]
        for t in ta:
            ca.append(ca[-1] + len(t))
        for t in tb:
            cb.append(cb[-1] + len(t))
        minus, plus = [], []
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            old_part, new_part = pa[ca[a0] : ca[a1]], pb[cb[b0] : cb[b1]]
            if tag == "equal":
                minus.append(old_part)
                plus.append(new_part)
                continue
            op: OpName = (
                "replace" if tag == "replace" else "delete" if tag == "delete" else "insert"
            )
            self._emit(op, oa + ca[a0], oa + ca[a1], ob + cb[b0], ob + cb[b1])
            if old_part:
                minus.append(f"[-{old_part}-]")
            if new_part:
                plus.append(f"{{+{new_part}+}}")
        self.lines += ["-" + "".join(minus), "+" + "".join(plus)]

    def run(self) -> None:
        matcher = SequenceMatcher(None, self.a, self.b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if tag == "delete":
                self.delete(i1, i2, j1)
            elif tag == "insert":
                self.insert(j1, j2, i1)
            else:
                n = min(i2 - i1, j2 - j1)
                for k in range(n):
                    self.pair(i1 + k, j1 + k)
                if i2 - i1 > n:
                    self.delete(i1 + n, i2, j1 + n)
                elif j2 - j1 > n:
                    self.insert(j1 + n, j2, i1 + n)


def _with_equal(old: str, new: str, ops: list[DiffOp]) -> list[DiffOp]:
    """Fill the gaps between changes with equal runs (they are identical on both sides)."""
    out: list[DiffOp] = []
    a = b = 0
    for op in ops:
        if op.old_start > a or op.new_start > b:
            out.append(
                DiffOp(
                    "equal",
                    a,
                    op.old_start,
                    b,
                    op.new_start,
                    old[a : op.old_start],
                    new[b : op.new_start],
                )
            )
        out.append(op)
        a, b = op.old_end, op.new_end
    if a < len(old) or b < len(new):
        out.append(DiffOp("equal", a, len(old), b, len(new), old[a:], new[b:]))
    return out


def diff_texts(old: str, new: str, *, include_equal: bool = False) -> TextDiff:
    """Diff two normalized texts; see the module docstring."""
    differ = _Differ(old, new)
    differ.run()
    ops = _with_equal(old, new, differ.ops) if include_equal else differ.ops
    return TextDiff(ops=ops, paragraphs_changed=differ.changed, unified="\n".join(differ.lines))


def apply_ops(old: str, ops: list[DiffOp]) -> str:
    """Rebuild the new text from ``old`` and the non-equal ``ops`` (for checks and tests)."""
    out, pos = [], 0
    for op in ops:
        if op.op == "equal":
            continue
        out.append(old[pos : op.old_start])
        out.append(op.new_text)
        pos = op.old_end
    out.append(old[pos:])
    return "".join(out)
