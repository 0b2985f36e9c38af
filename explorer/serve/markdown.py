"""Markdown for Streamlit, built from data and URL text: escaped so it shows literally, marked, linked, a source's line.

Pure functions (no Streamlit): every page, view and kit module builds its Markdown through these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.serve import say
from explorer.serve.labels import short_publisher, source_title

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&])")


def md(text: object) -> str:
    """Escape text from the data or the URL so Markdown shows it literally (no links, no formatting, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def cut_off(copy: str = "the stored copy") -> str:
    """The mark after a passage that its stored copy breaks off in ([excerpt ends]): the words are exact, the rest unseen."""
    return f" *\\[cut off: {md(copy)} breaks off here\\]*"


def mark(text: str) -> str:
    """Escaped text marked as a match (style.py gives the mark its colour and no padding)."""
    return f":yellow-background[**{md(text)}**]"


def highlight(text: str, terms: Sequence[str]) -> str:
    """Escaped text with every case-insensitive match of the terms on a yellow background."""
    terms = [t for t in terms if t]
    if not terms:
        return md(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    spans: list[list[int]] = []
    for m in pattern.finditer(text):  # "warning" and "shots" side by side are one mark: "warning shots"
        if spans and not text[spans[-1][1] : m.start()].strip(" "):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out, last = [], 0
    for start, end in spans:
        out.append(md(text[last:start]))
        out.append(mark(text[start:end]))
        last = end
    out.append(md(text[last:]))
    return "".join(out)


def link(label: str, url: str | None) -> str:
    """A Markdown link with an escaped label, or the plain label when there is no address."""
    if not url or url == "unknown" or not url.startswith(("http://", "https://")):
        return md(label)
    safe = url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    return f"[{md(label)}](<{safe}>)"


def source_date(date: object) -> str:
    """A source's date as a reader reads it: the date, or that the source shows none (never the bare word 'unknown').

    A quote's own date may be known from another source (a report of the day it was said); the source line then
    does not contradict it: the page itself is undated."""
    text = say.missing(date, "")
    return "undated (no date shown on it)" if text in ("", "unknown") else text


def source_line(title: str, publisher: str, date: str, url: str | None) -> str:
    """'Source: [title](url) — publisher, date' in escaped Markdown ('Untitled page at …' where no title was recorded; no date, none shown)."""
    return f"Source: {link(source_title(title, url), url)} — {md(short_publisher(publisher))}" + (
        f", {md(source_date(date))}" if date else ""
    )
