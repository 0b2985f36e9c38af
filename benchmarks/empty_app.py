"""The framework floor: an empty Streamlit page."""

import streamlit as st

st.empty()
