"""The held-out work-report corpus: real passages, their manifest and their gold.

Each ``NAME.txt`` here is a passage of a real work report (政府工作报告) as a public copy
gave it; ``manifest.toml`` says whose report it is, of which year and where it was found;
``NAME.gold.json`` lists, per scope, every observation that SCHEMA.md defines in it. Every
scope has a ``family``: ``targets`` (the year's main targets), ``headline`` (the review's
headline figures) or ``multiyear`` (a five-year review or a five-year plan). The gold was
written before the extractor was ever run on the document (FIRST_RUN.md has the scores of
that first run). Used by tests/indicators/test_corpus.py and bench/bench_precision.py::

    for doc in corpus_documents():
        rows = extract_rows(doc)
        result = score_family(doc.gold(), rows, "main")
        print(doc.name, result.strict)

The held-out documents of tests/indicators/heldout/ load the same way
(``heldout_documents()``); they are written in the style of real reports, not copied.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ingest.indicators import extract
from ingest.text import normalize_text
from tests.quality.scoring import Score, score

CORPUS_DIR = Path(__file__).resolve().parent
HELDOUT_DIR = CORPUS_DIR.parent / "heldout"
MANIFEST_PATH = CORPUS_DIR / "manifest.toml"

# The scope families that are scored together: the two that matter most, and the
# multi-year parts (five-year reviews and plans).
FAMILIES: dict[str, tuple[str, ...]] = {
    "main": ("targets", "headline"),
    "multiyear": ("multiyear",),
}


@dataclass(frozen=True)
class Document:
    """One document with what the extractor is told about it."""

    name: str
    path: Path
    area: str
    area_code: str = ""
    level: str = ""
    year: int | None = None  # the report's year, as a publication's metadata gives it
    found: str = ""
    round: int = 0  # the corpus round that added it, where the manifest says (round 4 on)

    @property
    def gold_path(self) -> Path:
        return self.path.with_name(f"{self.name}.gold.json")

    def text(self) -> str:
        """The document as the extractor sees it (normalized, as ingestion stores it)."""
        return normalize_text(self.path.read_text(encoding="utf-8"))

    def gold(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.gold_path.read_text(encoding="utf-8"))
        return loaded


def manifest() -> list[dict[str, Any]]:
    """The manifest's ``[[document]]`` tables, in file order."""
    with MANIFEST_PATH.open("rb") as fh:
        docs: list[dict[str, Any]] = tomllib.load(fh)["document"]
    return docs


#: Rounds kept unseen while someone tunes the extractor (``GONGKAI_CORPUS_UNSEEN=17,18``):
#: corpus_documents() leaves them out, so that the benches and the pooled tests neither
#: print nor score them until their first run. Unset in CI: every round is read.
UNSEEN_ROUNDS_VARIABLE = "GONGKAI_CORPUS_UNSEEN"


def _unseen_rounds() -> set[int]:
    value = os.environ.get(UNSEEN_ROUNDS_VARIABLE, "")
    return {int(part) for part in value.split(",") if part.strip()}


def corpus_documents() -> list[Document]:
    """Every document of the corpus, in manifest order (but the unseen rounds)."""
    unseen = _unseen_rounds()
    return [
        Document(
            name=d["name"],
            path=CORPUS_DIR / f"{d['name']}.txt",
            area=d["area"],
            area_code=d.get("code", ""),
            level=d["level"],
            year=int(d["year"]),
            found=d["found"],
            round=int(d.get("round", 0)),
        )
        for d in manifest()
        if int(d.get("round", 0)) not in unseen
    ]


def heldout_documents() -> list[Document]:
    """The seven held-out documents of tests/indicators/heldout/ (their year from the text)."""
    from tests.indicators.test_heldout import DOCS  # the one list of their areas

    return [
        Document(name=n, path=HELDOUT_DIR / f"{n}.txt", area=a) for n, a in sorted(DOCS.items())
    ]


def extract_rows(doc: Document) -> list[dict[str, Any]]:
    """The extractor's rows for ``doc`` as plain dicts with the schema's columns."""
    rows = extract(doc.text(), ref_area=doc.area, ref_area_code=doc.area_code, report_year=doc.year)
    return [msgspec.to_builtins(r) for r in rows]


def score_family(gold: dict[str, Any], rows: list[dict[str, Any]], family: str) -> Score | None:
    """``rows`` scored on the gold scopes of one family (None where the document has none)."""
    scopes = [s for s in gold["scopes"] if s.get("family") in FAMILIES[family]]
    if not scopes:
        return None
    return score(dict(gold, scopes=scopes), rows)


# --- Reviews of sampled rows (bench/bench_precision.py) ---------------------------------

