"""AppTest: a department's page (one address per department) and change over time counted on established links only."""

from __future__ import annotations

import os
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from explorer.paths import ROOT
from explorer.serve.db import READ_ONLY_CONFIG
from explorer.serve.views.agencies_changes import counts
from tests.conftest import APP

CRITERIA = 8


def run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/department.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def said(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def oakland() -> tuple[str, list[str]]:
    """Oakland's department (the one its 2016 coded agency is in) and its coded waves, oldest first, from the tables."""
    con = duckdb.connect(os.environ["UOF_DB"], read_only=True, config=READ_ONLY_CONFIG)
    dept = con.execute("select department_id from department_members where org_id = 'campaign-zero-2016/oakland'").fetchone()[0]
    waves = con.execute(
        "select s.coded_by || ' ' || s.published_year from department_members as m join datasets as s using (dataset_id) "
        "where m.department_id = ? and m.role = 'coded' order by m.dataset_year",
        [dept],
    ).fetchall()
    return dept, [w for (w,) in waves]


def test_oakland_shows_every_criterion_and_every_wave_in_one_view():
    dept, waves = oakland()
    assert {"Campaign Zero 2016", "Campaign Zero 2020"} <= set(waves)
    at = run({"agency": dept})
    grid = at.table[0].value
    assert len(grid) == CRITERIA
    assert list(grid.columns) == [*waves, "What changed"]
    assert grid.notna().all().all() and not grid.isin(["— not in this wave"]).any().any()
    body = said(at)
    assert "third-hand" in body  # the 2020 wave's provenance, as its README says it
    if "StayWoke / Campaign Zero 2019" not in waves:  # the Scorecard's Oakland, linked on no evidence, is named apart
        assert "Oakland (StayWoke / Campaign Zero 2019)" in body and "not established as this department" in body


def test_glendale_2016_is_arizonas_with_the_words_and_californias_glendale_is_apart():
    at = run({"agency": "glendale-az"})
    body = said(at)
    assert "State of Arizona Statute requirements" in body
    # 1 of 2 is exactly half: some words carried over, never "the same edition"
    assert "some of the Campaign Zero 2016 coder's quoted words are found in this text (1 of 2): the edition is uncertain" in body
    assert "(1 of 2): the same edition" not in body
    assert "Glendale (StayWoke / Campaign Zero 2019)" in body and "evidence against it" in body
    assert "StayWoke / Campaign Zero 2019" not in list(at.table[0].value.columns)


def test_the_edition_check_says_a_different_edition_where_none_of_the_coders_words_are_found():
    at = run({"agency": "albuquerque"})
    body = said(at)
    assert "the Campaign Zero 2016 coder's quoted words are not found (0 of 9): probably a different edition" in body
    assert "a department of this name, not linked to this one" in body  # the text is not taken for this department's


def test_a_link_opens_the_stored_text_at_its_passage():
    at = run({"agency": "boston", "text": "boston", "at": "3"})
    assert at.session_state["department__text"] == "boston"
    html = [e for e in at.get("html")]
    assert html and 'id="uof-passage"' in html[0].proto.body
    assert "Passage 3 is marked" in said(at)


def test_change_over_time_counts_only_established_links():
    con = duckdb.connect(os.environ["UOF_DB"], read_only=True, config=READ_ONLY_CONFIG)
    pairs = con.execute(
        (ROOT / "queries" / "wave_changes.sql").read_text(), {"criterion_ids": [], "org_ids": [], "states": [], "dataset_ids": []}
    ).df()
    established = con.execute(
        "select count(*) from agency_links where not established and agency_id in (select org_id from department_members) "
        "and same_as in (select org_id from department_members)"
    ).fetchone()[0]
    assert established > 0  # there are unestablished links to keep out
    linked = con.execute(
        "select a.department_id = b.department_id from agency_links as l join department_members as a on a.org_id = l.agency_id "
        "join department_members as b on b.org_id = l.same_as where not l.established"
    ).fetchall()
    assert not any(same for (same,) in linked)  # an unestablished link never joins two members of one department
    glendale = pairs[pairs["department"] == "Glendale"]
    assert set(glendale["department_id"]) == {"glendale-az"}
    assert set(glendale["waves"]) == {"Campaign Zero 2016 → Campaign Zero 2020"}  # never paired with California's
    table = counts(pairs).set_index(["criterion_id", "waves"])
    row = table.loc[("requires-de-escalation", "Campaign Zero 2016 → Campaign Zero 2020")]
    expected = con.execute(
        "select count(*) filter (where a.verdict = 'not met' and b.verdict = 'met'), count(*) from department_members as ma "
        "join department_members as mb on mb.department_id = ma.department_id "
        "join agency_codes as a on a.agency_id = ma.org_id and a.criterion_id = 'requires-de-escalation' "
        "join agency_codes as b on b.agency_id = mb.org_id and b.criterion_id = 'requires-de-escalation' "
        "where ma.dataset_id = 'campaign-zero-2016' and mb.dataset_id = 'campaign-zero-2020'"
    ).fetchone()
    assert (int(row["up"]), int(row["departments"])) == expected
    assert row["departments"] <= 94


@pytest.mark.parametrize("org", ["campaign-zero-2016/boston"])
def test_the_change_table_honours_the_organization_filter(org):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["org"] = org
    at.run()
    at.switch_page("pages/agencies.py").run()
    assert not at.exception
    pairs = next(d.value for d in at.dataframe if {"department", "waves", "change"} <= set(d.value.columns))
    assert set(pairs["department"]) == {"Boston"}
    assert "in both datasets" not in said(at)
