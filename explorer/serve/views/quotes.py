"""One quote at its own address: the card, a ready citation (plain text and BibTeX), and its passage in the stored text."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from explorer.serve import components
from explorer.serve.filters import Filters
from explorer.serve.labels import source_title
from explorer.serve.markdown import mark, md, source_date
from explorer.serve.views import department as departments

CONTEXT_CHARS = 400  # stored text shown either side of a marked passage


def address(quote_id: str) -> str:
    return components.view_url("quotes", Filters(), {"quote": [quote_id]})


def citation(row: object, url: str, release: str, release_date: str, today: str) -> tuple[str, str]:
    """The quote's citation as plain text and BibTeX: speaker, role, date, words, source, locator, release and address."""
    q = row._asdict()
    role = f" ({q['speaker_role']})" if isinstance(q["speaker_role"], str) and q["speaker_role"] != "unknown" else ""
    where = f"{source_title(q['source_title'], q['source_url'])}, {q['source_publisher']}, {source_date(q['source_published_on'])}"
    at = f", at {q['locator']}" if isinstance(q["locator"], str) else ""
    link = f" {q['source_url']}" if str(q["source_url"]).startswith("http") else ""
    plain = (
        f"{q['speaker']}{role}, {q['said_on']}: “{q['text']}” In: {where}{at}.{link} "
        f"Quoted from {components.TITLE}, data release {release} ({release_date}). Accessed {today}. {url}"
    )
    key = re.sub(r"[^a-z0-9]+", "_", f"uof_quote_{q['quote_id']}".lower()).strip("_")
    bib = lambda v: str(v).replace("{", "\\{").replace("}", "\\}")  # noqa: E731
    bibtex = (
        f"@misc{{{key},\n  author = {{{{{bib(q['speaker'])}}}}},\n  title = {{“{bib(q['text'])}”}},\n"
        f"  date = {{{bib(q['said_on'])}}},\n  note = {{In: {bib(where)}{bib(at)}. Quoted from "
        f"{components.TITLE}, data release {bib(release)} ({bib(release_date)})}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n  urldate = {{{today}}}\n}}"
    )
    return plain, bibtex


def passage(text: str, quote: str) -> tuple[str, str, str] | None:
    """(before, passage, after) where the quote's words occur in the stored text, white space folded; None if not found."""
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if m is None:
        return None
    return text[max(0, m.start() - CONTEXT_CHARS) : m.start()], m.group(0), text[m.end() : m.end() + CONTEXT_CHARS]


def show_marked(text: str, quote: str) -> None:
    """The stored text around the quote, the quote marked, or a plain notice where its words are not found."""
    found = passage(text, quote)
    if found is None:
        st.info("The quote's words were not found in this stored text as one passage (it may be a coder's cell from a raw file).")
        return
    before, hit, after = found
    before = before.split(" ", 1)[-1] if len(before) == CONTEXT_CHARS else before  # whole words at the cut edges
    after = after.rsplit(" ", 1)[0] if len(after) == CONTEXT_CHARS else after
    st.markdown(
        ("…" if len(found[0]) == CONTEXT_CHARS else "")
        + md(before)
        + mark(hit)
        + md(after)
        + ("…" if len(found[2]) == CONTEXT_CHARS else "")
    )


def show_one(q: object, release: dict) -> None:
    """The quote's own view (a row of quote_detail): its card, address, citation, and a link to its passage in the stored text."""
    components.quote_card(q, own_link=False)
    if isinstance(getattr(q, "department_id", None), str):  # a coder's cell: the agency's department, every wave and its own text
        st.markdown(f"[This agency's department page: every coded wave, its own text where stored →]({departments.url(q.department_id)})")
    url = address(str(q.quote_id))
    st.markdown("**This quote's own address:**")
    st.text(url)
    today = pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d")
    plain, bibtex = citation(q, url, str(release["data_release"]), str(release["release_date"]), today)
    st.markdown("**Cite this quote:**")
    components.copyable(plain, bibtex)
    st.page_link(
        "pages/sources.py",
        label="Read it in the stored source text, the passage marked →",
        query_params={"sel": q.source_id, "quote": q.quote_id},
    )
