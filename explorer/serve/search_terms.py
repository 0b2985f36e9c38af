"""Turns what a reader types in the quote search box into search terms."""

from __future__ import annotations

import re

MAX_TERMS = 12  # more words than this is a paste, not a search
MAX_TERM_CHARS = 200
_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def parse_terms(text: str) -> tuple[str, ...]:
    """Words and "quoted phrases", case kept, duplicates dropped; every one must occur in a match."""
    terms: list[str] = []
    for phrase, word in _TOKEN.findall(text or ""):
        term = (phrase or word).strip()[:MAX_TERM_CHARS]
        if term and term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    return tuple(terms[:MAX_TERMS])
