"""The reviewer's serving-side findings on issue 27 (contract-27.md, '## Review findings'): readers see dataset names and
years, never internal ids; whole words; no self-contradicting edition line; caveats and provenance wherever a wave shows."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from explorer.serve.labels import quotes_whole_words, readable_ids, whole_words
from tests.conftest import APP

ORG_ID = re.compile(r"\b(?:campaign-zero-20\d\d|ca-police-scorecard-2019|policy-texts-2020)/[a-z0-9-]+")


def page(path: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def said(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def frames(at: AppTest) -> str:
    return "\n".join(d.value.to_csv() for d in at.dataframe)


def test_whole_words_drops_cut_pieces_and_marks_the_cuts():
    window = "n notification is received from the City Attorney and/or all State of Arizona Statute requirements have been satisfie"
    assert (
        whole_words(window, True, True)
        == "…notification is received from the City Attorney and/or all State of Arizona Statute requirements have been…"
    )
    assert whole_words("the State of Arizona.", False, False) == "the State of Arizona."
    assert quotes_whole_words("names AZ: “eserve the peace, and enforce the laws of the State of Alaska accordin”") == (
        "names AZ: “…the peace, and enforce the laws of the State of Alaska…”"
    )


def test_readable_ids_names_the_dataset_not_its_id():
    names = {"ca-police-scorecard-2019/glendale": "California Police Scorecard 2019's Glendale"}
    assert readable_ids("ca-police-scorecard-2019/glendale: covers CA", names) == "California Police Scorecard 2019's Glendale: covers CA"


def test_glendale_pages_show_no_internal_id_and_whole_words():
    az = said(page("pages/department.py", {"agency": "glendale-az"}))
    ca = page("pages/department.py", {"agency": "glendale-ca"})
    for body in (az, said(ca)):
        assert not ORG_ID.search(body), ORG_ID.search(body)
    assert "California Police Scorecard 2019's Glendale" in az  # the evidence against, in readers' words
    assert "“…notification is received from the City Attorney and/or all State of Arizona Statute requirements have been…”" in az
    assert "satisfie”" not in az and "“n notification" not in az


def test_a_full_text_member_is_labelled_as_a_full_text_not_as_a_coder():
    body = said(page("pages/department.py", {"agency": "glendale-ca"}))
    assert "not coded (full texts)" not in body
    assert "(full text, extracted 2020)" in body


def test_no_quoted_words_is_said_once_without_a_count():
    body = said(page("pages/department.py", {"agency": "sacramento-ca"}))
    assert "(0 of 0)" not in body
    assert "quote no run of 5 or more policy words: no quoted words to check" in body


def test_what_changed_has_its_caveat_beside_the_grid():
    at = page("pages/department.py", {"agency": "riverside-ca"})
    assert "What changed" in at.table[0].value.columns
    caption = "\n".join(c.value for c in at.caption)
    assert "compares the coders' verdicts, not the policies" in caption and "third-hand" in caption


def test_agencies_page_names_sources_and_states_on_their_basis():
    at = page("pages/agencies.py", {"ds": "campaign-zero-2016", "crit": "requires-de-escalation"})
    table = next(d.value for d in at.dataframe if {"agency", "state"} <= set(d.value.columns))
    glendale = table[table["agency"] == "Glendale"]["state"].iloc[0]
    assert glendale.startswith("AZ (its department page: its full text names AZ") and "satisfie”" not in glendale
    body = said(at)
    assert "third-hand" in body  # the 2020 wave is in the contested chart: its provenance beside it
    assert not ORG_ID.search(frames(at)), "the 'Not counted' table shows dataset names, not ids"
    scorecard = said(page("pages/agencies.py", {"ds": "ca-police-scorecard-2019"}))
    assert "State CA: California Police Scorecard covers CA (its title; its records name no state)" in scorecard


def test_the_2020_waves_third_hand_provenance_shows_in_compare_and_its_agencies_views():
    compare = said(page("pages/compare.py", {"agency": "campaign-zero-2020/oakland/policy"}))
    assert "(third-hand); not checked against Campaign Zero" in compare  # beside the coded column's credit
    agencies = said(page("pages/agencies.py", {"ds": "campaign-zero-2020"}))
    assert "Campaign Zero 2020: Campaign Zero's codes as republished in a Kaggle dataset" in agencies


def test_a_department_without_an_established_state_does_not_say_no_text_names_one():
    body = said(page("pages/department.py", {"agency": "stockton"}))  # no state on evidence (Oakland is oakland-ca: quoted_by_both)
    assert "no evidence the build accepts names one" in body
    assert "no dataset or stored text of this department names one" not in body


def test_the_agreement_figure_says_what_it_rests_on():
    at = page("pages/department.py", {"agency": "boston"})
    assert any("never on a name alone" in c.value for c in at.caption)


def test_every_stored_texts_printed_date_shows_its_words_and_its_precision_on_its_department_page(db_file):
    """All 40 texts, on their department pages: the build's printed-date sentence as it is (the words that print the
    date), never 'not printed' where words exist, never a day the text does not print."""
    from explorer.serve.db import open_database

    with open_database(db_file) as con:
        rows = con.execute("select department_id, text_id, printed_date_quote, printed from policy_texts order by 1, 2").fetchall()
    assert len(rows) == 40
    by_dept: dict[str, list] = {}
    for dept, *rest in rows:
        by_dept.setdefault(dept, []).append(rest)
    for dept, texts in by_dept.items():
        body = said(page("pages/department.py", {"agency": dept}))
        lines = [line.strip() for line in body.splitlines() if line.startswith("**Printed date:**")]
        assert len(lines) == len(texts), dept
        for _, words, printed in texts:
            assert f"**Printed date:** {printed}" in lines, (dept, printed)
            assert (words == "not printed") == printed.startswith("not printed"), (dept, printed)
    st_pete = said(page("pages/department.py", {"agency": "st-petersburg-fl"}))
    assert "**Printed date:** 2013-04 (issued); revisions (11/01/2014); printed “April 2013 | (11/01/2014)”" in st_pete
    las_vegas = said(page("pages/department.py", {"agency": "las-vegas-nv"}))
    assert "“not printed”" not in las_vegas  # the manifest's "not printed" is never shown as the text's words


def test_the_wording_pages_full_text_hits_are_dated_to_the_precision_printed():
    at = page("pages/wording.py", {"view": "search", "q": "exhaust all other reasonable means of apprehension"})
    lines = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown if "Petersburg" in m.value and "· agency policy, full text ·" in m.value]
    assert lines and any("· printed 2013-04 ·" in line for line in lines), lines
    assert not any("printed unknown" in line or "date not printed" in line for line in lines)
    denver = page("pages/wording.py", {"view": "search", "q": "The Denver Police Department recognizes the value of all human life"})
    hits = [re.sub(r"\\(.)", r"\1", m.value) for m in denver.markdown if "Denver" in m.value and "· agency policy, full text ·" in m.value]
    assert hits and all("no single date; printed “REV. 4-15”" in h for h in hits), hits


def test_department_addresses_are_readable_and_old_addresses_still_open(db_file):
    """Memphis, Philadelphia and Tucson each have a full text not linked to the coded department of their name: its
    address was `memphis--policy-texts-2020` (a dataset's id after a doubled hyphen); now `memphis-full-text`."""
    from explorer.serve.db import open_database

    with open_database(db_file) as con:
        ids = dict(con.execute("select department_id, former_id from departments").fetchall())
    assert not [d for d in ids if "--" in d or "policy-texts" in d or "campaign-zero" in d or "scorecard" in d]
    assert {d: f for d, f in ids.items() if f} == {
        "memphis-full-text": "memphis--policy-texts-2020",
        "philadelphia-full-text": "philadelphia--policy-texts-2020",
        "tucson-full-text": "tucson--policy-texts-2020",
    }
    at = page("pages/department.py", {"agency": "memphis--policy-texts-2020"})  # a link published before
    assert at.query_params["agency"] in ("memphis-full-text", ["memphis-full-text"])
    body = said(at)
    assert "Memphis Police Department" in body and "Read the stored text" in body
    assert not re.search(r"agency=[^)&\s]*(--|policy-texts)", body) and "agency=memphis-full-text&text=memphis" in body
    assert not any("department" in n.value.lower() and "drop" in n.value.lower() for n in at.warning)


def test_a_department_page_names_the_words_its_links_rest_on_found_in_no_other_stored_text():
    body = said(page("pages/department.py", {"agency": "oakland-ca"}))
    assert "Why these are one department" in "\n".join(e.label for e in page("pages/department.py", {"agency": "oakland-ca"}).expander)
    assert "found in no other city's stored words" in body and "Members shall intervene and prevent or stop the use" in body
    glendale = said(page("pages/department.py", {"agency": "glendale-az"}))
    assert "found in the full text of the Glendale (Arizona) Police Department and in no other stored text" in glendale
    assert "It is the philosophy of the Glendale Police Department" in glendale
    # Lexipol's stock words joined Chula Vista's two coders; they tell no department apart: the Scorecard's is its own
    chula = said(page("pages/department.py", {"agency": "chula-vista-ca"}))
    assert "Chula Vista (Campaign Zero 2016)" in chula and "not established as this department" in chula
