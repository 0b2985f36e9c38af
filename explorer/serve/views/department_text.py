"""A department's stored full text as a reader sees it: exactly as stored (page headers, line breaks, form feeds and
all), in a scrolling box, with one passage marked and scrolled into view, and the raw bytes to download."""

from __future__ import annotations

import html
import re

import streamlit as st

from explorer.serve.markdown import md

BOX_HEIGHT = "70vh"  # the text scrolls inside its box: the page keeps its headings in reach
PASSAGE_ID = "uof-passage"  # the marked passage's element id (the link's anchor)


def span(body: str, char_at: int, passage: str) -> tuple[int, int]:
    """Where a passage lies in the stored body: from its start offset, over its words as the body spells them (line breaks,
    page headers' white space); its own length where the words cannot be followed."""
    words = passage.split()
    if words:
        m = re.compile(r"\s+".join(re.escape(w) for w in words)).match(body, char_at)
        if m:
            return m.start(), m.end()
    return char_at, min(len(body), char_at + len(passage))


def as_html(body: str, mark: tuple[int, int] | None) -> str:
    """The body escaped into a <pre> box (white space kept), the passage wrapped in a <mark> with an id."""
    if mark is None:
        inner = html.escape(body)
    else:
        a, b = mark
        inner = f'{html.escape(body[:a])}<mark id="{PASSAGE_ID}">{html.escape(body[a:b])}</mark>{html.escape(body[b:])}'
    style = (
        f"max-height:{BOX_HEIGHT};overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere;font-size:0.85rem;"
        "border:1px solid #ccc;border-radius:0.4rem;padding:0.6rem;margin:0;background:#fafafa;color:#111"
    )
    return f'<pre data-testid="uof-stored-text" style="{style}">{inner}</pre>'


# Our own script (the text itself is escaped above): bring the marked passage into view inside its box, once drawn.
_SCROLL = f"""<script>
(function () {{
  const go = () => {{ const m = document.getElementById("{PASSAGE_ID}"); if (!m) return false;
    m.scrollIntoView({{block: "center"}}); return true; }};
  if (!go()) {{ let n = 0; const t = setInterval(() => {{ if (go() || ++n > 40) clearInterval(t); }}, 100); }}
}})();
</script>"""


def show(row: object, passage: object | None, key: str) -> None:
    """The stored text of one policy (policy_text_body row), with `passage` (text_passage_at row) marked and in view."""
    body = str(row.body)
    mark = span(body, int(passage.char_at), str(passage.text)) if passage is not None else None
    where = f" Passage {int(passage.seq)} is marked (from line {int(passage.line_no)})." if passage is not None else ""
    st.markdown(
        f"**The stored text of {md(row.title)}**, exactly as stored: the raw extraction from its PDF, page headers, "
        f"line breaks and glyph codes as they are ({len(body):,} characters, sha256 `{row.sha256}`).{md(where)}"
    )
    st.html(as_html(body, mark) + (_SCROLL if mark else ""), unsafe_allow_javascript=mark is not None)
    st.download_button(
        "⬇ The stored text, byte for byte",
        body.encode("utf-8"),
        f"{row.text_id}.txt",
        "text/plain",
        key=f"{key}__download",
        on_click="ignore",
    )
