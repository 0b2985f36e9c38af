"""The truth rules (explorer/builder/truth_rules.py and reading_rules.py): each test puts back one error an audit found
(of release 2026.11.0, or of 2026.12.0 in issue 29) on the real rows, and asserts the rule names its file, line and field.

Cheap by design: the real data is read and checked once per module (no database is built); each test breaks a copy
of the rows in memory and runs only the rule it tests. One test goes through the command line, on a data copy.
"""

from __future__ import annotations

import copy
import csv
from dataclasses import replace
from pathlib import Path

import pytest

from explorer.builder import reading_rules as rr, truth_rules as tr
from explorer.builder.__main__ import main
from explorer.builder.source_text import SourceText, parse
from explorer.builder.validate import validate
from explorer.paths import ROOT

Data = tuple[dict[str, list[dict[str, str]]], dict[str, list[int]], dict[str, SourceText]]


@pytest.fixture(scope="module")
def real() -> Data:
    ds = validate(ROOT / "data")
    assert [str(p) for p in ds.problems] == []
    texts = {s["source_id"]: parse(ROOT / "data/sources" / s["text_file"]) for s in ds.rows["sources"] if s["kind"] != "dataset"}
    return ds.rows, ds.lines, texts


def _row(data: Data, table: str, **key: str) -> tuple[dict[str, str], int]:
    rows, lines, _ = data
    return next((r, n) for r, n in zip(rows[table], lines[table], strict=True) if all(r[k] == v for k, v in key.items()))


def _broken(real: Data, table: str, change: dict[str, str], **key: str) -> tuple[Data, int]:
    """A copy of the rows with one row of `table` changed; and that row's line."""
    data = (copy.deepcopy(real[0]), real[1], real[2])
    row, line = _row(data, table, **key)
    row.update(change)
    return data, line


def _found(rule, data: Data) -> list[str]:
    return [str(p) for p in rule(*data)]


@pytest.mark.parametrize(
    "rule",
    [
        rr.unknown_has_no_evidence,
        rr.primary_is_read_in_a_copy,
        rr.list_titles_name_their_list,
        rr.attributions_are_printed,
        rr.reprints_carry_the_first_date,
        rr.no_quote_twice,
        rr.recorded_addresses_are_kept,
        rr.source_dates_are_shown,
        rr.stances_match_their_words,
        rr.events_cite_findable_sources,
    ],
)
def test_the_corrected_data_passes_each_new_rule(real, rule):
    assert _found(rule, real) == []


# `unknown` has evidence `none` and no quote (positions.csv 22 and 24 as they were)


def test_an_unknown_cell_with_evidence_and_a_quote_is_refused(real):
    change = {"stance": "unknown", "evidence": "inferred", "quote_id": "perf20-2016-sentence"}
    data, line = _broken(real, "positions", change, doc_id="perf-gp-2016-03", provision_id="shooting-from-moving-vehicles")
    assert _found(rr.unknown_has_no_evidence, data) == [
        f"data/positions.csv:{line}: evidence: stance 'unknown' has evidence 'none', not 'inferred'",
        f"data/positions.csv:{line}: quote_id: stance 'unknown' carries no quote ('perf20-2016-sentence'): name what was seen in the summary",
    ]


def test_an_unknown_cell_marked_primary_is_refused(real):
    change = {"evidence": "primary", "quote_id": "perf3-cover"}
    data, line = _broken(real, "positions", change, doc_id="perf-gp-2016-03", provision_id="duty-to-intervene")
    assert f"data/positions.csv:{line}: evidence: stance 'unknown' has evidence 'none', not 'primary'" in _found(
        rr.unknown_has_no_evidence, data
    )


# `primary` only when the passage was read in a copy of that edition (positions.csv 5, 7, 9, 16 as they were)


