"""One test per validation rule: a broken copy of the data gives file:line: column: message, exit 1,
and the existing database stays byte-identical."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from explorer.build import build
from explorer.build.__main__ import main


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
def built(data_copy: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    out = tmp_path / "out" / "policy.duckdb"
    build(data_copy, out)
    return data_copy, out, out.read_bytes()


def _fails_with(built: tuple[Path, Path, bytes], capsys: pytest.CaptureFixture[str], expected: str) -> str:
    data, out, before = built
    rc = main(["--data", str(data), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    assert expected in err, err
    assert out.read_bytes() == before, "the previous database must stay byte-identical"
    assert "left unchanged" in err
    return err


def test_good_data_builds(built):
    _, out, before = built
    assert len(before) > 0 and out.exists()


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


# The truth rules (explorer/build/truth_rules.py): each test puts back one error the audit of release 2026.11.0 found.


def _line_of(path: Path, **key: str) -> int:
    """The line on which the row with these values starts (header is line 1)."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    return next(i for i, r in enumerate(rows, start=2) if all(r[k] == v for k, v in key.items()))


def _set(built: tuple[Path, Path, bytes], table: str, column: str, value: str, **key: str) -> int:
    path = built[0] / f"{table}.csv"
    line = _line_of(path, **key)
    _edit_csv(path, line, column, value)
    return line


def test_primary_evidence_must_be_a_copy_of_that_edition(built, capsys):
    key = {"doc_id": "ncp-2017-01", "provision_id": "warning-shots"}
    _set(built, "positions", "quote_id", "ncp1-warning-shots", **key)
    _set(built, "positions", "source_id", "police1-warning-shots-consensus-lacking-agreement", **key)
    line = _set(built, "positions", "evidence", "primary", **key)
    _fails_with(built, capsys, f"data/positions.csv:{line}: evidence: 'primary' needs a stored copy of ncp-2017-01")


def test_an_undated_page_cannot_establish_an_edition(built, capsys):
    key = {"doc_id": "ncp-2017-01", "provision_id": "warning-shots"}
    _set(built, "positions", "quote_id", "ncp1-warning-shots", **key)
    _set(built, "positions", "source_id", "police1-warning-shots-consensus-lacking-agreement", **key)
    line = _set(built, "positions", "evidence", "quoted", **key)
    _fails_with(built, capsys, f"data/positions.csv:{line}: evidence: 'ncp1-warning-shots' is read from an undated page")


def test_a_quote_about_no_named_edition_cannot_settle_one(built, capsys):
    key = {"doc_id": "perf-gp-2016-03", "provision_id": "shooting-from-moving-vehicles"}
    _set(built, "positions", "stance", "prohibits", **key)
    line = _set(built, "positions", "evidence", "quoted", **key)
    _fails_with(built, capsys, f"data/positions.csv:{line}: evidence: 'perf20-2016-sentence' is about no named edition")


def test_a_stance_for_or_against_needs_a_document(built, capsys):
    line = _set(built, "quotes", "stance_to", "against", quote_id="craig-reject")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: stance_to: 'against' needs a doc_id")


def test_a_quote_is_not_dated_after_its_source(built, capsys):
    line = _set(built, "quotes", "said_on", "2017-02", quote_id="wp17-pasco-historic")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: said_on: 2017-02 is later than its source seed-wapo-2017-01-17-jackman")


def test_a_date_is_never_more_precise_than_the_source_that_gives_it(built, capsys):
    line = _set(built, "quotes", "dated_by", "", quote_id="nsa-not-support")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: said_on: 2017-01-17 is more precise than nsa-mcsa-statement-2017 (unknown)")


def test_a_source_date_matches_its_text_header(built, capsys):
    line = _set(built, "sources", "published_on", "2013", source_id="scotus-2012-ryburn-v-huff")
    _fails_with(built, capsys, f"data/sources.csv:{line}: published_on: '2013' does not match the text file's DATE header")


def test_an_organization_is_not_against_its_own_joint_statement(built, capsys):
    line = _set(built, "quotes", "stance_to", "against", quote_id="wp17-joint-walk-away")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: stance_to: fop, iacp wrote or signed iacp-fop-statement-2016")


def test_a_signer_cannot_be_recorded_as_opposing_the_document(built, capsys):
    line = _set(built, "endorsements", "doc_id", "ncp-2017-01", org_id="fop", doc_id="perf-gp-2016-01", status="opposed")
    _fails_with(built, capsys, f"data/endorsements.csv:{line}: status: 'fop' wrote or signed ncp-2017-01, so it cannot be 'opposed'")


def test_every_author_of_a_joint_document_has_an_authored_row(built, capsys):
    _set(built, "documents", "author_org_ids", "iacp", doc_id="iacp-fop-statement-2016")
    line = _line_of(built[0] / "endorsements.csv", org_id="fop", doc_id="iacp-fop-statement-2016", status="authored")
    _fails_with(built, capsys, f"data/endorsements.csv:{line}: status: 'fop' is not in iacp-fop-statement-2016's author_org_ids")


def test_each_organization_in_a_list_must_exist(built, capsys):
    line = _set(built, "quotes", "org_ids", "iacp; nobody", quote_id="joint-oath")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: org_ids: 'nobody' is not a known organizations.org_id")


def test_a_passage_cut_mid_word_must_be_marked(built, capsys):
    line = _set(built, "quotes", "cut", "", quote_id="joint-reject")
    _fails_with(built, capsys, f"data/quotes.csv:{line}: cut: the stored copy breaks off right after this passage")


def test_one_members_remark_says_so_in_its_note(built, capsys):
    line = _set(built, "endorsements", "note", "", org_id="alads")
    _fails_with(built, capsys, f"data/endorsements.csv:{line}: note: extent 'member' / evidence 'secondary' needs a note")
