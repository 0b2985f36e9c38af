"""The pickers: a long list is searched on the server (a find box, then its matches); a short one is a plain multiselect."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app(size: int) -> AppTest:
    def app(size: int) -> None:
        import streamlit as st

        from explorer.serve import widgets

        choices = {f"org-{i}": f"Agency number {i}" for i in range(size)}
        st.write(f"picked={widgets.picker('Organization', choices, key='f_org')}")

    return AppTest.from_function(app, args=(size,)).run()


def test_a_long_list_offers_only_what_its_find_box_matches_and_keeps_the_choice():
    at = _app(2_000)
    box = at.multiselect(key="f_org")
    assert box.options == [] and box.proto.placeholder == "Type above to find names"
    at.text_input(key="f_org__find").input("  number   123 ").run()
    box = at.multiselect(key="f_org")
    assert box.options == ["Agency number 123"] + [f"Agency number {n}" for n in range(1230, 1240)]
    assert box.proto.placeholder == "11 found: pick"
    box.select("org-1234").run()
    at.text_input(key="f_org__find").input("").run()
    assert at.multiselect(key="f_org").value == ["org-1234"]
    assert at.multiselect(key="f_org").options == ["Agency number 1234"]  # the choice stays offered, and picked
    assert "picked=['org-1234']" in at.markdown[0].value


def test_a_long_lists_matches_are_capped_and_a_miss_is_said():
    at = _app(2_000)
    at.text_input(key="f_org__find").input("agency").run()
    box = at.multiselect(key="f_org")
    assert len(box.options) == 100 and box.proto.placeholder == "2,000 found, first 100 listed"
    at.text_input(key="f_org__find").input("sheriff").run()
    assert at.multiselect(key="f_org").options == [] and at.multiselect(key="f_org").proto.placeholder == "No name holds these letters"


def test_a_short_list_is_a_plain_multiselect_of_every_option():
    at = _app(300)
    assert len(at.text_input) == 0
    assert len(at.multiselect(key="f_org").options) == 300


def test_a_long_single_choice_keeps_the_current_one_offered_beside_the_matches():
    def app() -> None:
        import streamlit as st

        from explorer.serve import widgets

        choices = {f"src-{i}": f"Report {i}" for i in range(1_000)}
        st.session_state.setdefault("pick", "src-7")
        st.write(f"picked={widgets.pick_one('A source', choices, key='pick')}")

    at = AppTest.from_function(app).run()
    assert at.selectbox(key="pick").options == ["Report 7"] and at.selectbox(key="pick").value == "src-7"
    at.text_input(key="pick__find").input("report 99").run()
    assert at.selectbox(key="pick").options == ["Report 7", "Report 99"] + [f"Report {n}" for n in range(990, 1000)]
    at.selectbox(key="pick").select("src-995").run()
    assert "picked=src-995" in at.markdown[0].value


def test_the_sidebar_uses_a_find_box_for_a_long_list_and_clear_filters_empties_it():
    def app() -> None:
        from explorer.serve.filters import FILTERS, Options, render_sidebar

        names = {f"org-{i}": f"Agency number {i}" for i in range(2_000)}
        short = {"chiefs": "Chiefs"}
        options = Options(**{s.options: (names if s.key == "org" else short) for s in FILTERS if s.options})
        render_sidebar(options)

    at = AppTest.from_function(app)
    at.query_params["org"] = "org-42"
    at.run()
    assert at.multiselect(key="f_org").value == ["org-42"] and at.multiselect(key="f_org").options == ["Agency number 42"]
    at.text_input(key="f_org__find").input("number 7").run()
    assert len(at.multiselect(key="f_org").options) == 1 + 100  # the chosen one, then the first 100 of 111 matches
    at.button(key="f_clear").click().run()
    assert at.multiselect(key="f_org").value == [] and at.text_input(key="f_org__find").value == ""
    assert at.multiselect(key="f_kind").options == ["Chiefs"]  # a short list stays a plain multiselect