def test_primary_read_only_as_a_blogger_quoted_it_is_refused(real):
    data, line = _broken(real, "positions", {"evidence": "primary"}, doc_id="perf-gp-2016-01", provision_id="shooting-at-moving-vehicles")
    (found,) = _found(rr.primary_is_read_in_a_copy, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'primary', but 'perf1-at-or-from' stands under the compiler's note")
    assert "as quoted by Ayoob" in found and "(read only as another page quoted it)" in found


def test_primary_read_on_a_list_is_refused(real):
    data, line = _broken(real, "positions", {"evidence": "primary"}, doc_id="perf-gp-2016-01", provision_id="danger-only-to-self")
    (found,) = _found(rr.primary_is_read_in_a_copy, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'primary', but 'perf1-danger-self'") and "(read on a list)" in found


def test_primary_under_a_note_that_names_no_copy_is_refused(real):
    data, line = _broken(real, "positions", {"evidence": "primary"}, doc_id="perf-gp-2016-01", provision_id="de-escalation")
    (found,) = _found(rr.primary_is_read_in_a_copy, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'primary', but 'perf1-de-escalation'") and "(no copy named)" in found


def test_primary_read_in_a_named_copy_passes(real):
    row, _ = _row(real, "positions", doc_id="perf-gp-2016-01", provision_id="sanctity-of-life")
    assert row["evidence"] == "primary"  # principle 1, read in the myassignmenthelp.com and intel-writers.com copies
    assert rr.note_of(real[2]["perf-2016-01-29-30-guiding-principles"], "Agency mission statements, policies").startswith("principle 1")


# A title read on a list is at most `quoted` and names the list (positions.csv 9-11 and 14 as they were)


def test_a_title_from_an_unrecorded_list_cannot_be_quoted(real):
    data, line = _broken(real, "positions", {"evidence": "quoted"}, doc_id="perf-gp-2016-01", provision_id="duty-to-intervene")
    (found,) = _found(rr.list_titles_name_their_list, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'perf1-intervene' was read on a list that is not recorded")


def test_a_title_from_a_list_names_the_list(real):
    change = {"summary": "Principle 10: document use-of-force incidents and review the data (title only)."}
    data, line = _broken(real, "positions", change, doc_id="perf-gp-2016-01", provision_id="reporting-and-review")
    (found,) = _found(rr.list_titles_name_their_list, data)
    assert found.startswith(f"data/positions.csv:{line}: summary: 'perf1-document' is a title read on a list")


# A speaker, role or organization is printed in the source, or says 'per <source_id>' (quotes 136-139, 221, 226 as they were)


def test_a_speaker_named_only_in_the_compilers_header_is_refused(real):
    data, line = _broken(real, "quotes", {"speaker": "Terry Cunningham"}, quote_id="lo17-most-debated")
    (found,) = _found(rr.attributions_are_printed, data)
    assert found.startswith(f"data/quotes.csv:{line}: speaker: 'terry', 'cunningham' not printed in lawofficer-2017-iacp-warning-shots")


def test_a_byline_the_header_says_was_not_shown_prints_no_name(real):
    # ayoob-2016-part-4-perfidy: "AUTHOR: not shown in the stored excerpt (probably Massad Ayoob: ...)"
    data, line = _broken(real, "quotes", {"speaker": "Massad Ayoob"}, quote_id="ayoob-dangerous")
    (found,) = _found(rr.attributions_are_printed, data)
    assert found.startswith(f"data/quotes.csv:{line}: speaker: 'massad', 'ayoob' not printed in ayoob-2016-part-4-perfidy")


def test_a_role_from_another_year_and_an_unnamed_source_is_refused(real):
    change = {"speaker_role": "IACP (its deputy executive director in 2017, per Force Science News)"}
    data, line = _broken(real, "quotes", change, quote_id="npr17-cunningham-environment")
    (found,) = _found(rr.attributions_are_printed, data)
    assert found.startswith(f"data/quotes.csv:{line}: speaker_role: 'deputy', 'executive', 'director', 'science' not printed")


def test_a_role_from_the_header_notes_is_refused(real):
    data, line = _broken(real, "quotes", {"speaker_role": "statement to its members, 2016-02-03"}, quote_id="iacp16-exceed-graham")
    assert _found(rr.attributions_are_printed, data) == [
        f"data/quotes.csv:{line}: speaker_role: 'members', '2016-02-03' not printed in couper-2016-02-03-i-will-support-perf-report "
        "(its words or byline): say 'per <source_id>' of a source that prints it, or 'unknown (...)'"
    ]


def test_an_organization_named_only_in_a_header_is_refused(real):
    data, line = _broken(real, "quotes", {"org_ids": "alads"}, quote_id="wp16-claptrap")
    assert _found(rr.attributions_are_printed, data) == [
        f"data/quotes.csv:{line}: org_ids: 'alads' is not named in wapo-2016-03-30-jackman-perf-backlash's words or byline: "
        "name a source that does in context ('per <source_id>')"
    ]


def test_per_a_source_that_prints_the_name_passes_and_per_one_that_does_not_fails(real):
    row, _ = _row(real, "quotes", quote_id="an17-sheriffs-proper")
    assert "per seed-wapo-2017-01-17-jackman" in row["speaker"]
    data, line = _broken(
        real,
        "quotes",
        {"speaker": "Greg Champagne and Sandra Hutchens (per couper-2017-01-19-national-consensus)"},
        quote_id="an17-sheriffs-proper",
    )
    assert _found(rr.attributions_are_printed, data)[0].startswith(f"data/quotes.csv:{line}: speaker: 'greg', 'champagne'")


# A reprint carries the first printing's date (quotes 15, 39, 224 as they were)


def test_a_reprint_dated_by_the_reprint_is_refused(real):
    change = {"said_on": "2017-01", "dated_by": ""}
    data, line = _broken(real, "quotes", change, quote_id="an17-cunningham-necessary")
    assert _found(rr.reprints_carry_the_first_date, data) == [
        f"data/quotes.csv:{line}: dated_by: the same words are in seed-wapo-2017-01-17-jackman (dated 2017-01-17), printed first: "
        "date the quote by that source (said_on and dated_by)"
    ]


def test_a_reprint_is_found_whatever_punctuation_closes_the_quotation(real):
    # Associations Now: "... going forward," he told the newspaper; the Post: "... going forward” between officers ...
    data, line = _broken(real, "quotes", {"said_on": "2017-01", "dated_by": ""}, quote_id="an17-pasco-portend")
    (found,) = _found(rr.reprints_carry_the_first_date, data)
    assert found.startswith(f"data/quotes.csv:{line}: dated_by: the same words are in seed-wapo-2017-01-17-jackman (dated 2017-01-17)")


def test_a_quote_dated_before_its_source_names_what_dates_it(real):
    data, line = _broken(real, "quotes", {"dated_by": ""}, quote_id="wp16-place-trust")
    assert _found(rr.reprints_carry_the_first_date, data) == [
        f"data/quotes.csv:{line}: dated_by: said 2016-02, but its source wapo-2016-03-30-jackman-perf-backlash is dated 2016-03-30: "
        "name the source that gives 2016-02 in dated_by"
    ]


# No two quotes share a source and words (quotes 24 and 261 as they were)


def test_the_same_words_from_the_same_source_twice_are_refused(real):
    data = (copy.deepcopy(real[0]), copy.deepcopy(real[1]), real[2])
    row, line = _row(data, "quotes", quote_id="wp17-perf-all-vehicles")
    data[0]["quotes"].append({**row, "quote_id": "wp17-perf-vehicles", "doc_id": "perf-gp-2016-01"})
    data[1]["quotes"].append(999)
    assert _found(rr.no_quote_twice, data) == [
        f"data/quotes.csv:999: text: the same words from seed-wapo-2017-01-17-jackman as 'wp17-perf-all-vehicles' (line {line}): keep one quote"
    ]


# A url is not `unknown` when the header records one (sources.csv 6 and 70 as they were)


def test_an_unknown_url_that_the_header_records_is_refused(real):
    data, line = _broken(real, "sources", {"url": "unknown"}, source_id="bluelivesmatter-2017-warning-shots")
    assert _found(rr.recorded_addresses_are_kept, data) == [
        f"data/sources.csv:{line}: url: 'unknown', but the text's ADDRESS header records 'archive.bluelivesmatter.blue/police-warning-shots-force-policy/'"
    ]


def test_a_url_the_header_does_not_record_is_refused(real):
    rows, lines, texts = real
    sid = "sevenlastwords-perf-principles-list"
    st = texts[sid]
    header = {**st.header, "ADDRESS": "sevenlastwords.org (full address not recorded)"}
    data = (rows, lines, {**texts, sid: replace(st, header=header)})
    line = _row(real, "sources", source_id=sid)[1]
    assert _found(rr.recorded_addresses_are_kept, data) == [
        f"data/sources.csv:{line}: url: 'https://sevenlastwords.org/us-policing-reforms/reform-efforts/police-executive-r' is not in the text's ADDRESS header"
    ]


# A date is shown in the source or its basis is given (sources.csv 9, 11, 26, 30, 33, 48, 73 as they were)


def test_a_date_shown_nowhere_in_the_source_is_refused(real):
    change = {"published_on": "2017-04-07", "date_note": ""}
    data, line = _broken(real, "sources", change, source_id="catholicworldreport-2017-04-07-wexler")
    assert _found(rr.source_dates_are_shown, data) == [
        f"data/sources.csv:{line}: published_on: 2017-04-07 is shown neither in the stored text nor in its title, byline or address: "
        "give the precision they support, or the basis in date_note"
    ]


def test_a_date_at_the_precision_the_address_shows_passes_and_a_finer_one_fails(real):
    key = {"source_id": "mlive-2017-10-06-detroit-chief-craig"}
    data, _ = _broken(real, "sources", {"published_on": "2017-10", "date_note": ""}, **key)
    assert _found(rr.source_dates_are_shown, data) == []  # ".../2017/10/..."
    data, line = _broken(real, "sources", {"published_on": "2017-10-06", "date_note": ""}, **key)
    assert _found(rr.source_dates_are_shown, data)[0].startswith(f"data/sources.csv:{line}: published_on: 2017-10-06 is shown neither")


# A stance no stronger than its words (positions.csv 10 and 21 as they were)


def test_need_to_is_not_a_requirement(real):
    data, line = _broken(real, "positions", {"stance": "requires"}, doc_id="perf-gp-2016-01", provision_id="duty-to-intervene")
    assert _found(rr.stances_match_their_words, data) == [
        f"data/positions.csv:{line}: stance: 'requires', but 'perf1-intervene' says neither 'shall', 'must', 'required' nor "
        "'it is the policy': a recommendation at most"
    ]


def test_a_prohibition_with_an_exception_is_not_prohibits(real):
    data, line = _broken(real, "positions", {"stance": "prohibits"}, doc_id="perf-gp-2016-03", provision_id="shooting-at-moving-vehicles")
    assert _found(rr.stances_match_their_words, data) == [
        f"data/positions.csv:{line}: stance: 'prohibits', but 'perf20-2016-sentence' names an exception ('unless'): it permits with conditions"
    ]


# An event cites a source a reader can find (events.csv 6 as it was)


def test_an_event_citing_an_untitled_page_with_no_address_is_refused(real):
    change = {"source_id": "calibrepress-2016-02-03-glennon-perf", "quote_id": "glennon-jan29"}
    data, line = _broken(real, "events", change, event_id="perf-30-2016")
    (found,) = _found(rr.events_cite_findable_sources, data)
    assert found.startswith(
        f"data/events.csv:{line}: source_id: 'calibrepress-2016-02-03-glennon-perf' has neither a recorded title nor an address"
    )


# Through the command line: the file, line and field, and no database written


def test_the_build_refuses_an_unknown_cell_with_a_quote(core_copy: Path, tmp_path: Path, capsys):
    path = core_copy / "positions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    line = next(i for i, r in enumerate(rows, start=2) if (r["doc_id"], r["provision_id"]) == ("ncp-2017-01", "less-lethal-force"))
    rows[line - 2].update(evidence="primary", quote_id="ncp1-purpose", source_id="ncp-2017-01-policy-text")
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "policy.duckdb"
    assert main(["--data", str(core_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"data/positions.csv:{line}: evidence: stance 'unknown' has evidence 'none', not 'primary'" in err
    assert f"data/positions.csv:{line}: quote_id: stance 'unknown' carries no quote ('ncp1-purpose')" in err
    assert not out.exists()


# The rules of the first truth pass (audit of release 2026.11.0)


def test_primary_evidence_must_be_a_copy_of_that_edition(real):
    change = {"quote_id": "ncp1-warning-shots", "source_id": "police1-warning-shots-consensus-lacking-agreement", "evidence": "primary"}
    data, line = _broken(real, "positions", change, doc_id="ncp-2017-01", provision_id="warning-shots")
    (found,) = _found(tr.primary_evidence_is_the_document, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'primary' needs a stored copy of ncp-2017-01")


def test_an_undated_page_cannot_establish_an_edition(real):
    change = {"quote_id": "ncp1-warning-shots", "source_id": "police1-warning-shots-consensus-lacking-agreement", "evidence": "quoted"}
    data, line = _broken(real, "positions", change, doc_id="ncp-2017-01", provision_id="warning-shots")
    (found,) = _found(tr.undated_page_cannot_establish_an_edition, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'ncp1-warning-shots' is read from an undated page")


def test_a_quote_about_no_named_edition_cannot_settle_one(real):
    change = {"stance": "prohibits", "evidence": "quoted"}
    data, line = _broken(real, "positions", change, doc_id="perf-gp-2016-03", provision_id="shooting-from-moving-vehicles")
    (found,) = _found(tr.undated_page_cannot_establish_an_edition, data)
    assert found.startswith(f"data/positions.csv:{line}: evidence: 'perf20-2016-sentence' is about no named edition")


def test_a_stance_for_or_against_needs_a_document(real):
    data, line = _broken(real, "quotes", {"stance_to": "against"}, quote_id="craig-reject")
    assert _found(tr.stance_needs_a_document, data) == [
        f"data/quotes.csv:{line}: stance_to: 'against' needs a doc_id (for or against which document?)"
    ]


def test_a_quote_is_not_dated_after_its_source(real):
    data, line = _broken(real, "quotes", {"said_on": "2017-02"}, quote_id="wp17-pasco-historic")
    assert f"data/quotes.csv:{line}: said_on: 2017-02 is later than its source seed-wapo-2017-01-17-jackman (2017-01-17)" in _found(
        tr.dates_follow_their_sources, data
    )


def test_a_date_is_never_more_precise_than_the_source_that_gives_it(real):
    data, line = _broken(real, "quotes", {"dated_by": ""}, quote_id="nsa-not-support")
    (found,) = _found(tr.dates_follow_their_sources, data)
    assert found.startswith(f"data/quotes.csv:{line}: said_on: 2017-01-17 is more precise than nsa-mcsa-statement-2017 (unknown)")


def test_a_source_date_matches_its_text_header(real):
    data, line = _broken(real, "sources", {"published_on": "2013"}, source_id="scotus-2012-ryburn-v-huff")
    (found,) = _found(tr.source_dates_match_their_headers, data)
    assert found.startswith(f"data/sources.csv:{line}: published_on: '2013' does not match the text file's DATE header")


def test_an_organization_is_not_against_its_own_joint_statement(real):
    data, line = _broken(real, "quotes", {"stance_to": "against"}, quote_id="wp17-joint-walk-away")
    assert _found(tr.nobody_rejects_their_own_document, data) == [
        f"data/quotes.csv:{line}: stance_to: fop, iacp wrote or signed iacp-fop-statement-2016: its own words are not 'against' it"
    ]


def test_a_signer_cannot_be_recorded_as_opposing_the_document(real):
    data, line = _broken(real, "endorsements", {"doc_id": "ncp-2017-01"}, org_id="fop", doc_id="perf-gp-2016-01", status="opposed")
    assert _found(tr.nobody_rejects_their_own_document, data) == [
        f"data/endorsements.csv:{line}: status: 'fop' wrote or signed ncp-2017-01, so it cannot be 'opposed'"
    ]


def test_every_author_of_a_joint_document_has_an_authored_row(real):
    data, _ = _broken(real, "documents", {"author_org_ids": "iacp"}, doc_id="iacp-fop-statement-2016")
    line = _row(real, "endorsements", org_id="fop", doc_id="iacp-fop-statement-2016", status="authored")[1]
    assert _found(tr.authors_have_authored_rows, data) == [
        f"data/endorsements.csv:{line}: status: 'fop' is not in iacp-fop-statement-2016's author_org_ids"
    ]


def test_a_passage_cut_mid_word_must_be_marked(real):
    data, line = _broken(real, "quotes", {"cut": ""}, quote_id="joint-reject")
    assert _found(tr.cut_passages_are_marked, data) == [
        f"data/quotes.csv:{line}: cut: the stored copy breaks off right after this passage: set cut to 'end'"
    ]


def test_one_members_remark_says_so_in_its_note(real):
    data, line = _broken(real, "endorsements", {"note": ""}, org_id="alads")
    assert _found(tr.qualified_rows_say_why, data) == [
        f"data/endorsements.csv:{line}: note: extent 'member' / evidence 'secondary' needs a note saying why"
    ]


def test_every_rule_is_in_the_codebook():
    readme = (ROOT / "data/README.md").read_text(encoding="utf-8")
    assert all(f"`{r.__name__}`" in readme for r in tr.RULES)
    assert {r.__name__ for r in rr.RULES} <= {r.__name__ for r in tr.RULES}
