"""Endorsements: who authored, signed, declined, opposed or supported which document, and what they said."""

import streamlit as st

from explorer import charts, components, data
from explorer.filters import current
from explorer.frame import require_navigation
from explorer.labels import kind_label, status_label

require_navigation()
f = current()
qs = f.query_string()

# 1/ Headline
st.title("Endorsements")
st.markdown(
    "Who wrote, signed, declined, opposed or supported each document. Status is shown by shape, colour **and** a text label. "
    "Click an organization in the chart or a row in the table to read what it said."
)
totals = data.endorsement_totals(f)
if totals.empty:
    components.empty_state()
    st.stop()
key = data.key_doc_endorsers(f)
for status, verb in (("signed", "organizations signed the January 2017 National Consensus Policy"), ("declined", "took part and declined")):
    names = key[key["status"] == status]["org_name"]
    if len(names):
        st.markdown(f"**{len(names)} {verb}:** " + components.md(", ".join(names)) + ".")

# 2/ Charts (the matrix shows the organizations and documents with the most rows)
matrix = data.endorsement_matrix_top(f)
n_rows = int(totals["endorsements"].sum())
summary = f"{n_rows:,} endorsement rows: " + ", ".join(f"{int(r.endorsements):,} {r.status}" for r in totals.itertuples()) + "."
if matrix["org_id"].nunique() < int(totals["organizations"].max()) or len(matrix) < n_rows:
    summary += (
        f" The chart shows the {matrix['org_id'].nunique()} organizations and {matrix['doc_id'].nunique()} documents with the most rows."
    )
event = components.chart(
    charts.endorsement_matrix(matrix),
    summary,
    matrix,
    "endorsements_chart",
    qs,
    "endorsements__matrix",
    on_select="rerun",
    selection_mode="points",
)
by_kind = data.endorsements_by_org_kind(f)
top = by_kind.groupby("org_kind")["endorsements"].sum().sort_values(ascending=False)
kind_summary = f"Most endorsement rows come from {kind_label(top.index[0])} organizations ({int(top.iloc[0]):,})." if len(top) else ""
components.chart(charts.status_by_kind(by_kind), kind_summary, by_kind, "endorsements_by_kind", qs, "endorsements__kinds")

# 3/ Table, a page at a time (select a row to read the organization's statements)
st.subheader("All endorsement rows")


def fetch(limit: int, offset: int):
    rows = data.endorsements(f, limit, offset)
    return rows.assign(status=rows["status"].map(status_label), org_kind=rows["org_kind"].map(kind_label))


shown, table_event = components.paged_table(
    fetch,
    "endorsements",
    qs,
    "endorsements__rows",
    columns=["org_name", "org_kind", "doc_short_title", "status", "on_date", "note", "source_publisher", "source_url"],
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "org_name": "Organization",
        "org_kind": "Kind",
        "doc_short_title": "Document",
        "status": "Status",
        "on_date": "Date",
        "note": st.column_config.TextColumn("Note", width="large"),
        "source_publisher": "Source",
        "source_url": st.column_config.LinkColumn("Link", display_text="open source"),
    },
)

# 4/ The selected organization's statements
points = components.selection(event, "points")
picked_rows = components.selection(table_event, "rows")
org_id = shown.iloc[picked_rows[0]]["org_id"] if picked_rows else (points[0]["customdata"][0] if points else None)
if org_id:
    org_name = (
        shown[shown["org_id"] == org_id]["org_name"].iloc[0]
        if (shown["org_id"] == org_id).any()
        else matrix[matrix["org_id"] == org_id]["org_name"].iloc[0]
    )
    st.subheader(f"What {components.md(org_name)} said")
    said = data.org_statements(org_id)
    if said.empty:
        components.empty_state("No quotes are attributed to this organization in the stored sources.")
    for q in said.itertuples():
        with st.container(border=True):
            st.markdown(f"“{components.md(q.text)}”")
            st.caption(
                f"{components.md(q.speaker)} ({components.md(q.speaker_role)}) · {components.md(q.said_on)} · {components.md(q.locator)}"
            )
            st.markdown(components.source_line(q.source_title, q.source_publisher, q.said_on, q.source_url))
