"""The Endorsements page's views: the paged, selectable endorsement rows and one organization's own statements."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.serve import data, say
from explorer.serve.components import empty_state, paged_table, quote_card
from explorer.serve.labels import endorsement_label, kind_label
from explorer.serve.markdown import md
from explorer.serve.page_state import fresh


def endorsements_table(rows: data.Paged, query_string: str) -> tuple[pd.DataFrame, object]:
    """The paged endorsement rows, one selectable row each; returns the rows shown and the selection event."""

    def labelled(rows: pd.DataFrame) -> pd.DataFrame:  # on screen only: the downloads keep the codebook's words
        status = [endorsement_label(s, x, e) for s, x, e in zip(rows["status"], rows["extent"], rows["evidence"], strict=True)]
        return rows.assign(status=status, org_kind=rows["org_kind"].map(kind_label))

    return paged_table(
        rows,
        "endorsements",
        query_string,
        fresh("endorsements__rows"),
        display=labelled,
        columns=["org_name", "org_kind", "doc_short_title", "status", "on_date", "note", "source_publisher", "source_url"],
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "org_name": st.column_config.TextColumn("Organization", width="large"),  # long names whole at 1440 px
            "org_kind": "Kind",
            "doc_short_title": "Document",
            "status": "Status",
            "on_date": "Date",
            "note": st.column_config.TextColumn("Note", width="large"),
            "source_publisher": "Source",
            "source_url": st.column_config.LinkColumn("Link", display_text="open source"),
        },
    )


def org_statements(said: pd.DataFrame) -> None:
    """An organization's quotes: in its own words first, then as others reported it."""
    if said.empty:
        empty_state("No quotes are attributed to this organization in the stored sources.")
        return
    own, reported = said[said["voice"] != "reported"], said[said["voice"] == "reported"]
    st.markdown(f"**In its own words** ({say.number(len(own))}), alone or in statements it issued jointly with others:")
    for q in own.itertuples():
        quote_card(q)
    if len(reported):
        st.markdown(
            f"**As others reported it** ({say.number(len(reported))}): a reporter's or critic's account, not the organization's own words."
        )
        for q in reported.itertuples():
            quote_card(q)


def statements(org: str, row: pd.Series | None) -> None:
    """The organization's quotes; opened from a table row, that row first, whole (its note is cut in the table)."""
    if row is not None and row["org_id"] == org:
        st.markdown(
            f"**The row you selected:** {md(row['doc_short_title'])} · {md(row['status'])} · "
            f"{md(say.missing(row['on_date']))}. {md(say.missing(row['note'], ''))}"
        )
    org_statements(data.org_statements(org))
