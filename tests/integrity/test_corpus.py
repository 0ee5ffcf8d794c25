"""The corpus: honest government texts give zero flags, defacements are all flagged.

The honest texts are real (``corpus/honest.toml``, with their addresses, and the held-out
work reports); they were chosen for the words a substring lexicon trips on, which the
last test shows it does.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.integrity.cases import (
    Case,
    _docs,
    defaced_cases,
    flagged,
    honest_cases,
    substring_flagged,
)

HONEST = honest_cases()
DEFACED = defaced_cases()


def test_the_honest_corpus_covers_what_trips_a_lexicon() -> None:
    topics = Counter(d["topic"] for d in _docs("honest.toml"))
    assert sum(topics.values()) >= 40
    assert set(topics) == {"macau_hk", "lottery", "gambling_enforcement", "sports"}
    assert min(topics.values()) >= 6
    assert len(HONEST) >= 49  # with the seven held-out work reports


@pytest.mark.parametrize("case", HONEST, ids=[c.name[:60] for c in HONEST])
def test_honest_text_is_not_flagged(case: Case) -> None:
    assert not flagged(case)


@pytest.mark.parametrize("case", DEFACED, ids=[c.name for c in DEFACED])
def test_defacement_is_flagged(case: Case) -> None:
    assert flagged(case)


def test_every_kind_of_defacement_is_in_the_corpus() -> None:
    kinds = {c.name.split(" #")[0].split(":")[0] for c in DEFACED}
    assert kinds >= {
        "real",
        "brand injected",
        "spam paragraph appended",
        "traditional spam",
        "hidden link block",
        "word new in a barely changed version",
        "new external spam link",
    }


def test_a_substring_lexicon_would_cry_wolf_on_this_corpus() -> None:
    # The corpus has teeth: without words, context and evidence it accuses honest pages.
    wolves = [c.name for c in HONEST if substring_flagged(c)]
    assert len(wolves) >= 10, wolves
