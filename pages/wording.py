"""Wording: search the stored texts themselves, follow a passage's words across sources and agencies, compare editions."""

import streamlit as st

from explorer.serve.filters import current
from explorer.serve.frame import require_navigation
from explorer.serve.views import wording as wording_views

require_navigation()
f = current()
qs = f.query_string()

st.title("Where the words come from")
st.markdown(
    "Model policies are written to be copied. Search every stored source text and every agency policy cell for a phrase, "
    "follow a sentence of a model document or a court opinion into the texts that carry its words, or see, word by word, "
    "what the stored texts of two editions share. Only stored texts are searched: most are excerpts of their documents."
)
wording_views.show(f, qs)
