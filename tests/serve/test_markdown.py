"""explorer.serve.markdown: text from the data and the URL shown literally, marked and linked, without a running app."""

from __future__ import annotations

from explorer.serve.markdown import cut_off, highlight, link, mark, md, source_line


def test_data_text_cannot_format_link_or_break_a_line():
    assert md("**bold** [x](http://e.org) <b>\nnext") == r"\*\*bold\*\* \[x\]\(http\://e\.org\) \<b\> next"


def test_matches_side_by_side_are_one_mark_and_the_rest_stays_escaped():
    out = highlight("No warning shots_fired.", ["warning", "SHOTS"])
    assert out == "No " + mark("warning shots") + md("_fired.")
    assert highlight("a*b", []) == md("a*b")


def test_only_web_addresses_become_links():
    assert link("the report", "https://e.org/a b>") == "[the report](<https://e.org/a%20b%3E>)"
    assert link("the report", "unknown") == link("the report", "javascript:alert(1)") == "the report"


def test_a_source_line_names_an_undated_source_and_a_cut_passage():
    line = source_line("A title", "Some publisher", "unknown", None)
    assert line.startswith("Source: A title — ") and line.endswith("undated \\(no date shown on it\\)")
    assert cut_off() == r" *\[cut off: the stored copy breaks off here\]*"
