"""Compare positions: a provision x document grid of stances; each cell opens its supporting quote."""

import streamlit as st

from explorer.serve import components, data, widgets
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.labels import stance_key
from explorer.serve.page_state import answer, fresh, keep, restore, selected
from explorer.serve.views import agencies as coded_agencies, compare, compare_grid as stance_grid, upload as policy_view

require_navigation()
f = current()
doc_labels = data.filter_options().docs  # id -> short title, oldest first

# 1/ Pick the documents (page-owned, in the URL as cmp=...)
st.title("Compare positions")
st.markdown(
    "What each document holds on each provision, coded from its own words where they were seen. Select a cell to read the quote behind it."
)
defaults = [d for d in data.contrast_docs() if d in doc_labels] or list(doc_labels)[:3]
restore("compare__docs", "cmp", defaults, allowed=doc_labels, many=True, what="document", convert=lambda v: v[:5] if len(v) >= 2 else None)
restore("compare__diff", "diff", False, allowed=["1"], what="“only where they differ”", convert=bool)
c1, c2 = st.columns([4, 1])
chosen = widgets.multiselect(
    "Documents to compare (2 to 5)", list(doc_labels), where=c1, format_func=doc_labels.get, max_selections=5, key="compare__docs"
)
only_diff = c2.toggle("Only where they differ", key="compare__diff")
keep("cmp", chosen, default=list(data.contrast_docs()))
keep("diff", "1" if only_diff else None)
if len(chosen) < 2:
    st.warning("Pick at least two documents to compare.")
    components.end_page()

# 2/ A coded agency's policy (the coder's verdicts, URL agency=), and your own: a coding sheet or the policy itself (session only)
uses("agency_policy_options", "position_grid")  # the queries this page shows under the sidebar's filters (its note)
verdicts, coded_label = coded_agencies.picked_agency(f)
provisions = data.provisions()
mine, agency_name, policy = policy_view.own_department(provisions)

# 3/ Data
grid = data.position_grid(tuple(chosen), f)
grid = stance_grid.only_differing(grid) if only_diff else grid
if grid.empty:
    components.empty_state("No provisions for these filters" + (" where the documents differ." if only_diff else "."))
    components.end_page()

# 4/ The grid (labels and symbols, not colour alone; "≠" marks a document that differs from your agency)
matrix = stance_grid.pivot(grid, [doc_labels[d] for d in chosen], mine, agency_name)
matrix = stance_grid.with_agency_verdicts(matrix, grid, verdicts, coded_label) if coded_label else matrix
matrix = policy_view.with_upload(matrix, policy, provisions, agency_name) if policy else matrix
with st.container(key="compare__grid__wide"):  # selectable on wide screens; a plain table on phones and paper (style.py)
    event = st.dataframe(
        matrix,
        key=fresh("compare__grid"),
        on_select="rerun",
        selection_mode="single-cell",
        height=stance_grid.ROW_PX * len(matrix) + 38,
        row_height=stance_grid.ROW_PX,
        column_config=stance_grid.column_config(matrix),
        placeholder="—",
    )
st.container(key="compare__grid__narrow").table(matrix)
components.downloads(matrix.reset_index(), "stance_grid", f.query_string({"cmp": chosen}), "compare__grid")
st.caption("Key: " + stance_key())
components.evidence_key(f, "compare")
st.caption(stance_grid.settled_summary(grid, len(chosen)))

# 5/ Distance: how your agency stands against each document, provision by provision
if mine is not None:
    compare.agency_distance(mine, grid, agency_name)
if policy:
    policy_view.show(policy, provisions, agency_name)
if coded_label:
    st.caption(coded_agencies.CAVEAT + " " + coded_agencies.credit_line(verdicts))

# 6/ The evidence for the selected cell, in a dialog; in the URL as cell=<provision>/<document or "agency">
picked = components.selection(event, "cells")
cells = stance_grid.cell_ids(grid, matrix, coded_label)
if cell := selected("cell", cells.get(tuple(picked[0])) if picked else None, cells.values(), "cell"):
    answer("The evidence for this cell", "cell", lambda: coded_agencies.cell_evidence(cell, grid, verdicts), selecting=["compare__grid"])

# 7/ Every provision, every document, with its evidence
st.subheader("Provision by provision")
compare.evidence_by_provision(grid)

# 8/ Table & download
with st.expander("Table of these positions"):
    components.table(grid, "positions_compared", f.query_string({"cmp": chosen}), "compare__table")
