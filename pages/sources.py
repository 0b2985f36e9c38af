"""Sources: every stored source with its metadata and text, so a reader can check a quote in context."""

import streamlit as st

from explorer import components, data
from explorer.filters import current, page_param, set_page_param
from explorer.frame import require_navigation

require_navigation()
f = current()

# 1/ The list
st.title("Sources")
st.markdown(
    "Every fact, stance and quote in this product comes from one of these stored texts. Pick one to read it and see the quotes that cite it."
)
listing = data.sources_list(f)
if listing.empty:
    components.empty_state()
    st.stop()
components.table(
    listing.drop(columns=["notes", "text_file"]),
    "sources",
    f.query_string(),
    "sources__list",
    column_config={"url": st.column_config.LinkColumn("Address"), "quotes": st.column_config.NumberColumn("Quotes")},
)

# 2/ One source (page-owned, in the URL as sel=)
labels = {r.source_id: f"{r.title} — {r.publisher} ({r.published_on})" for r in listing.itertuples()}
if "sources__sel" not in st.session_state:
    wanted = page_param("sel")
    if wanted and wanted not in labels:
        components.show_notices([f"Ignored unknown source “{wanted[:60]}” in the link."])
    st.session_state["sources__sel"] = wanted if wanted in labels else next(iter(labels))
if st.session_state["sources__sel"] not in labels:
    st.session_state["sources__sel"] = next(iter(labels))
picked = st.selectbox("Read a source", list(labels), format_func=labels.get, key="sources__sel")
set_page_param("sel", picked)
meta = listing[listing["source_id"] == picked].iloc[0]
st.subheader(components.md(meta["title"]))
st.markdown(
    f"**Publisher:** {components.md(meta['publisher'])}  \n**Author:** {components.md(meta['author'])}  \n"
    f"**Date:** {components.md(meta['published_on'])}"
    + (f" ({components.md(meta['date_note'])})" if isinstance(meta["date_note"], str) and meta["date_note"] else "")
    + f"  \n**Kind:** {components.md(meta['kind'])}  \n**Address:** {components.link(meta['url'], meta['url'])}"
)
st.caption(components.md(meta["notes"]) if isinstance(meta["notes"], str) else "")

# 3/ Its quotes, then its stored text
cited = data.source_quotes(picked)
st.markdown(f"**{len(cited)} quotes cite this source.**")
if not cited.empty:
    components.table(
        cited, f"quotes_citing_{picked}", "", "sources__quotes", column_config={"text": st.column_config.TextColumn("Quote", width="large")}
    )
with st.expander("Stored text (exactly as kept in data/sources/)", expanded=True):
    st.text(data.source_text(picked))
