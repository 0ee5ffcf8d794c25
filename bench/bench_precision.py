"""Whole-document precision: a fixed random sample of extracted rows, checked by hand.

    python bench/bench_precision.py [--per-doc N] [--seed S] [--round R] [--review PATH]
                                    [--brief] [--todo]

Runs the extractor on every document of tests/indicators/corpus/ and
tests/indicators/heldout/ (``--round R``: only the corpus documents of that round, e.g. 4),
samples N rows per document (default 6; the same rows for the same output, per document,
whatever happens to the others; a smaller N samples a subset of a larger N's rows), and
looks each one up in the review file (tests/indicators/corpus/precision_review.toml).
Prints precision over the
reviewed rows, the error classes of the wrong ones, and how many sampled rows are not yet
reviewed. Every sampled row is listed first with its quote and verdict (``--brief``: the
figures only); ``--todo`` prints review stubs for the unreviewed ones, to fill in and
append to the review file.

A review is keyed by (document, quote, indicator_zh, measure, obs_value, time_period): when
the extractor changes a row, its old review no longer applies and the row shows as
unreviewed. A review may also hold the row's indicator_code, obs_kind and ref_area (all
three; every ``--todo`` stub does): it then applies only to a row with the same three
values, and wins over a review without them that keys the same row. A review without them
(the earlier ones) applies whatever those columns now hold, so a row fixed or broken since in
one of them keeps its old verdict; the figures end with how many verdicts came from such
reviews. Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.indicators.corpus import (
    COLUMN_FIELDS,
    ERROR_CLASSES,
    KEY_FIELDS,
    REVIEW_PATH,
    Document,
    ReviewError,
    corpus_documents,
    extract_rows,
    find_review,
    heldout_documents,
    load_reviews,
    review_columns,
    review_key,
)

_SHOWN = ("indicator_code", "ref_area", "obs_kind", "time_period", "measure", "obs_value",
          "obs_value_max", "qualifier", "unit", "compare_scope")  # fmt: skip


def sample(doc: Document, rows: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` rows of one document, drawn with a generator seeded by the seed and its name."""
    rng = random.Random(f"{seed}:{doc.name}")
    picked = rng.sample(range(len(rows)), min(n, len(rows)))
    return [rows[i] for i in sorted(picked)]


def _stub(doc: Document, row: dict[str, Any]) -> str:
    fields = dict(zip(KEY_FIELDS, review_key(doc.name, row), strict=True))
    fields.update(zip(COLUMN_FIELDS, review_columns(row), strict=True))
    lines = ["[[row]]"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    seen = {k: row.get(k) for k in _SHOWN}
    lines.append(f"# {json.dumps(seen, ensure_ascii=False)}")
    lines += ['verdict = ""', 'class = ""', ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--per-doc", type=int, default=6, help="rows sampled per document")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--round", type=int, help="only the corpus documents of this round")
    ap.add_argument("--review", type=Path, default=REVIEW_PATH)
    ap.add_argument("--brief", action="store_true", help="the figures only, no rows")
    ap.add_argument("--todo", action="store_true", help="print stubs for unreviewed rows")
    args = ap.parse_args(argv)
    if args.per_doc < 1:
        print("error: --per-doc must be at least 1", file=sys.stderr)
        return 2
    try:
        reviews = load_reviews(args.review)
    except ReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    verdicts: dict[str, Counter[str]] = {"corpus": Counter(), "heldout": Counter()}
    classes: Counter[str] = Counter()
    todo: list[str] = []
    keyed_only: Counter[str] = Counter()  # verdicts from reviews without the three columns
    sets = [("corpus", corpus_documents()), ("heldout", heldout_documents())]
    if args.round is not None:
        sets = [("corpus", [d for d in corpus_documents() if d.round == args.round])]
    for origin, docs in sets:
        for doc in docs:
            for row in sample(doc, extract_rows(doc), args.per_doc, args.seed):
                review = find_review(reviews, doc.name, row)
                verdict = review.verdict if review else "unreviewed"
                if review and review.columns is None:
                    keyed_only[verdict] += 1
                verdicts[origin][verdict] += 1
                if review and review.verdict == "wrong":
                    classes[review.error_class] += 1
                if review is None:
                    todo.append(_stub(doc, row))
                if not (args.brief or args.todo):
                    mark = (
                        f"{verdict}:{review.error_class}"
                        if review and review.error_class
                        else verdict
                    )
                    seen = " ".join(
                        f"{k}={row.get(k)}" for k in _SHOWN if row.get(k) not in ("", None)
                    )
                    print(f"[{mark}] {doc.name} {row['indicator_zh']!r} {seen}\n    {row['quote']}")

    if args.todo:
        print("\n".join(todo))
        return 0
    total: Counter[str] = Counter()
    for origin, counts in verdicts.items():
        total.update(counts)
        _report(origin, counts)
    _report("all", total)
    wrong = sum(classes.values())
    print("error classes of the wrong rows:")
    for name in ERROR_CLASSES:
        share = classes[name] / wrong if wrong else 0.0
        print(f"  {name:<9} {classes[name]:>4}  {share:6.1%}")
    print(
        f"verdicts from reviews without {', '.join(COLUMN_FIELDS)}: "
        f"correct {keyed_only['correct']}, wrong {keyed_only['wrong']}"
    )
    return 0


def _report(origin: str, counts: Counter[str]) -> None:
    reviewed = counts["correct"] + counts["wrong"]
    precision = counts["correct"] / reviewed if reviewed else 0.0
    print(
        f"{origin:<8} sampled {sum(counts.values()):>4}  reviewed {reviewed:>4}  "
        f"correct {counts['correct']:>4}  wrong {counts['wrong']:>4}  "
        f"unreviewed {counts['unreviewed']:>4}  precision {precision:.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
