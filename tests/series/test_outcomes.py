"""Outcomes by qualifier: one test per qualifier, ranges, ranks, and approx at the
tolerance boundary."""

from __future__ import annotations

import pytest

from ingest.scorecard import TOLERANCE_POINTS, TOLERANCE_RELATIVE, Target, outcome


def decide(
    value: float,
    qualifier: str,
    actual: float | None,
    *,
    value_max: float | None = None,
    unit: str = "percent",
    actual_unit: str | None = None,
    lower: bool = False,
    rank: bool = False,
) -> tuple[str, float | None]:
    return outcome(
        Target(value, value_max, qualifier, unit),
        actual,
        actual_unit or unit,
        lower_is_better=lower or rank,
        rank=rank,
    )


def test_ge_is_met_at_or_above_the_target() -> None:
    assert decide(7, "ge", 7.0) == ("met", 0.0)
    assert decide(7, "ge", 7.4)[0] == "met"
    outcome_, gap = decide(7, "ge", 6.9)
    assert outcome_ == "missed" and gap == pytest.approx(-0.1)


def test_gt_needs_more_than_the_target() -> None:
    assert decide(2000e8, "gt", 2016e8, unit="CNY")[0] == "met"
    assert decide(2000e8, "gt", 2000e8, unit="CNY")[0] == "missed"


def test_le_is_met_at_or_below_the_target() -> None:
    assert decide(5.5, "le", 5.5) == ("met", 0.0)
    assert decide(5.5, "le", 5.1)[0] == "met"
    assert decide(5.5, "le", 5.6)[0] == "missed"


def test_lt_needs_less_than_the_target() -> None:
    assert decide(3, "lt", 2.9)[0] == "met"
    assert decide(3, "lt", 3.0)[0] == "missed"


def test_eq_is_a_level_to_reach() -> None:
    assert decide(5, "eq", 5.0)[0] == "met"
    assert decide(5, "eq", 6.1)[0] == "met"
    assert decide(5, "eq", 4.9)[0] == "missed"


def test_approx_at_the_tolerance_boundary_of_a_rate() -> None:
    assert TOLERANCE_POINTS == 0.5
    # 8.5%左右 against 8.0: exactly half a point below (8.5 - 8.0 in doubles) is met
    assert decide(8.5, "approx", 8.0) == ("met", -0.5)
    # 5.8 - 5.3 is 0.4999999999999982 in doubles and 6.3 - 5.8 is 0.5000000000000009:
    # both are the boundary as written and both are met
    assert decide(5.8, "approx", 5.3)[0] == "met"
    assert decide(6.3, "approx", 5.8)[0] == "met"
    assert decide(8.5, "approx", 7.99)[0] == "missed"
    assert decide(6, "approx", 5.3)[0] == "missed"
    assert decide(6, "approx", 9.0)[0] == "met"  # beating it by far is meeting it


def test_approx_of_an_amount_uses_a_relative_tolerance() -> None:
    assert TOLERANCE_RELATIVE == 0.05
    assert decide(2000e8, "approx", 1900e8, unit="CNY")[0] == "met"
    assert decide(2000e8, "approx", 1899e8, unit="CNY")[0] == "missed"


def test_approx_where_lower_is_better() -> None:
    # 居民消费价格涨幅3%左右: a ceiling in all but name
    assert decide(3, "approx", 0.1, lower=True)[0] == "met"
    assert decide(3, "approx", 3.5, lower=True)[0] == "met"
    assert decide(3, "approx", 3.6, lower=True)[0] == "missed"


def test_range_inside_its_bounds_and_beyond_on_the_better_side() -> None:
    assert decide(5, "range", 5.0, value_max=6) == ("met", 0.0)
    assert decide(5, "range", 6.0, value_max=6) == ("met", 0.0)
    assert decide(5, "range", 5.5, value_max=6) == ("met", 0.0)
    outcome_, gap = decide(5, "range", 6.4, value_max=6)
    assert outcome_ == "met" and gap == pytest.approx(0.4)
    outcome_, gap = decide(5, "range", 1.2, value_max=6)
    assert outcome_ == "missed" and gap == pytest.approx(-3.8)
    assert decide(5, "range", 4.99, value_max=6)[0] == "missed"


def test_range_where_lower_is_better() -> None:
    assert decide(2, "range", 3.1, value_max=3, lower=True)[0] == "missed"
    assert decide(2, "range", 1.0, value_max=3, lower=True)[0] == "met"


def test_rank_targets_are_inverted() -> None:
    # 排名全省第3位以上: third place or better, a smaller number
    assert decide(3, "ge", 2, unit="rank", rank=True) == ("met", -1)
    assert decide(3, "ge", 3, unit="rank", rank=True)[0] == "met"
    assert decide(3, "ge", 4, unit="rank", rank=True)[0] == "missed"
    # a plain rank target (第3位) is a place to reach
    assert decide(3, "eq", 1, unit="rank", rank=True)[0] == "met"
    assert decide(3, "eq", 5, unit="rank", rank=True)[0] == "missed"
    # a rank range (前3至前5) is met at place 5 or better
    assert decide(3, "range", 5, value_max=5, unit="rank", rank=True)[0] == "met"
    assert decide(3, "range", 6, value_max=5, unit="rank", rank=True)[0] == "missed"


def test_unclear_without_a_comparable_actual() -> None:
    assert decide(6, "approx", None) == ("unclear", None)
    assert decide(6, "approx", 6.0, actual_unit="CNY") == ("unclear", None)
    assert decide(5, "range", 5.5, value_max=None) == ("unclear", None)
