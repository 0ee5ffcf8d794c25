"""Score extracted observations against a hand-labelled gold file.

    python -m tests.quality.scoring --gold GOLD.json --pred observations.csv [--show] [--json]

Or from a test::

    gold = load_gold(path)
    result = score(gold, rows)        # rows: dicts with the schema's columns
    assert result.strict.f1 >= 0.95, result.report()

A gold file holds ``scopes``: passages of one document (a sentence, a paragraph, a part),
each listing every observation that docs/SCHEMA.md defines in it and nothing else. A
predicted row is scored in the scope whose text contains its ``quote`` (spaces and
full-width forms ignored); a quote wider than a scope counts in the scope it covers; where
several scopes contain it, the one nearest the row's ``char_start`` wins for scopes that
carry a ``start`` offset, and a scope with ``start`` and ``length`` takes only rows whose
quote (``char_start`` to ``char_end``) overlaps it: a sentence repeated word for word in
another part of the document is another observation, with its own date. Rows outside every
scope are not scored: a gold file says what it covers, and only that.

Matching is one-to-one, gold rows in file order:

- *lenient*: the indicator (its catalog code, or for an uncatalogued subject the gold
  ``label_key`` contained in the row's ``indicator_zh``), the measure and the value agree;
- *strict*: lenient, and also the kind, the period, the range maximum, the qualifier, the
  unit and the comparison scope; where a gold row names a ``ref_area`` (the subject is
  about another area than the document's), the row's ``ref_area`` too.

Standard library only, so that it runs wherever the tests run.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = Mapping[str, Any]
Same = Callable[[Row, Row], bool]


def squeeze(text: str | None) -> str:
    """Text compared the way a reader compares it: NFKC forms, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _same_number(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)


def _same_subject(gold: Row, pred: Row) -> bool:
    if gold.get("indicator_code"):
        return bool(pred.get("indicator_code", "") == gold["indicator_code"])
    return squeeze(gold.get("label_key")) in squeeze(pred.get("indicator_zh"))


def lenient(gold: Row, pred: Row) -> bool:
    """Indicator, measure and value agree."""
    return (
        _same_subject(gold, pred)
        and pred.get("measure") == gold["measure"]
        and _same_number(pred.get("obs_value"), gold["obs_value"])
    )


def strict(gold: Row, pred: Row) -> bool:
    """Every column a subscriber reads agrees (see the module docstring)."""
    if not lenient(gold, pred):
        return False
    if gold.get("ref_area") and pred.get("ref_area") != gold["ref_area"]:
        return False
    return (
        pred.get("obs_kind") == gold["obs_kind"]
        and str(pred.get("time_period", "")) == str(gold["time_period"])
        and _same_number(pred.get("obs_value_max"), gold.get("obs_value_max"))
        and pred.get("qualifier") == gold["qualifier"]
        and pred.get("unit") == gold["unit"]
        and (pred.get("compare_scope") or "") == (gold.get("compare_scope") or "")
    )


