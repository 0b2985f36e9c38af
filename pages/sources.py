"""Sources: every stored source with its metadata and text, so a reader can check a quote in context."""

import streamlit as st

from explorer.serve import components, data, quote_view, say
from explorer.serve.filters import current
from explorer.serve.frame import require_navigation
from explorer.serve.labels import clip, kind_label
from explorer.serve.page_state import keep, restore

require_navigation()
f = current()

# 1/ The list
st.title("Sources")
st.markdown(
    "Every fact, stance and quote in this product comes from one of these stored texts. Pick one to read it and see the quotes that cite it."
)
listing, _ = components.paged_table(
    lambda limit, offset: data.sources_list(f, limit, offset),
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
st.subheader(components.md(meta["title"]))
st.markdown(
    f"**Publisher:** {components.md(meta['publisher'])}  \n**Author:** {components.md(say.missing(meta['author'], 'not named'))}  \n"
    f"**Date:** {components.md(say.missing(meta['published_on'], 'not known'))}"
    + (f" ({components.md(meta['date_note'])})" if isinstance(meta["date_note"], str) and meta["date_note"] else "")
    + f"  \n**Kind:** {components.md(kind_label(meta['kind']))}  \n**Address:** "
    + (components.link(meta["url"], meta["url"]) if str(meta["url"]).startswith("http") else "not recorded")
)
st.caption(components.md(say.plain(meta["notes"])) if isinstance(meta["notes"], str) else "")

# 3/ Its quotes, then its stored text
cited = data.source_quotes(picked)
st.markdown(f"**{say.count(len(cited), 'quote')} {'cites' if len(cited) == 1 else 'cite'} this source.**")
if not cited.empty:
    components.table(
        cited,
        f"quotes_citing_{picked}",
        "",
        "sources__quotes",
        column_order=["text", "speaker", "speaker_role", "voice", "said_on", "locator"],
        column_config={
            "text": st.column_config.TextColumn("Quote", width="large"),
            "speaker": "Speaker",
            "speaker_role": "Role",
            "voice": "Voice",
            "said_on": "Said on",
            "locator": "Where in the source",
        },
    )
text = data.source_text(picked)
sentence = None
marked = cited[cited["quote_id"] == st.query_params.get("quote", "")] if "quote_id" in cited else cited.iloc[0:0]
if len(marked):  # from a quote's own view: its passage, marked, in the stored text, scrolled into view
    with st.container(key="sources__marked"):
        st.markdown(f"**The quote's passage, marked in the stored text** (“{components.md(clip(marked.iloc[0]['text'], 60))}”):")
        quote_view.show_marked(text, marked.iloc[0]["text"])
    components.scroll_to("sources__marked")
elif sentence := quote_view.sentence_at(picked, st.query_params.get("at")):  # from the Wording page, in the URL as at=
    with st.container(key="sources__marked"):
        st.markdown(f"**Sentence {sentence[0]} of this stored text, marked:**")
        quote_view.show_marked(text, sentence[1])
    components.scroll_to("sources__marked")
with st.expander("The whole stored text, exactly as kept", expanded=not len(marked) and not sentence):
    st.text(quote_view.body(text))
