"""Entry point, where the two wings meet: keep the database current (build), then serve the pages (serve)."""

import datetime as dt
from pathlib import Path

import streamlit as st

from explorer.builder import BuildStatus, ensure_current
from explorer.paths import build_dir, db_path
from explorer.serve import components, data, style
from explorer.serve.db import DatabaseUnavailableError, QueryFailedError
from explorer.serve.filters import PAGE_KEYS, explain_unused, render_sidebar
from explorer.serve.markdown import md
from explorer.serve.pages import PAGES

st.set_page_config(page_title="Use-of-Force Policy Explorer", page_icon="⚖️", layout="wide")
style.apply()


@st.cache_resource(show_spinner="Checking the data…")
def build_status(folder: Path | None, database: Path) -> BuildStatus:
    """Once per server process: rebuild from the sources when they changed; broken sources keep the last good file."""
    return ensure_current(folder, database) if folder else BuildStatus()


page = st.navigation([st.Page(p.file, title=p.title, url_path=p.url_path or None, default=p.default) for p in PAGES])
status = build_status(build_dir(), db_path())
if status.problems:
    components.broken_sources_notice(status.problems)
try:
    with st.spinner("Loading the data…"):
        options = data.filter_options()
        release = data.build_info()
except DatabaseUnavailableError as e:
    st.error(f"The database cannot be opened: {md(e)}")
    st.stop()

components.notice_slot()  # every notice of this run lands here, at the top, where the reader is looking
filters, notices = render_sidebar(options)
components.show_notices(notices)
components.filters_in_force(filters, options)
try:
    page.run()
except QueryFailedError:  # logged with its query and parameters where it failed
    components.query_failed(dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"))
except components.PageEnd:  # a page that has nothing more to show ends itself; the citation and footer still follow
    pass
spec = next((p for p in PAGES if (p.url_path or "") == page.url_path), None)
explain_unused(dict(spec.reasons) if spec else None)
if page.url_path != "data":  # the Data page cites itself, with its table choice
    with st.expander("Cite this view"):
        own = {k: st.query_params.get_all(k) for k in PAGE_KEYS if k in st.query_params}
        components.cite_this_view(page.title, page.url_path, filters, release, own)
components.footer(release)
