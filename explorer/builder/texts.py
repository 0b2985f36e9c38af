"""Imports a dataset of full texts (a dataset.yaml with `format: texts`): departments' own policies, stored exactly.

The description names the manifest and which of its columns holds which fact; every fact is read from the manifest,
never retyped. Each shipped text is checked against the manifest's sha256 and becomes a department's policy document
(an organization of kind agency, a document of kind agency_policy_text), its body kept byte for byte. A state is kept
only where the manifest gives the words of the text that name it and those words occur in the text, or, where the
manifest gives a state's code without words, where the text names that state in full (the line that does is kept).
Quoted words (state evidence, printed dates) are stored widened to whole words where the manifest's window cut one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from explorer.contract import CsvRead, Problem
from explorer.wording import match_key

# The facts a text needs (keys of the description's `columns`), and those that may be empty in the manifest.
TEXT_FACTS = ("file", "city", "department", "title", "number", "printed_date", "printed_date_quote", "scope", "sha256")
OPTIONAL_FACTS = (
    "scope_note",
    "quality_note",
    "state",
    "state_evidence",
    "bytes",
    "source_repo",
    "source_commit",
    "source_path",
    "git_blob",
    "pdf_path",
    "pdf_sha256",
    "pdf_info",
)
NOT_PRINTED = "not printed"
# The 50 states' names by postal code: a fixed table of words, used only to find a state the manifest gives without
# the text's words in the text itself (Kansas City's first line names Missouri). Never a fact about a city.
STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine",
    "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip


def whole_words(piece: str, body: str) -> str:
    """A manifest's quoted piece widened to whole words where the text has it (a window cut mid-word: 'ty of human
    life ... only us' -> 'safety of human life ... only use'), white space folded; the piece as given if not located."""
    tokens = piece.split()
    m = re.search(r"\s+".join(re.escape(t) for t in tokens), body) if tokens else None
    if not m:
        return piece.strip()
    start, end = m.start(), m.end()
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    return " ".join(body[start:end].split())


def state_in_text(code: str, body: str) -> str | None:
    """The line of the text that names the state given by its code (whole words, any case), or None."""
    name = STATE_NAMES.get(code)
    m = re.search(r"\b" + r"\s+".join(name.split()) + r"\b", body, re.IGNORECASE) if name else None
    if not m:
        return None
    start = max(body.rfind("\n", 0, m.start()), body.rfind("\f", 0, m.start())) + 1
    end = min((i for i in (body.find("\r", m.end()), body.find("\n", m.end()), body.find("\f", m.end())) if i >= 0), default=len(body))
    return " ".join(body[start:end].split())


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_YEAR = re.compile(r"^(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})\b(?![-/])")


def text_slug(city: str) -> str:
    """The manifest's city as an id: a parenthesised remark dropped ('Tucson (file: Tuscon)' -> 'tucson')."""
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"\(.*?\)", "", city).lower()).strip("-")


def _printed(printed_date: str) -> tuple[str, str]:
    """(the date to the precision the manifest says the text prints it, the rest of the manifest's words)."""
    text = printed_date.strip()
    if m := _DAY.match(text):
        return "-".join(m.groups()), text[m.end() :]
    if m := _MONTH_YEAR.match(text):  # 'April 2013 (issued)': a month and year printed, no day
        return f"{m.group(2)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}", text[m.end() :]
    if m := _YEAR.match(text):
        return m.group(1), text[m.end() :]
    return "unknown", text


def issued_on(printed_date: str) -> str:
    """The printed date to the precision printed, where the manifest's words start with one: a day ('2017-06-02
    (effective)'), a month ('April 2013 (issued)' -> '2013-04') or a year; else 'unknown'. Never a day not printed."""
    return _printed(printed_date)[0]


