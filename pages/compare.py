"""Compare positions: a provision x document grid of stances; each cell opens its supporting quote."""

import streamlit as st

from explorer import components, data
from explorer.filters import current, page_param, set_page_param
from explorer.frame import require_navigation
from explorer.labels import EVIDENCE, STANCES, stance_label

require_navigation()
MAX_EXPANDERS = 30  # beyond this many provisions, one picker is faster to render and to read
f = current()
docs = data.documents()
doc_labels = dict(zip(docs["doc_id"], docs["short_title"], strict=True))

# 1/ Pick the documents (page-owned, in the URL as cmp=...)
st.title("Compare positions")
st.markdown(
    "What each document holds on each provision, coded from its own words where they were seen. Select a cell to read the quote behind it."
)
if "compare__docs" not in st.session_state:
    wanted = [d for d in st.query_params.get_all("cmp") if d]
    kept = [d for d in dict.fromkeys(wanted) if d in doc_labels][:5]
    dropped = [d for d in wanted if d not in doc_labels]
    if dropped:
        components.show_notices([f"Ignored unknown document “{d[:60]}” in the link." for d in dropped])
    defaults = [d for d in data.CONTRAST_DOCS if d in doc_labels] or list(doc_labels)[:3]
    st.session_state["compare__docs"] = kept if len(kept) >= 2 else defaults
    st.session_state["compare__diff"] = page_param("diff") == "1"
c1, c2 = st.columns([4, 1])
chosen = c1.multiselect(
    "Documents to compare (2 to 5)", list(doc_labels), format_func=doc_labels.get, max_selections=5, key="compare__docs"
)
only_diff = c2.toggle("Only where they differ", key="compare__diff")
set_page_param("cmp", chosen if chosen != list(data.CONTRAST_DOCS) else None)
set_page_param("diff", "1" if only_diff else None)
if len(chosen) < 2:
    st.warning("Pick at least two documents to compare.")
    st.stop()

# 2/ Data
grid = data.position_grid(tuple(chosen), f)
if only_diff:
    differs = grid.groupby("provision_id")["stance"].transform("nunique") > 1
    grid = grid[differs]
if grid.empty:
    components.empty_state("No provisions for these filters" + (" where the documents differ." if only_diff else "."))
    st.stop()

# 3/ The grid (labels and symbols, not colour alone)
matrix = grid.assign(cell=grid["stance"].map(stance_label)).pivot(index="provision_name", columns="doc_short_title", values="cell")
matrix = matrix.reindex(index=list(dict.fromkeys(grid["provision_name"])), columns=[doc_labels[d] for d in chosen])
matrix.index.name, matrix.columns.name = "Provision", None
event = st.dataframe(matrix, key="compare__grid", on_select="rerun", selection_mode="single-cell", height=36 * (len(matrix) + 1) + 4)
components.downloads(matrix.reset_index(), "stance_grid", f.query_string({"cmp": chosen}), "compare__grid")
st.caption("Key: " + " · ".join(f"{s} {label}" for s, label, _ in STANCES.values()))
known = grid[grid["stance"] != "unknown"]
st.caption(
    components.md(
        f"{len(grid) // len(chosen)} provisions × {len(chosen)} documents; {len(known)} of {len(grid)} cells are settled by the sources, the rest are “unknown”."
    )
)

# 4/ The evidence for the selected cell
cells = components.selection(event, "cells")
if cells:
    row_i, col = cells[0]
    provision = matrix.index[row_i]
    hit = grid[(grid["provision_name"] == provision) & (grid["doc_short_title"] == col)].iloc[0]
    st.subheader(f"{components.md(col)} on {components.md(provision)}: {stance_label(hit['stance'])}")
    st.markdown(components.md(hit["summary"]))
    if isinstance(hit["quote_text"], str):
        st.markdown(f"> “{components.md(hit['quote_text'])}”")
    st.caption(
        f"Evidence: {EVIDENCE[hit['evidence']]} · "
        + components.source_line(hit["source_title"], hit["source_publisher"], hit["source_published_on"], hit["source_url"])
        + (f" · at: {components.md(hit['quote_locator'])}" if isinstance(hit["quote_locator"], str) else "")
    )

# 5/ Every provision, every document, with its evidence (a picker instead of expanders when there are many)
st.subheader("Provision by provision")


def evidence(part) -> None:
    for r in part.itertuples():
        st.markdown(
            f"**{components.md(r.doc_short_title)}: {stance_label(r.stance)}** ({EVIDENCE[r.evidence]}). {components.md(r.summary)}"
        )
        if isinstance(r.quote_text, str):
            st.markdown(f"> “{components.md(r.quote_text)}”")
            st.caption(components.source_line(r.source_title, r.source_publisher, r.source_published_on, r.source_url))


groups = list(grid.groupby("provision_id", sort=False))
if len(groups) <= MAX_EXPANDERS:
    for _provision_id, part in groups:
        first = part.iloc[0]
        with st.expander(
            f"{first['provision_name']}: " + " | ".join(f"{r.doc_short_title} {stance_label(r.stance)}" for r in part.itertuples())
        ):
            evidence(part)
else:
    names = {pid: part.iloc[0]["provision_name"] for pid, part in groups}
    pid = st.selectbox(f"{len(groups)} provisions: read the evidence for", list(names), format_func=names.get, key="compare__provision")
    evidence(dict(groups)[pid])

# 6/ Table & download
with st.expander("Table of these positions"):
    components.table(grid, "positions_compared", f.query_string({"cmp": chosen}), "compare__table")
