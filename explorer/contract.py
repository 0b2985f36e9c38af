"""What both wings share: the schema version, the codebook's vocabularies, the strict CSV reader, the problem type.

The build writes the database by this contract and the serving side reads it by the same one; neither imports the
other. Vocabularies (stances, statuses, their symbols, strictness order) are read from data/schema.yaml only.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from explorer.paths import SCHEMA_PATH

# Bumped when the table layout or a view's or macro's signature changes (9: passages and passage_grams; 10: passages.cut; 12: editorial), so that
# the app can spot a database from an older build.
SCHEMA_VERSION = 12
# A hand-edited CSV line longer than this is junk pasted by mistake, not data.
MAX_LINE_CHARS = 20_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, printed as `file:line: column: message` (line 0: the whole file)."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


def load_schema(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def codebook() -> dict[str, Any]:
    """data/schema.yaml, read once per process."""
    return load_schema(SCHEMA_PATH)


def column(table: str, name: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The codebook's entry for one column."""
    spec = (schema or codebook())["tables"][table]
    return next(c for c in spec["columns"] if c["name"] == name)


def vocabulary(table: str, name: str, schema: dict[str, Any] | None = None) -> tuple[str, ...]:
    """The allowed values of a coded column, in the codebook's order."""
    return tuple(column(table, name, schema)["allowed"])


def symbols(table: str, name: str) -> dict[str, str]:
    """Value -> symbol for a coded column (so meaning never rests on colour alone)."""
    return dict(column(table, name)["symbols"])


LIST_SEPARATOR = ";"


def split_list(value: str) -> list[str]:
    """A list field ('iacp; fop') as its items; '' is no items."""
    return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]


def labels(table: str, name: str) -> dict[str, str]:
    """Value -> the reader's short words for a coded column (the codebook's `labels`)."""
    return dict(column(table, name)["labels"])


def stances() -> tuple[str, ...]:
    return vocabulary("positions", "stance")


def stances_without_quote(schema: dict[str, Any] | None = None) -> frozenset[str]:
    """Stances that need no supporting quote (the codebook's `no_quote` list)."""
    return frozenset(column("positions", "stance", schema)["no_quote"])


def verdicts() -> tuple[str, ...]:
    """A coder's verdicts in the reader's words, in the order they are listed: met, not met, not coded (the codebook's
    criterion_codes.met `verdicts`; the view agency_codes writes the same words)."""
    met = next(c for c in codebook()["imported"]["criterion_codes"]["columns"] if c["name"] == "met")
    return tuple(met["verdicts"].values())


def qualified(extent: Any, evidence: Any, schema: dict[str, Any] | None = None) -> Any:
    """Whether an endorsement is qualified (a part, one member, a report, an inference: anything but the codebook's
    `unqualified` values). Takes values or pandas columns alike (a bool, or a boolean column)."""
    plain = (schema or codebook())["tables"]["endorsements"]["unqualified"]
    return (extent != plain["extent"]) | (evidence != plain["evidence"])


def strictness() -> dict[str, tuple[str, ...]]:
    """Per provision direction, the stances from most to least strict."""
    return {k: tuple(v) for k, v in column("provisions", "direction")["strictness"].items()}


RELEASE_KEYS = ("version", "date")


def parse_release(data_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """data_dir/RELEASE (`version:` and `date:` lines) and its problems; 'unreleased' for data without one."""
    path = data_dir / "RELEASE"
    release = {"version": "unreleased", "date": "unknown"}
    problems: list[Problem] = []
    if not path.exists():
        return release, problems
    seen = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        key, _, value = (part.strip() for part in line.partition(":"))
        if not key:
            continue
        if key not in RELEASE_KEYS:
            problems.append(Problem("data/RELEASE", n, key, "unknown key (expected version or date)"))
        elif key == "date" and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            problems.append(Problem("data/RELEASE", n, key, f"{value!r} is not an ISO date (YYYY-MM-DD)"))
        elif not value:
            problems.append(Problem("data/RELEASE", n, key, "empty value"))
        else:
            release[key] = value
        seen.add(key)
    problems += [Problem("data/RELEASE", 0, k, "missing") for k in RELEASE_KEYS if seen and k not in seen]
    return release, problems


def read_release(data_dir: Path) -> dict[str, str]:
    """The data release of a folder (see parse_release)."""
    return parse_release(data_dir)[0]


@dataclass
class CsvRead:
    """Rows (dicts keyed by header) with their first line numbers, or the problems that stopped the read."""

    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_csv_strict(raw: bytes, file: str, expected: Sequence[str], *, forgiving: bool = False, hint: str = "") -> CsvRead:
    """Read one CSV strictly: UTF-8, LF endings, the expected header, one field per column; every problem named.

    forgiving=True (a reader's upload from a spreadsheet) drops a byte-order mark and CRLF endings instead of
    refusing them; the hand-edited sources must not have them. hint is added to header problems.
    """
    out = CsvRead()
    add = lambda line, col, msg: out.problems.append(Problem(file, line, col, msg))  # noqa: E731
    if raw.startswith(b"\xef\xbb\xbf"):
        if not forgiving:
            add(1, "-", "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
            return out
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        add(raw[: e.start].count(b"\n") + 1, "-", f"not valid UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8")
        return out
    if forgiving:
        text = text.replace("\r\n", "\n")
    for n, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            add(n, "-", "Windows line ending (CRLF); save the file with LF line endings")
            return out
        if len(line) > MAX_LINE_CHARS:
            add(n, "-", f"line is {len(line):,} characters long (limit {MAX_LINE_CHARS:,}); junk pasted by mistake?")
    if out.problems:
        return out
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as e:
        add(1, "-", f"unreadable header: {e}")
        return out
    if header is None:
        add(1, "-", "file is empty; expected a header row" + (f" ({hint})" if hint else ""))
        return out
    header = [h.strip() for h in header] if forgiving else header
    for c in expected:
        if c not in header:
            add(1, c, "missing column" + (f" ({hint})" if hint else ""))
    for c in header:
        if c not in expected:
            add(1, c, "unexpected column (not in data/schema.yaml)")
    if out.problems:
        return out
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            add(start, "-", f"malformed CSV ({e}); check for a stray quote character")
            out.rows, out.lines = [], []
            return out
        if values:
            if len(values) != len(header):
                add(start, "-", f"{len(values)} fields, expected {len(header)}")
            else:
                out.rows.append(dict(zip(header, values, strict=True)))
                out.lines.append(start)
        start = reader.line_num + 1
    return out
