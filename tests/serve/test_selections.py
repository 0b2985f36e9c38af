"""A selected chart mark is read from its own data (its customdata), never from the position of its trace."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from explorer.serve import charts, data
from explorer.serve.filters import Filters
from explorer.serve.views import agencies as coded_agencies
from tests.conftest import APP

DATASET = "campaign-zero-2016"


def test_a_bar_names_its_criterion_and_verdict_whatever_the_order_of_the_traces():
    counts = data.criterion_counts(DATASET, Filters())
    fig = charts.criterion_counts(counts, "Campaign Zero 2016")
    traces = list(fig.data)[::-1]  # the chart drawn in another order: "not coded" first
    for curve_number, trace in enumerate(traces):
        verdict = trace.name.split(" (")[0]  # 'not met (Campaign Zero 2016's verdict)'
        for i in (0, len(counts) - 1):
            point = {"curve_number": curve_number, "point_index": i, "customdata": list(trace.customdata[i])}
            assert coded_agencies.bar_pick(point) == (counts["criterion_id"].iloc[i], verdict)


def test_selecting_a_bar_opens_its_criterion_and_verdict_in_the_table():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/agencies.py").run()
    counts = data.criterion_counts(DATASET, Filters())
    crit, name = counts["criterion_id"].iloc[-1], counts["name"].iloc[-1]
    # curve 0 is the "met" trace as the chart is drawn today: a pick by position would open "met"
    point = {"curve_number": 0, "point_number": 0, "point_index": 0, "customdata": [crit, name, "not met"]}
    at.session_state["agencies__counts__chart"] = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="agencies__crit").value == crit
    assert at.multiselect(key="agencies__verdict").value == ["not met"]
