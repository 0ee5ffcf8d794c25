"""Held-out work reports (tests/indicators/heldout/): strict F1 against hand-labelled gold.

The documents are a province (2022), a prefecture city (2025), a county (2020), a
five-year review (2023) and, in a second independent round, a western prefecture city
(2019: poverty alleviation, tourism), a coastal district (2024: ranks, gaps, US dollars) and
a province's 2023 targets (ranges, 均/分别 lists, Chinese and full-width numerals),
written in the style of real reports and labelled per SCHEMA.md before the extractor was
run on them. Scoring follows /work/shared/eval/score.py (imported
from ``$GONGKAI_SHARED_DIR/eval`` or ``../shared/eval`` when present; otherwise the strict
match is reimplemented here).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pytest

from ingest.indicators import extract
from ingest.text import normalize_text

HERE = Path(__file__).resolve().parent / "heldout"
REPO = Path(__file__).resolve().parents[2]
DOCS = {
    "h1_province_2022": "湖南省",
    "h2_prefecture_2025": "南阳市",
    "h3_county_2020": "安吉县",
    "h4_fiveyear_2023": "宜昌市",
    # Second round, written and labelled independently of the extractor's tuning to h1-h4:
    # strict F1 before the round-2 fixes h5 0.982, h6 0.992, h7 0.990.
    "h5_prefecture_2019": "定西市",
    "h6_district_2024": "鄞州区",
    "h7_province_2023": "福建省",
}
THRESHOLD = 0.97  # strict F1 per document (all seven score 1.0 when this was written)


def _scorer() -> ModuleType | None:
    shared = Path(os.environ.get("GONGKAI_SHARED_DIR") or REPO.parent / "shared")
    path = shared / "eval" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("gongkai_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _close(a: Any, b: Any) -> bool:
    a = None if a in (None, "") else float(a)
    b = None if b in (None, "") else float(b)
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _strict(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold["indicator_code"]:
        same = pred["indicator_code"] == gold["indicator_code"]
    else:
        same = _norm(gold["label_key"]) in _norm(pred["indicator_zh"])
    return (
        same
        and pred["measure"] == gold["measure"]
        and _close(pred["obs_value"], gold["obs_value"])
        and pred["obs_kind"] == gold["obs_kind"]
        and str(pred["time_period"]) == gold["time_period"]
        and _close(pred["obs_value_max"], gold["obs_value_max"])
        and pred["qualifier"] == gold["qualifier"]
        and pred["unit"] == gold["unit"]
        and (pred["compare_scope"] or "") == (gold["compare_scope"] or "")
    )


def _strict_f1(gold: dict[str, Any], preds: list[dict[str, Any]]) -> tuple[float, list[str]]:
    score = _scorer()
    scopes = gold["scopes"]
    if score is not None:
        buckets = score.assign(preds, scopes)
        same = score.strict
    else:
        texts = [_norm(s["text"]) for s in scopes]
        buckets = [[] for _ in scopes]
        for p in preds:
            q = _norm(p["quote"])
            inside = [i for i, t in enumerate(texts) if q in t] or [
                i for i, t in enumerate(texts) if t in q
            ]
            if inside:
                buckets[inside[0]].append(p)
        same = _strict
    tp = n_gold = n_pred = 0
    problems: list[str] = []
    for scope, bucket in zip(scopes, buckets, strict=True):
        free = list(bucket)
        for g in scope["rows"]:
            hit = next((p for p in free if same(g, p)), None)
            if hit is None:
                problems.append(f"missed {g}")
            else:
                free.remove(hit)
                tp += 1
        problems += [f"extra {p['indicator_zh']} {p['measure']} {p['obs_value']}" for p in free]
        n_gold += len(scope["rows"])
        n_pred += len(bucket)
    p_ = tp / n_pred if n_pred else 0.0
    r_ = tp / n_gold if n_gold else 0.0
    return (2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0), problems


@pytest.mark.parametrize("name", sorted(DOCS))
def test_heldout_strict_f1(name: str) -> None:
    text = normalize_text((HERE / f"{name}.txt").read_text(encoding="utf-8"))
    gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
    rows = extract(text, ref_area=DOCS[name])
    preds = [msgspec.to_builtins(r) for r in rows]
    for r in rows:
        assert text[r.char_start : r.char_end] == r.quote
    f1, problems = _strict_f1(gold, preds)
    assert f1 >= THRESHOLD, "\n".join(problems)


def test_heldout_gold_scopes_are_in_their_documents() -> None:
    scopes = 0
    for name in DOCS:
        text = _norm((HERE / f"{name}.txt").read_text(encoding="utf-8"))
        gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
        for scope in gold["scopes"]:
            assert _norm(scope["text"]) in text
            scopes += 1
    assert scopes >= 25
