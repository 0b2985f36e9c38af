"""The sidebar's note on filters a page does not use: pages declare the queries they show (filters.uses), the note
reads the filters from those queries' SQL, and the data layer writes nothing to the session."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer.serve import data
from explorer.serve.filters import _USED, applied
from tests.conftest import APP

# Every page that shows filtered rows, in the views that run different queries.
VIEWS = [
    (None, {}),
    ("pages/endorsements.py", {}),
    ("pages/compare.py", {}),
    ("pages/quotes.py", {}),
    ("pages/agencies.py", {}),
    ("pages/sources.py", {}),
    ("pages/data.py", {"table": "sources"}),
    ("pages/data.py", {"table": "quotes"}),
    ("pages/wording.py", {"view": "search", "q": "moving vehicle"}),
    ("pages/wording.py", {"view": "lineage", "phrase": "objectively reasonable"}),
]


def run(page: str | None, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p or 'overview'}{sorted(q.values())}" for p, q in VIEWS])
def test_each_page_declares_every_query_it_runs_under_the_filters(monkeypatch: pytest.MonkeyPatch, page: str | None, params: dict):
    """A query run under the filters but not declared would leave its filters called 'not used' while they narrow the page."""
    ran: list[str] = []
    real = data._bindings

    def recorded(name: str, *args: object, **kwargs: object) -> dict:
        ran.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(data, "_bindings", recorded)  # a recording wrapper: the real queries still run
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        ran.clear()  # the page's own run only, not the Overview's before the switch
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert ran, "the view ran no query under the filters: pick a view that does"
    declared = set(at.session_state[_USED])
    assert set(ran) <= declared, f"{page}: add filters.uses({sorted(set(ran) - declared)}) where the page runs them"


def test_the_filters_a_query_applies_are_the_ones_its_sql_binds():
    assert {"doc_ids", "provision_ids", "evidence_levels"} <= applied(["key_contrast"])
    assert "doc_ids" not in applied(["position_grid"])  # Compare's documents are its own picker, not the filter
    assert "provision_ids" not in applied(["contested_agencies"])  # the contested provisions are the codebook's
    assert applied([]) == set()


def test_a_filter_the_page_does_not_apply_is_named_with_its_reason():
    at = run("pages/compare.py", {"doc": "ncp-2017-01", "topic": "firearms"})
    warned = " ".join(w.value for w in at.sidebar.warning)
    assert "Set but not used on this page: Document (pick the documents to compare above the grid)." in warned
    assert "Topic" not in warned  # the grid's query binds $topics
