"""The views of third-party coded agency policies: the coder's verdicts always shown as the coder's, with their words."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from explorer.serve import charts, data, widgets
from explorer.serve.components import chart, paged_table, selection
from explorer.serve.filters import Filters
from explorer.serve.labels import quotes_whole_words
from explorer.serve.markdown import md, source_line
from explorer.serve.page_state import keep, renew, restore, selected
from explorer.serve.views import compare_grid as stance_grid, department as departments
from explorer.serve.views.compare import stance_evidence

CAVEAT = (
    "The criteria are the coder's questions, not the model documents' provisions: a policy that meets “Restricts Shooting "
    "at Moving Vehicles” is prohibited from shooting at people in moving vehicles unless a separate deadly threat, in the "
    "coder's reading; **“not met” is the coder's verdict only and does not show that the policy permits what a looser model permits**."
)


def credit_line(df: pd.DataFrame) -> str:
    """'Data: <credit>; <credit>.' for every dataset in the rows (each view that uses a dataset credits it)."""
    credits = list(dict.fromkeys(df["credit"].dropna())) if "credit" in df else []
    ids = list(dict.fromkeys(df["dataset_id"].dropna())) if "dataset_id" in df else []
    told = data.provenance_line(credits + ids)  # a wave's provenance (2020: third-hand) wherever a row of it is in view
    return (f"Data: {'; '.join(credits)}." if credits else "") + (f" Provenance: {told}" if told else "")


def state_note(dataset_id: str) -> str:
    """Where the table's State comes from: a dataset's title (the Scorecard's CA), or each record, else its department."""
    sets = data.datasets_list()
    r = sets[sets["dataset_id"] == dataset_id]
    if not r.empty and isinstance(r.iloc[0]["state"], str) and r.iloc[0]["state"]:
        r = r.iloc[0]
        return f"State {r['state']}: {r['title']} covers {r['state']} ({r['state_basis']}); it is not read from each agency's record."
    return (
        "State: as the dataset's record gives it; where it gives none, the state its department's evidence names "
        "(its full text's words, on its page), else “not given”."
    )


def contested(df: pd.DataFrame, f: Filters) -> None:
    """Where the models disagree: each model's settled stance, beside how many agencies meet the coder's nearest criterion."""
    st.subheader("Where the models disagree, what agencies' policies do")
    st.markdown(CAVEAT)
    asked = df[df["criterion"].notna()]
    if not asked.empty:
        summary = "; ".join(
            f"{r.provision_name}, {r.dataset}: {r.met} of {r.met + r.not_met} coded policies meet “{r.criterion}”"
            for r in asked.itertuples()
        )
        chart(charts.contested_counts(asked), summary + ".", asked, "contested_agencies", f.query_string(), "agencies__contested")
        st.caption(md(credit_line(asked)))  # beside the chart: whose counts, and each wave's provenance (2020: third-hand)
    for r in df.drop_duplicates("provision_id").itertuples():
        ask = df[(df["provision_id"] == r.provision_id) & df["criterion"].notna()]
        coder = (
            "; ".join(
                f"{a.dataset}: {a.met} met, {a.not_met} not met, {a.not_coded} not coded on “{a.criterion}”" for a in ask.itertuples()
            )
            if not ask.empty
            else "no criterion of the coders asks about it (“Requires Warning Before Shooting” is a verbal warning, not a warning shot)"
        )
        st.markdown(f"- **{md(r.provision_name)}.** Models: {md(r.models)}. Coders: {md(coder)}.")
    st.caption(md(credit_line(df)))


def agencies_table(listing: data.Paged, ds: str, crit: str) -> None:
    """Each agency's verdict and words on one criterion, a link to its department's page; select a row to read its whole
    language cell below (in the URL as cell=<the cell's quote id>), since a grid cuts long words."""

    def linked(rows: pd.DataFrame) -> pd.DataFrame:
        pages = [departments.url(d) if isinstance(d, str) else None for d in rows["department_id"]]
        return rows.assign(page=pages, state=[quotes_whole_words(v) for v in rows["state"]])

    rows, event = paged_table(
        listing,
        f"{ds}_{crit}",
        f"ds={ds}&crit={crit}",
        "agencies__rows",
        display=linked,
        columns=["agency", "page", "state", "policy_year", "verdict", "language", "policy_url"],
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "agency": "Agency",
            "page": st.column_config.LinkColumn("Department", display_text="its page"),
            "state": "State",
            "policy_year": "Policy year",
            "verdict": st.column_config.TextColumn("Coder's verdict"),
            "language": st.column_config.TextColumn("Coder's language cell (select the row to read it whole)", width="large"),
            "policy_url": st.column_config.LinkColumn("Policy manual", display_text="open"),
        },
    )
    if rows.empty:
        return
    st.caption(md(state_note(ds)))
    picked = selection(event, "rows")
    cell = selected("cell", rows.iloc[picked[0]]["quote_id"] if picked else None, rows["quote_id"].dropna(), "agency's cell")
    for r in rows[rows["quote_id"] == cell].itertuples():
        with st.container(border=True, key="agencies__cell"):
            st.markdown(
                f"**{md(r.agency)}: {md(r.verdict)}** (the coder's verdict) · {departments.link(r.department_id, 'its department page →')}"
            )
            st.markdown(f"> {md(r.language)}" if r.language != "—" else "*This dataset gives no words for this cell.*")
            st.markdown(f"**State:** {md(r.state)}")  # cut in the table
            st.caption("The coder's language cell, verbatim: the coder's words around the policy's (secondary evidence).")
    if cell is None:
        st.caption("Select a row to read its whole language cell here.")


