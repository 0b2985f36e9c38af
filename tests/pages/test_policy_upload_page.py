"""AppTest (1.67 drives st.file_uploader): Compare's one 'your own department' entry reads a policy into the session."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests import policy_files as pf
from tests.conftest import APP

COLUMN = "Your agency: uploaded text, keyword reading"


def compare() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/compare.py").run()
    return at


def said(at: AppTest) -> str:
    raw = "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning] + [e.value for e in at.error]
    )
    return re.sub(r"\\(.)", r"\1", raw)


def test_an_uploaded_pdf_becomes_a_column_beside_the_documents_with_its_passages():
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("ours.pdf", pf.text_pdf(), "application/pdf")).run()
    assert not at.exception, [e.message for e in at.exception]
    grid = at.dataframe(key="compare__grid").value
    assert grid.columns[0] == COLUMN and "PERF (Mar 2016)" in grid.columns
    assert grid.loc["De-escalation", COLUMN].startswith("◆ rule's reading: words found · p. 1")
    assert re.search(r"this rule agreed with the coders on \d+ of \d+$", grid.loc["De-escalation", COLUMN])  # beside the reading
    assert grid.loc["Chokeholds and neck restraints", COLUMN].startswith("◇ rule's reading: not found")
    text = said(at)
    assert "**p. 2** · *words that would meet it*: Officers :yellow-background[**shall not discharge a firearm at a moving vehicle" in text
    assert re.search(r"this rule agreed with the human coders on \d+ of \d+ stored policies", text, re.IGNORECASE)
    labels = [e.label for e in at.expander]
    assert "The text as extracted, page by page (3 page(s))" in labels
    assert any(label.startswith("Shooting at moving vehicles: ◆ rule's reading: words found") for label in labels)
    kept = at.session_state["compare__policy"]
    assert kept["extracted"].pages[1].startswith("3. Firearms.")  # the text lives in this session's state
    at.number_input(key="compare__policy_page").set_value(2).run()
    assert any(pf.WARNING.split(",")[0] in c.value for c in at.code)


def test_a_refused_file_is_named_and_the_page_goes_on():
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("scan.pdf", pf.image_only_pdf(), "application/pdf")).run()
    assert not at.exception
    assert "**scan.pdf was not read**: no text could be read: this looks like a scanned document; no OCR is done." in said(at)
    assert COLUMN not in at.dataframe(key="compare__grid").value.columns


def test_removing_the_file_drops_its_text_from_the_session():
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("ours.txt", "\f".join(pf.POLICY_PAGES).encode(), "text/plain")).run()
    assert "compare__policy" in at.session_state
    at.file_uploader(key="compare__upload").clear().run()
    assert "compare__policy" not in at.session_state
    assert COLUMN not in at.dataframe(key="compare__grid").value.columns


def test_a_coding_sheet_still_goes_through_the_same_entry():
    sheet = b"provision_id,stance,quote,locator,source_title,source_url\nwarning-shots,prohibits,Warning shots are prohibited.,4.2,Our policy,\n"
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("agency.csv", sheet, "text/csv")).run()
    assert not at.exception
    assert "How Your agency compares" in [s.value for s in at.subheader]


def test_a_departments_stored_text_is_read_by_the_same_rules_beside_the_upload():
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("ours.pdf", pf.text_pdf(), "application/pdf")).run()
    at.selectbox(key="compare__policy_beside").select("detroit").run()
    assert not at.exception
    grid = at.dataframe(key="compare__grid").value
    assert list(grid.columns[:2]) == [COLUMN, "Detroit Police Department: stored text, keyword reading"]
    # Detroit's General Order 304.2 prints "Prohibited Holds ... neck restraints are prohibited except where deadly force"
    assert grid.loc["Chokeholds and neck restraints", grid.columns[1]].startswith("◆ rule's reading: words found")
    assert grid.loc["Chokeholds and neck restraints", COLUMN].startswith("◇ rule's reading: not found")


def test_lineage_names_the_model_document_whose_four_word_runs_a_sentence_carries():
    iacp = "The officer must only use that force which a reasonably prudent officer would use under the same or similar circumstances."
    text = f"USE OF FORCE\n\n{pf.FILLER} {iacp}\n\nOur officers are proud of this city."
    at = compare()
    at.file_uploader(key="compare__upload").set_value(("ours.txt", text.encode(), "text/plain")).run()
    assert not at.exception
    sources = next(d.value for d in at.dataframe if "model document or opinion" in d.value.columns)
    top = sources.iloc[0]
    assert top["model document or opinion"] == "USE OF FORCE Model Policy" and top["sentences with half their runs from it"] == 1
    line = next(m.value for m in at.markdown if "of its runs" in m.value)
    assert line.startswith("**p. 1** · 100% of its runs (17 of 17) in *USE OF FORCE Model Policy* (2006\\-02):")
    assert ":yellow-background[**The officer must only use that force" in line  # the shared words, marked
