"""The few style rules Streamlit's theme does not cover: search marks, copy-clean icons, wide charts on phones, paper."""

from __future__ import annotations

import streamlit as st

# Keys of charts that need more width than a phone gives: they scroll sideways inside their own box.
WIDE_CHARTS = ("endorsements__matrix",)
# Their boxes, matched by their parts: a chart's key is renewed when its dialog closes (page_state.fresh). The timeline
# has a figure of its own for phones instead.
_WIDE = tuple(f'[class*="st-key-{k}"][class*="__chart"]' for k in WIDE_CHARTS)
MARK = "#FFE066"  # search matches: strong yellow, black text (readable in light and dark themes)

CSS = f"""
/* Search matches: a strong mark with no padding, so verbatim text keeps its exact spacing. */
.stMarkdownColoredBackground {{ background-color: {MARK} !important; color: #000 !important; padding: 0 !important;
  border-radius: 0 !important; box-decoration-break: clone; }}
/* Material icon names (keyboard_arrow_right...) are ligature text: never part of what a reader copies. */
[data-testid="stIconMaterial"] {{ user-select: none; -webkit-user-select: none; }}
/* A chart too wide for a phone scrolls inside its box; the page itself never scrolls sideways. */
{", ".join(_WIDE)} {{ overflow-x: auto; }}
{", ".join(f"{k} > div" for k in _WIDE)} {{ min-width: 760px; }}
@media (max-width: 640px) {{ {", ".join(f"{k}::before" for k in _WIDE)} {{ content: "Scroll sideways to see the whole chart →";
  font-size: 0.8rem; display: block; }} }}
/* The scripts that scroll a marked passage or a notice into view take no room. */
[class*="st-key-scroll_js_"] {{ display: none !important; }}
/* A selectable grid (a canvas) on wide screens; the same grid as a plain table on phones and on paper. */
[class*="__narrow"] {{ display: none; }}
@media (max-width: 640px) {{ [class*="__narrow"] {{ display: block; }} [class*="__wide"] {{ display: none; }} }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], [data-testid="stDecoration"],
  [data-testid="stFileUploader"], [class*="__wide"] {{ display: none !important; }}
  [class*="__narrow"] {{ display: block !important; }}
  [data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"] {{ overflow: visible !important;
    height: auto !important; position: static !important; }}
  [data-testid="stMainBlockContainer"] {{ max-width: 100% !important; padding: 0 !important; }}
  /* Closed expanders (quotes, evidence, tables) print open. */
  details::details-content {{ content-visibility: visible !important; display: block !important; height: auto !important; }}
  [data-testid="stExpanderDetails"] {{ display: block !important; visibility: visible !important; height: auto !important; }}
  {", ".join(_WIDE)} {{ overflow: visible !important; }}
  {", ".join(f"{k} > div" for k in _WIDE)} {{ min-width: 0 !important; }}
  table {{ width: 100% !important; table-layout: auto; }}
  td, th {{ white-space: normal !important; word-break: break-word; }}
}}
"""


def apply() -> None:
    """Once per run, from app.py: a style-only st.html takes no room on the page."""
    st.html(f"<style>{CSS}</style>")
