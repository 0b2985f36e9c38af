"""The shared sidebar filters: one Filters value, kept in st.query_params so every view is a shareable URL.

Streamlit 1.67's `bind="query-params"` was tried and not used: with a format_func it writes the display
label (not the id) into the URL, and it drops bad values silently, where we owe the reader a notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import streamlit as st

# URL keys of the shared filters, in the order they appear in a URL.
FILTER_KEYS = ("org", "kind", "doc", "provision", "topic", "from", "to")
# URL keys that pages own (search box, compare picker...): kept, never reported as unknown.
PAGE_KEYS = ("q", "speaker", "source", "cmp", "diff", "sel", "table", "page", "sql")
# A URL may repeat a key; more values than this is not a person's view, it is noise.
MAX_VALUES = 200
_SHOWN = 60  # characters of a bad value repeated back in a notice


@dataclass(frozen=True)
class Options:
    """What the filters may take: ids known to the database, and the date limits."""

    orgs: Mapping[str, str] = field(default_factory=dict)  # org_id -> label
    kinds: Sequence[str] = ()
    docs: Mapping[str, str] = field(default_factory=dict)  # doc_id -> label
    provisions: Mapping[str, str] = field(default_factory=dict)  # provision_id -> label
    topics: Sequence[str] = ()
    first_date: dt.date | None = None
    last_date: dt.date | None = None


@dataclass(frozen=True)
class Filters:
    """The shared filter state; empty tuples and None mean 'no restriction'."""

    org_ids: tuple[str, ...] = ()
    org_kinds: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    provision_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def to_params(self) -> dict[str, list[str]]:
        """URL parameters for this state (only the filters that restrict something)."""
        out: dict[str, list[str]] = {}
        for key, values in zip(FILTER_KEYS[:5], (self.org_ids, self.org_kinds, self.doc_ids, self.provision_ids, self.topics), strict=True):
            if values:
                out[key] = list(values)
        if self.date_from:
            out["from"] = [self.date_from.isoformat()]
        if self.date_to:
            out["to"] = [self.date_to.isoformat()]
        return out

    def query_string(self, extra: Mapping[str, Sequence[str]] | None = None) -> str:
        params = {**self.to_params(), **{k: list(v) for k, v in (extra or {}).items() if v}}
        return urlencode(params, doseq=True)

    def is_default(self) -> bool:
        return self == Filters()

    def sql_params(self) -> dict[str, object]:
        """The bindings every filtered query in queries/ takes."""
        return {
            "org_ids": list(self.org_ids),
            "org_kinds": list(self.org_kinds),
            "doc_ids": list(self.doc_ids),
            "provision_ids": list(self.provision_ids),
            "topics": list(self.topics),
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


def _shown(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def _pick(values: Sequence[str], allowed: Mapping[str, str] | Sequence[str], what: str, notices: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    if len(values) > MAX_VALUES:
        notices.append(f"Ignored {len(values) - MAX_VALUES} extra values for {what} (at most {MAX_VALUES}).")
        values = values[:MAX_VALUES]
    for v in values:
        if v == "":
            continue
        if v not in allowed:
            notices.append(f"Ignored unknown {what} “{_shown(v)}” in the link.")
        elif v not in kept:
            kept.append(v)
    return tuple(kept)


def _date(values: Sequence[str], what: str, notices: list[str]) -> dt.date | None:
    values = [v for v in values if v != ""]
    if not values:
        return None
    if len(values) > 1:
        notices.append(f"The link gives {len(values)} values for {what}; used the first.")
    try:
        return dt.date.fromisoformat(values[0])
    except ValueError:
        notices.append(f"Ignored {what} “{_shown(values[0])}”: not a date like 2017-01-17.")
        return None


def parse_params(raw: Mapping[str, Sequence[str]], options: Options) -> tuple[Filters, list[str]]:
    """Turn URL parameters into Filters; every value dropped is named in a notice. Never raises."""
    notices: list[str] = []
    for key in raw:
        if key not in FILTER_KEYS and key not in PAGE_KEYS:
            notices.append(f"Ignored unknown link parameter “{_shown(key)}”.")
    get = lambda key: [str(v) for v in raw.get(key, [])]  # noqa: E731
    filters = Filters(
        org_ids=_pick(get("org"), options.orgs, "organization", notices),
        org_kinds=_pick(get("kind"), options.kinds, "kind of organization", notices),
        doc_ids=_pick(get("doc"), options.docs, "document", notices),
        provision_ids=_pick(get("provision"), options.provisions, "provision", notices),
        topics=_pick(get("topic"), options.topics, "topic", notices),
        date_from=_date(get("from"), "start date", notices),
        date_to=_date(get("to"), "end date", notices),
    )
    for name, value in (("date_from", filters.date_from), ("date_to", filters.date_to)):
        outside = value and ((options.first_date and value < options.first_date) or (options.last_date and value > options.last_date))
        if outside:
            notices.append(
                f"Ignored the link's {name.replace('_', ' ')} {value.isoformat()}: the data runs from {options.first_date} to {options.last_date}."
            )
            filters = replace(filters, **{name: None})
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        notices.append("The link's start date is after its end date; ignored both.")
        filters = replace(filters, date_from=None, date_to=None)
    return filters, notices


# --- Streamlit side -------------------------------------------------------------------------------

_WIDGET = {"org": "f_org", "kind": "f_kind", "doc": "f_doc", "provision": "f_provision", "topic": "f_topic", "from": "f_from", "to": "f_to"}
_SYNCED = "_filters_synced_qs"  # the filter part of the URL as we last wrote or read it


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _from_widgets() -> Filters:
    s = st.session_state
    return Filters(
        org_ids=tuple(s.get("f_org") or ()),
        org_kinds=tuple(s.get("f_kind") or ()),
        doc_ids=tuple(s.get("f_doc") or ()),
        provision_ids=tuple(s.get("f_provision") or ()),
        topics=tuple(s.get("f_topic") or ()),
        date_from=s.get("f_from"),
        date_to=s.get("f_to"),
    )


def _write_url(filters: Filters) -> None:
    """Put the filters into the URL, leaving the pages' own keys alone."""
    wanted = filters.to_params()
    for key in FILTER_KEYS:
        if key in wanted:
            st.query_params[key] = wanted[key] if len(wanted[key]) > 1 else wanted[key][0]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_SYNCED] = filters.query_string()