REVIEW_PATH = CORPUS_DIR / "precision_review.toml"
VERDICTS = ("correct", "wrong")
# Why a row is wrong, its first fault in this order: not an observation at all; actual vs
# target from the document's structure; the year or interval; the subject (cut, not a
# subject, wrong catalog code); the area; the value as read (number, unit, measure,
# qualifier, comparison scope).
ERROR_CLASSES = ("spurious", "kind", "period", "subject", "area", "value")
KEY_FIELDS = ("document", "quote", "indicator_zh", "measure", "obs_value", "time_period")
# The columns a column-exact review also holds (all three or none): such a review applies only
# to a row with the same values, and wins over a review without them that keys the same row.
COLUMN_FIELDS = ("indicator_code", "obs_kind", "ref_area")

ReviewKey = tuple[str, str, str, str, str, str]
Columns = tuple[str, str, str]
#: A review's place in load_reviews()'s mapping: its key and, for a column-exact review, the
#: three columns (None for a review keyed only by KEY_FIELDS).
ReviewSlot = tuple[ReviewKey, Columns | None]


class ReviewError(ValueError):
    """A review file that cannot be read as reviews; the message is one line."""


@dataclass(frozen=True)
class Review:
    verdict: str
    error_class: str = ""
    note: str = ""
    columns: Columns | None = None  # (indicator_code, obs_kind, ref_area) of a column-exact one


def _value_text(value: Any) -> str:
    return "" if value in (None, "") else repr(float(value))


def review_key(document: str, row: dict[str, Any]) -> ReviewKey:
    """What identifies a reviewed row across runs: a changed row no longer matches its review.

    >>> review_key("c01", {"quote": "增长6%", "indicator_zh": "GDP", "measure": "growth",
    ...                    "obs_value": 6, "time_period": "2024"})
    ('c01', '增长6%', 'GDP', 'growth', '6.0', '2024')
    """
    return (
        document,
        str(row.get("quote", "")),
        str(row.get("indicator_zh", "")),
        str(row.get("measure", "")),
        _value_text(row.get("obs_value")),
        str(row.get("time_period", "")),
    )


def review_columns(row: dict[str, Any]) -> Columns:
    """The columns a column-exact review holds beside the key (an absent one is empty).

    >>> review_columns({"indicator_code": "gdp", "obs_kind": "actual", "ref_area": "抚州市"})
    ('gdp', 'actual', '抚州市')
    """
    code, kind, area = ("" if row.get(f) is None else str(row.get(f)) for f in COLUMN_FIELDS)
    return code, kind, area


def find_review(
    reviews: dict[ReviewSlot, Review], document: str, row: dict[str, Any]
) -> Review | None:
    """The review that applies to ``row``: a column-exact one with its columns, else one
    without columns that keys it, else None (the row is unreviewed)."""
    key = review_key(document, row)
    return reviews.get((key, review_columns(row))) or reviews.get((key, None))


def load_reviews(path: Path = REVIEW_PATH) -> dict[ReviewSlot, Review]:
    """The ``[[row]]`` reviews of ``path`` by key and columns (a missing file is no reviews
    yet); look a row up with find_review()."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            entries = tomllib.load(fh).get("row", [])
    except tomllib.TOMLDecodeError as exc:
        raise ReviewError(f"{path.name}: not TOML: {exc}") from exc
    reviews: dict[ReviewSlot, Review] = {}
    for n, entry in enumerate(entries, start=1):
        where = f"{path.name}: row {n}"
        missing = [f for f in KEY_FIELDS if f not in entry]
        if missing:
            raise ReviewError(f"{where}: missing {', '.join(missing)}")
        held = [f for f in COLUMN_FIELDS if f in entry]
        if held and len(held) < len(COLUMN_FIELDS):
            absent = [f for f in COLUMN_FIELDS if f not in entry]
            raise ReviewError(f"{where}: {', '.join(held)} without {', '.join(absent)}")
        if any(not isinstance(entry[f], str) for f in held):
            raise ReviewError(f"{where}: {', '.join(COLUMN_FIELDS)} must be strings")
        verdict, error_class = entry.get("verdict", ""), entry.get("class", "")
        if verdict not in VERDICTS:
            raise ReviewError(f"{where}: verdict must be one of {VERDICTS}, not {verdict!r}")
        if verdict == "wrong" and error_class not in ERROR_CLASSES:
            raise ReviewError(f"{where}: a wrong row needs a class from {ERROR_CLASSES}")
        if verdict == "correct" and error_class:
            raise ReviewError(f"{where}: a correct row has no error class")
        try:
            key = review_key(entry["document"], entry)
        except (TypeError, ValueError) as exc:
            raise ReviewError(f"{where}: obs_value is not a number") from exc
        columns = review_columns(entry) if held else None
        if (key, columns) in reviews:
            raise ReviewError(f"{where}: the same row is reviewed twice")
        reviews[key, columns] = Review(verdict, error_class, str(entry.get("note", "")), columns)
    return reviews
