"""`gongkai ingest` and `gongkai extract` as real processes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.runtime import SAMPLE_PAGE, SAMPLE_URL
from models.observation_schema import COLUMNS
from tests.fakesite.hanweb import HanwebSite
from tests.helpers import gongkai_env, run_cli
from tests.paths import SEED_GOLD_PATH
from tests.quality.scoring import load_gold, read_csv, score

REPO = Path(__file__).resolve().parents[2]


def sqlite_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", **extra)


def test_ingest_file_imports_once(tmp_path: Path) -> None:
    env = sqlite_env(tmp_path)
    args = ("ingest", "--file", str(SAMPLE_PAGE), "--url", SAMPLE_URL, "--source", "saved",
            "--area", "抚州市", "--area-code", "361000")  # fmt: skip
    first = run_cli(*args, env=env)
    assert first.returncode == 0, first.stderr
    assert "version 1" in first.stdout
    assert "dataset saved -> version 1" in first.stdout
    assert "flagged" in first.stdout
    second = run_cli(*args, env=env)
    assert second.returncode == 0, second.stderr
    assert "unchanged" in second.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--file", "/no/such/page.html", "--url", "https://x.gov.cn/a.html"), "cannot read"),
        (("--file", str(SAMPLE_PAGE)), "--file needs --url"),
        (("--file", str(SAMPLE_PAGE), "--url", "javascript:alert(1)"), "must be an http(s) URL"),
        (("--url", "https://x.gov.cn/a.html"), "--url goes with --file"),
    ],
)
def test_ingest_file_errors_are_one_line(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("ingest", *args, env=sqlite_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_ingest_sources_against_the_fake_site(tmp_path: Path, gov: HanwebSite) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f"""
[[source]]
name = "fake-fuzhou"
adapter = "hanweb"
url = "{gov.column_url}"
area = "抚州市"
area_code = "361000"
interval = "1m"
dataset = "fake-fuzhou"
""",
        encoding="utf-8",
    )
    env = sqlite_env(tmp_path, GONGKAI_SOURCES_FILE=str(sources), GONGKAI_FETCH_MIN_DELAY="0")
    first = run_cli("ingest", env=env)
    assert first.returncode == 0, first.stderr
    assert "fake-fuzhou: ok, 1 listed, 1 new, 0 updated" in first.stdout
    assert "dataset fake-fuzhou -> v1" in first.stdout
    second = run_cli("ingest", "--source", "fake-fuzhou", env=env)
    assert "0 new, 0 updated, 1 unchanged" in second.stdout
    gov.server.fail(None, "500")
    third = run_cli("ingest", env=env)
    assert third.returncode == 1
    assert "fake-fuzhou: failing" in third.stdout


def test_bad_sources_file_is_one_line(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "x"\nadapter = "dedecms"\nurl = "https://a.gov.cn/"\n')
    result = run_cli("ingest", env=sqlite_env(tmp_path, GONGKAI_SOURCES_FILE=str(sources)))
    assert result.returncode == 2
    assert "adapter 'dedecms' is not one of hanweb, trs, generic" in result.stderr


def test_extract_prints_schema_columns_and_exact_quotes(seed_text: str, seed_path: Path) -> None:
    seed = seed_path
    result = run_cli("extract", str(seed), "--area", "抚州市", "--format", "csv", env=gongkai_env())
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) > 100
    from ingest.text import normalize_text

    text = normalize_text(seed_text)
    for row in rows:
        assert row["quote"] in text
        assert text[int(row["char_start"]) : int(row["char_end"])] == row["quote"]


def test_extract_scores_perfectly_on_the_seed_gold(tmp_path: Path, seed_path: Path) -> None:
    """The CLI's CSV, scored by the project's scorer as a user would run it: strict 1.000."""
    result = run_cli(
        "extract", str(seed_path), "--area", "抚州市", "--format", "csv", env=gongkai_env()
    )
    assert result.returncode == 0, result.stderr
    pred = tmp_path / "pred.csv"
    pred.write_text(result.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, "-m", "tests.quality.scoring", "--json",
         "--gold", str(SEED_GOLD_PATH), "--pred", str(pred)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    figures = json.loads(scored.stdout)
    assert figures["strict"]["gold"] == 56
    assert figures["strict"]["f1"] == 1.0, score(load_gold(SEED_GOLD_PATH), read_csv(pred)).report()


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_extract_json_formats(fmt: str, seed_path: Path) -> None:
    seed = seed_path
    result = run_cli("extract", str(seed), "--format", fmt, env=gongkai_env())
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        rows = json.loads(result.stdout)
    else:
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and list(rows[0]) == list(COLUMNS)


def test_extract_missing_file_is_a_user_error() -> None:
    result = run_cli("extract", "/no/such/file.txt", env=gongkai_env())
    assert result.returncode == 2  # like every other command's user errors
    assert result.stderr.count("\n") == 1 and "cannot read /no/such/file.txt" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \n\n\t\n"),
        ("empty.html", b"<html><head><title></title></head><body></body></html>"),
    ],
)
def test_extract_file_without_text_says_so(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("extract", str(path), env=gongkai_env())
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"gongkai extract: {path} has no text (an empty file?)\n"
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson"])
def test_extract_file_without_numbers_says_so(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "words.txt"
    path.write_text("一、工作回顾\n我们坚持稳中求进,扎实推进各项工作。\n", encoding="utf-8")
    result = run_cli("extract", str(path), "--format", fmt, env=gongkai_env())
    assert result.returncode == 0, result.stderr  # a valid, empty answer
    assert "no numbers found in" in result.stderr and str(path) in result.stderr
    assert result.stderr.count("\n") == 1
    expected = {"csv": ",".join(COLUMNS) + "\n", "json": "[]\n", "ndjson": ""}[fmt]
    assert result.stdout == expected


def test_extract_with_numbers_prints_no_warning(seed_path: Path) -> None:
    result = run_cli("extract", str(seed_path), "--format", "ndjson", env=gongkai_env())
    assert result.returncode == 0 and result.stdout
    assert result.stderr == ""