def printed_shown(printed_date: str, quote: str) -> str:
    """The printed date as a reader sees it: the date to its precision, the manifest's remark, and the words that print
    it ('2013-04 (issued); revisions (11/01/2014); printed “April 2013 | (11/01/2014)”'). Where no one date is
    printed but words are: those words first, then the manifest's description. 'not printed' only with no words."""
    if quote.strip() == NOT_PRINTED:
        return printed_date.strip()
    on, rest = _printed(printed_date)
    if on == "unknown":
        return f"no single date; printed “{quote}” (the manifest: {printed_date.strip()})"
    return f"{on}{rest}; printed “{quote}”"


def _read_manifest(raw: bytes, rel: str, wanted: list[str]) -> CsvRead:
    """The manifest as its publisher wrote it (CRLF, more columns than we read): rows with their line numbers."""
    out = CsvRead()
    try:
        reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True)
        header = next(reader, None) or []
        out.problems += [Problem(rel, 1, c, "missing column (named in dataset.yaml)") for c in wanted if c not in header]
        start = reader.line_num + 1
        for values in reader:
            if values and len(values) != len(header):
                out.problems.append(Problem(rel, start, "-", f"{len(values)} fields, expected {len(header)}"))
            elif values:
                out.rows.append(dict(zip(header, values, strict=True)))
                out.lines.append(start)
            start = reader.line_num + 1
    except (UnicodeDecodeError, csv.Error) as e:
        out.problems.append(Problem(rel, 0, "-", f"unreadable manifest: {e}"))
    return out


def load_texts(desc: dict[str, Any], folder: Path, data_dir: Path, out: Any, problem) -> None:
    """Rows for policy_texts, policy_text_bodies, organizations and documents from one texts dataset."""
    for key in ("manifest", "columns", "shipped"):
        if key not in desc:
            problem(0, key, "missing key (a texts dataset names its manifest, its columns and which rows are shipped)")
    if any(key not in desc for key in ("manifest", "columns", "shipped")):
        return
    cols = desc["columns"]
    for fact in TEXT_FACTS:
        if fact not in cols:
            problem(0, f"columns.{fact}", "missing key")
    if any(fact not in cols for fact in TEXT_FACTS):
        return
    manifest = folder / desc["manifest"]
    rel = manifest.relative_to(data_dir.parent).as_posix()
    if not manifest.is_file():
        problem(0, "manifest", f"no file {desc['manifest']!r} beside the description")
        return
    wanted = [desc["shipped"]["column"]] + [cols[f] for f in (*TEXT_FACTS, *OPTIONAL_FACTS) if f in cols]
    read = _read_manifest(manifest.read_bytes(), rel, wanted)
    out.problems += read.problems
    if read.problems:
        return
    scopes = desc.get("scopes") or {}
    did = desc["dataset_id"]
    seen: dict[str, int] = {}
    for row, line in zip(read.rows, read.lines, strict=True):
        if row[desc["shipped"]["column"]] != desc["shipped"]["value"]:
            continue
        fact = {f: (row[cols[f]] if f in cols else "").strip() for f in (*TEXT_FACTS, *OPTIONAL_FACTS)}
        bad = [(cols[f], "required field is empty") for f in TEXT_FACTS if not fact[f]]
        if scopes and fact["scope"] and fact["scope"] not in scopes:
            bad.append((cols["scope"], f"{fact['scope']!r} is not one of: {', '.join(scopes)}"))
        path = folder / fact["file"]
        if fact["file"] and not path.is_file():
            bad.append((cols["file"], f"no file {fact['file']!r} in the dataset's folder"))
        slug = text_slug(fact["city"])
        if slug in seen:
            bad.append((cols["city"], f"{fact['city']!r} gives the id {slug!r} of line {seen[slug]} too"))
        if bad:
            out.problems += [Problem(rel, line, c, msg) for c, msg in bad]
            continue
        seen[slug] = line
        raw = path.read_bytes()
        if (got := hashlib.sha256(raw).hexdigest()) != fact["sha256"]:
            out.problems.append(Problem(rel, line, cols["sha256"], f"{fact['file']} hashes to {got}, not {fact['sha256']}"))
            continue
        try:
            body = raw.decode("utf-8")  # bytes, not read_text: CRLF and form feeds stay exactly as stored
        except UnicodeDecodeError as e:
            out.problems.append(Problem(rel, line, cols["file"], f"{fact['file']} is not UTF-8: {e}"))
            continue
        _text(desc, did, slug, fact, body, len(raw), line, rel, cols, out)


