"""The pages' pure parts: text highlighting, the chart, the inline diff, version mapping,
errors in words."""

from __future__ import annotations

from typing import Any

from api.observations.schemas import ObservationOut
from models import DatasetVersion
from tests.api.factories import obs
from web.chart import series_chart
from web.feed import error_in_words
from web.highlight import highlight, locate
from web.publications import dataset_version_for
from web.textdiff import inline_diff

TEXT = "一、回顾\n全市GDP增长6.3%,工业增长8.1%。\n欢迎访问雷速体育。"


def observation(oid: str, quote: str, value_text: str, **values: Any) -> ObservationOut:
    start = TEXT.index(quote)
    row = obs(
        oid,
        "pub_1",
        quote=quote,
        value_text=value_text,
        char_start=start,
        char_end=start + len(quote),
        **values,
    )
    return ObservationOut(dataset="fz", **row)


def test_numbers_and_the_chosen_clause_are_marked() -> None:
    gdp = observation("o-gdp", "全市GDP增长6.3%", "6.3%")
    ind = observation("o-ind", "工业增长8.1%", "8.1%")
    pieces = highlight(TEXT, [ind, gdp], selected="o-gdp")
    assert "".join(p.text for p in pieces) == TEXT
    numbers = [(p.text, p.number.observation_id) for p in pieces if p.number]
    assert numbers == [("6.3%", "o-gdp"), ("8.1%", "o-ind")]
    assert "".join(p.text for p in pieces if p.clause) == "全市GDP增长6.3%"
    assert [p.anchors for p in pieces if p.anchors] == [["o-gdp"], ["o-ind"]]


def test_a_row_whose_quote_moved_is_left_out() -> None:
    moved = observation("o-gdp", "全市GDP增长6.3%", "6.3%")
    moved.char_start += 2
    moved.char_end += 2
    assert locate(TEXT, [moved]) == []
    assert all(p.number is None for p in highlight(TEXT, [moved]))


def test_two_observations_of_one_number_both_get_an_anchor() -> None:
    a = observation("o-a", "全市GDP增长6.3%", "6.3%")
    b = observation("o-b", "全市GDP增长6.3%", "6.3%", measure="level")
    anchored = [p.anchors for p in highlight(TEXT, [a, b]) if p.anchors]
    assert anchored == [["o-a", "o-b"]]


def test_flagged_terms_carry_their_reason() -> None:
    start = TEXT.index("雷速体育")
    flag = {"reason": "spam_term", "term": "雷速体育", "start": start, "end": start + 4}
    outside = {"reason": "hidden_link", "term": "http://x", "start": -1, "end": -1}
    pieces = highlight(TEXT, [], [flag, outside])
    flagged = [p for p in pieces if p.flag]
    assert [p.text for p in flagged] == ["雷速体育"] and flagged[-1].flag_end


def test_chart_draws_actuals_as_a_line_and_targets_as_markers() -> None:
    rows = [
        observation("a1", "全市GDP增长6.3%", "6.3%", time_period="2022", obs_value=5.0),
        observation("a2", "全市GDP增长6.3%", "6.3%", time_period="2023", obs_value=6.3),
        observation(
            "t1", "全市GDP增长6.3%", "6.3%", time_period="2024", obs_value=6.0, obs_kind="target"
        ),
    ]
    chart = series_chart(rows)
    assert chart is not None
    assert [p.observation.observation_id for p in chart.actuals] == ["a1", "a2"]
    assert [p.observation.observation_id for p in chart.targets] == ["t1"]
    assert chart.path.count(",") == 2
    assert [t.label for t in chart.x_ticks] == ["2022", "2023", "2024"]
    # Higher values sit higher (smaller y); every point is inside the drawing.
    assert chart.actuals[1].y < chart.actuals[0].y
    assert all(0 <= p.x <= chart.width and 0 <= p.y <= chart.height for p in chart.actuals)
    assert series_chart([]) is None


def test_inline_diff_emphasises_changed_numbers() -> None:
    old = "全市GDP增长6.3%。\n第二段不变。"
    new = "全市GDP增长6.5%。\n第二段不变。"
    pieces = inline_diff(old, new)
    changed = [(p.kind, p.text, p.number) for p in pieces if p.kind in ("delete", "insert")]
    assert changed == [("delete", "6.3", True), ("insert", "6.5", True)]
    rebuilt = "".join(p.text for p in pieces if p.kind != "delete")
    assert rebuilt == new


def test_long_unchanged_runs_fold() -> None:
    same = "甲" * 1000
    pieces = inline_diff(same + "1", same + "2")
    assert [p.kind for p in pieces][:3] == ["equal", "fold", "equal"]
    assert "".join(p.text for p in pieces if p.kind != "delete") == same + "2"


def _dv(version: int, cause: dict[str, Any]) -> DatasetVersion:
    return DatasetVersion(version=version, cause=cause)


def test_dataset_version_of_a_publication_version() -> None:
    versions = [
        _dv(1, {"publication_id": "p", "version": 1}),
        _dv(2, {"publication_id": "q", "version": 1}),
        _dv(3, {"publication_id": "p", "version": 3}),
    ]
    assert dataset_version_for(versions, "p", 1) == 1
    assert dataset_version_for(versions, "p", 2) == 1  # v2's numbers did not change
    assert dataset_version_for(versions, "p", 3) == 3
    assert dataset_version_for(versions, "q", 1) == 2
    assert dataset_version_for(versions, "r", 1) is None


def test_errors_in_words() -> None:
    dns = "listing: [Errno -2] Name or service not known"
    assert error_in_words(dns, "zh") == "找不到网站地址 (可能没有网络, 或域名已变)"
    assert error_in_words("HTTP 503", "en") == "The site's server failed"
    assert error_in_words("something odd", "en") == "The check failed: something odd"
    assert error_in_words(None, "zh") is None
