"""How the product says numbers and counts to a reader, in one place: thousands separators, singular or plural,
'—' or a sentence for a missing value, and no internal path or file name.

Every count a page shows goes through count() (or number()), so "1 provisions" and "200000" cannot come back.
"""

from __future__ import annotations

import math
import re

MISSING = "—"
# Plurals English does not make by rule; compound nouns pluralise their head ("kind of source" -> "kinds of source").
IRREGULAR = {"agency's policy": "agencies' policies", "criterion": "criteria", "person": "people", "this": "these"}


def number(n: object) -> str:
    """1234567 -> '1,234,567'; 0.5 -> '0.5'; a missing number -> '—'."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return MISSING
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.2f}".rstrip("0").rstrip(".")
    try:
        return f"{int(n):,}"
    except (TypeError, ValueError):
        return str(n)


def plural(noun: str) -> str:
    """The plural of a noun or noun phrase: 'provision' -> 'provisions', 'agency' -> 'agencies', 'kind of source' -> 'kinds of source'."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    head, sep, tail = noun.partition(" of ")
    if sep:
        return f"{plural(head)} of {tail}"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", noun):
        return noun + "es"
    return noun + "s"


def noun(n: object, singular: str, many: str | None = None) -> str:
    """The noun as it goes with n: singular for exactly 1, else the plural."""
    try:
        one = float(n) == 1  # type: ignore[arg-type]
    except (TypeError, ValueError):
        one = False
    return singular if one else (many or plural(singular))


def count(n: object, singular: str, many: str | None = None) -> str:
    """'1 provision', '2,000 provisions', '1 agency's policy', '3 agencies' policies'."""
    return f"{number(n)} {noun(n, singular, many)}"


def of(part: object, whole: object) -> str:
    """'3 of 1,200'."""
    return f"{number(part)} of {number(whole)}"


def missing(value: object, sentence: str = MISSING) -> str:
    """A value as shown: '—' (or a sentence saying what is not known) for None, NaN, '' or 'None'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() in ("", "None", "nan", "NaT"):
        return sentence
    return str(value)


# Internal words that never reach a reader: where a source text or a raw file lies in the repository or the shared
# material it was copied from. Notes written for maintainers keep them; the screen says what they mean.
_PATHS = (
    (re.compile(r"\s*\((?:shared/seeds|shared/sources|data/sources|data/external)/[^)]*\)"), ""),
    (re.compile(r";?\s*this header was added from shared/seeds/README\.md\.?"), "."),
    (re.compile(r"\bLICENSE beside this file\b"), "licence file kept with the data"),
    (re.compile(r"\b(?:shared|data)/[\w./-]+\.(?:txt|md|csv|json|yaml)\b"), "the stored copy"),
)


def plain(text: object) -> str:
    """Text for a reader, with the repository's paths and file names taken out ('kept exactly as received')."""
    out = missing(text)
    for pattern, repl in _PATHS:
        out = pattern.sub(repl, out)
    return re.sub(r"\.\.+", ".", out).strip()
