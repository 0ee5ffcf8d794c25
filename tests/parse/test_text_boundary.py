"""Text is repaired once, at the boundary, the same way for every entry point: unpaired
surrogates become U+FFFD (the Python API), a few undecodable bytes become U+FFFD (files,
as for fetched pages), and a file that is not text is refused with one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ingest.fetch.encoding import decode_body
from ingest.indicators.cli import document_text
from ingest.indicators.extract import extract
from ingest.indicators.ids import observation_ids
from ingest.text import normalize_text, repair_text
from tests.helpers import gongkai_env, run_cli

REPORT = "全市GDP增长6.3%,财政收入增长5%。城镇居民人均可支配收入增长5.1%。\n"


def test_repair_replaces_unpaired_surrogates_and_keeps_offsets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "GDP\udc80增长6.3%\ud83d"
    repaired, count = repair_text(text)
    assert count == 2 and len(repaired) == len(text)
    assert repaired == "GDP\ufffd增长6.3%\ufffd"
    repaired.encode("utf-8")  # encodable now
    assert "2 unpaired surrogate" in caplog.text  # recorded
    assert repair_text("emoji \U0001f600 stays") == ("emoji \U0001f600 stays", 0)
    assert normalize_text(text) == "GDP\ufffd增长6.3%\ufffd"


def test_the_extractor_api_accepts_lone_surrogates() -> None:
    text = "全市GDP增长6.3%\udc80,财政收入增长5%\ud800。"
    rows = extract(text, ref_area="抚州市", ref_area_code="361000", report_year=2024)
    assert [r.obs_value for r in rows] == [6.3, 5.0]
    ids = observation_ids("pub_x", rows)  # used to raise UnicodeEncodeError
    assert len(set(ids)) == 2
    for row in rows:
        json.dumps(row.quote, ensure_ascii=False).encode("utf-8")
        assert "\ufffd" in row.quote or row.quote in text
    # the same text with the replacement done by the caller gives the same rows and ids
    clean = normalize_text(text)
    again = extract(clean, ref_area="抚州市", ref_area_code="361000", report_year=2024)
    assert observation_ids("pub_x", again) == ids


def _with_bad_bytes() -> bytes:
    raw = (REPORT * 30).encode("utf-8")
    return raw[:400] + b"\xff\xfe" + raw[400:]


def test_extract_and_ingest_decode_a_file_alike() -> None:
    raw = _with_bad_bytes()
    text = document_text(raw)
    assert "\ufffd" in text and "全市GDP增长6.3%" in text
    assert text == normalize_text(decode_body(raw, None)[0])  # ingest's decoder


def _env(tmp_path: Path) -> dict[str, str]:
    return gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}")


def test_gongkai_extract_reads_a_file_with_a_few_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(_with_bad_bytes())
    result = run_cli("extract", str(path), "--format", "ndjson", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr  # used to refuse the whole file
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 30 and {r["indicator_code"] for r in rows} >= {"gdp"}


def test_binary_files_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(os.urandom(4096))
    env = _env(tmp_path)
    ingested = run_cli(
        "ingest", "--file", str(path), "--url", "https://www.jxfz.gov.cn/a.html", env=env
    )
    assert ingested.returncode == 2  # used to print a traceback
    assert ingested.stderr.count("\n") == 1 and "not text" in ingested.stderr
    assert "Traceback" not in ingested.stderr
    extracted = run_cli("extract", str(path), env=env)
    assert extracted.returncode == 2  # a user error, like every command's
    assert extracted.stderr.count("\n") == 1 and "not text" in extracted.stderr
