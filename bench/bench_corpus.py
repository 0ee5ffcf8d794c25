"""Strict scores of the extractor on the corpus, per document and pooled, with error classes.

    python bench/bench_corpus.py [--round N] [--docs PREFIX ...] [--show] [--json]

Runs the extractor on the documents of tests/indicators/corpus/ (``--round 4``: only those
the manifest marks ``round = 4``; ``--docs c49 c50``: only names starting so) with the area,
code and report year of the manifest, as ingestion does, and scores the rows with the
project's scorer (tests/quality/scoring.py) on the two scope families: ``main`` (the year's
targets and the review's headline) and ``multiyear`` (five-year reviews and plans).

Prints one line per document and family (matched / gold / predicted, strict P / R / F1),
the pooled figures (counts summed over documents, then P/R/F1; lenient too), and the error
classes of the strict misses: each predicted row in a scope that matches no gold row
strictly is paired with the missed gold row it comes closest to (same subject, measure and
value first, then the same value); the first difference in the order kind, period, subject,
value (measure, number, range, qualifier, unit, comparison scope), area names its class; an
unpaired predicted row is *spurious*, an unpaired gold row *missing*. ``--show`` lists every
strict miss and extra. Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.indicators.corpus import FAMILIES, Document, corpus_documents, extract_rows
from tests.quality.scoring import Counts, Row, _same_number, _same_subject, assign, lenient, strict

CLASSES = ("kind", "period", "subject", "value", "area", "spurious", "missing")
_VALUE = ("measure", "obs_value", "obs_value_max", "qualifier", "unit", "compare_scope")


def _fault(gold: Row, pred: Row) -> str:
    """The first column group in which ``pred`` differs from ``gold`` (they are paired)."""
    if pred.get("obs_kind") != gold["obs_kind"]:
        return "kind"
    if str(pred.get("time_period", "")) != str(gold["time_period"]):
        return "period"
    if not _same_subject(gold, pred):
        return "subject"
    for col in _VALUE:
        if col in ("obs_value", "obs_value_max"):
            if not _same_number(pred.get(col), gold.get(col)):
                return "value"
        elif (pred.get(col) or "") != (gold.get(col) or ""):
            return "value"
    return "area"


Error = tuple[str, Row | None, Row | None]


def classify(gold: dict[str, Any], rows: list[dict[str, Any]], family: str) -> list[Error]:
    """(class, gold row, predicted row) for every strict error of one family of one document."""
    scopes = [s for s in gold["scopes"] if s.get("family") in FAMILIES[family]]
    errors: list[Error] = []
    for scope, bucket in zip(scopes, assign(rows, scopes), strict=True):
        free = list(bucket)
        missed = []
        for g in scope["rows"]:
            hit = next((p for p in free if strict(g, p)), None)
            if hit is None:
                missed.append(g)
            else:
                free.remove(hit)
        for pred in free:
            pair = next((g for g in missed if lenient(g, pred)), None)
            if pair is None:
                value = pred.get("obs_value")
                pair = next((g for g in missed if _same_number(g["obs_value"], value)), None)
            if pair is None:
                errors.append(("spurious", None, pred))
            else:
                missed.remove(pair)
                errors.append((_fault(pair, pred), pair, pred))
        errors += [("missing", g, None) for g in missed]
    return errors


def _counts(
    gold: dict[str, Any], rows: list[dict[str, Any]], family: str
) -> tuple[Counts, Counts] | None:
    scopes = [s for s in gold["scopes"] if s.get("family") in FAMILIES[family]]
    if not scopes:
        return None
    s_counts, l_counts = Counts(), Counts()
    for scope, bucket in zip(scopes, assign(rows, scopes), strict=True):
        for counts, same in ((s_counts, strict), (l_counts, lenient)):
            free = list(bucket)
            matched = 0
            for g in scope["rows"]:
                hit = next((p for p in free if same(g, p)), None)
                if hit is not None:
                    free.remove(hit)
                    matched += 1
            counts.add(Counts(matched, len(scope["rows"]), len(bucket)))
    return s_counts, l_counts


def _fmt(c: Counts) -> str:
    counts = f"{c.matched:>3}/{c.gold:>3}/{c.predicted:>3}"
    return f"{counts}  P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"


_SHOWN = ("indicator_code", "indicator_zh", "ref_area", "obs_kind", "time_period", "measure",
          "obs_value", "obs_value_max", "qualifier", "unit", "compare_scope", "quote")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--round", type=int, help="only the documents of this corpus round")
    ap.add_argument("--docs", nargs="*", default=[], help="only names starting with these")
    ap.add_argument("--show", action="store_true", help="list every strict miss and extra")
    ap.add_argument("--json", action="store_true", help="the pooled figures as one JSON object")
    args = ap.parse_args(argv)
    docs: list[Document] = [
        d
        for d in corpus_documents()
        if (args.round is None or d.round == args.round)
        and (not args.docs or any(d.name.startswith(p) for p in args.docs))
    ]
    if not docs:
        print("error: no corpus document matches", file=sys.stderr)
        return 2
    pooled = {f: (Counts(), Counts()) for f in FAMILIES}
    classes = {f: Counter[str]() for f in FAMILIES}
    for doc in docs:
        gold, rows = doc.gold(), extract_rows(doc)
        cells = []
        for family in FAMILIES:
            result = _counts(gold, rows, family)
            if result is None:
                cells.append(f"{family}: -")
                continue
            pooled[family][0].add(result[0])
            pooled[family][1].add(result[1])
            cells.append(f"{family}: {_fmt(result[0])}")
            for name, g, p in classify(gold, rows, family):
                classes[family][name] += 1
                if args.show:
                    seen = {k: p.get(k) for k in _SHOWN} if p else None
                    print(
                        f"  {doc.name} {family} {name}: gold={json.dumps(g, ensure_ascii=False)} "
                        f"pred={json.dumps(seen, ensure_ascii=False)}"
                    )
        if not args.json:
            print(f"{doc.name:<34} {len(rows):>4} rows  " + "  ".join(cells))
    if args.json:
        out = {
            f: {"strict": vars(s), "lenient": vars(lax), "strict_f1": s.f1,
                "strict_precision": s.precision, "classes": dict(classes[f])}
            for f, (s, lax) in pooled.items()
        }  # fmt: skip
        print(json.dumps({"documents": len(docs), **out}, ensure_ascii=False))
        return 0
    print(f"pooled over {len(docs)} documents (matched/gold/predicted):")
    for family, (s, lax) in pooled.items():
        lenient_figures = f"P {lax.precision:.3f} R {lax.recall:.3f} F1 {lax.f1:.3f}"
        print(f"  {family:<9} strict {_fmt(s)}   lenient {lenient_figures}")
    print("strict errors by class:")
    for family in FAMILIES:
        print(f"  {family:<9} " + "  ".join(f"{c} {classes[family][c]}" for c in CLASSES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
