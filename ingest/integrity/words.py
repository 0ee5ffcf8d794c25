"""Words, not substrings: a term counts only where the segmenter cuts it as a word.

``快三`` is a lottery game, but in ``加快三大产业`` the sentence's words are
``加快 | 三 | 大 | 产业``; a substring search would see the game there. The segmenter is
jieba (its own dictionary plus every lexicon term, so brand names stay whole)::

    seg = segmenter(load_lexicon())
    seg.is_word("加快三大产业", 1, 3)     # False
    seg.is_word("快三开奖结果", 0, 2)     # True

Only the sentences around candidate matches are segmented (the lexicon's literal
alternation finds the candidates first), so a page costs what its candidates cost, not
what its length costs. jieba's dictionary loads once per process (about a second); that
is a start-up cost, not a per-scan one.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from ingest.integrity.lexicon import Lexicon

_lock = threading.Lock()


class Segmenter:
    def __init__(self, lexicon: Lexicon) -> None:
        import jieba
        import opencc

        jieba.setLogLevel(logging.WARNING)
        self._t2s = opencc.OpenCC("t2s")
        self._tokenizer = jieba.Tokenizer()
        with _lock:
            self._tokenizer.initialize()
            for form in lexicon.variants:
                # The frequency jieba suggests keeps a term whole on its own, yet lets
                # stronger dictionary words win across its edges (加快 over 快三).
                self._tokenizer.add_word(form)

    def boundaries(self, sentence: str) -> frozenset[int]:
        """Offsets in ``sentence`` where one word ends and the next begins."""
        return _cached_boundaries(self, sentence)

    def is_word(self, sentence: str, start: int, end: int) -> bool:
        """True when ``sentence[start:end]`` is one or more whole words."""
        cuts = self.boundaries(sentence)
        return start in cuts and end in cuts

    def _cut(self, sentence: str) -> frozenset[int]:
        # jieba's dictionary is simplified Chinese: cut traditional text in its simplified
        # form (涉賭場所 is 涉赌|场所, not 涉|賭場|所) when that keeps every offset.
        simplified = self._t2s.convert(sentence)
        if len(simplified) == len(sentence):
            sentence = simplified
        cuts = {0, len(sentence)}
        for _, s, e in self._tokenizer.tokenize(sentence, HMM=False):
            cuts.add(s)
            cuts.add(e)
        return frozenset(cuts)


@lru_cache(maxsize=4096)
def _cached_boundaries(seg: Segmenter, sentence: str) -> frozenset[int]:
    # Unchanged paragraphs come back with every version of a page: cut them once.
    return seg._cut(sentence)


@lru_cache(maxsize=4)
def segmenter(lexicon: Lexicon) -> Segmenter:
    """The segmenter for ``lexicon`` (built once; loading jieba takes about a second)."""
    return Segmenter(lexicon)
