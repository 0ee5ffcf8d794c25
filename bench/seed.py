"""The seed document for benchmarks, from the repository alone (no ``../shared``).

``tests/data/seed/000_bf4afe242fd5e895.txt`` (the 2024 Fuzhou work report as its page
shows it) when the checkout has it, rendered as the Hanweb page it was captured from;
otherwise the bundled sample page ``gongkai/data/sample/``, the same report as served::

    html, origin = seed_page()        # for parsing benchmarks
    text, origin = seed_text()        # normalized body text, for extraction
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongkai.runtime import SAMPLE_PAGE, SAMPLE_URL
from ingest.parse import parse_detail
from ingest.text import normalize_text
from tests.fakesite.pages import SeedParts, hanweb_detail_page
from tests.paths import SEED_NAME

REPO_SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "seed" / SEED_NAME


def seed_page() -> tuple[str, str]:
    """(HTML of the seed page, where it came from)."""
    if REPO_SEED.is_file():
        parts = SeedParts(REPO_SEED.read_text(encoding="utf-8"))
        html = hanweb_detail_page(
            parts.title,
            parts.body,
            metadata=parts.metadata,
            source=parts.source,
            pub_date=dt.date(2024, 3, 11),
            col_id=5120,
            art_id=3760539,
            crumbs=parts.crumbs,
        )
        return html, str(REPO_SEED)
    return SAMPLE_PAGE.read_text(encoding="utf-8"), str(SAMPLE_PAGE)


def seed_text() -> tuple[str, str]:
    """(normalized text of the seed, where it came from)."""
    if REPO_SEED.is_file():
        return normalize_text(REPO_SEED.read_text(encoding="utf-8")), str(REPO_SEED)
    return parse_detail(SAMPLE_PAGE.read_text(encoding="utf-8"), SAMPLE_URL).text, str(SAMPLE_PAGE)