@dataclass
class Counts:
    """True positives against gold and predicted rows, with the derived figures."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.predicted += other.predicted

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"


@dataclass
class Score:
    """Strict and lenient counts over all scopes, and the strict misses and extras."""

    document: str
    strict: Counts = field(default_factory=Counts)
    lenient: Counts = field(default_factory=Counts)
    missed: list[tuple[str, Row]] = field(default_factory=list)
    unmatched: list[tuple[str, Row]] = field(default_factory=list)

    def report(self, *, show: bool = True) -> str:
        """One summary line, then (with ``show``) one line per strict miss and extra."""
        lines = [
            f"{self.document}: {self.strict.gold} gold rows, {self.strict.predicted} predicted "
            f"in scope; strict {self.strict}; lenient {self.lenient}"
        ]
        if show:
            keep = (
                "indicator_code", "indicator_zh", "ref_area", "measure", "obs_kind",
                "time_period", "obs_value", "obs_value_max", "qualifier", "unit",
                "compare_scope", "quote",
            )  # fmt: skip
            for scope, row in self.missed:
                lines.append(f"  missed [{scope}]: {json.dumps(dict(row), ensure_ascii=False)}")
            for scope, row in self.unmatched:
                picked = {k: row.get(k) for k in keep}
                lines.append(f"  unmatched [{scope}]: {json.dumps(picked, ensure_ascii=False)}")
        return "\n".join(lines)


def _distance(scope: Row, pred: Row) -> float:
    try:
        at, start = int(pred.get("char_start", "")), int(scope["start"])
    except (KeyError, TypeError, ValueError):
        return 0.0  # a scope without offsets keeps the file order
    end = start + int(scope.get("length", 0))
    return 0.0 if start <= at <= end else float(min(abs(at - start), abs(at - end)))


def _within(scope: Row, pred: Row) -> bool:
    """Whether ``pred`` lies in ``scope`` by offsets (True where either has none)."""
    if "start" not in scope or "length" not in scope:
        return True
    try:
        at, end = int(pred.get("char_start", "")), int(pred.get("char_end", ""))
    except (TypeError, ValueError):
        return True
    start = int(scope["start"])
    return at <= start + int(scope["length"]) and end >= start  # the quote overlaps it


def assign(preds: Iterable[Row], scopes: Sequence[Row]) -> list[list[Row]]:
    """The predicted rows of each scope, in scope order (rows outside all are dropped)."""
    texts = [squeeze(s["text"]) for s in scopes]
    buckets: list[list[Row]] = [[] for _ in scopes]
    for pred in preds:
        quote = squeeze(pred.get("quote"))
        if not quote:
            continue
        inside = [i for i, t in enumerate(texts) if quote in t and _within(scopes[i], pred)]
        if not inside:
            inside = [i for i, t in enumerate(texts) if t in quote and _within(scopes[i], pred)]
        if len(inside) > 1:
            inside.sort(key=lambda i: _distance(scopes[i], pred))
        if inside:
            buckets[inside[0]].append(pred)
    return buckets


def _match(golds: Sequence[Row], preds: Sequence[Row], same: Same) -> tuple[list[Row], list[Row]]:
    """Greedy one-to-one matching: (gold rows missed, predicted rows left over)."""
    free = list(preds)
    missed = []
    for gold in golds:
        hit = next((p for p in free if same(gold, p)), None)
        if hit is None:
            missed.append(gold)
        else:
            free.remove(hit)
    return missed, free


def score(gold: Mapping[str, Any], preds: Iterable[Row]) -> Score:
    """Score ``preds`` (rows with the schema's columns) against a loaded gold file."""
    scopes = gold["scopes"]
    result = Score(document=str(gold.get("document", "")))
    for scope, bucket in zip(scopes, assign(preds, scopes), strict=True):
        label = squeeze(scope["text"])[:24]
        for counts, same in ((result.strict, strict), (result.lenient, lenient)):
            missed, extra = _match(scope["rows"], bucket, same)
            counts.add(Counts(len(scope["rows"]) - len(missed), len(scope["rows"]), len(bucket)))
            if same is strict:
                result.missed += [(label, g) for g in missed]
                result.unmatched += [(label, p) for p in extra]
    return result


def load_gold(path: Path | str) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return gold


def read_csv(path: Path | str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score observations against a gold file.")
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--pred", required=True, type=Path, help="CSV with the schema's columns")
    ap.add_argument("--show", action="store_true", help="list strict misses and extras")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args(argv)
    result = score(load_gold(args.gold), read_csv(args.pred))
    if args.json:
        figures = {
            name: {"matched": c.matched, "gold": c.gold, "predicted": c.predicted,
                   "precision": c.precision, "recall": c.recall, "f1": c.f1}
            for name, c in (("strict", result.strict), ("lenient", result.lenient))
        }  # fmt: skip
        print(json.dumps({"document": result.document, **figures}, ensure_ascii=False))
    else:
        print(result.report(show=args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