def bar_pick(point: Mapping[str, object]) -> tuple[str, str]:
    """The criterion and verdict of a selected bar of charts.criterion_counts, from the bar's own data, whatever the
    order of the chart's traces."""
    criterion_id, _, verdict = point["customdata"]
    return str(criterion_id), str(verdict)


def pick_from_bar(event: object, crit_key: str, verdict_key: str) -> None:
    """A selected bar opens its criterion and verdict in the table below (once per new selection, so the pickers stay free)."""
    points = selection(event, "points")
    if not points:  # nothing selected (or the selection was cleared): the next click on any bar is new
        st.session_state.pop(f"{crit_key}__bar", None)
        return
    picked = bar_pick(points[0])
    if st.session_state.get(f"{crit_key}__bar") != picked:
        st.session_state[f"{crit_key}__bar"] = picked
        st.session_state[crit_key], st.session_state[verdict_key] = picked[0], [picked[1]]


def agency_picker(options: pd.DataFrame) -> str | None:
    """A searchable picker of coded agency policies (URL key agency=); the doc_id chosen, or None."""
    labels = dict(zip(options["doc_id"], options["short_title"], strict=True))
    restore("compare__agency", "agency", None, allowed=labels, what="agency policy")
    doc = st.selectbox(
        f"Set an agency's policy beside them, as its coder judged it ({len(labels)} coded policies; type to search)",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="No agency",
        key="compare__agency",
    )
    keep("agency", doc)
    if doc is not None and isinstance(dept := options.set_index("doc_id")["department_id"].get(doc), str):
        st.markdown(departments.link(dept, f"{labels[doc]}: its department's page, every wave and its own text →"))
    return doc


def wave(coded_by: str, published_on: str) -> str:
    """A coded wave as readers name it: the coder and the year ('Campaign Zero 2016')."""
    return f"{coded_by} {str(published_on)[:4]}"


def verdict_column(verdicts: pd.DataFrame) -> str:
    """Compare's column for a coded agency: whose verdict, from which dataset and year ('Oakland: Campaign Zero 2016's verdict')."""
    r = verdicts.iloc[0]
    return f"{r['agency']}: {wave(r['coded_by'], r['dataset_published_on'])} coder's verdict"


def picked_agency(f: Filters) -> tuple[pd.DataFrame | None, str]:
    """Compare's coded agency (URL agency=): its verdicts (None when none is picked) and its column's name ("" when none)."""
    coded = agency_picker(data.agency_policy_options(f))
    verdicts = data.agency_verdicts(coded) if coded else None
    return verdicts, verdict_column(verdicts) if verdicts is not None and len(verdicts) else ""


def agency_cell(rows: pd.DataFrame) -> None:
    """The coder's verdict on one criterion of one agency's policy: the coder's question, verdict, words, and source."""
    for r in rows.itertuples():
        st.subheader(f"{r.agency} on “{r.criterion_name}”: {r.verdict} (the coder's verdict)")
        st.markdown(f"**{md(r.coded_by)}'s question:** “{md(r.question)}”")
        if isinstance(r.language, str):
            st.markdown(f"> {md(r.language)}")
            st.caption("The coder's language cell, verbatim: the coder's words around the policy's (secondary evidence).")
        place = f" · at: {md(r.locator)}" if isinstance(r.locator, str) else ""
        st.markdown(source_line(r.dataset_title, r.coded_by, r.dataset_published_on, None) + place)
        st.caption(md(credit_line(rows)))


def cell_evidence(cell: str, rows: pd.DataFrame, verdicts: pd.DataFrame | None) -> None:
    """A Compare cell's evidence by its id: a model's stance with its quote, or the coder's verdict on the agency's policy."""
    pid, _, doc = cell.partition("/")
    if doc == stance_grid.AGENCY and verdicts is not None:
        agency_cell(verdicts[verdicts["provision_id"] == pid])
        st.caption(CAVEAT + " " + credit_line(verdicts))
    elif (row := stance_grid.row_of(rows, cell)) is not None:
        stance_evidence(row, heading=True)


def criterion_choice(crit_names: dict[str, str], verdicts: tuple[str, ...]) -> tuple[str, list[str]]:
    """The criterion and verdicts to list, kept in the URL as crit= and verdict=. A choice made here clears the bar
    chart's selection, so a click on the same bar chooses it again."""
    restore("agencies__crit", "crit", next(iter(crit_names)), allowed=crit_names, what="criterion")
    restore("agencies__verdict", "verdict", [], allowed=verdicts, many=True, what="verdict")
    c1, c2 = st.columns([3, 2])
    crit = c1.selectbox(
        "Read each agency's words on",
        list(crit_names),
        format_func=crit_names.get,
        key="agencies__crit",
        on_change=renew,
        args=("agencies__counts",),
    )
    chosen = widgets.multiselect(
        "Coder's verdict",
        verdicts,
        where=c2,
        key="agencies__verdict",
        placeholder="Any verdict",
        on_change=renew,
        args=("agencies__counts",),
    )
    keep("crit", crit, default=next(iter(crit_names)))
    keep("verdict", chosen)
    return crit, chosen
