"""Quotes: search the sourced quotes; each result shows who said it, in what role, when, and where."""

import streamlit as st

from explorer.serve import components, data, say, widgets
from explorer.serve.filters import current, shown, uses
from explorer.serve.frame import require_navigation
from explorer.serve.markdown import md
from explorer.serve.page_state import keep, restore
from explorer.serve.search_terms import parse_terms
from explorer.serve.views import quotes as quote_view

require_navigation()
PAGE_SIZE = 25  # cards per page: enough to scan, few enough to render fast
f = current()

# 0/ One quote at its own address (quote=<id>): card, citation, passage; the search follows below
st.title("Quotes")
one = data.quote_detail(st.query_params.get("quote", ""))
if len(one):
    st.subheader("One quote")
    quote_view.show_one(next(one.itertuples()), data.build_info())
    st.page_link("pages/quotes.py", label="← Search all quotes", query_params=f.to_params())
    st.divider()
elif "quote" in st.query_params:
    components.show_notices([f"No quote has the id “{shown(st.query_params['quote'])}”; showing the search."])

# 1/ Search and page-owned filters (in the URL as q=, speaker=, source=)
st.markdown(
    'Every quote is verbatim from a stored source. Search for several words (all must appear; use "double quotes" for a phrase); the sidebar filters apply too.'
)
facets = data.quote_facets()
speakers = facets[facets["facet"] == "speaker"]
sources = facets[facets["facet"] == "source"]
source_labels = dict(zip(sources["value"], sources["label"], strict=True))
restore("quotes__q", "q", "", what="search", max_chars=500)
restore("quotes__speaker", "speaker", [], allowed=speakers["value"], many=True, what="speaker")
restore("quotes__source", "source", [], allowed=source_labels, many=True, what="source")
text = st.text_input("Search quote text", key="quotes__q", placeholder="e.g. warning shots", max_chars=500)
c1, c2 = st.columns(2)
who = widgets.picker(
    "Speaker", dict(zip(speakers["value"], speakers["value"], strict=True)), where=c1, key="quotes__speaker", placeholder="All speakers"
)
where = widgets.picker("Source", source_labels, where=c2, key="quotes__source", placeholder="All sources")
keep("q", text.strip())
keep("speaker", who)
keep("source", where)
terms = parse_terms(text)

# 2/ Count and page
uses("quotes_search")  # the query this page shows under the sidebar's filters (its note)
found = data.quotes_search(f, terms, tuple(who), tuple(where))
first = found.page(limit=PAGE_SIZE)
total = int(first["total_rows"].iloc[0]) if not first.empty else 0
st.markdown(f"**{say.count(total, 'matching quote')}**" + (f" for {', '.join(f'“{md(t)}”' for t in terms)}" if terms else ""))
if total == 0:
    components.empty_state("No quotes match. Try fewer words or clear a filter.")
    components.end_page()
offset = components.pager(total, PAGE_SIZE, "quotes__page", url_key="page")
rows = first if offset == 0 else found.page(limit=PAGE_SIZE, offset=offset)
st.caption(f"Showing {offset + 1:,}–{offset + len(rows):,} of {total:,}.")

# 3/ Cards
for row in rows.itertuples():
    components.quote_card(row, terms)

# 4/ Download all matches
st.subheader("Download the matching quotes")
extra = {"q": [text.strip()] if text.strip() else [], "speaker": who, "source": where}
components.downloads(found.download, "quotes", f.query_string(extra), "quotes__all", rows=total)
