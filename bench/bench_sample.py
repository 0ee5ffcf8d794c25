"""Whole-document precision: a fixed-seed random sample of rows per document, for review.

    python bench/bench_sample.py [--per-doc N] [--seed S] [--verdicts FILE] [FILE ...]

Extracts every document (default: the seed report, the held-out and the dev documents under
tests/) and prints N rows of each, chosen with a fixed random seed, one per line with its
quote, so that a reviewer can mark each row right or wrong. With ``--verdicts`` (a JSON
file mapping ``document@char_start:value_text`` to ``"ok"`` or an error class) it prints the
precision of the reviewed rows and the count of each error class. Figures only: nothing here
passes or fails.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.indicators import extract
from ingest.text import normalize_text

_TESTS = Path(__file__).resolve().parents[1] / "tests"
_AREAS = {
    "000_bf4afe242fd5e895": "抚州市",
    "h1_province_2022": "湖南省",
    "h2_prefecture_2025": "南阳市",
    "h3_county_2020": "安吉县",
    "h4_fiveyear_2023": "宜昌市",
    "h5_prefecture_2019": "定西市",
    "h6_district_2024": "鄞州区",
    "h7_province_2023": "福建省",
}


def _documents(paths: list[Path]) -> list[tuple[str, str, str, int | None]]:
    """(name, text, area, report year) of each document to sample."""
    if not paths:
        paths = sorted((_TESTS / "data" / "seed").glob("*.txt"))
        paths += sorted((_TESTS / "indicators" / "heldout").glob("*.txt"))
        paths += sorted((_TESTS / "indicators" / "dev").glob("*.txt"))
    out = []
    for p in paths:
        gold = p.with_name(p.stem + ".gold.json")
        meta = json.loads(gold.read_text(encoding="utf-8")) if gold.exists() else {}
        area = meta.get("ref_area") or _AREAS.get(p.stem, "")
        out.append(
            (p.stem, normalize_text(p.read_text(encoding="utf-8")), area, meta.get("report_year"))
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--per-doc", type=int, default=15)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--verdicts", type=Path)
    args = ap.parse_args()
    verdicts = json.loads(args.verdicts.read_text(encoding="utf-8")) if args.verdicts else {}
    rng = random.Random(args.seed)
    sampled = reviewed = right = 0
    errors: Counter[str] = Counter()
    for name, text, area, year in _documents(args.files):
        rows = extract(text, ref_area=area, report_year=year)
        picks = sorted(rng.sample(range(len(rows)), min(args.per_doc, len(rows))))
        print(f"== {name}: {len(rows)} rows, {len(picks)} sampled")
        for i in picks:
            r = rows[i]
            key = f"{name}@{r.char_start}:{r.value_text}"  # a verdict never moves to another row
            mark = verdicts.get(key, "")
            print(
                f"{key}\t{mark or '?'}\t{r.obs_kind} {r.time_period} {r.ref_area}"
                f" | {r.indicator_zh} ({r.indicator_code or '-'}) {r.measure} {r.obs_value:g}"
                f"{'' if r.obs_value_max is None else f'-{r.obs_value_max:g}'} {r.qualifier}"
                f" {r.unit} {r.compare_scope} | {r.quote}"
            )
            sampled += 1
            if mark:
                reviewed += 1
                right += mark == "ok"
                if mark != "ok":
                    errors[mark] += 1
    print(f"sampled {sampled} rows (seed {args.seed}, {args.per_doc} per document)")
    if reviewed:
        print(f"reviewed {reviewed}: {right} right, precision {right / reviewed:.3f}")
        for kind, n in errors.most_common():
            print(f"  {kind}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
