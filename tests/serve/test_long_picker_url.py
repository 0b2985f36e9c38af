"""Compare's provision picker for more than MAX_EXPANDERS provisions (the long picker) lives in the URL: a shared link
restores it. The embedded data has 18 provisions, so the limit is lowered (AppTest runs the app in this process)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer.serve.views import compare as compare_views
from tests.conftest import APP


@pytest.fixture(autouse=True)
def _long_picker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_views, "MAX_EXPANDERS", 5)


def compare(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def said(at: AppTest, text: str) -> bool:
    return any(text in m.value.replace("\\", "") for m in at.markdown)


def test_the_long_pickers_choice_is_in_the_url_and_a_shared_link_restores_it():
    at = compare()
    picker = at.selectbox(key="compare__provision")
    assert len(picker.options) == 18 and "read" not in at.query_params  # the first provision: a clean URL
    picker.select("warning-shots").run()
    assert at.query_params["read"] == "warning-shots"
    assert said(at, "on Warning shots:")

    shared = compare({"read": "warning-shots"})
    assert shared.selectbox(key="compare__provision").value == "warning-shots"
    assert said(shared, "on Warning shots:")


def test_an_unknown_provision_in_the_link_is_named_and_the_first_is_shown():
    at = compare({"read": "nope"})
    assert at.selectbox(key="compare__provision").index == 0
    assert any("Ignored unknown provision “nope”" in w.value.replace("\\", "") for w in at.warning)
