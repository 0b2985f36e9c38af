"""How the Wording page reads words: one tokenizer and one shingle size, shared by the build (which indexes every
stored passage) and the serving side (which cuts a reader's phrase the same way), so the two always agree.

Why word shingles: a model policy's sentence reaches a department's policy copied, lightly edited or cut. Shared
runs of GRAM consecutive words find all three, are exact (a reader can see which words were shared), and are
indexable: a lookup joins the phrase's few shingles to a table of shingles, so its cost follows the matches, not
the size of every stored text (a fuzzy scorer such as rapidfuzz would score every passage on every search).
"""

from __future__ import annotations

import re

# The kinds of source a passage comes from, in the order the page lists them, and the sources' kinds behind them.
COURT, MODEL_DOCUMENT, AGENCY_POLICY = "court", "model document", "agency policy"
SOURCE_KINDS = (COURT, MODEL_DOCUMENT, AGENCY_POLICY, "statement", "press", "report")
KIND_OF_SOURCE = {
    "court_opinion": COURT,
    "policy": MODEL_DOCUMENT,
    "statement": "statement",
    "press_release": "statement",
    "news": "press",
    "blog": "press",
    "report": "report",
}
FOLLOWED_KINDS = (MODEL_DOCUMENT, COURT)  # whose sentences a reader may pick to follow (lineage)
GRAM = 4  # words per shingle: 3 matches stock phrases everywhere ("of the policy"), 5 misses one-word edits
MAX_PHRASE_CHARS = 1_000  # a phrase (or pasted passage) longer than this is refused, with its length
_WORD = re.compile(r"[0-9a-z]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and apostrophe forms folded ("officer’s" and "officer's" are one word)."""
    return [w.replace("’", "'") for w in _WORD.findall((text or "").lower())]


def grams(tokens: list[str]) -> list[str]:
    """The distinct shingles of GRAM consecutive words, in order of first appearance."""
    return list(dict.fromkeys(" ".join(tokens[i : i + GRAM]) for i in range(len(tokens) - GRAM + 1)))
