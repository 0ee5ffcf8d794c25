"""Indicator extraction throughput on the seed work report.

    python bench/bench_extract.py [--runs N] [--seed PATH]

Prints the median time for one whole seed document and characters per second. Figures
only: nothing here passes or fails on time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.seed import seed_text
from ingest.indicators import extract, load_catalog
from ingest.text import normalize_text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--seed", type=Path, help="a text file (default: the repository's seed)")
    args = ap.parse_args()
    if args.seed is not None:
        text, origin = normalize_text(args.seed.read_text(encoding="utf-8")), str(args.seed)
    else:
        text, origin = seed_text()
    catalog = load_catalog()
    rows = extract(text, catalog=catalog)  # warm-up (imports, regex compilation, catalog)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        extract(text, catalog=catalog)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"seed ({origin}): {len(text)} chars, {len(rows)} observations, {args.runs} runs")
    print(f"one document: median {median * 1000:.2f} ms (min {min(times) * 1000:.2f} ms)")
    print(f"throughput: {len(text) / median:,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
