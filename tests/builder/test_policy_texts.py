"""Departments' full policy texts (data/external/policy-texts-2020): stored byte for byte, their facts from their words,
cut into passages a reader can find (folded search) and jump to; a broken description or manifest row is named."""

from __future__ import annotations

import bisect
import csv
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from explorer.builder.__main__ import main
from explorer.builder.external import _files, _sha256
from explorer.paths import ROOT
from explorer.serve.db import open_database
from explorer.wording import search_fold

TEXTS = ROOT / "data" / "external" / "policy-texts-2020"


def _fold(text: str) -> str:
    """An independent fold (not the build's): white space runs to one space, lower case."""
    return re.sub(r"\s+", " ", text).strip().lower()


def _manifest() -> list[dict[str, str]]:
    with (TEXTS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def con(db_file: Path) -> duckdb.DuckDBPyConnection:
    c = open_database(db_file)
    yield c
    c.close()


def test_every_stored_text_hashes_to_its_raw_file_and_the_manifest(con):
    """The sha256 recomputed from the database's stored text (in Python and in DuckDB) equals the file's and the manifest's."""
    stored = con.execute(
        "select t.file, t.sha256, sha256(b.body), b.body from policy_texts as t join policy_text_bodies as b using (text_id)"
    ).fetchall()
    shipped = {r["file"]: r["sha256"] for r in _manifest() if r["shipped"] == "yes"}
    assert len(stored) == len(shipped) == 40
    for file, sha, duck_sha, body in stored:
        raw = (TEXTS / file).read_bytes()
        assert hashlib.sha256(body.encode("utf-8")).hexdigest() == duck_sha == sha == shipped[file] == hashlib.sha256(raw).hexdigest()
    sums = dict(line.split("  ")[::-1] for line in (TEXTS / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert {f: s for f, s, *_ in stored} == sums


def test_the_anchorage_manual_is_stored_whole_with_its_crlf_and_form_feeds(con):
    body, chars, size = con.execute(
        "select b.body, t.chars, t.bytes from policy_texts t join policy_text_bodies b using (text_id) where text_id = 'anchorage'"
    ).fetchone()
    assert size == 1_363_064 and len(body) == chars and body.count("\r\n") > 30_000 and body.count("\f") == 604


def test_printed_dates_and_states_come_from_the_texts_own_words(con):
    rows = con.execute(
        "select t.text_id, t.printed_date, t.printed_date_quote, t.issued_on, t.state, t.state_evidence, t.state_note, b.body "
        "from policy_texts t join policy_text_bodies b using (text_id)"
    ).fetchall()
    for tid, printed, words, issued, state, evidence, note, body in rows:
        folded = _fold(body)
        if words != "not printed":
            assert all(_fold(piece) in folded for piece in words.split(" | ")), tid
            # a day as the manifest writes it, or a month and year it writes in words ('April 2013' -> 2013-04)
            assert issued == "unknown" or printed.startswith(issued) or printed.split()[1] == issued[:4] and len(issued) == 7, tid
        else:
            assert issued == "unknown" and printed.startswith("not printed"), tid
        assert (state is None) == (evidence is None), tid
        assert evidence is None or _fold(evidence) in folded, tid
        assert state is not None or note, tid
    facts = {r[0]: r[1:7] for r in rows}
    assert facts["glendale"][2:4] == ("2012-11-02", "AZ") and "State of Arizona" in facts["glendale"][4]
    assert facts["boston"][1:4] == ("Date: June 11, 2020", "2020-06-11", None)
    assert facts["nashville"][:2] == ("not printed", "not printed")


_MONTHS = "january february march april may june july august september october november december".split()


def test_every_printed_date_is_shown_to_the_precision_printed_with_its_words(con):
    """All 40 texts: where the manifest gives the words that print a date, the reader sees those words, never 'not
    printed'; the date only to the precision the words print (St. Petersburg prints 'April 2013': 2013-04, no day)."""
    rows = con.execute("select text_id, printed_date, printed_date_quote, issued_on, printed from policy_texts").fetchall()
    assert len(rows) == 40
    for tid, manifest, words, on, shown in rows:
        if words == "not printed":  # no words: the manifest's own statement, and no date
            assert shown == manifest and shown.startswith("not printed") and on == "unknown", tid
            assert "“" not in shown, tid  # never the words “not printed” shown as if the text printed them
            continue
        assert f"printed “{words}”" in shown and not shown.startswith("not printed"), tid
        assert re.fullmatch(r"unknown|\d{4}(-\d{2}(-\d{2})?)?", on), tid
        if on != "unknown":
            assert shown.startswith(on), tid
            assert manifest.startswith(on) if len(on) != 7 else manifest.split()[:2] == [_MONTHS[int(on[5:]) - 1].title(), on[:4]], tid
        if len(on) == 10:  # a day is shown only where the words print that day and that year
            year, month, day = on.split("-")
            assert re.search(rf"(?<!\d)0?{int(day)}(?!\d)", words) and (year in words or year[2:] in words), tid
    shown = {tid: (on, text) for tid, _, _, on, text in rows}
    assert shown["stpetersburg"] == ("2013-04", "2013-04 (issued); revisions (11/01/2014); printed “April 2013 | (11/01/2014)”")
    assert shown["denver"][0] == "unknown" and shown["denver"][1].startswith("no single date; printed “REV. 4-15”")
    assert shown["lasvegas"] == ("unknown", "not printed; revision marks in the text run to (9/14)")
    assert shown["nashville"] == ("unknown", "not printed")
    # the passages are dated the same way: St. Petersburg's are 2013-04, not "no date printed"
    dated = con.execute("select distinct dated, date_basis from passages where text_id = 'stpetersburg'").fetchall()
    assert dated == [("2013-04", shown["stpetersburg"][1])]
    assert not con.execute("select 1 from passages where source_kind = 'full text' and date_basis = 'no date printed'").fetchall()


def test_a_month_and_year_is_never_given_a_day():
    from explorer.builder.texts import issued_on, printed_shown

    assert issued_on("April 2013 (issued); revisions (11/01/2014)") == "2013-04"
    assert issued_on("May 2016") == "2016-05" and issued_on("2016 (adopted)") == "2016"
    assert issued_on('per page "REV." 3-06 to 4-15') == "unknown"
    assert printed_shown("May 2016", "May 2016") == "2016-05; printed “May 2016”"
    assert printed_shown("not printed", "not printed") == "not printed"


def _whole_words_in(piece: str, body: str) -> bool:
    """The piece occurs in the body (white space as any run) with no letter or digit right before or after it."""
    pattern = r"(?<![^\W_])" + r"\s+".join(re.escape(t) for t in piece.split()) + r"(?![^\W_])"
    return re.search(pattern, body) is not None


def test_quoted_state_and_date_words_are_whole_words_of_the_text(con):
    """The manifest's windows cut words ('…requirements have been satisfie'); the stored words are widened to whole words."""
    rows = con.execute(
        "select t.text_id, t.state_evidence, t.printed_date_quote, b.body from policy_texts t join policy_text_bodies b using (text_id)"
    ).fetchall()
    for tid, evidence, words, body in rows:
        pieces = ([evidence] if evidence else []) + ([] if words == "not printed" else words.split(" | "))
        assert all(_whole_words_in(p, body) for p in pieces), tid
    facts = {tid: evidence for tid, evidence, *_ in rows}
    assert facts["glendale"].startswith("written notification is received") and facts["glendale"].endswith("have been satisfied")
    assert facts["sacramento"].startswith("sanctity of human life") and facts["sacramento"].endswith("An officer shall only use")
    assert facts["anchorage"].startswith("preserve the peace")
    manifest = {r["city"]: r["state_evidence"] for r in _manifest()}
    assert manifest["Glendale"].endswith("satisfie") and manifest["Sacramento"].startswith("ty of")  # the manifest as cut


def test_a_state_the_manifest_gives_without_words_is_kept_where_the_text_names_it_in_full(con):
    """Kansas City: the manifest gives MO and no words; the text's first line names Missouri, and that line is kept."""
    state, evidence, note, body = con.execute(
        "select t.state, t.state_evidence, t.state_note, b.body from policy_texts t join policy_text_bodies b using (text_id) "
        "where text_id = 'kansascity'"
    ).fetchone()
    row = next(r for r in _manifest() if r["city"] == "KansasCity")
    assert (row["state"], row["state_evidence"]) == ("MO", "")
    assert state == "MO" and evidence == "KANSAS CITY MISSOURI POLICE DEPARTMENT" and "Missouri" in note
    assert body.splitlines()[0].strip() == evidence
    dept = con.execute(
        "select d.department_id, d.state, d.state_basis from departments d join department_members m using (department_id) "
        "where m.org_id = 'policy-texts-2020/kansascity'"
    ).fetchone()
    assert dept[:2] == ("kansas-city-mo", "MO") and "KANSAS CITY MISSOURI" in dept[2]


def test_each_text_is_a_department_policy_document_with_its_scope_and_credit(con):
    doc = con.execute(
        "select d.kind, d.issued_on, d.version, o.state, o.kind, t.scope, t.credit, t.licence from policy_texts t "
        "join documents d using (doc_id) join organizations o on o.org_id = t.org_id where t.text_id = 'glendale'"
    ).fetchone()
    assert doc[:5] == ("agency_policy_text", "2012-11-02", "as printed: 2012-11-02 (revision date; issued 2000-02-02)", "AZ", "agency")
    assert doc[5] == "whole" and doc[6].startswith("Policy text: the department's own policy") and doc[7].startswith("unknown")
    scopes = dict(con.execute("select text_id, scope from policy_texts").fetchall())
    assert scopes["anchorage"] == "manual" and scopes["boston"] == "fragment" and scopes["chicago"] == "several"


def test_every_full_text_passage_starts_at_its_offset_and_line_and_is_the_bodys_words(con):
    bodies = dict(con.execute("select text_id, body from policy_text_bodies").fetchall())
    rows = con.execute("select text_id, line_no, char_at, text from passages where source_kind = 'full text'").fetchall()
    assert len(rows) > 30_000 and {r[0] for r in rows} == set(bodies)
    # where each body's line breaks are: the number of them before `at` is a bisection, not a count over the body each time
    breaks = {tid: [m.start() for m in re.finditer("\n", body)] for tid, body in bodies.items()}
    for tid, line_no, at, text in rows:
        body = bodies[tid]
        assert bisect.bisect_left(breaks[tid], at) + 1 == line_no, (tid, text)
        assert _fold(body[at : at + 3 * len(text) + 200]).startswith(_fold(text)[:40].lower()), (tid, text)


def test_a_phrase_only_in_a_full_text_is_found_and_located(con):
    rows = con.execute(
        "select source_kind, text_id, char_at, match_at from passages_matching('committed to de-escalating incidents', [])"
    ).fetchall()
    assert [(kind, tid) for kind, tid, *_ in rows] == [("full text", "boston")]
    body = con.execute("select body from policy_text_bodies where text_id = 'boston'").fetchone()[0]
    assert "committed to de-escalating incidents" in body[rows[0][2] :][:400] and rows[0][3] > 0


def test_search_folds_line_breaks_hyphenation_at_line_ends_and_case(con):
    """Columbus's extraction hyphenates at line ends ('photo-', blank line, 'graph'): the phrase is found all the same."""
    for phrase in ("Shall PHOTOGRAPH involved persons", "deadly force is not reasonable merely to protect property"):
        rows = con.execute("select text_id, match_at from passages_matching($n, ['full text'])", {"n": phrase.lower()}).fetchall()
        assert ("columbus", 0) in rows, phrase  # found once folded; match_at 0: the typed form is not in the passage as stored
    assert search_fold("Photo-\r\n\f graph (cid:127) De-escalation") == "photograph deescalation"
    sql = con.execute("select search_fold($t)", {"t": "Photo-\r\n\f graph (cid:127) De-escalation\u00a0x"}).fetchone()[0]
    assert sql == search_fold("Photo-\r\n\f graph (cid:127) De-escalation\u00a0x")


def test_full_text_passages_are_marked_apart_from_coders_cells(con):
    kinds = dict(
        con.execute(
            "select source_kind, count(*) from passages where source_id like 'policy-texts-%' or quote_id is not null group by 1"
        ).fetchall()
    )
    assert set(kinds) == {"full text", "agency policy"}
    assert (
        con.execute(
            "select count(*) from passages where source_kind = 'full text' and (quote_id is not null or text_id is null)"
        ).fetchone()[0]
        == 0
    )


def _rehash(folder: Path) -> None:
    desc_path = folder / "dataset.yaml"
    desc = yaml.safe_load(desc_path.read_text(encoding="utf-8"))
    text = desc_path.read_text(encoding="utf-8").replace(desc["sha256"], _sha256(_files(folder, desc["files"])))
    desc_path.write_text(text, encoding="utf-8")


def _break_manifest(data: Path, city: str, column: str, value: str) -> int:
    """Set one manifest cell of a city's row (keeping the file's CRLF), rehash; returns the row's line number."""
    path = data / "external" / "policy-texts-2020" / "manifest.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(column)
    line = next(i for i, r in enumerate(rows, start=1) if r[1] == city)
    rows[line - 1][col] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    _rehash(path.parent)
    return line


@pytest.fixture
def texts_copy(core_copy: Path) -> Path:
    """The hand-edited files and the full texts alone: the coded datasets would only double the time each failing build takes."""
    shutil.copytree(TEXTS, core_copy / "external" / TEXTS.name)
    return core_copy


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("scope", "partial", "scope: 'partial' is not one of: whole, fragment, several, manual"),
        ("state_evidence", "the laws of the State of Nevada", "state_evidence: these words do not occur in the text"),
        ("sha256", "0" * 64, "sha256: texts/Glendale_Extract.txt hashes to"),
        ("printed_date_quote", "Revision Date | 11-02-99", "printed_date_quote: not in the text: '11-02-99'"),
    ],
)
def test_a_bad_manifest_row_names_file_line_and_field_and_leaves_the_database_as_it_was(
    texts_copy: Path, db_file: Path, tmp_path: Path, capsys, column: str, value: str, message: str
):
    out = tmp_path / "policy.duckdb"
    shutil.copy(db_file, out)  # a good database, which the failed build must leave byte for byte
    before = out.read_bytes()
    line = _break_manifest(texts_copy, "Glendale", column, value)
    assert main(["--data", str(texts_copy), "--out", str(out)]) == 1
    assert f"data/external/policy-texts-2020/manifest.csv:{line}: {message}" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_a_texts_description_without_its_manifest_is_named(texts_copy: Path, tmp_path: Path, capsys):
    desc = texts_copy / "external" / "policy-texts-2020" / "dataset.yaml"
    desc.write_text(re.sub(r"(?m)^manifest: manifest.csv\n", "", desc.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["--data", str(texts_copy), "--out", str(tmp_path / "x.duckdb")]) == 1
    assert "data/external/policy-texts-2020/dataset.yaml:0: manifest: missing key" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_a_full_texts_words_shingles_and_search_form_made_by_duckdb_equal_pythons(con):
    """The build computes them in DuckDB (vectorised); explorer.wording's Python functions are the rule."""
    from explorer.wording import grams, words

    rows = con.execute("select text, norm, grams, search from passages where source_kind = 'full text' and passage_id % 10 = 0").fetchall()
    assert len(rows) > 3000
    assert [t for t, norm, g, s in rows if norm != " ".join(words(t)) or g != grams(words(t)) or s != search_fold(t)] == []


@pytest.mark.parametrize("needle", ["moving vehicle", "de-escalation", "shall not", "(cid:", "less- lethal", "u.s.c. §"])
def test_the_folded_search_keeps_every_match_of_the_phrase_as_typed(con, needle: str):
    typed = {p for (p,) in con.execute("select passage_id from passages where contains(lower(text), $n)", {"n": needle}).fetchall()}
    found = {p for (p,) in con.execute("select passage_id from passages_matching($n, [])", {"n": needle}).fetchall()}
    assert typed <= found and (typed or needle == "u.s.c. §")
