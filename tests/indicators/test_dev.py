"""Development documents (tests/indicators/dev/): real reports from public copies, labelled
by hand before the extractor was run on them, scored by the project's scorer.

They are what the multi-year reading was developed on, so they guard against regressions
rather than measure it: 2017 reports reviewing 2012-2016 (one mirrored in traditional
characters, one with a copy site's lost characters, one a news digest in list form) and a
news report quoting a 2021 region report. Strict F1 before the structure model: 0.392
overall (guangxi 1.000, guangzhou 0.571, huzhou 0.263, yibin 0.074); after: 0.982.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from ingest.indicators import extract
from ingest.text import normalize_text
from tests.quality.scoring import Counts, load_gold, score, squeeze

HERE = Path(__file__).resolve().parent / "dev"
DOCS = sorted(p.name.removesuffix(".gold.json") for p in HERE.glob("*.gold.json"))


def _score(name: str) -> tuple[Counts, str]:
    gold_path = HERE / f"{name}.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = normalize_text((HERE / f"{name}.txt").read_text(encoding="utf-8"))
    rows = extract(
        text,
        ref_area=gold["ref_area"],
        ref_area_code=gold["ref_area_code"],
        report_year=gold["report_year"],
    )
    for r in rows:
        assert text[r.char_start : r.char_end] == r.quote
    result = score(load_gold(gold_path), [msgspec.to_builtins(r) for r in rows])
    return result.strict, result.report()


def test_there_are_dev_documents_and_their_scopes_are_in_them() -> None:
    assert len(DOCS) >= 4
    for name in DOCS:
        text = squeeze((HERE / f"{name}.txt").read_text(encoding="utf-8"))
        gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
        for scope in gold["scopes"]:
            assert squeeze(scope["text"]) in text


@pytest.mark.parametrize("name", DOCS)
def test_dev_document_precision_and_f1(name: str) -> None:
    strict, report = _score(name)
    assert strict.precision == 1.0, report  # precision first: no wrong row at all
    assert strict.f1 >= 0.94, report


def test_dev_documents_together() -> None:
    total = Counts()
    for name in DOCS:
        total.add(_score(name)[0])
    assert total.gold >= 50
    assert total.f1 >= 0.98
