"""The passages the Wording page reads: every one verbatim in its stored text or coder's cell, cut where sentences end."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from explorer.builder.passages import paragraphs, sentences
from explorer.builder.source_text import fold, parse
from explorer.paths import ROOT
from explorer.serve.db import open_database
from explorer.wording import GRAM, grams, words


@pytest.fixture(scope="module")
def con(db_file: Path) -> duckdb.DuckDBPyConnection:
    c = open_database(db_file)
    yield c
    c.close()


def test_every_source_passage_is_verbatim_in_one_segment_of_its_stored_text(con):
    """Read the files again, independently of the build: a passage never runs across a [...] gap."""
    files = {r["source_id"]: r["text_file"] for r in csv.DictReader((ROOT / "data/sources.csv").open(encoding="utf-8"))}
    got = con.execute("select source_id, text from passages where quote_id is null and text_id is null").fetchall()
    texts = {sid: parse(ROOT / "data/sources" / tf) for sid, tf in files.items()}
    assert len(got) > 500
    assert [(sid, t) for sid, t in got if not texts[sid].contains(t)] == []


def test_every_agency_passage_is_verbatim_in_its_coders_cell(con):
    got = con.execute("select p.text, q.text from passages p join quotes q using (quote_id)").fetchall()
    assert len(got) > 1000
    assert [p for p, cell in got if p not in fold(cell)] == []


def test_every_stored_source_but_the_datasets_descriptions_has_passages(con):
    missing = con.execute(
        "select source_id from sources where kind <> 'dataset' and source_id not in (select source_id from passages)"
    ).fetchall()
    assert missing == []


def test_sentences_end_at_full_stops_but_not_after_abbreviations_initials_or_heading_numbers():
    assert sentences("II. POLICY It is the policy. See Graham v. Connor, 490 U.S. 386 (1989). Mr. Smith said “No.” Then.") == [
        "II. POLICY It is the policy.",
        "See Graham v. Connor, 490 U.S. 386 (1989).",
        "Mr. Smith said “No.”",
        "Then.",
    ]


def test_paragraphs_break_at_headings_and_gaps_and_join_hard_wrapped_lines():
    body = "I. PURPOSE\nThe purpose of this policy is to provide law enforcement officers with guidelines for\nthe use of force.\n[...]\nNext part."
    assert list(paragraphs(body)) == [
        ("I. PURPOSE", False),
        ("The purpose of this policy is to provide law enforcement officers with guidelines for the use of force.", False),
        ("Next part.", False),
    ]


def test_a_paragraph_ends_where_the_stored_copy_breaks_off_and_says_so():
    body = "The policy is to be reviewed annually and any questions should be addressed to the supervisor for c[excerpt ends]\nNext."
    assert list(paragraphs(body)) == [
        ("The policy is to be reviewed annually and any questions should be addressed to the supervisor for c", True),
        ("Next.", False),
    ]


def test_every_break_in_a_stored_copy_marks_the_one_passage_that_runs_into_it(con):
    """Read the files again: each [excerpt ends] follows the text of exactly one passage marked cut, and no other is."""
    files = {r["source_id"]: r["text_file"] for r in csv.DictReader((ROOT / "data/sources.csv").open(encoding="utf-8"))}
    breaks = sum((ROOT / "data/sources" / tf).read_text(encoding="utf-8").count("[excerpt ends]") for tf in files.values())
    cut = con.execute("select source_id, text from passages where cut").fetchall()
    assert len(cut) == breaks > 30
    for sid, text in cut:
        folded = fold((ROOT / "data/sources" / files[sid]).read_text(encoding="utf-8"))
        assert text + "[excerpt ends]" in folded or text + " [excerpt ends]" in folded, (sid, text)
    assert con.execute("select count(*) from passages where cut and quote_id is not null").fetchone()[0] == 0


def test_shingles_are_runs_of_gram_words_punctuation_and_case_folded(con):
    tokens = words("Officers SHALL use only the force—that’s “objectively reasonable.”")
    assert tokens == ["officers", "shall", "use", "only", "the", "force", "that's", "objectively", "reasonable"]
    assert grams(tokens)[0] == " ".join(tokens[:GRAM]) and len(grams(tokens)) == len(tokens) - GRAM + 1
    stored = con.execute(
        "select norm, grams from passages where source_id = 'ncp-2017-01-policy-text' and text like 'Officers shall use only the force%'"
    ).fetchall()
    assert stored and stored[0][1] == grams(stored[0][0].split())


def test_kinds_of_source_follow_the_source_and_its_document(con):
    kinds = dict(con.execute("select source_id, any_value(source_kind) from passages where source_id is not null group by all").fetchall())
    assert kinds["scotus-1989-graham-v-connor"] == "court"
    assert kinds["ncp-2017-01-policy-text"] == "model document"
    assert kinds["perf-2016-03-guiding-principles-studylib-copy"] == "model document"  # a report-kind copy of PERF's principles
    assert kinds["campaign-zero-2016"] == "agency policy"


def test_edition_pairs_follow_each_document_to_its_next_edition(con):
    assert con.execute("select from_doc_id, to_doc_id from edition_pairs order by 1").fetchall() == [
        ("ncp-2017-01", "ncp-2017-10"),
        ("ncp-2017-10", "ncp-2020-07"),
        ("perf-gp-2016-01", "perf-gp-2016-03"),
    ]
