"""``gongkai extract PATH``: observations of one local file as CSV, JSON or NDJSON.

>>> import io, sys
>>> run_extract_cli("report.txt", area="抚州市", area_code="361000", year=None,
...                 fmt="csv", out=sys.stdout)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from ingest.indicators.extract import extract
from ingest.indicators.gate import collecting
from ingest.indicators.hanzi import reading_text
from ingest.indicators.ids import observation_ids
from ingest.indicators.structure import detect_report_year, outline, render_outline
from ingest.text import normalize_text
from models.observation_schema import COLUMNS

_HTML_HINT = re.compile(rb"<\s*(?:html|body|div|p|!doctype|head|meta)\b", re.IGNORECASE)


def decode_bytes(raw: bytes) -> str:
    """The text of a file's bytes, decoded exactly as ingest decodes a fetched page (a
    few undecodable bytes become U+FFFD; a file that is mostly not text is refused with
    ``ValueError``), so ``gongkai extract`` and ``gongkai ingest`` read a file alike."""
    from ingest.fetch.encoding import decode_body
    from ingest.fetch.types import DecodeError

    try:
        return decode_body(raw, None)[0]
    except DecodeError as exc:
        raise ValueError(exc.reason) from None


def document_text(raw: bytes, url: str = "") -> str:
    """The normalized body text of a file's bytes (HTML pages go through the page parser)."""
    decoded = decode_bytes(raw)
    if not _HTML_HINT.search(raw[:4096]):
        return normalize_text(decoded)
    try:
        from ingest.parse.detail import parse_detail
    except ImportError:
        return normalize_text(_plain_html_text(decoded))
    page: Any = parse_detail(decoded, url)
    return str(page.text)


def _plain_html_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    body = tree.body or tree.root
    return str(body.text(separator="\n")) if body is not None else ""


def publication_id_for(path: Path) -> str:
    """A stable id for a local file: ``file-`` + 12 hex of its absolute path's sha256."""
    return "file-" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]


def _read(path: str) -> tuple[Path, str, str] | None:
    """(path, its URL, its normalized text), or None after printing why it cannot be read."""
    p = Path(path)
    try:
        raw = p.read_bytes()
        url = p.resolve().as_uri()
        return p, url, document_text(raw, url)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"gongkai extract: cannot read {path}: {exc}", file=sys.stderr)
        return None


def run_structure_cli(path: str, *, year: int | None, out: TextIO) -> int:
    """Print how the file at ``path`` is read: its parts, their class, period and range.

    One line per part, ``[start-end] class kind period title`` (offsets into the
    normalized text that quotes point into), sections indented under their part.
    """
    read = _read(path)
    if read is None:
        return 2  # a user error, like every other command's
    text = reading_text(read[2]) or read[2]  # a 繁體 report is read as its simplified twin
    report_year = year if year is not None else detect_report_year(text)
    out.write(f"report year: {report_year if report_year is not None else 'unknown'}\n")
    out.write(render_outline(outline(text, report_year)) + "\n")
    return 0


def run_extract_cli(
    path: str,
    *,
    area: str,
    area_code: str,
    year: int | None,
    fmt: str,
    out: TextIO,
    withheld: bool = False,
) -> int:
    """Extract the observations of the file at ``path`` and print them to ``out``.

    ``withheld``: print instead the rows the precision gate (``ingest.indicators.gate``)
    withheld, which are not published, each with the rule that withheld it in an extra last
    column, ``withheld_rule``."""
    if fmt not in ("csv", "json", "ndjson"):
        print(f"gongkai extract: unknown format {fmt!r} (csv, json, ndjson)", file=sys.stderr)
        return 2
    read = _read(path)
    if read is None:
        return 2  # a user error, like every other command's
    p, url, text = read
    if not text.strip():
        print(f"gongkai extract: {path} has no text (an empty file?)", file=sys.stderr)
        return 2
    with collecting() as held:
        observations = extract(text, ref_area=area, ref_area_code=area_code, report_year=year)
    columns = COLUMNS
    rules: list[str] = []
    if withheld:
        observations = [w.row for w in held]
        rules = [w.rule for w in held]
        columns = (*COLUMNS, "withheld_rule")
    pub = publication_id_for(p)
    ids = observation_ids(pub, observations)
    rows: list[dict[str, Any]] = []
    for n, (oid, obs) in enumerate(zip(ids, observations, strict=True)):
        row: dict[str, Any] = {
            "observation_id": oid,
            "dataset": "",
            "publication_id": pub,
            "publication_version": 1,
            "source_url": url,
        }
        for name in COLUMNS:
            if name not in row:
                row[name] = getattr(obs, name)
        if withheld:
            row["withheld_rule"] = rules[n]
        rows.append({name: row[name] for name in columns})
    if not rows and not withheld:
        # still a valid (empty) output, but say why nothing follows the header
        print(
            f"gongkai extract: no numbers found in {path} ({len(text)} characters of text)",
            file=sys.stderr,
        )
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r[c] is None else _cell(r[c]) for c in columns])
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False)
        out.write("\n")
    else:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


def _cell(value: object) -> str:
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    return str(value)
