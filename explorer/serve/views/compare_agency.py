"""A reader's own agency coded with the codebook: the upload template, its validation, and its distance to a document."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from explorer import contract
from explorer.contract import Problem, read_csv_strict

COLUMNS = ["provision_id", "stance", "quote", "locator", "source_title", "source_url"]
MAX_UPLOAD_BYTES = 1_000_000  # one agency's coding is a few kilobytes; more is not a coding sheet
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
    """Validate an uploaded coding sheet with the build's reader and rules; on any problem nothing is accepted."""
    empty = pd.DataFrame(columns=COLUMNS)
    if len(raw) > MAX_UPLOAD_BYTES:
        return Upload(empty, [Problem(FILE, 0, "-", f"file is {len(raw):,} bytes; a coding sheet is at most {MAX_UPLOAD_BYTES:,}")])
    read = read_csv_strict(raw, FILE, COLUMNS, forgiving=True, hint="download the template")
    problems = list(read.problems)
    stances = contract.stances()
    seen: dict[str, int] = {}
    rows = []
    for line, values in zip(read.lines, read.rows, strict=True):
        row = {c: values[c].strip() for c in COLUMNS}
        pid, stance = row["provision_id"], row["stance"]
        if pid not in provision_ids:
            problems.append(Problem(FILE, line, "provision_id", f"{pid!r} is not a known provision"))
        elif pid in seen:
            problems.append(Problem(FILE, line, "provision_id", f"duplicate provision {pid!r} (first on line {seen[pid]})"))
        else:
            seen[pid] = line
        if stance not in stances:
            problems.append(Problem(FILE, line, "stance", f"{stance!r} is not one of: {', '.join(stances)}"))
        elif stance not in contract.stances_without_quote() and not row["quote"]:
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
    order = contract.strictness().get(direction, ())
    if stance not in order or other not in order:
        return "not comparable"  # silent, unknown, or a stance outside this provision's scale
    return "stricter" if order.index(stance) < order.index(other) else "looser"


def distance(agency: pd.DataFrame, grid: pd.DataFrame) -> pd.DataFrame:
    """Per document and provision: the agency's stance, the document's, and the direction between them."""
    mine = agency.set_index("provision_id")["stance"]
    out = grid[grid["provision_id"].isin(mine.index)][["doc_short_title", "provision_id", "provision_name", "direction", "stance"]].copy()
    out["agency_stance"] = out["provision_id"].map(mine)
    out["agency_quote"] = out["provision_id"].map(agency.set_index("provision_id")["quote"])
    out["comparison"] = [compare(a, d, r) for a, d, r in zip(out["agency_stance"], out["stance"], out["direction"], strict=True)]
    return out.rename(columns={"stance": "document_stance"})
