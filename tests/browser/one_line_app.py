"""The browser floor: a one-line Streamlit page (tests/browser/test_settle.py measures every page against it)."""

import streamlit as st

st.write("One line, and the page has settled.")
