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
    "Who wrote, signed, declined, opposed or supported each document. Status is shown by shape, colour **and** a text label. Click an organization in the chart or a row in the table to read what it said."
)
rows = data.endorsements(f)
if rows.empty:
    components.empty_state()
    st.stop()
signers = rows[(rows["doc_id"] == data.KEY_DOC) & (rows["status"] == "signed")]
decliners = rows[(rows["doc_id"] == data.KEY_DOC) & (rows["status"] == "declined")]
if not signers.empty:
    st.markdown(
        f"**{len(signers)} organizations signed the January 2017 National Consensus Policy:** "
        + components.md(", ".join(signers["org_name"]))
        + "."
    )
if not decliners.empty:
    st.markdown(f"**{len(decliners)} took part and declined:** " + components.md(", ".join(decliners["org_name"])) + ".")

# 2/ Charts
counts = rows.groupby("status").size()
summary = (
    f"{len(rows)} endorsement rows for {rows['org_id'].nunique()} organizations and {rows['doc_id'].nunique()} documents: "
    + ", ".join(f"{n} {s}" for s, n in counts.items())
    + "."
)
event = components.chart(
    charts.endorsement_matrix(rows), summary, rows, "endorsements", qs, "endorsements__matrix", on_select="rerun", selection_mode="points"
)
by_kind = data.endorsements_by_org_kind(f)
top = by_kind.groupby("org_kind")["endorsements"].sum().sort_values(ascending=False)
kind_summary = f"Most endorsement rows come from {kind_label(top.index[0])} organizations ({int(top.iloc[0])})." if len(top) else ""
components.chart(charts.status_by_kind(by_kind), kind_summary, by_kind, "endorsements_by_kind", qs, "endorsements__kinds")

# 3/ Table (select a row to read the organization's statements)
st.subheader("All endorsement rows")
shown = rows.assign(status=rows["status"].map(status_label), org_kind=rows["org_kind"].map(kind_label))
table_event = st.dataframe(
    shown[["org_name", "org_kind", "doc_short_title", "status", "on_date", "note", "source_publisher", "source_url"]],
    hide_index=True,
    key="endorsements__table",
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
components.downloads(rows, "endorsements", qs, "endorsements__table")

# 4/ The selected organization's statements
points = components.selection(event, "points")
picked_rows = components.selection(table_event, "rows")
org_id = rows.iloc[picked_rows[0]]["org_id"] if picked_rows else (points[0]["customdata"][0] if points else None)
if org_id:
    org = rows[rows["org_id"] == org_id].iloc[0]
    st.subheader(f"What {components.md(org['org_name'])} said")
    said = data.org_statements(org_id)
    if said.empty:
        components.empty_state("No quotes are attributed to this organization in the stored sources.")
    for q in said.itertuples():
        with st.container(border=True):
            st.markdown(f"“{components.md(q.text)}”")
            st.caption(
                f"{components.md(q.speaker)} ({components.md(q.speaker_role)}) · {components.md(q.said_on)} · {components.md(q.locator)}"
            )
            st.caption(components.source_line(q.source_title, q.source_publisher, q.said_on, q.source_url))
