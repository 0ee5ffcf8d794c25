"""Integrity flags: signs that a government page was defaced (injected gambling or adult
spam, hidden link farms, new external spam links), weighed so an honest report about
Macau cooperation, lottery rules or an anti-gambling campaign is not accused::

    from ingest.integrity import is_flagged, scan, score

    flags = scan(page, previous_text=old_text, previous_links=old_urls)
    score(flags), is_flagged(flags)          # (3.5, True) on the seed

``lexicon`` (the data: ``ingest/spam_lexicon.toml``), ``words`` (jieba: words, not
substrings), ``scan`` (context, evidence and weights).
"""

from ingest.integrity.lexicon import Lexicon, load_lexicon
from ingest.integrity.scan import Evidence, Flag, find_terms, is_flagged, scan, score

__all__ = [
    "Evidence",
    "Flag",
    "Lexicon",
    "find_terms",
    "is_flagged",
    "load_lexicon",
    "scan",
    "score",
]
