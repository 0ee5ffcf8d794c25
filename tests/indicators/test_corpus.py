"""The held-out corpus of real work reports (tests/indicators/corpus/): pooled strict scores.

The extractor runs on every corpus passage with the area and the report year that a
publication's metadata gives it (as ingestion does), and is scored by the project's scorer
on two scope families: the main scopes (the year's targets and the review's headline) and
the multi-year parts (five-year reviews and plans). The floors are what the extractor
reached when the corpus was added (FIRST_RUN.md): they guard against regressions and are
raised when the extractor improves.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.indicators.corpus import (
    CORPUS_DIR,
    FAMILIES,
    corpus_documents,
    extract_rows,
    manifest,
    score_family,
)
from tests.quality.scoring import Counts, squeeze

# Pooled strict figures of the extractor when the corpus was added, rounded down.
FLOORS = {
    "main": {"f1": 0.70, "precision": 0.71},
    "multiyear": {"f1": 0.31, "precision": 0.48},
}


@pytest.fixture(scope="module")
def pooled() -> dict[str, Counts]:
    totals = {family: Counts() for family in FAMILIES}
    for doc in corpus_documents():
        rows = extract_rows(doc)
        text = doc.text()
        for row in rows:  # provenance holds on real text too
            assert text[row["char_start"] : row["char_end"]] == row["quote"], doc.name
        for family, counts in totals.items():
            result = score_family(doc.gold(), rows, family)
            if result is not None:
                counts.add(result.strict)
    return totals


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_pooled_strict_scores_hold(pooled: dict[str, Counts], family: str) -> None:
    counts = pooled[family]
    assert counts.gold >= 100  # each family is scored on enough rows to mean something
    assert counts.f1 >= FLOORS[family]["f1"], f"{family}: {counts}"
    assert counts.precision >= FLOORS[family]["precision"], f"{family}: {counts}"


def test_every_gold_scope_is_in_its_document() -> None:
    families: Counter[str] = Counter()
    for doc in corpus_documents():
        text = squeeze(doc.path.read_text(encoding="utf-8"))
        gold = doc.gold()
        assert gold["document"] == doc.path.name
        assert gold["ref_area"] == doc.area
        for scope in gold["scopes"]:
            assert squeeze(scope["text"]) in text, (doc.name, scope["text"][:30])
            families[scope["family"]] += len(scope["rows"])
    assert set(families) == {"targets", "headline", "multiyear"}
    assert families["multiyear"] >= 100


def test_the_manifest_covers_the_corpus_and_keeps_its_rules() -> None:
    docs = manifest()
    names = [d["name"] for d in docs]
    assert len(names) == len(set(names)) >= 25
    on_disk = {p.stem for p in CORPUS_DIR.glob("*.txt")}
    assert on_disk == set(names)
    for d in docs:
        assert re.fullmatch(r"c\d\d_(province|prefecture|county|district)_\d{4}_[a-z]+", d["name"])
        assert d["level"] in {"province", "prefecture", "county"}
        assert 2016 <= d["year"] <= 2026
        assert (CORPUS_DIR / f"{d['name']}.gold.json").is_file()
        # Reserved for outside checks, or the extractor's own development set.
        assert not (d["level"] == "province" and d["year"] in (2021, 2026)), d["name"]
    recent = [d for d in docs if d["year"] == 2026 and d["level"] in {"prefecture", "county"}]
    assert len(recent) >= 8