def _text(desc, did, slug, fact, body, size, line, rel, cols, out) -> None:
    key = match_key(body)
    state, state_note = fact["state"], ""
    if state and not fact["state_evidence"]:
        found = state_in_text(state, body)
        if found:  # the manifest gives a code without words: the state's name found in the text's own line is the evidence
            fact = {**fact, "state_evidence": found}
            state_note = f"the manifest gives {state} without words; the build found the state's name ({STATE_NAMES[state]}) in this line of the text"
        else:
            state, state_note = (
                "",
                f"the manifest gives {fact['state']} without the words of the text that name it, nor does the text name {STATE_NAMES.get(state, state)}: not kept",
            )
    elif state and match_key(fact["state_evidence"]) not in key:
        out.problems.append(Problem(rel, line, cols["state_evidence"], "these words do not occur in the text (folded as search folds)"))
        return
    if fact["printed_date_quote"] != NOT_PRINTED:
        missing = [piece for piece in fact["printed_date_quote"].split(" | ") if match_key(piece) not in key]
        if missing:
            out.problems.append(Problem(rel, line, cols["printed_date_quote"], f"not in the text: {missing[0]!r}"))
            return
    # The manifest's windows may cut words (“…have been satisfie”): store each piece widened to whole words in the text.
    fact = {**fact, "state_evidence": whole_words(fact["state_evidence"], body) if fact["state_evidence"] else fact["state_evidence"]}
    if fact["printed_date_quote"] != NOT_PRINTED:
        fact["printed_date_quote"] = " | ".join(whole_words(piece, body) for piece in fact["printed_date_quote"].split(" | "))
    org_id, doc_id = f"{did}/{slug}", f"{did}/{slug}/policy"
    where = f"{rel} line {line}"
    out.policy_texts.append(
        {
            "text_id": slug,
            "dataset_id": did,
            "doc_id": doc_id,
            "org_id": org_id,
            "department_id": None,  # filled in by explorer.builder.links
            **{f: fact[f] or None for f in (*TEXT_FACTS, *OPTIONAL_FACTS) if f not in ("state", "bytes")},
            "issued_on": issued_on(fact["printed_date"]),
            "printed": printed_shown(fact["printed_date"], fact["printed_date_quote"]),
            "state": state or None,
            "state_evidence": (fact["state_evidence"] or None) if state else None,
            "state_note": state_note or (None if state else "the text names no state (the manifest gives none)"),
            "bytes": size,
            "chars": len(body),
            "lines": body.count("\n") + 1,
            "credit": desc["credit"],
            "licence": desc["licence"],
        }
    )
    out.policy_text_bodies.append({"text_id": slug, "body": body})
    out.shared["organizations"].append(
        {
            "org_id": org_id,
            "name": fact["department"],
            "acronym": "unknown",
            "kind": "agency",
            "source_id": did,
            "notes": f"Named “{fact['department']}” in {where}"
            + (f"; its own text names the state: “{fact['state_evidence']}”." if state else "; its text names no state."),
            "city": fact["city"],
            "state": state,
            "dataset_id": did,
        }
    )
    out.shared["documents"].append(
        {
            "doc_id": doc_id,
            "title": f"{fact['department']}: {fact['title']}",
            "short_title": f"{fact['department']} ({fact['number']})",
            "issued_on": issued_on(fact["printed_date"]),
            "version": fact["printed_date"] if fact["printed_date"].startswith(NOT_PRINTED) else f"as printed: {fact['printed_date']}",
            "author_org_ids": org_id,
            "kind": "agency_policy_text",
            "source_id": did,
            "notes": f"Full text ({fact['scope']}), read from {where}.",
            "dataset_id": did,
            "policy_year": issued_on(fact["printed_date"])[:4] if issued_on(fact["printed_date"]) != "unknown" else "",
            "policy_url": "",
        }
    )
