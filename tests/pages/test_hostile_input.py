"""Hostile input: odd strings through every filter and the search box, and thousands of generated URLs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings, strategies as st
from streamlit.testing.v1 import AppTest

from explorer.serve import data
from explorer.serve.filters import FILTER_KEYS, PAGE_KEYS, Filters, parse_params
from explorer.serve.pages import PAGES as REGISTRY
from tests.conftest import APP

NASTY = [
    "'",
    '"',
    "' OR 1=1 --",
    "'; drop table quotes; --",
    "; select 1;",
    "--",
    "%",
    "_",
    "\\",
    "$1",
    "?",
    "Ωμέγα “curly” 日本語 🚓",
    "<script>alert(1)</script>",
    "**bold** [link](javascript:alert(1))",
    "\x00",
    "x" * 10_000,
]


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_every_filter_binds_its_values(value: str):
    f = Filters(org_ids=(value,), org_kinds=(value,), doc_ids=(value,), provision_ids=(value,), topics=(value,))
    assert data.endorsements(f).page(limit=10).empty
    assert data.endorsements_by_org_kind(f).empty
    assert data.events_timeline(f).page(limit=10).empty
    assert data.quotes_search(f).page(limit=10).empty
    assert data.table_organizations(f).page(limit=10).empty
    assert data.table_documents(f).page(limit=10).empty
    assert data.table_provisions(f).page(limit=10).empty
    assert data.table_positions(f).page(limit=10).empty
    assert data.position_grid((value,), Filters()).empty
    assert data.org_statements(value).empty
    assert data.source_text(value) == ""
    assert data.source_quotes(value).empty


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_the_search_box_binds_its_terms(value: str):
    found = data.quotes_search(Filters(), terms=(value,), speakers=(value,), source_ids=(value,)).page(limit=50)
    assert found.empty
    alone = data.quotes_search(Filters(), terms=(value,)).page(limit=50)
    # a term matches only quotes that really contain it, case-insensitively
    assert all(value.lower() in t.lower() for t in alone["text"])


def test_search_matches_are_what_they_claim():
    hits = data.quotes_search(Filters(), terms=("'",)).page(limit=1000)
    assert len(hits) > 0 and all("'" in t for t in hits["text"])
    assert int(hits["total_rows"].iloc[0]) == len(hits)


def test_no_query_file_has_a_formatting_placeholder():
    from pathlib import Path

    for path in (Path(__file__).resolve().parents[1] / "queries").rglob("*.sql"):
        sql = path.read_text(encoding="utf-8")
        assert not re.search(r"\{[a-z_]*\}|%s|%\([a-z_]+\)s", sql), path.name


OPTIONS = data.filter_options()
KEYS = st.sampled_from(list(FILTER_KEYS) + list(PAGE_KEYS) + ["utm_source", "", "org[]", "<b>x</b>", "ORG"])
KNOWN = list(OPTIONS.orgs) + list(OPTIONS.docs) + list(OPTIONS.provisions) + list(OPTIONS.topics) + list(OPTIONS.kinds)
VALUES = st.one_of(
    st.sampled_from(KNOWN),
    st.sampled_from(["", " ", "2017-01-17", "2017-13-45", "1900-01-01", "9999-12-31", "<script>alert(1)</script>", "' OR 1=1 --"]),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
)
PARAMS = st.dictionaries(
    KEYS, st.lists(VALUES, min_size=0, max_size=6) | st.lists(st.sampled_from(KNOWN), min_size=200, max_size=400), max_size=8
)


@given(PARAMS)  # as many examples as the profile gives (tests/conftest.py): 1,200 in the full run
def test_any_url_parameters_give_valid_filters_and_name_what_was_dropped(raw: dict[str, list[str]]):
    f, notices = parse_params(raw, OPTIONS)
    assert set(f.org_ids) <= set(OPTIONS.orgs) and set(f.doc_ids) <= set(OPTIONS.docs)
    assert set(f.provision_ids) <= set(OPTIONS.provisions) and set(f.topics) <= set(OPTIONS.topics)
    assert set(f.org_kinds) <= set(OPTIONS.kinds)
    for d in (f.date_from, f.date_to):
        assert d is None or OPTIONS.first_date <= d <= OPTIONS.last_date
    if f.date_from and f.date_to:
        assert f.date_from <= f.date_to
    unknown_keys = [k for k in raw if k not in FILTER_KEYS and k not in PAGE_KEYS]
    assert len(notices) >= len(unknown_keys)
    assert all(len(n) < 300 for n in notices)
    again, more = parse_params(f.to_params(), OPTIONS)
    assert again == f and more == []


TITLES = {p.file: p.heading for p in REGISTRY if p.url_path != "sql"}  # the SQL page runs what it is given: tested apart
PAGES = list(TITLES)


@settings(max_examples=max(10, settings.default.max_examples // 20))  # each example runs a page: 60 in the full run, 10 fast
@given(st.dictionaries(KEYS, st.lists(VALUES, min_size=1, max_size=4), max_size=5), st.sampled_from(PAGES))
def test_generated_urls_never_break_a_page(raw: dict[str, list[str]], page: str):
    raw = {k: [v.replace("\x00", "") for v in vs] for k, vs in raw.items() if k}
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in raw.items():
        at.query_params[k] = v
    at.switch_page(page).run()  # a deep link: the page's first run sees the URL
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == TITLES[page]
    _, notices = parse_params(raw, OPTIONS)
    if notices:  # the first dropped value is announced in its own words (markdown escapes aside), not just any warning
        shown = re.sub(r"\\(.)", r"\1", "\n".join(w.value for w in at.warning))
        assert notices[0].split("“")[0] in shown, (notices[0], shown)
    # nothing from the URL is rendered as raw HTML or live Markdown
    for el in list(at.markdown) + list(at.warning) + list(at.caption):
        assert "<script>" not in el.value
        assert "](javascript:" not in el.value
