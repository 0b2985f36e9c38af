"""AppTest: the Wording page's search, lineage and editions on the real database, each from its URL."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

from tests.pages.test_pages import run, texts

PAGE = "pages/wording.py"
LINK = re.compile(
    r"\[(read it in its stored text|read the coder's cell|read it in the department's full text)\]\("
)  # a listed passage's link


def values(column: object) -> list:
    """A Plotly trace's column as a list: numbers come as typed arrays ({'dtype', 'bdata'}), text as lists."""
    if isinstance(column, dict):
        return np.frombuffer(base64.b64decode(column["bdata"]), dtype=column["dtype"]).tolist()
    return list(column)


def test_search_lists_agency_policies_and_model_documents_with_the_match_marked():
    at = run(PAGE, {"view": "search", "q": "moving vehicle", "within": ["model document", "agency policy"]})  # full texts apart
    lines = [m.value for m in at.markdown if LINK.search(m.value)]
    assert len(lines) == 25  # a page of passages
    assert any("· agency policy, coder's cell ·" in line for line in lines) and any("· model document ·" in line for line in lines)
    assert all(":yellow-background[**" in line and "moving vehicle" in line.lower() for line in lines)
    # a stored text's sentence links to the stored text; an agency's cell to the coder's cell, named as such
    assert all(("[read the coder's cell](" in line) == ("· agency policy, coder's cell ·" in line) for line in lines)
    said = texts(at)
    assert "“moving vehicle” is found" in said and "agencies" in said
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "agency policy" in spec["data"][0]["y"]
    assert at.query_params["q"] in ("moving vehicle", ["moving vehicle"])


def test_search_counts_per_source_are_the_table_behind_the_chart():
    at = run(PAGE, {"view": "search", "q": "warning shot", "within": ["model document"]})
    said = texts(at)
    assert "model document" in said and "coder's cell ·" not in said
    assert all("· model document ·" in m.value for m in at.markdown if LINK.search(m.value))


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("(a+b)*[", "No stored text or agency policy cell holds “(a+b)*[”"),  # regex characters are letters here
        ("x" * 10_000, "is 1,001 characters long; the most this page searches is 1,000"),  # cut by the link, then refused
        ("   ", "Type a word or a phrase"),
    ],
)
def test_bad_phrases_get_a_clear_message(q, message):
    at = run(PAGE, {"view": "search", "q": q})
    assert any(message in i.value.replace("\\", "") for i in at.info), [i.value for i in at.info]


def test_a_pasted_phrase_too_long_for_lineage_is_refused_with_its_length():
    at = run(PAGE, {"view": "lineage"})
    at.text_area(key="wording__phrase").input("word " * 2500).run()
    assert any("12,499 characters long" in i.value for i in at.info)


def test_lineage_of_objectively_reasonable_reaches_back_to_graham_v_connor():
    at = run(PAGE, {"view": "lineage", "phrase": "objectively reasonable"})
    lines = [m.value.replace("\\", "") for m in at.markdown if LINK.search(m.value)]
    assert lines[0].startswith("**Graham v. Connor") and "· court · 1989-05-15" in lines[0]
    assert "objectively reasonable" in lines[0] and ":green-background[" not in lines[0]  # the words around it are not a difference
    assert all(":yellow-background[**" in line for line in lines), "the phrase's words are marked in every passage"
    marked = re.findall(r":yellow-background\[\*\*(.+?)\*\*\]", lines[0])
    assert [m.strip('"“”').lower() for m in marked] == ["objectively reasonable"]  # the shared words, not the whole passage
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    years = {t["name"]: values(t["x"]) for t in spec["data"]}
    assert min(years["court"]) == 1989 and 2017 in years["model document"] and "agency policy" in years
    assert at.query_params["phrase"] in ("objectively reasonable", ["objectively reasonable"])


def test_lineage_of_a_picked_sentence_finds_near_copies_with_their_differences():
    at = run(PAGE, {"view": "lineage", "src": "ncp-2017-01-policy-text", "n": "9"})
    said = texts(at)
    assert "Officers shall use only the force that is objectively reasonable" in said
    lines = [m.value for m in at.markdown if LINK.search(m.value)]
    near = [line for line in lines if "· agency policy, coder's cell ·" in line and ":green-background[" in line]
    assert near, "an agency's policy that carries most of the sentence with some words of its own"
    assert "Division members" in texts(at) or any("of the phrase's 4-word runs" in line for line in near)


def test_editions_set_january_beside_october_2017_and_never_say_removed():
    at = run(PAGE, {"view": "editions", "pair": "ncp-2017-01..ncp-2017-10"})
    said = texts(at)
    assert "passages are seen in both stored texts" in said
    assert "Not seen in the NCP (Jan 2017) stored text: DEADLY FORCE: Any use of force that creates a substantial risk" in said.replace(
        "*", ""
    )
    assert "Same words in both: OBJECTIVELY REASONABLE: The determination" in said.replace("*", "")
    errata = {m.value for e in at.expander if e.label.startswith("What changed in data release") for m in e.markdown}
    view = "\n".join(m.value for m in at.markdown if m.value not in errata)  # the footer's errata may say "removed"
    assert "removed" not in view.lower().replace("added or removed", "")
    stances = at.dataframe[0].value
    assert "De-escalation" in set(stances["Provision"]) or "de-escalation" in " ".join(stances["Provision"]).lower()


