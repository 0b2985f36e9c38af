"""Guards each page against Streamlit's pages/ auto-discovery, which runs a page without app.py's frame."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_navigation() -> None:
    """Rerun through app.py when Streamlit ran this page file on its own.

    Until some session has run app.py (which calls st.navigation), Streamlit treats pages/ as a v1
    multipage folder, so the first deep link after a server start (/quotes?q=...) would run
    pages/quotes.py alone: no sidebar filters, no link notices. Page file names match their url_path,
    so the rerun lands on the same page, with the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
