"""One way to draw a multiselect, so every picker behaves alike.

Typing filters by substring ("Pasco" finds names containing it, not fuzzy look-alikes), and there is no
"Select N matches" entry: Enter picks the one option highlighted, never every match at once. A list too long to
send to the browser on every rerun (a database with thousands of agencies) is searched on the server instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

FIND_AFTER = 500  # options beyond which a picker sends only the matches of a find box, not every label on every rerun
MATCHES_SHOWN = 100  # matches offered at once; a reader narrows the words to reach the rest


def multiselect(label: str, options: Sequence[Any], *, where: Any = st, **kwargs: Any) -> list:
    """st.multiselect (or `where.multiselect` for a column or the sidebar) with substring matching and no select-all."""
    return where.multiselect(label, options, filter_mode="contains", select_all=False, **kwargs)


def matches(choices: Mapping[str, str], words: str, chosen: Sequence[str] = (), limit: int = MATCHES_SHOWN) -> tuple[list[str], int]:
    """What a long picker offers (what is chosen, then the first `limit` choices whose label holds the words), and how
    many choices hold the words in all."""
    needle = " ".join(words.split()).lower()
    found = [k for k, name in choices.items() if needle in str(name).lower()] if needle else []
    return list(dict.fromkeys([*chosen, *found[:limit]])), len(found)


def _find(label: str, choices: Mapping[str, str], key: str, where: Any, chosen: Sequence[str]) -> tuple[list[str], str]:
    """A long list's find box: what to offer (the chosen, then the matches) and a short hint for the placeholder."""
    words = " ".join(
        where.text_input(
            f"Find: {label}",
            key=f"{key}__find",
            placeholder=f"Type part of a name: {len(choices):,} to choose from",
            help=f"The first {MATCHES_SHOWN} names holding these letters are offered below; type more to narrow them.",
        ).split()
    )
    offered, found = matches(choices, words, [k for k in chosen if k in choices])
    if not words:  # short hints: the placeholder shares a sidebar's width with the arrow
        return offered, "Type above to find names"
    if not found:
        return offered, "No name holds these letters"
    return offered, f"{found:,} found" + (f", first {MATCHES_SHOWN} listed" if found > MATCHES_SHOWN else ": pick")


def picker(label: str, choices: Mapping[str, str], *, key: str, where: Any = st, placeholder: str | None = None, **kwargs: Any) -> list:
    """A multiselect over {value: label}; beyond FIND_AFTER choices, a find box first and only its matches offered.

    Sending 10,000 labels to the browser costs every rerun of every page about 10-25 ms; the matches cost nothing.
    The choice stays under `key` whatever the box holds, so the URL and the filters read it as from a plain multiselect.
    """
    if len(choices) <= FIND_AFTER:
        return multiselect(label, list(choices), where=where, format_func=choices.get, key=key, placeholder=placeholder, **kwargs)
    offered, hint = _find(label, choices, key, where, st.session_state.get(key) or [])
    return multiselect(label, offered, where=where, format_func=choices.get, key=key, placeholder=hint, **kwargs)


def pick_one(label: str, choices: Mapping[str, str], *, key: str, where: Any = st, **kwargs: Any) -> Any:
    """A selectbox over {value: label}, with picker's find box beyond FIND_AFTER choices (the current one stays offered)."""
    if len(choices) <= FIND_AFTER:
        return where.selectbox(label, list(choices), format_func=choices.get, key=key, **kwargs)
    offered, hint = _find(label, choices, key, where, [st.session_state.get(key)])
    return where.selectbox(label, offered, format_func=choices.get, key=key, placeholder=hint, **kwargs)
