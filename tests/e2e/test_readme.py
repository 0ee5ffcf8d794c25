"""The README's "What you see" examples, run against a fresh `gongkai serve`.

A real process on a real port, with nothing set but what `make run` has: the default
database (in a private user data directory), the bundled sample, the bundled source's
name. Only the internet is replaced: the Fuzhou column points at a closed loopback port,
as unreachable as the real site is offline. Every example's answer must fit what the
README shows (shape, counts, event types and order, values), so the README cannot drift.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import Processes, eventually
from tests.e2e.console import MORE, Example, mismatches, parse_template, readme_examples
from tests.helpers import free_port, gongkai_env, wait_http

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## What you see"


@pytest.mark.slow
def test_readme_examples_match_a_fresh_serve(tmp_path: Path, processes: Processes) -> None:
    examples = readme_examples(README, SECTION)
    assert len(examples) == 6, [e.command for e in examples]
    port = free_port()
    closed = free_port()  # nothing listens there: the government site out of reach
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f"""
[[source]]
name = "fuzhou-work-reports"
adapter = "hanweb"
url = "http://127.0.0.1:{closed}/col/col3787/index.html"
area = "抚州市"
area_code = "361000"
interval = "30m"
dataset = "fuzhou-work-reports"
""",
        encoding="utf-8",
    )
    env = gongkai_env(
        XDG_DATA_HOME=str(tmp_path / "data"),
        GONGKAI_PORT=str(port),
        GONGKAI_SOURCES_FILE=str(sources),
    )
    proc = processes.start("serve", env)
    base = f"http://127.0.0.1:{port}"
    wait_http(f"{base}/health", proc=proc, timeout=40)

    def settled() -> bool:
        """The sample imported and the first check of the real source done."""
        ready = httpx.get(f"{base}/ready").status_code == 200
        sources = httpx.get(f"{base}/v1/sources").json()["items"]
        return ready and all(s["health"] != "unknown" for s in sources if s["enabled"])

    eventually(settled, timeout=40, what="ready, and the real source checked once")

    problems = []
    for example in examples:
        answer = httpx.get(base + example.path)
        assert answer.status_code == 200, (example.command, answer.text)
        problems += [f"`{example.command}`: {p}" for p in example.compare(answer.text)]
    assert not problems, "README.md drifted:\n" + "\n".join(problems)
    # the database is the default one, in the user data directory, not the current folder
    assert (tmp_path / "data" / "gongkai" / "gongkai.db").is_file()
    assert not (Path(processes.cwd) / "var").exists()


# --- the comparison itself: it must fail where the README would be wrong ----------------

EVENTS = '{"events":[{"type":"a",...},{"type":"b","data":{"added":3,...},...}],"more":false}'


def test_template_parses_elisions() -> None:
    assert parse_template('{"a":1,...}') == {"a": 1, MORE: None}
    assert parse_template('[{"a":"x..."}, ...]') == [{"a": "x..."}, MORE]


@pytest.mark.parametrize(
    ("actual", "expected_problem"),
    [
        ({"events": [{"type": "a"}, {"type": "b", "data": {"added": 3}}], "more": False}, None),
        ({"events": [{"type": "a"}, {"type": "b", "data": {"added": 4}}], "more": False}, "4"),
        ({"events": [{"type": "b"}, {"type": "a", "data": {"added": 3}}], "more": False}, "'b'"),
        ({"events": [{"type": "a"}], "more": False}, "1 elements"),
        ({"events": [{"type": "a"}, {"type": "b", "data": {}}], "more": False}, "no key"),
        ({"events": [{"type": "a"}, {"type": "b", "data": {"added": 3}}]}, "no key 'more'"),
        (
            {"events": [{"type": "a"}, {"type": "b", "data": {"added": 3}}], "more": 0},
            "is not False",
        ),
        (
            {"events": [{"type": "a"}, {"type": "b", "data": {"added": 3}}], "more": False, "x": 1},
            "not shown",
        ),
    ],
)
def test_comparison_catches_drift(actual: object, expected_problem: str | None) -> None:
    problems = mismatches(parse_template(EVENTS), actual, "$")
    if expected_problem is None:
        assert problems == []
    else:
        assert problems and expected_problem in problems[0], problems


def test_text_examples_compare_line_by_line() -> None:
    example = Example(command="curl", path="/x.csv", head=2, output="a,b,...\nobs-1…,2")
    assert example.compare("a,b,c\r\nobs-123,2\r\nmore\r\n") == []
    assert example.compare("a,b,c\r\nobs-123,3\r\n") != []
    assert example.compare("a,b,c\r\n") == ["1 lines, the README shows 2"]
    assert example.compare("x,b,c\r\nobs-1,2\r\n") != []
