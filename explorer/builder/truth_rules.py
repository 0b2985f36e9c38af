"""Rules that read across tables so that a cell never says more than its words: each one caught an error in release 2026.11.0.

Every rule yields Problems naming the file, line and field of the row at fault. They run after the per-table checks,
so every reference they follow is known to resolve.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from explorer import contract
from explorer.builder import reading_rules
from explorer.builder.source_text import SourceText, fold
from explorer.contract import Problem, split_list

Rows = dict[str, list[dict[str, str]]]
Lines = dict[str, list[int]]
Rule = Iterator[Problem]
# A stored copy marks where it breaks off with [excerpt ends]; SourceText keeps the mark as this character.
_CUT_MARK = "\u0000"


def _precision(date: str) -> int:
    """0 for unknown, 1 for a year, 2 for a month, 3 for a day."""
    return 0 if not date or date == "unknown" else len(date.split("-"))


def _later(date: str, than: str) -> bool:
    """True when date is certainly later than `than`, compared at the coarser of the two precisions."""
    n = min(_precision(date), _precision(than))
    return n > 0 and date.split("-")[:n] > than.split("-")[:n]


def _indexed(rows: Rows, lines: Lines, table: str) -> Iterator[tuple[dict[str, str], int]]:
    yield from zip(rows[table], lines[table], strict=True)


def _authors(rows: Rows) -> dict[str, set[str]]:
    """doc_id -> organizations that wrote, issued or signed it."""
    out: dict[str, set[str]] = {d["doc_id"]: set(split_list(d["author_org_ids"])) for d in rows["documents"]}
    for e in rows["endorsements"]:
        if e["status"] in ("authored", "signed"):
            out.setdefault(e["doc_id"], set()).add(e["org_id"])
    return out


def primary_evidence_is_the_document(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """`primary` evidence cites a stored copy of that very edition (a source whose doc_id is the position's)."""
    sources = {s["source_id"]: s for s in rows["sources"]}
    for p, line in _indexed(rows, lines, "positions"):
        if p["evidence"] == "primary" and sources[p["source_id"]]["doc_id"] != p["doc_id"]:
            yield Problem(
                "data/positions.csv",
                line,
                "evidence",
                f"'primary' needs a stored copy of {p['doc_id']}, but {p['source_id']!r} is not one (its doc_id is "
                f"{sources[p['source_id']]['doc_id'] or 'empty'}): use 'quoted', 'secondary' or 'inferred'",
            )


def undated_page_cannot_establish_an_edition(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A quote from an undated page that is not a copy of the edition, or a quote about another edition, is at best `inferred`."""
    sources = {s["source_id"]: s for s in rows["sources"]}
    quotes = {q["quote_id"]: q for q in rows["quotes"]}
    for p, line in _indexed(rows, lines, "positions"):
        if p["evidence"] not in ("primary", "quoted", "secondary") or not p["quote_id"]:
            continue
        q = quotes[p["quote_id"]]
        src = sources[q["source_id"]]
        if src["doc_id"] != p["doc_id"] and src["published_on"] == "unknown":
            yield Problem(
                "data/positions.csv",
                line,
                "evidence",
                f"{q['quote_id']!r} is read from an undated page ({q['source_id']}) that is not a copy of {p['doc_id']}: "
                "it cannot establish the edition; use 'inferred' or stance 'unknown'",
            )
        elif q["doc_id"] != p["doc_id"]:
            yield Problem(
                "data/positions.csv",
                line,
                "evidence",
                f"{q['quote_id']!r} is about {q['doc_id'] or 'no named edition'}, not {p['doc_id']}: use 'inferred' or stance 'unknown'",
            )


def stance_needs_a_document(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A quote `for` or `against` something names the document it is for or against."""
    for q, line in _indexed(rows, lines, "quotes"):
        if q["stance_to"] != "neutral" and not q["doc_id"]:
            yield Problem("data/quotes.csv", line, "stance_to", f"{q['stance_to']!r} needs a doc_id (for or against which document?)")


def dates_follow_their_sources(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """said_on is never later than the quote's own source, nor more precise than the source that dates it."""
    dated = {s["source_id"]: s["published_on"] for s in rows["sources"]}
    for q, line in _indexed(rows, lines, "quotes"):
        own = dated[q["source_id"]]
        by = q["dated_by"] or q["source_id"]
        if _later(q["said_on"], own):
            yield Problem("data/quotes.csv", line, "said_on", f"{q['said_on']} is later than its source {q['source_id']} ({own})")
        if _precision(q["said_on"]) > _precision(dated[by]):
            yield Problem(
                "data/quotes.csv",
                line,
                "said_on",
                f"{q['said_on']} is more precise than {by} ({dated[by]}), which dates it: name a source that gives the date in dated_by",
            )


def source_dates_match_their_headers(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """sources.csv's published_on is the date its text file's DATE header starts with ('not shown' when unknown)."""
    for s, line in _indexed(rows, lines, "sources"):
        header = texts[s["source_id"]].header.get("DATE", "") if s["source_id"] in texts else ""
        date = s["published_on"]
        ok = header.startswith(date) if date != "unknown" else header.startswith(("not shown", "unknown"))
        if not ok:
            yield Problem(
                "data/sources.csv", line, "published_on", f"{date!r} does not match the text file's DATE header ({header[:60]!r})"
            )


def authors_have_authored_rows(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """Every author in documents.author_org_ids has an `authored` endorsement, and every `authored` row is listed."""
    authored = {(e["org_id"], e["doc_id"]) for e in rows["endorsements"] if e["status"] == "authored"}
    listed = {(o, d["doc_id"]) for d in rows["documents"] for o in split_list(d["author_org_ids"])}
    for d, line in _indexed(rows, lines, "documents"):
        for org in split_list(d["author_org_ids"]):
            if (org, d["doc_id"]) not in authored:
                yield Problem(
                    "data/documents.csv", line, "author_org_ids", f"{org!r} has no 'authored' row for {d['doc_id']} in endorsements.csv"
                )
    for e, line in _indexed(rows, lines, "endorsements"):
        if e["status"] == "authored" and (e["org_id"], e["doc_id"]) not in listed:
            yield Problem("data/endorsements.csv", line, "status", f"{e['org_id']!r} is not in {e['doc_id']}'s author_org_ids")


def nobody_rejects_their_own_document(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """An organization that wrote or signed a document is never quoted (in its own voice) or recorded against it."""
    authors = _authors(rows)
    for q, line in _indexed(rows, lines, "quotes"):
        own = set(split_list(q["org_ids"])) & authors.get(q["doc_id"], set())
        if q["stance_to"] == "against" and q["voice"] == "own" and own:
            yield Problem(
                "data/quotes.csv",
                line,
                "stance_to",
                f"{', '.join(sorted(own))} wrote or signed {q['doc_id']}: its own words are not 'against' it",
            )
    for e, line in _indexed(rows, lines, "endorsements"):
        if e["status"] in ("opposed", "declined") and e["org_id"] in authors.get(e["doc_id"], set()):
            yield Problem(
                "data/endorsements.csv", line, "status", f"{e['org_id']!r} wrote or signed {e['doc_id']}, so it cannot be {e['status']!r}"
            )


def cut_passages_are_marked(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A quote that runs into an [excerpt ends] mark is marked cut = end, and only such a quote is."""
    for q, line in _indexed(rows, lines, "quotes"):
        needle = fold(q["text"])
        segments = texts[q["source_id"]].segments() if q["source_id"] in texts else []
        at_cut = any(needle + _CUT_MARK in seg or needle + " " + _CUT_MARK in seg for seg in segments)
        if at_cut and q["cut"] != "end":
            yield Problem("data/quotes.csv", line, "cut", "the stored copy breaks off right after this passage: set cut to 'end'")
        if q["cut"] == "end" and not at_cut:
            yield Problem("data/quotes.csv", line, "cut", "'end', but the stored copy does not break off after this passage")


def qualified_rows_say_why(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> Rule:
    """A partial, one-member, reported or inferred endorsement says in its note what it rests on."""
    for e, line in _indexed(rows, lines, "endorsements"):
        if contract.qualified(e["extent"], e["evidence"]) and not e["note"]:
            yield Problem(
                "data/endorsements.csv", line, "note", f"extent {e['extent']!r} / evidence {e['evidence']!r} needs a note saying why"
            )


RULES = (
    primary_evidence_is_the_document,
    undated_page_cannot_establish_an_edition,
    stance_needs_a_document,
    dates_follow_their_sources,
    source_dates_match_their_headers,
    authors_have_authored_rows,
    nobody_rejects_their_own_document,
    cut_passages_are_marked,
    qualified_rows_say_why,
    *reading_rules.RULES,
)


def check(rows: Rows, lines: Lines, texts: dict[str, SourceText]) -> list[Problem]:
    """Every problem every rule finds."""
    return [p for rule in RULES for p in rule(rows, lines, texts)]


def describe() -> list[dict[str, Any]]:
    """Each rule's name and first docstring line, for the codebook."""
    return [{"name": r.__name__, "doc": (r.__doc__ or "").strip().splitlines()[0]} for r in RULES]
