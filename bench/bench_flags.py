"""Integrity flags: flags / documents on the honest and the defaced corpus, and the time
to scan the seed page. Prints figures; never fails on time.

Usage::

    .venv/bin/python bench/bench_flags.py [--runs 50] [--verbose]

The scan time is measured twice: "cold", with the segmenter's sentence cache emptied
before every run (what a page never seen before costs), and "warm" (a page whose
paragraphs were seen before: every later version of a publication). Loading jieba's
dictionary and compiling the lexicon is a one-time cost per process, printed apart and
kept out of both per-scan figures. The peer is a plain substring search of the same
lexicon (what the project did before words and context): its flags on the same corpora
and its scan time are printed alongside.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.integrity import load_lexicon, scan, score
from ingest.integrity.lexicon import fold
from ingest.integrity.words import _cached_boundaries, segmenter
from ingest.parse.structs import DetailPage
from ingest.text import normalize_text
from tests.fakesite import pages
from tests.integrity.cases import defaced_cases, flagged, honest_cases, substring_flagged


def median_ms(
    fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> tuple[float, float]:
    """(median CPU time, median wall time) of ``fn`` in ms. CPU time is the figure to
    read on a shared machine: wall time also counts other processes' turns."""
    cpu, wall = [], []
    for _ in range(runs):
        if before is not None:
            before()
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def seed_path(shared: Path | None) -> Path:
    """The seed page's text: in ``shared``, ``$GONGKAI_SHARED_DIR`` or beside the repo."""
    folder = shared or pages.shared_dir()
    return folder / "seeds" / pages.SEED_NAME


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--verbose", action="store_true", help="name each miss")
    parser.add_argument(
        "--shared", type=Path, default=None, help="the shared folder (default: GONGKAI_SHARED_DIR)"
    )
    args = parser.parse_args()

    start = time.perf_counter()
    lex = load_lexicon()
    segmenter(lex)
    load_s = time.perf_counter() - start

    honest, defaced = honest_cases(), defaced_cases()
    print(f"one-time load (lexicon + OpenCC variants + jieba dictionary): {load_s:.2f} s")
    print(f"{'':<28}{'ours':>12}{'substring peer':>18}")
    for label, cases, want in (
        ("honest: false flags", honest, False),
        ("defaced: flagged", defaced, True),
    ):
        ours = [c for c in cases if flagged(c)]
        peer = [c for c in cases if substring_flagged(c)]
        print(f"  {label:<26}{len(ours):>5} / {len(cases):<5}{len(peer):>9} / {len(cases):<5}")
        if args.verbose:
            for c in cases:
                if (c in ours) != want:
                    print(f"    ours wrong: {c.name}")

    page = DetailPage(text=normalize_text(seed_path(args.shared).read_text("utf-8")))
    flags = scan(page)
    counted = [(f.term, f.start, f.weight) for f in flags if f.weight]
    print(f"seed page ({len(page.text):,} chars): score {score(flags)}, counted {counted}")
    cold = median_ms(lambda: scan(page), args.runs, before=_cached_boundaries.cache_clear)
    warm = median_ms(lambda: scan(page), args.runs)
    peer = median_ms(lambda: list(lex.term_re.finditer(fold(page.text))), args.runs)
    print(f"  median of {args.runs} runs            CPU ms    wall ms")
    for label, (cpu, wall) in (
        ("scan, cold sentence cache", cold),
        ("scan, warm sentence cache", warm),
        ("substring peer", peer),
    ):
        print(f"  {label:<28}{cpu:8.3f}  {wall:9.3f}")
    print(f"  ours (cold) / peer, CPU: {cold[0] / peer[0]:.1f}x")


if __name__ == "__main__":
    main()
