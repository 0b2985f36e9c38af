"""Endorsements: who authored, signed, declined, opposed or supported which document, and what they said."""

import streamlit as st

from explorer import contract
from explorer.serve import charts, components, data, say
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.labels import kind_label
from explorer.serve.markdown import md
from explorer.serve.page_state import answer, fresh, selected
from explorer.serve.views import endorsements

require_navigation()
f = current()
qs = f.query_string()

# 1/ Headline
st.title("Endorsements")
st.markdown(
    "Who wrote, signed, declined, opposed or supported each document. Status is shown by shape, colour **and** a text label. "
    "Click an organization in the chart or a row in the table to read what it said."
)
uses("endorsement_totals")  # the queries this page shows under the sidebar's filters, as it runs them (its note)
totals = data.endorsement_totals(f)
if totals.empty:
    components.empty_state()
    components.end_page()
uses("key_doc_endorsers", "endorsement_matrix_top", "endorsements_by_org_kind", "endorsements_filtered")
for (doc_id, title, status), names in data.key_doc_endorsers(f).groupby(["doc_id", "doc_short_title", "status"], sort=False)["org_name"]:
    key = doc_id == data.key_doc()
    what = "the January 2017 National Consensus Policy" if key else md(title)
    verb = f"organizations signed {what}" if status == "signed" else ("took part and declined" if key else f"declined {what}")
    st.markdown(f"**{say.number(len(names))} {verb}:** " + md(", ".join(names)) + ".")

# 2/ Charts (the matrix shows the organizations and documents with the most rows)
matrix = data.endorsement_matrix_top(f)
n_rows = int(totals["endorsements"].sum())
summary = f"{n_rows:,} endorsement rows: " + ", ".join(f"{int(r.endorsements):,} {r.status}" for r in totals.itertuples()) + "."
if matrix["org_id"].nunique() < int(totals["organizations"].max()) or len(matrix) < n_rows:
    summary += (
        f" The chart shows the {say.count(matrix['org_id'].nunique(), 'organization')} and "
        f"{say.count(matrix['doc_id'].nunique(), 'document')} with the most rows."
    )
qualified = matrix[contract.qualified(matrix["extent"], matrix["evidence"])]
if len(qualified):
    summary += (
        f" {len(qualified)} of the {len(matrix)} marks shown are open: a part of a document only, one member's remark, a report by"
        " others or an inference, as the words beside them say; filled marks rest on the organization's own words or the document's own list."
    )
event = components.chart(
    charts.endorsement_matrix(matrix),
    summary,
    matrix,
    "endorsements_chart",
    qs,
    fresh("endorsements__matrix"),
    on_select="rerun",
    selection_mode="points",
)
by_kind = data.endorsements_by_org_kind(f)
top = by_kind.groupby("org_kind")["endorsements"].sum().sort_values(ascending=False)
kind_summary = f"Most endorsement rows come from {kind_label(top.index[0])} organizations ({int(top.iloc[0]):,})." if len(top) else ""
components.chart(charts.status_by_kind(by_kind), kind_summary, by_kind, "endorsements_by_kind", qs, "endorsements__kinds")

# 3/ Table, a page at a time (select a row to read the organization's statements)
st.subheader("All endorsement rows")
shown, table_event = endorsements.endorsements_table(data.endorsements(f), qs)

# 4/ The selected organization's statements (a row of the table, else a point of the chart), in a dialog; in the URL as sel=
points = components.selection(event, "points")
picked_rows = components.selection(table_event, "rows")
now = shown.iloc[picked_rows[0]]["org_id"] if picked_rows else (points[0]["customdata"][0] if points else None)
orgs = data.filter_options().orgs
row = shown.iloc[picked_rows[0]] if picked_rows else None

if org := selected("sel", now, orgs, "organization"):
    answer(
        f"What {orgs[org]} said", "sel", lambda: endorsements.statements(org, row), selecting=["endorsements__rows", "endorsements__matrix"]
    )
