"""The Sources page's views: a source's metadata in the reader's words, the quotes citing it, a passage marked in place."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from explorer.serve import components, data, say
from explorer.serve.filters import shown
from explorer.serve.labels import kind_label
from explorer.serve.markdown import link, md
from explorer.serve.views.quotes import show_marked

_HEADER_END = re.compile(r"(?m)^-{20,}\s*$\n?")


def body(text: str) -> str:
    """A stored text without its file header (SOURCE_ID, TITLE... NOTES, then a line of dashes): the page shows that
    metadata above it, in the reader's words, and the header names internal ids and paths."""
    parts = _HEADER_END.split(text, maxsplit=1)
    return parts[1].lstrip("\n") if len(parts) == 2 and parts[0].startswith("SOURCE_ID:") else text


def sentence_at(source_id: str, at: str | None) -> tuple[int, str] | None:
    """(number, text) of a source's stored sentence named by a link's at= (as the Wording page numbers them); a notice if unknown."""
    if not at:
        return None
    rows = data.passage_sentences(source_id)
    hit = rows[rows["seq"].astype(str) == at]
    if hit.empty:
        components.show_notices([f"This stored text has no sentence “{shown(at)}”; showing the whole text."])
        return None
    return int(hit.iloc[0]["seq"]), str(hit.iloc[0]["text"])


def source_header(meta: pd.Series) -> None:
    """A source's title and metadata in the reader's words: '—' or a sentence for what is not known, no paths."""
    st.subheader(md(meta["title"]))
    note = f" ({md(meta['date_note'])})" if isinstance(meta["date_note"], str) and meta["date_note"] else ""
    address = link(meta["url"], meta["url"]) if str(meta["url"]).startswith("http") else "not recorded"
    st.markdown(
        f"**Publisher:** {md(meta['publisher'])}  \n**Author:** {md(say.missing(meta['author'], 'not named'))}  \n"
        f"**Date:** {md(say.missing(meta['published_on'], 'not known'))}{note}  \n"
        f"**Kind:** {md(kind_label(meta['kind']))}  \n**Address:** {address}"
    )
    st.caption(md(say.plain(meta["notes"])) if isinstance(meta["notes"], str) else "")


def citing_quotes(cited: pd.DataFrame, source_id: str) -> None:
    """The quotes that cite a source, counted, in a table with the reader's column names (no ids)."""
    st.markdown(f"**{say.count(len(cited), 'quote')} {'cites' if len(cited) == 1 else 'cite'} this source.**")
    if cited.empty:
        return
    components.table(
        cited,
        f"quotes_citing_{source_id}",
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


def marked_in_place(text: str, words: str, heading: str) -> None:
    """A passage marked in its stored text, under a heading, scrolled into view when the page settles (a link led here)."""
    with st.container(key="sources__marked"):
        st.markdown(f"**{md(heading)}**")
        show_marked(text, words)
    components.scroll_to("sources__marked")
