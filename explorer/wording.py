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
FULL_TEXT = "full text"  # a department's own policy, its whole stored text (agency policy is a coder's cell)
SOURCE_KINDS = (COURT, MODEL_DOCUMENT, FULL_TEXT, AGENCY_POLICY, "statement", "press", "report")
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
WORD_RE = "[0-9a-z]+(?:['’][a-z]+)?"  # a word, in Python's and DuckDB's (RE2) regular expressions alike
_WORD = re.compile(WORD_RE)
# What search folds in a stored text (and in a reader's phrase): an extraction's (cid:NN) glyph codes, a hyphen with
# the white space after it (a word hyphenated at a line end, and de-escalation = deescalation), runs of white space.
_CID = re.compile(r"\(cid:\d+\)")
_HYPHEN = re.compile(r"-[ \t\n\r\f\v\u00a0]*")
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
# The same folding in DuckDB's regular expressions (RE2), for a needle folded in SQL: keep the two in step.
SQL_SEARCH_FOLD = (
    "trim(regexp_replace(regexp_replace(regexp_replace(lower({x}), '\\(cid:[0-9]+\\)', ' ', 'g'), "
    "'-[ \\t\\n\\r\\f\\v\\x{{00A0}}]*', '', 'g'), '[ \\t\\n\\r\\f\\v\\x{{00A0}}]+', ' ', 'g'))"
)


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and apostrophe forms folded ("officer’s" and "officer's" are one word)."""
    return [w.replace("’", "'") for w in _WORD.findall((text or "").lower())]


def grams(tokens: list[str]) -> list[str]:
    """The distinct shingles of GRAM consecutive words, in order of first appearance."""
    return list(dict.fromkeys(" ".join(tokens[i : i + GRAM]) for i in range(len(tokens) - GRAM + 1)))


def search_fold(text: str) -> str:
    """Lower case, (cid:NN) codes dropped, a hyphen and the white space after it dropped, white space folded: what
    search compares, so a phrase is found across line breaks, page ends and a word hyphenated at a line end."""
    return _SPACE.sub(" ", _HYPHEN.sub("", _CID.sub(" ", (text or "").lower()))).strip()


def match_key(text: str) -> str:
    """search_fold, then the words only (explorer.wording.words) joined by one space: how the build tests whether a
    coder's quoted words, or a manifest's evidence, occur in a stored text (punctuation and quote marks ignored)."""
    return " ".join(words(_HYPHEN.sub("", _CID.sub(" ", (text or "").lower()))))
