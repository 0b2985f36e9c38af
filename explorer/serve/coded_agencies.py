"""The views of third-party coded agency policies: the coder's verdicts always shown as the coder's, with their words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.serve import charts, say, stance_grid
from explorer.serve.components import chart, md, selection, source_line, stance_evidence, table
from explorer.serve.filters import Filters
from explorer.serve.page_state import keep, restore

CAVEAT = (
    "The criteria are the coder's questions, not the model documents' provisions: a policy that meets “Restricts Shooting "
    "at Moving Vehicles” is prohibited from shooting at people in moving vehicles unless a separate deadly threat, in the "
    "coder's reading; **“not met” is the coder's verdict only and does not show that the policy permits what a looser model permits**."
)


def credit_line(df: pd.DataFrame) -> str:
    """'Data: <credit>; <credit>.' for every dataset in the rows (each view that uses a dataset credits it)."""
    credits = list(dict.fromkeys(df["credit"].dropna())) if "credit" in df else []
    return f"Data: {'; '.join(credits)}." if credits else ""


def contested(df: pd.DataFrame, f: Filters) -> None:
    """Where the models disagree: each model's settled stance, beside how many agencies meet the coder's nearest criterion."""
    st.subheader("Where the models disagree, what agencies' policies do")
    st.markdown(CAVEAT)
    asked = df[df["criterion"].notna()]
    if not asked.empty:
        shown = asked.assign(name=asked["provision_name"] + " · " + asked["dataset"], criterion_id=asked["provision_id"])
        summary = "; ".join(
            f"{r.provision_name}, {r.dataset}: {r.met} of {r.met + r.not_met} coded policies meet “{r.criterion}”"
            for r in asked.itertuples()
        )
        fig = charts.criterion_counts(shown, "the coder", title="Agencies' policies meeting the coder's nearest criterion")
        chart(fig, summary + ".", shown, "contested_agencies", f.query_string(), "agencies__contested")
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


def pick_from_bar(event: object, crit_key: str, verdict_key: str, verdicts: tuple[str, ...]) -> None:
    """A selected bar opens its criterion and verdict in the table below (once per new selection, so the pickers stay free)."""
    points = selection(event, "points")
    if not points:
        return
    p = points[0]
    picked = (p["customdata"][0], verdicts[p["curve_number"]])
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
    return doc


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


def agency_change(change: pd.DataFrame, criterion_id: str, criterion_name: str) -> None:
    """Pairs of agencies across two datasets with both verdicts on one criterion, and how little the pairing proves."""
    if change.empty:
        return
    st.subheader("Change over time, criterion by criterion")
    unproven = int((~change["established"].astype(bool)).sum())
    st.markdown(
        f"{len(change)} agency names appear in both datasets. **{unproven} of these pairs are not established as one agency**: "
        "the pairing rests on the evidence in the Basis column (data/external/agency_matches.csv), and the two datasets had "
        "different coders and dates. Read a change as the coders' verdicts, not as proof that a policy changed."
    )
    labels = {
        "agency": "Agency (as both datasets name it)",
        "earlier_dataset": "Earlier dataset",
        "earlier_verdict": "Coder's verdict then",
        "later_dataset": "Later dataset",
        "later_verdict": "Coder's verdict later",
        "change": "Change",
        "basis": "Basis of the pairing",
        "established": st.column_config.CheckboxColumn("One agency, established?"),
        "note": st.column_config.TextColumn("What the evidence lacks", width="large"),
        "earlier_language": st.column_config.TextColumn("Words then", width="large"),
        "later_language": st.column_config.TextColumn("Words later", width="large"),
        "credit": "Credit",
    }
    table(change, f"change_{criterion_id}", f"crit={criterion_id}", "agencies__change", column_config=labels)
    moved = int(change["change"].str.contains("→").sum())
    st.caption(
        md(
            f"On “{criterion_name}”: {say.of(moved, len(change))} {say.noun(len(change), 'pair')} changed verdict. Data: {change['credit'].iloc[0]}."
        )
    )


def cell_evidence(cell: str, rows: pd.DataFrame, verdicts: pd.DataFrame | None) -> None:
    """A Compare cell's evidence by its id: a model's stance with its quote, or the coder's verdict on the agency's policy."""
    pid, _, doc = cell.partition("/")
    if doc == stance_grid.AGENCY and verdicts is not None:
        agency_cell(verdicts[verdicts["provision_id"] == pid])
        st.caption(CAVEAT + " " + credit_line(verdicts))
    elif (row := stance_grid.row_of(rows, cell)) is not None:
        stance_evidence(row, heading=True)
