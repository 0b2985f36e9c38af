"""One way to draw a multiselect, so every picker behaves alike.

Typing filters by substring ("Pasco" finds names containing it, not fuzzy look-alikes), and there is no
"Select N matches" entry: Enter picks the one option highlighted, never every match at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st


def multiselect(label: str, options: Sequence[Any], *, where: Any = st, **kwargs: Any) -> list:
    """st.multiselect (or `where.multiselect` for a column or the sidebar) with substring matching and no select-all."""
    return where.multiselect(label, options, filter_mode="contains", select_all=False, **kwargs)
