"""Compare positions: a provision x document grid of stances; each cell opens its supporting quote."""

import streamlit as st

from explorer import agency, components, data
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

# 2/ Your own agency (kept in this browser session only; nothing is written anywhere)
provisions = data.provisions()
with st.expander("Compare your own agency: upload a coding sheet"):
    st.markdown(
        "Code your agency's policy with the codebook's stances (one row per provision: `provision_id`, `stance`, the policy's own "
        "words in `quote`, `locator`, `source_title`, `source_url`). It is checked like the build checks the data, shown beside "
        "the documents, and never stored: other readers do not see it."
    )
    st.download_button(
        "⬇ Template with every provision",
        agency.template(provisions),
        "agency_coding_template.csv",
        "text/csv",
        key="compare__template",
        on_click="ignore",
    )
    upload = st.file_uploader("Your agency's coding sheet (CSV)", type=["csv"], key="compare__upload")
    agency_name = st.text_input("Name shown for it", "Your agency", key="compare__agency_name", max_chars=60).strip() or "Your agency"
mine = None
if upload is not None:
    parsed = agency.parse(upload.getvalue(), set(provisions["provision_id"]))
    if parsed.problems:
        st.error("The sheet was not used:\n\n" + "\n\n".join(components.md(p) for p in parsed.problems[:20]))
    else:
        mine = parsed.rows

# 3/ Data
grid = data.position_grid(tuple(chosen), f)
if only_diff:
    differs = grid.groupby("provision_id")["stance"].transform("nunique") > 1
    grid = grid[differs]
if grid.empty:
    components.empty_state("No provisions for these filters" + (" where the documents differ." if only_diff else "."))
    st.stop()

# 4/ The grid (labels and symbols, not colour alone; "≠" marks a document that differs from your agency)
cells = grid["stance"].map(stance_label)
if mine is not None:
    theirs = grid["provision_id"].map(mine.set_index("provision_id")["stance"])
    cells = cells.where(theirs.isna() | (theirs == grid["stance"]), "≠ " + cells)
matrix = grid.assign(cell=cells).pivot(index="provision_name", columns="doc_short_title", values="cell")
matrix = matrix.reindex(index=list(dict.fromkeys(grid["provision_name"])), columns=[doc_labels[d] for d in chosen])
matrix.index.name, matrix.columns.name = "Provision", None
if mine is not None:
    by_name = dict(zip(grid["provision_id"], grid["provision_name"], strict=False))
    mine_cells = mine.assign(name=mine["provision_id"].map(by_name)).dropna(subset=["name"]).set_index("name")["stance"].map(stance_label)
    matrix.insert(0, agency_name, mine_cells.reindex(matrix.index).fillna("? not coded"))
event = st.dataframe(matrix, key="compare__grid", on_select="rerun", selection_mode="single-cell", height=36 * (len(matrix) + 1) + 4)
components.downloads(matrix.reset_index(), "stance_grid", f.query_string({"cmp": chosen}), "compare__grid")
st.caption("Key: " + " · ".join(f"{s} {label}" for s, label, _ in STANCES.values()))
known = grid[grid["stance"] != "unknown"]
st.caption(
    components.md(
        f"{len(grid) // len(chosen)} provisions × {len(chosen)} documents; {len(known)} of {len(grid)} cells are settled by the sources, the rest are “unknown”."
    )
)

# 5/ Distance: how your agency stands against each document, provision by provision
if mine is not None:
    dist = agency.distance(mine, grid)
    st.subheader(f"How {components.md(agency_name)} compares")
    summary = dist.pivot_table(index="doc_short_title", columns="comparison", values="provision_id", aggfunc="count", fill_value=0)
    summary.index.name, summary.columns.name = "Document", None
    st.dataframe(summary.reindex(columns=["same", "stricter", "looser", "not comparable"], fill_value=0), key="compare__distance")
    with st.expander("Provision by provision"):
        st.dataframe(dist, hide_index=True, key="compare__distance_rows")
    st.caption(
        "Stricter and looser follow each provision's direction in the codebook: for practices the documents restrict, prohibits > discourages > permits with conditions > permits; for practices they ask for, requires > recommends > permits. Silent and unknown are not comparable."
    )

# 6/ The evidence for the selected cell
picked = components.selection(event, "cells")
if picked and picked[0][1] in set(grid["doc_short_title"]):
    row_i, col = picked[0]
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

# 7/ Every provision, every document, with its evidence (a picker instead of expanders when there are many)
st.subheader("Provision by provision")


def evidence(part) -> None:
    for r in part.itertuples():
        st.markdown(
            f"**{components.md(r.doc_short_title)}: {stance_label(r.stance)}** ({EVIDENCE[r.evidence]}). {components.md(r.summary)}"
        )
        if isinstance(r.quote_text, str):
            st.markdown(f"> “{components.md(r.quote_text)}”")
            st.markdown(components.source_line(r.source_title, r.source_publisher, r.source_published_on, r.source_url))


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

# 8/ Table & download
with st.expander("Table of these positions"):
    components.table(grid, "positions_compared", f.query_string({"cmp": chosen}), "compare__table")
