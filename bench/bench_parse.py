"""Parse, normalize, hash, diff and flag the seed page; prints medians and pages/second.

Usage::

    /work/venv/bin/python bench/bench_parse.py [--runs 50]

A plain script: it prints figures and never fails on time.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.seed import seed_page
from ingest.diff import diff_texts
from ingest.integrity import load_lexicon, scan
from ingest.parse import parse_detail
from ingest.parse.check import check_document
from ingest.text import normalize_text

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches (lexicon, regexes)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs

    html, origin = seed_page()
    page = parse_detail(html, URL)
    text = page.text
    revised = text.replace("增长6.3%", "增长6.5%", 1)
    paras = revised.split("\n")
    paras.insert(len(paras) // 2, "新增的一段说明文字。")
    del paras[-5]
    revised = "\n".join(paras)
    load_lexicon()

    figures = {
        "parse_detail": median_ms(lambda: parse_detail(html, URL), runs),
        "normalize_text (body)": median_ms(lambda: normalize_text(text), runs),
        "sha256 (body)": median_ms(lambda: hashlib.sha256(text.encode()).hexdigest(), runs),
        "diff_texts (3 edits)": median_ms(lambda: diff_texts(text, revised), runs),
        "diff_texts (identical)": median_ms(lambda: diff_texts(text, text), runs),
        "flags.scan": median_ms(lambda: scan(page), runs),
        "check_document": median_ms(lambda: check_document(page, html), runs),
    }
    print(
        f"seed page ({origin}): {len(html.encode()):,} bytes HTML, {len(text):,} chars body, "
        f"{text.count(chr(10)) + 1} paragraphs; median of {runs} runs"
    )
    for name, ms in figures.items():
        print(f"  {name:<24} {ms:8.3f} ms")
    pipeline = sum(
        figures[k]
        for k in (
            "parse_detail",
            "sha256 (body)",
            "diff_texts (3 edits)",
            "flags.scan",
            "check_document",
        )
    )
    print(f"  {'parse only':<24} {1000 / figures['parse_detail']:8.0f} pages/s")
    print(f"  {'parse+hash+diff+flag':<24} {1000 / pipeline:8.0f} pages/s")


if __name__ == "__main__":
    main()
