"""Entry point: page registry, the shared sidebar filters, then the chosen page. No SQL, no data shaping."""

import streamlit as st

from explorer import components, data
from explorer.db import DatabaseUnavailableError
from explorer.filters import render_sidebar

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

_, notices = render_sidebar(options)
components.show_notices(notices)
page.run()
components.footer(release)
