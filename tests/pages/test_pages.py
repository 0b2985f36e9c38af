"""AppTest: each page's default view shows the expected facts; filters narrow; URLs restore; bad URLs give notices."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def run(page: str | None = None, params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """What the page says, with the Markdown escapes of markdown.md() removed."""
    raw = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])
    return re.sub(r"\\(.)", r"\1", raw)


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_overview_headline_figures_and_contrast():
    at = run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Signed the 2017 consensus policy"] == "11"
    assert metrics["Took part, then declined"] == "3"
    assert int(metrics["Sourced quotes"]) > 100
    contrast = at.table[0].value
    assert contrast.loc["Warning shots", "IACP Model Policy (2006)"] == "▽ discourages · own text"
    assert contrast.loc["Warning shots", "NCP (Jan 2017)"] == "◐ permits with conditions · report"
    timeline = plotly_specs(at)[0]
    assert "**Timeline of the debate**" in [m.value for m in at.markdown]  # the title above the chart, not under its toolbar
    assert sum(len(t["x"]) for t in timeline["data"]) == 24
    assert timeline["layout"]["xaxis"]["range"][0] < "1985-03-27" < "2023-04-06" < timeline["layout"]["xaxis"]["range"][1]


def test_endorsements_shows_the_eleven_signers():
    at = run("pages/endorsements.py")
    assert "11 organizations signed the January 2017 National Consensus Policy" in texts(at)
    specs = plotly_specs(at)
    matrix = specs[0]
    signed = next(t for t in matrix["data"] if "signed" in t["name"])
    assert sum(1 for x in signed["x"] if x == "NCP (Jan 2017)") == 11
    assert matrix["layout"]["xaxis"]["title"]["text"] == "Document"


def test_endorsements_filter_by_kind_narrows_the_table():
    at = run("pages/endorsements.py", {"kind": "sheriffs"})
    table = at.dataframe[-1].value
    assert set(table["org_kind"]) == {"sheriffs"}
    assert len(table) == 4
    assert at.multiselect(key="f_kind").value == ["sheriffs"]


def test_changing_a_sidebar_filter_updates_the_url_and_the_page():
    at = run("pages/endorsements.py")
    before = len(at.dataframe[-1].value)
    at.multiselect(key="f_org").set_value(["nsa"]).run()
    assert at.query_params["org"] == ["nsa"] or at.query_params["org"] == "nsa"
    after = at.dataframe[-1].value
    assert 0 < len(after) < before and set(after["org_name"]) == {"National Sheriffs’ Association"}


def test_selecting_an_organization_shows_its_statements():
    at = run("pages/endorsements.py", {"org": "nsa"})
    at.session_state["endorsements__rows__table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "we do not support this model policy" in texts(at)
    assert at.query_params["sel"] in (["nsa"], "nsa")  # the selection is in the URL, to share


def test_compare_default_view_contrasts_warning_shots():
    at = run("pages/compare.py")
    grid = at.dataframe[0].value
    assert list(grid.columns) == ["PERF (Mar 2016)", "IACP Model Policy (2006)", "NCP (Jan 2017)"]
    assert grid.loc["Warning shots", "IACP Model Policy (2006)"] == "▽ discourages · own text"
    assert grid.loc["Warning shots", "NCP (Jan 2017)"] == "◐ permits with conditions · report"


def test_compare_cell_opens_its_quote_and_source():
    at = run("pages/compare.py")
    grid = at.dataframe[0].value
    row = list(grid.index).index("Warning shots")
    at.session_state["compare__grid"] = {"selection": {"rows": [], "columns": [], "cells": [[row, "NCP (Jan 2017)"]]}}
    at.run()
    body = texts(at)
    assert "NCP (Jan 2017) on Warning shots: ◐ permits with conditions" in re.sub(r"\\(.)", r"\1", "\n".join(h.value for h in at.subheader))
    assert "allows for the firing of warning shots" in body and "ncp1-warning-shots" in body
    assert (
        "Source: [National police groups add ‘de-escalation’ to new model policy on use of force](<https://www.washingtonpost.com/" in body
    )
    assert "Evidence: report (a report about this edition" in body


def test_compare_only_where_they_differ_and_provision_filter():
    at = run("pages/compare.py")
    full = len(at.dataframe[0].value)
    at.toggle(key="compare__diff").set_value(True).run()
    differ = at.dataframe[0].value
    assert 0 < len(differ) < full
    assert all(len(set(r)) > 1 for r in differ.itertuples(index=False))
    at = run("pages/compare.py", {"topic": "firearms"})
    assert set(at.dataframe[0].value.index) == {
        "Warning shots",
        "Shooting at moving vehicles",
        "Shooting from moving vehicles",
        "Deadly force against people who are a danger only to themselves",
        "Verbal warning before deadly force",
    }


def test_compare_documents_from_the_url():
    at = run("pages/compare.py", {"cmp": ["ncp-2017-01", "ncp-2020-07", "nope"]})
    assert list(at.dataframe[0].value.columns) == ["NCP (Jan 2017)", "NCP revised (Jul 2020)"]
    assert "Ignored unknown document “nope”" in texts(at)


def test_quotes_search_counts_and_highlights():
    at = run("pages/quotes.py", {"q": "warning shots"})
    body = texts(at)
    assert "24 matching quotes" in body  # 18 from the stored sources (release 2026.12.1 removed a duplicate), 6 coders' cells
    assert ":yellow-background[**warning**]" in body
    at = run("pages/quotes.py", {"q": "warning shots", "dataset": "campaign-zero-2016"})
    assert "3 matching quotes" in texts(at)
    at = run("pages/quotes.py", {"q": "WARNING Shots", "org": "iacp"})
    assert "4 matching quotes" in texts(
        at
    )  # 7 before release 2026.12.1, which credits three speakers to the IACP no longer (data/CHANGES.md)


def test_quotes_cards_carry_speaker_date_and_linked_source():
    at = run("pages/quotes.py", {"q": "portend"})
    body = texts(at)
    assert "Jim Pasco" in body
    assert "(<https://www.washingtonpost.com/news/true-crime/wp/2017/01/17/" in body


def test_quotes_date_filter_narrows():
    full = run("pages/quotes.py")
    narrowed = run("pages/quotes.py", {"from": "2020-01-01"})
    n_full = int(texts(full).split(" matching quotes")[0].split("**")[-1].replace(",", ""))  # 1,714
    n_2020 = int(texts(narrowed).split(" matching quotes")[0].split("**")[-1].replace(",", ""))
    assert 0 < n_2020 < n_full


def test_sources_page_shows_the_stored_text_and_citing_quotes():
    at = run("pages/sources.py", {"sel": "nsa-mcsa-statement-2017"})
    assert at.selectbox(key="sources__sel").value == "nsa-mcsa-statement-2017"
    assert "we do not support this model policy" in at.text[0].value
    assert "quotes cite this source" in texts(at)


def test_data_page_browses_tables_and_cites_the_view():
    at = run("pages/data.py", {"table": "endorsements", "kind": "sheriffs"})
    table = at.dataframe[0].value
    assert len(table) == 4
    cite = at.text[0].value
    assert "Data: Endorsements" in cite and "kind=sheriffs" in cite and "table=endorsements" in cite


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"org": "no-such-org"}, "Ignored unknown organization “no-such-org”"),
        ({"from": "yesterday"}, "Ignored start date “yesterday”"),
        ({"utm_source": "x"}, "Ignored unknown link parameter “utm_source”"),
        ({"from": "2020-01-01", "to": "2016-01-01"}, "start date is after its end date"),
        ({"doc": "<script>alert(1)</script>"}, "Ignored unknown document “<script>alert(1)</script>”"),
    ],
)
def test_bad_url_parameters_give_a_notice_not_an_exception(params, notice):
    at = run(None, params)
    assert notice in texts(at)
    assert at.metric[0].value == "11"


def test_url_restores_the_sidebar_filters():
    at = run("pages/quotes.py", {"org": ["fop", "iacp"], "topic": "firearms", "from": "2016-01-01"})
    assert at.multiselect(key="f_org").value == ["fop", "iacp"]
    assert at.multiselect(key="f_topic").value == ["firearms"]
    assert str(at.date_input(key="f_from").value) == "2016-01-01"


def test_footer_and_citation_name_the_release():
    at = run("pages/data.py", {"kind": "sheriffs"})
    assert any("data release 2026.12.1 (2026-12-06)" in c.value.replace("\\", "") for c in at.caption)
    errata = at.expander[-1]
    assert errata.label == "What changed in data release 2026.12.1, with its errata"
    assert "`perf-gp-2016-03` × `shooting-at-moving-vehicles`" in errata.markdown[0].value
    plain, bibtex = at.text[0].value, at.text[1].value
    assert "Data release 2026.12.1 (2026-12-06)" in plain
    assert bibtex.startswith("@misc{") and "\\url{" in bibtex and "kind=sheriffs" in bibtex


def test_every_page_can_be_cited_with_its_own_state():
    at = run("pages/quotes.py", {"q": "portend", "org": "fop"})
    plain = at.text[0].value
    assert plain.startswith("Use-of-Force Policy Explorer: Quotes. Data release 2026.12.1")
    assert "/quotes?org=fop&q=portend" in plain


def test_a_joint_statement_answers_for_each_of_its_authors():
    at = run("pages/quotes.py", {"org": "fop", "q": "walk"})
    body = texts(at)
    assert "**2 matching quotes**" in body and "We cannot reasonably expect law enforcement officers to" in body
    assert (
        "**Chuck Canterbury and Terrence Cunningham**" in body
        and "for Fraternal Order of Police; International Association of Chiefs" in body
    )


def test_the_mcsa_panel_shows_its_joint_words_apart_from_reports():
    at = run("pages/endorsements.py", {"org": "mcsa"})
    at.session_state["endorsements__rows__table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    body = texts(at)
    own, _, reported = body.partition("As others reported it")
    assert "In its own words" in own and "The IACP effort is well-intended" in own and "jointly with National Sheriffs’ Association" in own
    assert (
        "Reported by **The Washington Post (Tom Jackman)**" in reported
        and "also about National Sheriffs’ Association" in reported
        and "did not specify which parts" in reported
    )
    assert "The IACP effort is well-intended" not in reported


def test_partial_and_one_member_opposition_say_so_in_the_table():
    at = run("pages/endorsements.py", {"doc": "perf-gp-2016-01"})
    status = dict(zip(at.dataframe[-1].value["org_name"], at.dataframe[-1].value["status"], strict=True))
    assert status["Federal Law Enforcement Officers Association"] == "✖ opposed (part only)"
    assert status["Association for Los Angeles Deputy Sheriffs"] == "✖ opposed (one member; report)"
    assert status["Fraternal Order of Police"] == "✖ opposed"


def test_the_evidence_filter_keeps_only_cells_settled_by_own_words():
    at = run("pages/compare.py", {"evidence": ["primary", "quoted"]})
    grid = at.dataframe[0].value
    assert grid.loc["Warning shots", "IACP Model Policy (2006)"] == "▽ discourages · own text"
    assert grid.loc["Warning shots", "NCP (Jan 2017)"] == "· not at the chosen evidence level"


def test_agency_policies_show_the_coders_verdict_and_words_with_credit():
    at = run("pages/agencies.py", {"ds": "campaign-zero-2016", "crit": "requires-de-escalation"})
    body = texts(at)
    assert "Data: Campaign Zero, Police Use of Force Project (2016), useofforceproject.org. Coded by Campaign Zero." in body
    assert "“not met” is the coder's verdict" in body
    boston = at.dataframe[1].value.set_index("agency").loc["Boston"]  # 0: chart data, 1: agencies, 2: change
    assert boston["verdict"] == "not met" and boston["language"].startswith(
        "No. Mentions but does not require de-escalation, when possible."
    )
    counts = at.dataframe[0].value.set_index("criterion_id").loc["requires-de-escalation"]
    assert int(counts["met"]) + int(counts["not_met"]) == 94
    bars = plotly_specs(at)[0]["data"]
    assert [t["name"] for t in bars] == [
        "met (Campaign Zero 2016's verdict)",
        "not met (Campaign Zero 2016's verdict)",
        "not coded (Campaign Zero 2016's verdict)",
    ]


def test_agency_policies_verdict_filter_and_null_codes_in_2019():
    at = run("pages/agencies.py", {"ds": "ca-police-scorecard-2019", "crit": "requires-de-escalation", "verdict": "not coded"})
    rows = at.dataframe[1].value
    assert len(rows) > 0 and set(rows["verdict"]) == {"not coded"} and set(rows["state"]) == {"CA"}


def test_change_over_time_counts_departments_linked_on_evidence_and_lists_the_rest_apart():
    at = run("pages/agencies.py", {"crit": "restricts-shooting-at-moving-vehicles"})
    apart = next(d.value for d in at.dataframe if {"other_agency", "verdict", "basis"} <= set(d.value.columns))
    glendale = apart[apart["agency"] == "Glendale"]
    assert len(glendale) and set(glendale["verdict"]) == {"against"}  # California's Glendale is set apart by the Arizona text
    assert any("Arizona" in b for b in glendale["basis"])
    body = texts(at)
    assert "Change over time across the coded waves" in [h.value for h in at.subheader] and "in both datasets" not in body
    assert "third-hand" in body and "not as proof that a policy changed" in body


def test_a_failing_query_shows_a_titled_message_not_a_traceback(db_file, tmp_path, monkeypatch, caplog):
    """A database whose quote cards are gone: the Quotes page says what happened and what to do, and logs the details."""
    import shutil

    import duckdb
    import streamlit as st

    copy = tmp_path / "broken.duckdb"
    shutil.copy(db_file, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table quote_cards")
    monkeypatch.setenv("UOF_DB", str(copy))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page("pages/quotes.py").run()
        assert not at.exception, at.exception
        assert any("could not be read from the database" in e.value for e in at.error)
        assert any("quote_cards" in r.getMessage() or "quote_cards" in (r.exc_text or "") for r in caplog.records), caplog.text
        assert any("data release" in c.value for c in at.caption)  # the footer still renders
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