def test_editions_mark_where_a_stored_copy_breaks_off():
    """Both copies stop inside the de-escalation definition, and the October copy mid-word in its 'reviewed annually'
    paragraph ([excerpt ends]): the words shown are exact, and the reader is told that the rest was not seen."""
    at = run(PAGE, {"view": "editions", "pair": "ncp-2017-01..ncp-2017-10"})
    lines = [m.value.replace("\\", "") for m in at.markdown]
    assert any(
        line.startswith("*Same words in both:* DE-ESCALATION: Taking action")
        and line.endswith("*[cut off: the stored copy breaks off here]*")
        for line in lines
    ), lines
    assert any(
        "immediate supervisor for c *[cut off: the NCP + Discussion Paper (Oct 2017) stored copy breaks off here]*" in line
        for line in lines
    )
    assert not any(line.startswith("*Same words in both:* II. POLICY") and "cut off" in line for line in lines)


def test_search_marks_the_end_of_a_passage_its_stored_copy_breaks_off_in():
    at = run(PAGE, {"view": "search", "q": "immediate supervisor for c"})
    lines = [m.value.replace("\\", "") for m in at.markdown if LINK.search(m.value)]
    assert lines and all(line.endswith("*[cut off: the stored copy breaks off here]*") for line in lines)


def test_editions_only_in_one_view_and_a_bad_pair_gets_a_notice():
    at = run(PAGE, {"view": "editions", "pair": "nope..never", "show": "one"})
    said = texts(at)
    assert "nope..never" in said  # the notice names the dropped value
    assert all("Same words in both" not in m.value for m in at.markdown)


def test_a_sources_link_from_the_wording_page_marks_its_sentence():
    at = run("pages/sources.py", {"sel": "ncp-2017-01-policy-text", "at": "9"})
    said = texts(at)
    assert "Sentence 9 of this stored text, marked" in said
    assert any(":yellow-background[**Officers shall use only the force" in m.value for m in at.markdown)


def test_lineage_without_a_model_document_or_court_opinion_follows_typed_words(db_file, tmp_path, monkeypatch):
    import duckdb
    import streamlit as st

    copy = tmp_path / "policy.duckdb"
    copy.write_bytes(db_file.read_bytes())
    con = duckdb.connect(str(copy))
    con.execute("delete from passages where source_kind in ('court', 'model document')")
    con.close()
    monkeypatch.setenv("UOF_DB", str(copy))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = run(PAGE, {"view": "lineage", "phrase": "moving vehicle"})
        said = texts(at)
        assert "No model document or court opinion is stored here" in said
        assert "(your words): “moving vehicle”" in said
        assert not [s for s in at.selectbox if s.key == "wording__src"]
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_editions_read_in_both_texts_order():
    """A passage seen only in the later text stands where that text has it, not heaped at the end of the list."""
    at = run(PAGE, {"view": "editions", "pair": "ncp-2017-01..ncp-2017-10"})
    lines = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("*")]
    at_ = lambda words: next(i for i, line in enumerate(lines) if words in line)  # noqa: E731
    assert at_("In addition, “the ‘reasonableness’") < at_("This policy is to be reviewed annually") < at_("III. DEFINITIONS")
    assert at_("III. DEFINITIONS") < at_("DEADLY FORCE: Any use of force") < at_("LESS-LETHAL FORCE")


def test_the_sidebars_agency_filters_narrow_search_and_lineage_to_those_agencies():
    at = run(PAGE, {"view": "search", "q": "moving vehicle", "dataset": "campaign-zero-2016"})
    lines = [m.value.replace("\\", "") for m in at.markdown if LINK.search(m.value)]
    assert len(lines) == 25 and all(
        "· agency policy, coder's cell · policy as in the coder's dataset published 2016-07" in line for line in lines
    )
    said = texts(at)
    assert "keeps agencies' policy cells only" in said
    assert "Coded dataset (agencies)" not in said.split("Not used on this page:")[-1]  # the page says it used the filter
    unfiltered = run(PAGE, {"view": "search", "q": "moving vehicle"})
    assert "in 67 agencies" in said and "146 agencies (coders' cells)" in texts(unfiltered)

    at = run(PAGE, {"view": "lineage", "phrase": "objectively reasonable", "state": "CA"})
    lines = [m.value.replace("\\", "") for m in at.markdown if LINK.search(m.value)]
    cells = [line for line in lines if "coder's cell" in line]
    assert cells and all("policy as in the coder's dataset published 2019-01" in line for line in cells)
    assert all("· agency policy, " in line for line in lines)  # a Californian department's full text passes the state filter too
    assert re.search(r"carry these words, from \d{4} to 2019|carry these words, in 2019", texts(at))


def test_a_search_results_page_number_lives_in_the_url():
    """A shared link opens the same page of hits; a page the hits do not have is named, not silently dropped."""
    at = run(PAGE, {"view": "search", "q": "moving vehicle", "page": "2"})
    assert at.number_input[0].value == 2 and at.query_params.get("page") in ("2", ["2"])
    at.number_input[0].set_value(3).run()
    assert at.query_params.get("page") in ("3", ["3"]), at.query_params
    at = run(PAGE, {"view": "search", "q": "moving vehicle", "page": "999"})
    assert any("Ignored page “999”" in w.value for w in at.warning)
