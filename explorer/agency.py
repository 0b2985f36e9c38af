"""A reader's own agency coded with the codebook: the upload template, its validation, and its distance to a document."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from explorer.validate import MAX_LINE_CHARS, Problem

COLUMNS = ["provision_id", "stance", "quote", "locator", "source_title", "source_url"]
STANCES = ("requires", "recommends", "permits_with_conditions", "permits", "discourages", "prohibits", "silent", "unknown")
MAX_UPLOAD_BYTES = 1_000_000  # one agency's coding is a few kilobytes; more is not a coding sheet
# Strictness, most strict first, by the provision's direction (data/schema.yaml `direction`).
STRICTNESS = {
    "restricts": ("prohibits", "discourages", "permits_with_conditions", "permits"),
    "asks_for": ("requires", "recommends", "permits"),
}
FILE = "upload.csv"


def template(provisions: pd.DataFrame) -> bytes:
    """A CSV with every provision listed and the coding question, ready to fill in."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for p in provisions.itertuples():
        w.writerow([p.provision_id, "unknown", "", "", "", ""])
    return out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Upload:
    rows: pd.DataFrame  # provision_id, stance, quote, locator, source_title, source_url
    problems: list[Problem]


def parse(raw: bytes, provision_ids: set[str]) -> Upload:
    """Validate an uploaded coding sheet with the build's rules; on any problem nothing is accepted."""
    problems: list[Problem] = []
    empty = pd.DataFrame(columns=COLUMNS)
    if len(raw) > MAX_UPLOAD_BYTES:
        return Upload(empty, [Problem(FILE, 0, "-", f"file is {len(raw):,} bytes; a coding sheet is at most {MAX_UPLOAD_BYTES:,}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # spreadsheet programs add a byte-order mark; harmless here
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return Upload(empty, [Problem(FILE, line, "-", "not valid UTF-8; save the file as CSV UTF-8")])
    if any(len(line) > MAX_LINE_CHARS for line in text.split("\n")):
        return Upload(empty, [Problem(FILE, 0, "-", f"a line is longer than {MAX_LINE_CHARS:,} characters")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        records = []
        while True:
            start = reader.line_num + 1
            values = next(reader, None)
            if values is None:
                break
            if values:
                records.append((start, values))
    except csv.Error as e:
        return Upload(empty, [Problem(FILE, reader.line_num, "-", f"malformed CSV ({e}); check for a stray quote character")])
    if header is None:
        return Upload(empty, [Problem(FILE, 1, "-", "file is empty; download the template")])
    header = [h.strip() for h in header]
    for c in COLUMNS:
        if c not in header:
            problems.append(Problem(FILE, 1, c, "missing column (download the template)"))
    for c in header:
        if c not in COLUMNS:
            problems.append(Problem(FILE, 1, c, "unexpected column"))
    if problems:
        return Upload(empty, problems)
    seen: dict[str, int] = {}
    rows = []
    for line, values in records:
        if len(values) != len(header):
            problems.append(Problem(FILE, line, "-", f"{len(values)} fields, expected {len(header)}"))
            continue
        row = {c: v.strip() for c, v in zip(header, values, strict=True)}
        pid, stance = row["provision_id"], row["stance"]
        if pid not in provision_ids:
            problems.append(Problem(FILE, line, "provision_id", f"{pid!r} is not a known provision"))
        elif pid in seen:
            problems.append(Problem(FILE, line, "provision_id", f"duplicate provision {pid!r} (first on line {seen[pid]})"))
        else:
            seen[pid] = line
        if stance not in STANCES:
            problems.append(Problem(FILE, line, "stance", f"{stance!r} is not one of: {', '.join(STANCES)}"))
        elif stance not in ("silent", "unknown") and not row["quote"]:
            problems.append(Problem(FILE, line, "quote", f"stance {stance!r} needs the policy's words that support it"))
        if row["source_url"] and not row["source_url"].startswith(("http://", "https://")):
            problems.append(Problem(FILE, line, "source_url", "must start with http:// or https://"))
        rows.append(row)
    if problems:
        return Upload(empty, problems)
    return Upload(pd.DataFrame(rows, columns=COLUMNS), [])


def compare(stance: str, other: str, direction: str) -> str:
    """How the agency stands against a document on one provision: same, stricter, looser, or not comparable."""
    if stance == other:
        return "same"
    order = STRICTNESS.get(direction, ())
    if stance not in order or other not in order:
        return "not comparable"  # silent, unknown, or a stance outside this provision's scale
    return "stricter" if order.index(stance) < order.index(other) else "looser"


def distance(agency: pd.DataFrame, grid: pd.DataFrame) -> pd.DataFrame:
    """Per document and provision: the agency's stance, the document's, and the direction between them."""
    mine = agency.set_index("provision_id")["stance"]
    out = grid[grid["provision_id"].isin(mine.index)][["doc_short_title", "provision_id", "provision_name", "direction", "stance"]].copy()
    out["agency_stance"] = out["provision_id"].map(mine)
    out["comparison"] = [compare(a, d, r) for a, d, r in zip(out["agency_stance"], out["stance"], out["direction"], strict=True)]
    return out.rename(columns={"stance": "document_stance"})
