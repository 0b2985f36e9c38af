"""Sources: every stored source with its metadata and text, so a reader can check a quote in context."""

import streamlit as st

from explorer.serve import components, data
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.labels import clip
from explorer.serve.page_state import keep, restore
from explorer.serve.views import sources as source_view

require_navigation()
f = current()

# 1/ The list
st.title("Sources")
st.markdown(
    "Every fact, stance and quote in this product comes from one of these stored texts. Pick one to read it and see the quotes that cite it."
)
uses("sources_list")  # the query this page shows under the sidebar's filters (its note)
listing, _ = components.paged_table(
    data.sources_list(f),
    "sources",
    f.query_string(),
    "sources__list",
    columns=["title", "publisher", "author", "published_on", "date_note", "kind", "url", "quotes"],
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": st.column_config.TextColumn("Publisher", width="medium"),
        "author": "Author",
        "published_on": "Date",
        "date_note": "How the date is known",
        "kind": "Kind",
        "url": st.column_config.LinkColumn("Address"),
        "quotes": st.column_config.NumberColumn("Quotes"),
    },
)
if listing.empty:
    components.end_page()

# 2/ One source (page-owned, in the URL as sel=): any source by id, or one from the page of the table above


def label(row) -> str:
    return f"{row['title']} — {row['publisher']} ({row['published_on']})"


labels = {row["source_id"]: label(row) for _, row in listing.iterrows()}
restore("sources__sel", "sel", next(iter(labels)), allowed=data.source_ids(), what="source")
picked_now = st.session_state["sources__sel"]
if picked_now not in labels:  # chosen by a link, or from another page of the table: offer it too
    found = data.source_detail(picked_now)
    if found.empty:
        st.session_state["sources__sel"] = next(iter(labels))
    else:
        labels = {picked_now: label(found.iloc[0]), **labels}
picked = st.selectbox("Read a source", list(labels), format_func=labels.get, key="sources__sel")
keep("sel", picked)
meta = data.source_detail(picked).iloc[0]
source_view.source_header(meta)

# 3/ Its quotes, then its stored text
cited = data.source_quotes(picked)
source_view.citing_quotes(cited, picked)  # counted there
text = data.source_text(picked)
sentence = None
marked = cited[cited["quote_id"] == st.query_params.get("quote", "")] if "quote_id" in cited else cited.iloc[0:0]
if len(marked):  # from a quote's own view: its passage, marked, in the stored text, scrolled into view
    source_view.marked_in_place(
        text, marked.iloc[0]["text"], f"The quote's passage, marked in the stored text (“{clip(marked.iloc[0]['text'], 60)}”):"
    )
elif sentence := source_view.sentence_at(picked, st.query_params.get("at")):  # from the Wording page, in the URL as at=
    source_view.marked_in_place(text, sentence[1], f"Sentence {sentence[0]} of this stored text, marked:")
with st.expander("The whole stored text, exactly as kept", expanded=not len(marked) and not sentence):
    st.text(source_view.body(text))
