"""Entry point: page registry, the shared sidebar filters, then the chosen page. No SQL, no data shaping."""

import streamlit as st

from explorer import components, data
from explorer.db import DatabaseUnavailableError
from explorer.filters import PAGE_KEYS, render_sidebar

st.set_page_config(page_title="Use-of-Force Policy Explorer", page_icon="⚖️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/endorsements.py", title="Endorsements", url_path="endorsements"),
    st.Page("pages/compare.py", title="Compare positions", url_path="compare"),
    st.Page("pages/quotes.py", title="Quotes", url_path="quotes"),
    st.Page("pages/sources.py", title="Sources", url_path="sources"),
    st.Page("pages/data.py", title="Data", url_path="data"),
    st.Page("pages/sql.py", title="SQL", url_path="sql"),
]
page = st.navigation(PAGES)

try:
    with st.spinner("Loading the data…"):
        options = data.filter_options()
        release = data.build_info()
except DatabaseUnavailableError as e:
    st.error(f"The database cannot be opened: {components.md(e)}")
    st.stop()

filters, notices = render_sidebar(options)
components.show_notices(notices)
page.run()
if page.url_path != "data":  # the Data page cites itself, with its table choice
    with st.expander("Cite this view"):
        own = {k: st.query_params.get_all(k) for k in PAGE_KEYS if k in st.query_params}
        components.cite_this_view(page.title, page.url_path, filters, release, own)
components.footer(release)
