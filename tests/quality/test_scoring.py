"""The scorer itself: what counts as a match, which scope a row is scored in."""

from __future__ import annotations

from typing import Any

from tests.quality.scoring import score

GOLD_ROW = {
    "indicator_code": "gdp", "label_key": "GDP", "measure": "growth", "obs_kind": "actual",
    "time_period": "2023", "obs_value": 6.3, "obs_value_max": None, "qualifier": "eq",
    "unit": "percent", "compare_scope": "",
}  # fmt: skip
GOLD = {"document": "d", "scopes": [{"text": "全市GDP增长6.3%。", "rows": [GOLD_ROW]}]}


def pred(**change: Any) -> dict[str, Any]:
    row = {**GOLD_ROW, "indicator_zh": "全市GDP", "ref_area": "抚州市", "quote": "GDP增长6.3%"}
    row.update(change)
    return row


def test_an_exact_row_is_a_strict_match() -> None:
    result = score(GOLD, [pred()])
    assert (result.strict.matched, result.strict.f1) == (1, 1.0)


def test_a_wrong_year_is_lenient_but_not_strict() -> None:
    result = score(GOLD, [pred(time_period="2024")])
    assert result.lenient.f1 == 1.0
    assert result.strict.matched == 0 and result.strict.precision == 0.0
    assert result.missed and result.unmatched


def test_values_compare_as_numbers_from_csv_text() -> None:
    assert score(GOLD, [pred(obs_value="6.30", obs_value_max="")]).strict.f1 == 1.0


def test_rows_outside_every_scope_are_not_scored() -> None:
    result = score(GOLD, [pred(), pred(quote="别的句子增长9%", obs_value=9)])
    assert result.strict.predicted == 1


def test_a_duplicate_row_costs_precision() -> None:
    result = score(GOLD, [pred(), pred()])
    assert result.strict.precision == 0.5 and result.strict.recall == 1.0


def test_a_gold_ref_area_is_part_of_the_strict_match() -> None:
    gold = {
        "scopes": [{"text": "赣州经济总量增长6.3%", "rows": [{**GOLD_ROW, "ref_area": "赣州市"}]}]
    }
    quote = {"quote": "赣州经济总量增长6.3%"}
    assert score(gold, [pred(**quote)]).strict.matched == 0
    assert score(gold, [pred(ref_area="赣州市", **quote)]).strict.matched == 1


def test_uncatalogued_subjects_match_by_label() -> None:
    row = {**GOLD_ROW, "indicator_code": "", "label_key": "旅游收入"}
    gold = {"scopes": [{"text": "旅游收入增长6.3%", "rows": [row]}]}
    hit = pred(indicator_code="", indicator_zh="全市旅游收入", quote="旅游收入增长6.3%")
    assert score(gold, [hit]).strict.f1 == 1.0
    assert score(gold, [{**hit, "indicator_zh": "旅游人次"}]).strict.f1 == 0.0


def test_a_scope_with_offsets_takes_only_rows_that_overlap_it() -> None:
    # the same sentence in the year's targets (at 100) and in the five-year plan (at 500):
    # the plan's row is not scored in the targets' scope, whatever its quote
    scope = {"text": "全市GDP增长6.3%。", "rows": [GOLD_ROW], "start": 100, "length": 12}
    gold = {"document": "d", "scopes": [scope]}
    here = pred(char_start=103, char_end=111)
    elsewhere = pred(char_start=503, char_end=511, time_period="2025")
    result = score(gold, [here, elsewhere])
    assert (result.strict.matched, result.strict.predicted) == (1, 1)
    # a row without offsets is still filed by its quote alone
    assert score(gold, [pred()]).strict.matched == 1