def _on_change() -> None:
    _write_url(_from_widgets())


def _apply(filters: Filters) -> None:
    for key, value in zip(
        FILTER_KEYS,
        (
            list(filters.org_ids),
            list(filters.org_kinds),
            list(filters.doc_ids),
            list(filters.provision_ids),
            list(filters.topics),
            filters.date_from,
            filters.date_to,
        ),
        strict=True,
    ):
        st.session_state[_WIDGET[key]] = value


def sync_from_url(options: Options) -> list[str]:
    """Reconcile widget state and URL before the widgets are drawn; returns notices for what was dropped."""
    raw = _url_params()
    url_filters = {k: v for k, v in raw.items() if k in FILTER_KEYS}
    synced = st.session_state.get(_SYNCED)
    if synced is not None and not url_filters and synced:
        # st.navigation drops the query string on a page switch: carry the filters over.
        _write_url(_from_widgets())
        return []
    filters, notices = parse_params(raw, options)
    if synced is None or filters.query_string() != synced or notices:
        _apply(filters)
        for key in list(raw):
            if key not in FILTER_KEYS and key not in PAGE_KEYS:
                del st.query_params[key]
        _write_url(filters)
    return notices


def render_sidebar(options: Options) -> tuple[Filters, list[str]]:
    """Draw the shared filters in the sidebar; returns the current Filters and notices about the link."""
    notices = sync_from_url(options)
    with st.sidebar:
        st.header("Filters")
        st.multiselect(
            "Organization",
            list(options.orgs),
            format_func=options.orgs.get,
            key="f_org",
            on_change=_on_change,
            placeholder="All organizations",
        )
        st.multiselect(
            "Kind of organization",
            list(options.kinds),
            format_func=lambda k: k.replace("_", " "),
            key="f_kind",
            on_change=_on_change,
            placeholder="All kinds",
        )
        st.multiselect(
            "Document", list(options.docs), format_func=options.docs.get, key="f_doc", on_change=_on_change, placeholder="All documents"
        )
        st.multiselect(
            "Provision",
            list(options.provisions),
            format_func=options.provisions.get,
            key="f_provision",
            on_change=_on_change,
            placeholder="All provisions",
        )
        st.multiselect("Topic", list(options.topics), key="f_topic", on_change=_on_change, placeholder="All topics")
        lo, hi = options.first_date, options.last_date
        c1, c2 = st.columns(2)
        c1.date_input("From", value=None, min_value=lo, max_value=hi, key="f_from", on_change=_on_change, format="YYYY-MM-DD")
        c2.date_input("To", value=None, min_value=lo, max_value=hi, key="f_to", on_change=_on_change, format="YYYY-MM-DD")
        current = _from_widgets()
        if not current.is_default():
            st.button("Clear filters", key="f_clear", on_click=_clear, width="stretch")
        st.caption("Dates apply to endorsements, quotes, events and sources; undated rows drop out when a date is set.")
    return current, notices


def _clear() -> None:
    _apply(Filters())
    _write_url(Filters())


def page_param(key: str, default: str = "") -> str:
    """A page-owned URL value (first one), for restoring a page's own widgets from a shared link."""
    values = st.query_params.get_all(key)
    return values[0] if values else default


def set_page_param(key: str, value: str | list[str] | None) -> None:
    """Write (or remove, when empty) a page-owned URL value."""
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def current() -> Filters:
    """The shared filters as the sidebar holds them (pages call this; app.py draws the widgets)."""
    return _from_widgets()
