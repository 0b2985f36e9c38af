"""Data: browse each table under the shared filters, download it, read the codebook, cite the view."""

import streamlit as st

from explorer.paths import DATA_DIR
from explorer.serve import components, data, exports, release
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.page_state import keep, restore

require_navigation()
f = current()
TABLES = release.TABLES

# 1/ Pick a table (page-owned, in the URL as table=)
st.title("Data")
st.markdown("The tables behind every page, with the sidebar filters applied. Each can be downloaded as it is filtered.")
restore("data__table", "table", "positions", allowed=TABLES, what="table")
name = st.radio("Table", list(TABLES), format_func=lambda t: TABLES[t][0], key="data__table", horizontal=True)
keep("table", name, default="positions")

# 2/ The table
title, rows_of = TABLES[name]
rows = rows_of(f)
uses(rows.query)  # the query this table shows under the sidebar's filters (its note)
with st.spinner(f"Loading {title.lower()}…"):
    components.paged_table(rows, name, f.query_string({"table": [name]}), f"data__{name}", url_key="page")

# 3/ Cite this view
st.subheader("Cite this view")
built = data.build_info()
extra = {"table": [name] if name != "positions" else []}
components.cite_this_view(f"Data: {title}", "data", f, built, extra)

# 4/ Download everything: every table as filtered (CSV and Parquet), the codebook, sources, release, URL
st.subheader("Download everything")
here = components.view_url("data", f, extra)  # now, in the reader's session: the download runs on another thread
st.download_button(
    "⬇ ZIP of every filtered table, the codebook and the sources",
    data=lambda: release.package(f, here),
    file_name=exports.file_name("use-of-force-explorer", f.query_string(), "zip"),
    mime="application/zip",
    key="data__zip",
    on_click="ignore",
)

# 5/ Codebook
with st.expander("Codebook: every table, column and allowed value"):
    st.markdown((DATA_DIR / "README.md").read_text(encoding="utf-8"))
