"""One test per validation rule: a broken copy of the data gives file:line: column: message, exit 1,
and the existing database stays byte-identical."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from explorer.builder.__main__ import main


def _edit_csv(path: Path, line: int, column: str, value: str) -> None:
    """Set one field of the data row that starts on `line` (1-based, header is line 1)."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0].keys())
    rows[line - 2][column] = value
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture
def built(core_copy: Path, core_db: Path) -> tuple[Path, Path, bytes]:
    """The hand-edited files (data/external apart: no rule here reads it) and the last good database built from them."""
    return core_copy, core_db, core_db.read_bytes()


def _fails_with(built: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str], expected: str) -> str:
    data, out, before = built
    rc = main(["--data", str(data), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    assert expected in err, err
    assert out.read_bytes() == before, "the previous database must stay byte-identical"
    assert "left unchanged" in err
    return err


def test_good_data_builds(built, capsys):
    data, out, _ = built
    out.unlink()
    assert main(["--data", str(data), "--out", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0 and "built " in capsys.readouterr().out


def test_duplicate_id(built, capsys):
    data = built[0]
    _edit_csv(data / "organizations.csv", 3, "org_id", "ascia")
    _fails_with(built, capsys, "data/organizations.csv:3: org_id: duplicate id 'ascia' (first on line 2)")


def test_unknown_reference(built, capsys):
    _edit_csv(built[0] / "endorsements.csv", 2, "org_id", "no-such-org")
    _fails_with(built, capsys, "data/endorsements.csv:2: org_id: 'no-such-org' is not a known organizations.org_id")


def test_value_not_allowed(built, capsys):
    _edit_csv(built[0] / "positions.csv", 2, "stance", "maybe")
    _fails_with(built, capsys, "data/positions.csv:2: stance: 'maybe' is not one of: requires")


def test_date_not_iso(built, capsys):
    _edit_csv(built[0] / "quotes.csv", 5, "said_on", "17/01/2017")
    _fails_with(built, capsys, "data/quotes.csv:5: said_on: '17/01/2017' is not an ISO date")


def test_quote_not_verbatim(built, capsys):
    _edit_csv(built[0] / "quotes.csv", 4, "text", "These are the people who are never on the street.")
    _fails_with(built, capsys, "data/quotes.csv:4: text: quote 'wp17-allows-warning-shots' is not verbatim")


def test_quote_across_a_gap_is_refused(built, capsys):
    data = built[0]
    # two passages of walker-2017-01-ncp-two-steps that stand either side of a [...] marker
    rows = list(csv.DictReader((data / "quotes.csv").open(encoding="utf-8")))
    line = next(i for i, r in enumerate(rows, start=2) if r["quote_id"] == "walker-nypd-warning")
    _edit_csv(data / "quotes.csv", line, "text", "in 1972. The New York City Police Department banned")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: text: quote 'walker-nypd-warning' is not verbatim")


def test_position_without_source(built, capsys):
    _edit_csv(built[0] / "positions.csv", 3, "source_id", "")
    _fails_with(built, capsys, "data/positions.csv:3: source_id: required field is empty")


def test_endorsement_without_source(built, capsys):
    _edit_csv(built[0] / "endorsements.csv", 4, "source_id", "")
    _fails_with(built, capsys, "data/endorsements.csv:4: source_id: required field is empty")


def test_coded_stance_without_quote(built, capsys):
    data = built[0]
    rows = list(csv.DictReader((data / "positions.csv").open(encoding="utf-8")))
    line = next(i for i, r in enumerate(rows, start=2) if r["stance"] == "prohibits")
    _edit_csv(data / "positions.csv", line, "quote_id", "")
    _fails_with(built, capsys, f"data/positions.csv:{line}: quote_id: stance 'prohibits' needs a supporting quote")


def test_source_text_file_missing(built, capsys):
    (built[0] / "sources" / "ap-wexler-shooting-at-cars.txt").unlink()
    _fails_with(built, capsys, "data/sources.csv:2: text_file: source text 'ap-wexler-shooting-at-cars.txt' not found")


def test_missing_column(built, capsys):
    path = built[0] / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    _fails_with(built, capsys, "data/events.csv:1: quote_id: missing column")


def test_extra_column(built, capsys):
    path = built[0] / "provisions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",colour"] + [line + ",red" for line in lines[1:]]) + "\n", encoding="utf-8")
    _fails_with(built, capsys, "data/provisions.csv:1: colour: unexpected column")


def test_row_with_extra_field(built, capsys):
    path = built[0] / "documents.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails_with(built, capsys, "data/documents.csv:3: -: 10 fields, expected 9")


def test_empty_required_field(built, capsys):
    _edit_csv(built[0] / "organizations.csv", 6, "name", "")
    _fails_with(built, capsys, "data/organizations.csv:6: name: required field is empty")


def test_missing_position_for_a_document_and_provision(built, capsys):
    path = built[0] / "positions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="utf-8")
    _fails_with(built, capsys, "no position for perf-gp-2016-01 x sanctity-of-life")


def test_every_problem_is_reported_at_once(built, capsys):
    data = built[0]
    _edit_csv(data / "organizations.csv", 3, "kind", "club")
    _edit_csv(data / "events.csv", 2, "on_date", "soon")
    err = _fails_with(built, capsys, "data/organizations.csv:3: kind: 'club' is not one of")
    assert "data/events.csv:2: on_date: 'soon' is not an ISO date" in err
    assert "2 problem(s)" in err


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: b"\xef\xbb\xbf" + b, "data/organizations.csv:1: -: file starts with a byte-order mark"),
        (lambda b: b.replace(b"\n", b"\r\n"), "data/organizations.csv:1: -: Windows line ending (CRLF)"),
        (lambda b: b.replace("Sheriffs’".encode(), "Sheriffs\x92".encode("latin-1"), 1), "-: not valid UTF-8 (byte 0x92)"),
        (lambda b: b.replace(b"\nfop,", b'\nfop,"Fraternal Order of Police,', 1), "check for a stray quote character"),
        (lambda b: b + b"x" * 10_000_000 + b"\n", "data/organizations.csv:19: -: line is 10,000,000 characters long"),
    ],
    ids=["bom", "crlf", "latin-1", "stray-quote", "10MB-junk-line"],
)
def test_damaged_csv_files(built, capsys, damage, expected):
    path = built[0] / "organizations.csv"
    path.write_bytes(damage(path.read_bytes()))
    _fails_with(built, capsys, expected)


def test_bad_release_file(built, capsys):
    (built[0] / "RELEASE").write_text("version: 2026.11.0\ndate: next week\n", encoding="utf-8")
    _fails_with(built, capsys, "data/RELEASE:2: date: 'next week' is not an ISO date (YYYY-MM-DD)")


# Reference checks over lists (the truth rules themselves are tested cheaply, without a build, in test_truth_rules.py).


def _line_of(path: Path, **key: str) -> int:
    """The line on which the row with these values starts (header is line 1)."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    return next(i for i, r in enumerate(rows, start=2) if all(r[k] == v for k, v in key.items()))


def _set(built: tuple[Path, Path, bytes], table: str, column: str, value: str, **key: str) -> int:
    path = built[0] / f"{table}.csv"
    line = _line_of(path, **key)
    _edit_csv(path, line, column, value)
    return line


def test_each_organization_in_a_list_must_exist(built, capsys):
    line = _set(built, "quotes", "org_ids", "iacp; nobody", quote_id="joint-oath")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: org_ids: 'nobody' is not a known organizations.org_id")
