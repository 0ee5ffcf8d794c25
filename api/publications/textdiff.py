"""Text diffs of publication versions.

The diff itself belongs to ingest (``ingest.diff.diff_texts``), which also decides what
``paragraphs_changed`` means in events; the API imports it lazily so that this package
loads without ingest's dependencies. Until that module exists, a paragraph-level difflib
diff with the same shape stands in::

    ops, paragraphs_changed, unified = diff_texts_compat(old_text, new_text)
"""

from __future__ import annotations

import difflib
import importlib
from typing import Any

from api.publications.schemas import DiffOp


def _ingest_diff() -> Any | None:
    try:
        module = importlib.import_module("ingest.diff")
    except ImportError:
        return None
    return getattr(module, "diff_texts", None)


def diff_texts_compat(
    old: str, new: str, labels: tuple[str, str] = ("old", "new")
) -> tuple[list[DiffOp], int, str]:
    """``(ops, paragraphs_changed, unified)`` for the change from ``old`` to ``new``."""
    diff_texts = _ingest_diff()
    if diff_texts is not None:
        result = diff_texts(old, new)
        ops = [
            DiffOp(
                op=str(o.op),
                old_start=int(o.old_start),
                old_end=int(o.old_end),
                new_start=int(o.new_start),
                new_end=int(o.new_end),
                old_text=str(o.old_text),
                new_text=str(o.new_text),
            )
            for o in result.ops
        ]
        return ops, int(result.paragraphs_changed), str(result.unified)
    return _difflib_diff(old, new, labels)


def _difflib_diff(old: str, new: str, labels: tuple[str, str]) -> tuple[list[DiffOp], int, str]:
    """Fallback: paragraphs (lines) as units; offsets are paragraph indices."""
    a, b = old.splitlines(), new.splitlines()
    ops: list[DiffOp] = []
    changed = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed += max(i2 - i1, j2 - j1)
        ops.append(
            DiffOp(
                op=tag,
                old_start=i1,
                old_end=i2,
                new_start=j1,
                new_end=j2,
                old_text="\n".join(a[i1:i2]),
                new_text="\n".join(b[j1:j2]),
            )
        )
    unified = "".join(
        line if line.endswith("\n") else line + "\n"
        for line in difflib.unified_diff(a, b, labels[0], labels[1], lineterm="")
    )
    return ops, changed, unified
