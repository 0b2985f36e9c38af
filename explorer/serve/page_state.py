"""Page-owned URL values (search box, compare picker...): restored from a shared link once, validated, kept in the URL.

Every page uses `restore` and `keep`; a value the page cannot use is dropped with a notice naming it, like the
shared filters do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

import streamlit as st

from explorer.serve.components import show_notices
from explorer.serve.filters import PAGE_KEYS, pick, shown


def _url(key: str) -> list[str]:
    if key not in PAGE_KEYS:
        raise KeyError(f"{key!r} is not a page key; add it to filters.PAGE_KEYS")
    return [v for v in st.query_params.get_all(key) if v != ""]


def restore(
    widget_key: str,
    url_key: str,
    default: object,
    *,
    allowed: Iterable[str] | None = None,
    many: bool = False,
    what: str = "value",
    max_chars: int = 500,
    convert: Callable[[list[str]], object] | None = None,
) -> None:
    """Set the widget's state from the link the first time this session draws it; notices for dropped values."""
    if widget_key in st.session_state:
        return
    values = _url(url_key)
    notices: list[str] = []
    if allowed is not None:
        values = list(pick(values, allowed, what, notices))
    if not many and len(values) > 1:
        notices.append(f"The link gives {len(values)} values for {what}; used the first.")
        values = values[:1]
    if not many and values and len(values[0]) > max_chars:
        notices.append(f"Cut the link's {what} “{shown(values[0])}” to {max_chars:,} characters.")
        values = [values[0][:max_chars]]
    show_notices(notices)
    if convert is not None:
        value = convert(values)
    elif many:
        value = values
    else:
        value = values[0] if values else None
    st.session_state[widget_key] = default if value in (None, [], "") else value


def keep(url_key: str, value: str | Sequence[str] | None, default: object = None) -> None:
    """Write (or remove, when empty or the default) a page-owned URL value."""
    if value and value != default:
        st.query_params[url_key] = list(value) if not isinstance(value, str) else value
    elif url_key in st.query_params:
        del st.query_params[url_key]


def selected(url_key: str, now: str | None, allowed: Iterable[str], what: str) -> str | None:
    """What the reader selected, kept in the URL so the selection can be shared.

    `now` is the widget's selection this run. A new selection (or clearing it) writes the URL; otherwise the URL
    stands, so a shared link (or the first visit) reopens the same selection. An unknown value gets a notice.
    """
    seen = f"_selected_{url_key}"
    first = seen not in st.session_state
    if not first and now != st.session_state[seen]:
        value = now
    else:
        notices: list[str] = []
        got = _url(url_key)
        value = next(iter(pick(got[:1], allowed, what, notices)), None) if got else (now if first else None)
        show_notices(notices)
    st.session_state[seen] = now
    keep(url_key, value)
    return value


def fresh(key: str) -> str:
    """The key of a selectable chart or table, renewed each time the reader closes the answer to a click on it
    (forget(url_key, key)): the closed selection is cleared with it, so the next click on the same cell opens it again
    (a click on a still-selected cell would unselect it and open nothing)."""
    n = st.session_state.get(f"_fresh_{key}", 0)
    return key if not n else f"{key}_{n}"


def forget(url_key: str, *selecting: str) -> None:
    """Drop a selection from the URL (the reader closed its dialog), and clear the widgets it was made in."""
    if url_key in st.query_params:
        del st.query_params[url_key]
    renew(*selecting)


def renew(*keys: str) -> None:
    """Clear the selection of these selectable widgets (their fresh() keys): the reader chose elsewhere what a click on
    them chose, so the same click must count again."""
    for key in keys:
        st.session_state[f"_fresh_{key}"] = st.session_state.get(f"_fresh_{key}", 0) + 1


def answer(title: str, url_key: str, body: Callable[[], None], selecting: Sequence[str] = ()) -> None:
    """Show the answer to a click where the reader is looking: a dialog over the page; closing it drops it from the URL
    and clears the selection in the widgets named in `selecting` (their fresh() keys)."""
    st.dialog(title, width="large", on_dismiss=partial(forget, url_key, *selecting))(body)()
