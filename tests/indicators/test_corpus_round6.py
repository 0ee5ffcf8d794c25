"""Corpus round 6 (c61-c72, twelve whole report texts labelled before any extractor run): scores.

The extractor runs on each round-6 document with the manifest's area, code and report year (as
ingestion does) and is scored by the project's scorer on the two scope families. The floors are
the first-run strict figures (FIRST_RUN.md, "Round 6": main F1 0.908 P 0.953, multi-year F1
0.864 P 0.901, extractor at the branch point, last ingest/ commit 2813fe2) minus 0.02, so that
this file guards against regressions; raise them when the extractor improves on round 6 (which
then is in-sample). ``python bench/bench_corpus.py --round 6`` prints the same figures with the
error classes.
"""

from __future__ import annotations

import pytest

from tests.indicators.corpus import (
    FAMILIES,
    Document,
    corpus_documents,
    extract_rows,
    score_family,
)
from tests.quality.scoring import Counts

ROUND = 6
FIRST_RUN = {
    "main": {"f1": 0.908, "precision": 0.953},
    "multiyear": {"f1": 0.864, "precision": 0.901},
}
# The extractor of 2026-12-01's integration (tuning round 6, tuned on rounds 1-4 only, plus
# the industry aliases found on round 7), scored on this round: the floors guard these.
CURRENT = {
    "main": {"f1": 0.911, "precision": 0.948},
    "multiyear": {"f1": 0.906, "precision": 0.939},
}
FLOORS = {f: {k: round(v - 0.02, 3) for k, v in fig.items()} for f, fig in CURRENT.items()}


def _round_documents() -> list[Document]:
    return [d for d in corpus_documents() if d.round == ROUND]


@pytest.fixture(scope="module")
def pooled() -> dict[str, Counts]:
    """Strict counts of round 6 per family, summed over its documents."""
    totals = {f: Counts() for f in FAMILIES}
    for doc in _round_documents():
        rows = extract_rows(doc)
        text = doc.text()
        for row in rows:  # provenance holds on these texts too
            assert text[row["char_start"] : row["char_end"]] == row["quote"], doc.name
        for family in FAMILIES:
            result = score_family(doc.gold(), rows, family)
            if result is not None:
                totals[family].add(result.strict)
    return totals


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_round_six_strict_scores_hold(pooled: dict[str, Counts], family: str) -> None:
    counts = pooled[family]
    assert counts.gold >= 80, f"{family}: {counts.gold} gold rows"
    assert counts.f1 >= FLOORS[family]["f1"], f"round 6 {family}: {counts}"
    assert counts.precision >= FLOORS[family]["precision"], f"round 6 {family}: {counts}"


def test_round_six_gold_counts_are_the_committed_ones(pooled: dict[str, Counts]) -> None:
    # the gold committed before the first run (90d60bd): 187 main rows, 88 multi-year rows
    assert (pooled["main"].gold, pooled["multiyear"].gold) == (187, 88)


def test_round_six_holds_long_texts_from_area_years_new_to_the_corpus() -> None:
    docs = corpus_documents()
    earlier = {(d.area, d.year) for d in docs if d.round != ROUND}
    sixth = _round_documents()
    assert len(sixth) >= 12
    for doc in sixth:
        assert len(doc.path.read_text(encoding="utf-8")) >= 7000, doc.name
        assert (doc.area, doc.year) not in earlier, doc.name
        assert not (doc.level == "province" and doc.year == 2026), doc.name
        assert doc.name[1:3].isdigit() and 61 <= int(doc.name[1:3]) <= 72, doc.name
        families = {s["family"] for s in doc.gold()["scopes"]}
        assert len(families) >= 2, doc.name  # every document has at least two scope families
    assert {d.level for d in sixth} == {"province", "prefecture", "county"}
    five_year = [d for d in sixth if d.year in (2021, 2026)]
    assert len(five_year) >= 4
