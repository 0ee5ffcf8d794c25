"""docs/SCHEMA.md is the contract; the code's column list and vocabularies follow it.

The columns, their order and types, the qualifiers and the units must be the same in the
document and in ``models.observation_schema``. The measures the code knows must all be in
the document (the document may define measures the extractor does not produce yet), and
every catalogued code the document requires must be in the indicator catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.indicators import load_catalog
from models.observation_schema import COLUMN_TYPES, COLUMNS, MEASURES, QUALIFIERS, UNITS

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "SCHEMA.md"


def _text() -> str:
    return SCHEMA.read_text(encoding="utf-8")


def _section(title: str) -> str:
    text = _text()
    start = text.index(title)
    end = text.find("\n## ", start + len(title))
    return text[start : end if end > 0 else len(text)]


def _vocabulary(name: str) -> list[str]:
    """The `- `term`:` items under the paragraph that starts with `name`."""
    block = _section("## Vocabularies").split(f"`{name}`\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^- `(\w+)`:", block, re.MULTILINE)


def test_columns_and_types_are_the_documents() -> None:
    table = _text().split("## Vocabularies", 1)[0]
    rows = re.findall(r"^\| (`[^|]+`) \| ([a-z]+) \|", table, re.MULTILINE)
    documented: list[tuple[str, str]] = []
    for names, kind in rows:
        for name in re.findall(r"`(\w+)`", names):
            documented.append((name, kind))
    assert [n for n, _ in documented] == list(COLUMNS)
    enums = {"obs_kind", "measure", "qualifier", "unit", "compare_scope"}
    for name, kind in documented:
        assert COLUMN_TYPES[name] == ("string" if name in enums else kind), name


def test_qualifiers_and_units_are_the_documents() -> None:
    assert tuple(_vocabulary("qualifier")) == QUALIFIERS
    units = _section("## Vocabularies").split("`unit`:", 1)[1].split("\n\n", 1)[0]
    listed = [u for u in re.findall(r"`([A-Za-z0-9_]+)`", units) if u not in COLUMNS]
    assert tuple(listed) == UNITS


def test_every_measure_of_the_code_is_documented() -> None:
    documented = _vocabulary("measure")
    assert "level" in documented and "rank" in documented
    assert set(MEASURES) <= set(documented), set(MEASURES) - set(documented)


def test_the_required_catalog_codes_exist() -> None:
    required = re.findall(r"^\| `(\w+)` \|", _section("## The indicator catalog"), re.MULTILINE)
    assert len(required) >= 19
    catalog = load_catalog()
    codes = {entry.code for entry in catalog.indicators}
    assert set(required) <= codes, set(required) - codes
