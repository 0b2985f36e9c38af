"""The Compare page's views: every provision's evidence, a document's stance with its quote, your agency against each document.

The page's keys (compare__...) live here and in pages/compare.py, never in the shared kit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.serve import say
from explorer.serve.components import quote_link, table
from explorer.serve.labels import EVIDENCE, EVIDENCE_MEANING, cell_label, stance_label
from explorer.serve.markdown import md, source_line
from explorer.serve.page_state import keep, restore
from explorer.serve.views import compare_agency


def stance_evidence(row: object, heading: bool = False) -> None:
    """One document's stance on one provision: stance, evidence level, summary, the quote and its source."""
    title = f"{md(row.doc_short_title)} on {md(row.provision_name)}: {stance_label(row.stance)}"
    if heading:
        st.subheader(title)
    level = f"Evidence: {EVIDENCE[row.evidence]} ({md(EVIDENCE_MEANING[row.evidence])})."
    st.markdown(("" if heading else f"**{title}** ") + f"{level} {md(row.summary)}")
    if isinstance(row.quote_text, str):
        st.markdown(f"> “{md(row.quote_text)}”")
        locator = f" · at: {md(row.quote_locator)}" if isinstance(getattr(row, "quote_locator", None), str) else ""
        st.markdown(source_line(row.source_title, row.source_publisher, row.source_published_on, row.source_url) + locator)
        quote_link(getattr(row, "quote_id", None))


MAX_EXPANDERS = 30  # beyond this many provisions, one picker is faster to render and to read


def evidence_by_provision(grid: pd.DataFrame) -> None:
    """Every provision's stances with their evidence: an expander each, or one picker when there are many."""
    groups = list(grid.groupby("provision_id", sort=False))
    if len(groups) <= MAX_EXPANDERS:
        for _pid, part in groups:
            head = " | ".join(f"{r.doc_short_title} {cell_label(r.stance, r.evidence)}" for r in part.itertuples())
            with st.expander(f"{part.iloc[0]['provision_name']}: {head}"):
                for r in part.itertuples():
                    stance_evidence(r)
        return
    names = {pid: part.iloc[0]["provision_name"] for pid, part in groups}
    if st.session_state.get("compare__provision", next(iter(names))) not in names:  # the filters left the chosen one out
        del st.session_state["compare__provision"]
    restore("compare__provision", "read", next(iter(names)), allowed=names, what="provision")  # a shared link's choice
    pid = st.selectbox(
        f"{say.count(len(groups), 'provision')}: read the evidence for", list(names), format_func=names.get, key="compare__provision"
    )
    keep("read", pid, default=next(iter(names)))
    for r in dict(groups)[pid].itertuples():
        stance_evidence(r)


def agency_distance(mine: pd.DataFrame, grid: pd.DataFrame, name: str) -> None:
    """Same / stricter / looser per document against your agency's coding, and the provision-by-provision table."""
    dist = compare_agency.distance(mine, grid)
    st.subheader(f"How {md(name)} compares")
    summary = dist.pivot_table(index="doc_short_title", columns="comparison", values="provision_id", aggfunc="count", fill_value=0)
    summary.index.name, summary.columns.name = "Document", None
    st.dataframe(summary.reindex(columns=["same", "stricter", "looser", "not comparable"], fill_value=0), key="compare__distance")
    with st.expander("Provision by provision"):
        table(dist, "agency_comparison", "", "compare__distance_rows")
    st.caption(
        "Stricter and looser follow each provision's direction in the codebook: for practices the documents restrict, "
        "prohibits > discourages > permits with conditions > permits; for practices they ask for, requires > recommends > "
        "permits. Silent and unknown are not comparable."
    )
