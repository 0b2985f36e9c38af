"""The shared sidebar filters: declared once in FILTERS, kept in st.query_params so every view is a shareable URL.

Each row of FILTERS names a filter's URL key, its attribute (which is also the SQL `$name` the queries bind), its
label, the Options field it takes values from and its widget. Filters, parse_params and the sidebar read that
table and nothing else, so adding a filter is one row here, its typed field on Filters, and the SQL that uses its `$name`.

Streamlit 1.67's `bind="query-params"` was tried and not used: with a format_func it writes the display
label (not the id) into the URL, and it drops bad values silently, where we owe the reader a notice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

import streamlit as st

from explorer.serve import widgets
from explorer.serve.db import bound_names


@dataclass(frozen=True)
class FilterSpec:
    """One shared filter. `attr` is the Filters attribute and the SQL $name; the widget key is `f_<key>`."""

    key: str  # URL key
    attr: str  # Filters attribute and SQL $name
    label: str  # sidebar label
    noun: str  # what a dropped value is called in a notice
    widget: str = "multiselect"  # or "date"
    options: str = ""  # Options field with the allowed ids (multiselect)
    placeholder: str = ""
    scope: str = ""  # what it selects, said where a page does not use it

    @property
    def widget_key(self) -> str:
        return f"f_{self.key}"

    @property
    def empty(self) -> object:
        return None if self.widget == "date" else ()


# fmt: off
FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("org", "org_ids", "Organization", "organization", options="orgs", placeholder="All organizations",
               scope="it selects endorsements, quotes and agencies"),
    FilterSpec("kind", "org_kinds", "Kind of organization", "kind of organization", options="kinds", placeholder="All kinds",
               scope="it selects endorsements, quotes and organizations"),
    FilterSpec("doc", "doc_ids", "Document", "document", options="docs", placeholder="All documents",
               scope="it selects endorsements, stances, quotes and events"),
    FilterSpec("status", "statuses", "Endorsement status", "endorsement status", options="statuses", placeholder="Any status",
               scope="it selects endorsement rows"),
    FilterSpec("provision", "provision_ids", "Provision", "provision", options="provisions", placeholder="All provisions",
               scope="it selects stances, quotes and provisions"),
    FilterSpec("topic", "topics", "Topic", "topic", options="topics", placeholder="All topics",
               scope="it selects stances, quotes and provisions"),
    FilterSpec("dataset", "dataset_ids", "Coded dataset (agencies)", "coded dataset", options="datasets", placeholder="All coded datasets",
               scope="it selects agencies' coded policies"),
    FilterSpec("state", "states", "State (agencies)", "state", options="states", placeholder="All states",
               scope="it selects agencies; one whose dataset gives no state drops out"),
    FilterSpec("evidence", "evidence_levels", "Evidence of a stance", "evidence level", options="evidence", placeholder="Any evidence",
               scope="it grades the cells of stance grids"),
    FilterSpec("from", "date_from", "From", "start date", widget="date",
               scope="it selects dated endorsements, quotes, events and sources"),
    FilterSpec("to", "date_to", "To", "end date", widget="date",
               scope="it selects dated endorsements, quotes, events and sources"),
)
# fmt: on
FILTER_KEYS = tuple(s.key for s in FILTERS)  # derived from the table, for readers of URLs
# URL keys that pages own (search box, compare picker...): kept, never reported as unknown. Read with pages' state helper.
PAGE_KEYS = ("q", "speaker", "source", "cmp", "diff", "sel", "table", "sql", "ds", "crit", "verdict", "agency", "cell", "event", "quote")
PAGE_KEYS += ("at", "view", "within", "src", "n", "phrase", "near", "pair", "show")  # the Sources page's passage; the Wording page
PAGE_KEYS += ("text",)  # a department's stored full text (its passage: at=)
PAGE_KEYS += ("page",)  # the page number of a paged list (Quotes' cards, Data's table)
PAGE_KEYS += ("read",)  # the provision Compare's long picker shows the evidence for
# A URL may repeat a key; more values than this is not a person's view, it is noise.
MAX_VALUES = 200
_SHOWN = 60  # characters of a bad value repeated back in a notice


class Options:
    """What the filters may take: per Options field, id -> label; and the date limits."""

    def __init__(self, first_date: dt.date | None = None, last_date: dt.date | None = None, **choices: Mapping[str, str] | Sequence[str]):
        self.first_date, self.last_date = first_date, last_date
        self.choices = {name: dict(c) if isinstance(c, Mapping) else {v: v for v in c} for name, c in choices.items()}

    def __getattr__(self, name: str) -> dict[str, str]:
        try:
            return self.__dict__["choices"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True, kw_only=True)
class Filters:
    """The shared filter state, one typed field per row of `table` (FILTERS); empty tuples and None mean 'no restriction'.

    Frozen and compared by value: a Filters is a cache key. Values are normalised on the way in (a widget's list
    becomes a tuple, an empty value the field's empty), so two states that restrict the same rows are equal.
    A new filter is a row of FILTERS and a field here (tests/serve/test_filters.py checks they match).
    """

    table: ClassVar[tuple[FilterSpec, ...]] = FILTERS

    org_ids: tuple[str, ...] = ()
    org_kinds: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    provision_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    dataset_ids: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    evidence_levels: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        for s in self.table:
            value = getattr(self, s.attr)
            object.__setattr__(self, s.attr, (value or None) if s.widget == "date" else tuple(value or ()))

    def replace(self, **values: object) -> Filters:
        return dataclasses.replace(self, **values)

    def to_params(self) -> dict[str, list[str]]:
        """URL parameters for this state (only the filters that restrict something)."""
        out: dict[str, list[str]] = {}
        for s in self.table:
            value = getattr(self, s.attr)
            if value:
                out[s.key] = [value.isoformat()] if s.widget == "date" else list(value)
        return out

    def query_string(self, extra: Mapping[str, Sequence[str]] | None = None) -> str:
        params = {**self.to_params(), **{k: list(v) for k, v in (extra or {}).items() if v}}
        return urlencode(params, doseq=True)

    def is_default(self) -> bool:
        return not any(getattr(self, s.attr) for s in self.table)

    def sql_params(self) -> dict[str, object]:
        """Every filter's binding by its $name; the database binds only the names a query uses."""
        return {s.attr: (list(getattr(self, s.attr)) if s.widget != "date" else getattr(self, s.attr)) for s in self.table}

    def describe(self, options: Options) -> list[str]:
        """'Organization: FOP, NSA' for each filter that is set, in the reader's words."""
        out = []
        for s in self.table:
            value = getattr(self, s.attr)
            if value:
                shown = value.isoformat() if s.widget == "date" else ", ".join(getattr(options, s.options).get(v, v) for v in value)
                out.append(f"{s.label}: {shown}")
        return out


def shown(value: str) -> str:
    """A value from the link as a notice repeats it: one line, at most _SHOWN characters."""
    value = value.replace("\n", " ")
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def pick(values: Sequence[str], allowed: Iterable[str], what: str, notices: list[str]) -> tuple[str, ...]:
    """The allowed values of a link's parameter, in order, once each; every other value named in a notice."""
    allowed = set(allowed)
    kept: list[str] = []
    if len(values) > MAX_VALUES:
        notices.append(f"Ignored {len(values) - MAX_VALUES} extra values for {what} (at most {MAX_VALUES}).")
        values = values[:MAX_VALUES]
    for v in values:
        if v == "":
            continue
        if v not in allowed:
            notices.append(f"Ignored unknown {what} “{shown(v)}” in the link.")
        elif v not in kept:
            kept.append(v)
    return tuple(kept)


def _date(values: Sequence[str], spec: FilterSpec, options: Options, notices: list[str]) -> dt.date | None:
    values = [v for v in values if v != ""]
    if not values:
        return None
    if len(values) > 1:
        notices.append(f"The link gives {len(values)} values for {spec.noun}; used the first.")
    try:
        value = dt.date.fromisoformat(values[0])
    except ValueError:
        notices.append(f"Ignored {spec.noun} “{shown(values[0])}”: not a date like 2017-01-17.")
        return None
    lo, hi = options.first_date, options.last_date
    if (lo and value < lo) or (hi and value > hi):
        notices.append(f"Ignored the link's {spec.noun} {value.isoformat()}: the data runs from {lo} to {hi}.")
        return None
    return value


def parse_params(raw: Mapping[str, Sequence[str]], options: Options, kind: type[Filters] = Filters) -> tuple[Filters, list[str]]:
    """Turn URL parameters into Filters (or a subclass with more filters); every value dropped is named in a notice. Never raises."""
    table = kind.table
    notices: list[str] = []
    known = {s.key for s in table} | set(PAGE_KEYS)
    notices += [f"Ignored unknown link parameter “{shown(k)}”." for k in raw if k not in known]
    values: dict[str, object] = {}
    for s in table:
        got = [str(v) for v in raw.get(s.key, [])]
        if s.widget == "date":
            values[s.attr] = _date(got, s, options, notices)
        else:
            values[s.attr] = pick(got, getattr(options, s.options), s.noun, notices)
    filters = kind(**values)
    start, end = values.get("date_from"), values.get("date_to")
    if start and end and start > end:
        notices.append("The link's start date is after its end date; ignored both.")
        filters = filters.replace(date_from=None, date_to=None)
    return filters, notices


# --- Streamlit side -------------------------------------------------------------------------------

_SYNCED = "_filters_synced_qs"  # the filter part of the URL as we last wrote or read it
_CURRENT = "_filters_current"  # this run's Filters, built once by render_sidebar
_USED = "_filters_used"  # the queries this run's page declared it shows under the filters (uses)
_SLOT = "_filters_unused_slot"  # the sidebar place where the page says which filters it does not use


def _from_widgets(kind: type[Filters]) -> Filters:
    return kind(**{s.attr: st.session_state.get(s.widget_key) for s in kind.table})


def _write_url(filters: Filters) -> None:
    """Put the filters into the URL, leaving the pages' own keys alone."""
    wanted = filters.to_params()
    for s in filters.table:
        if s.key in wanted:
            st.query_params[s.key] = wanted[s.key] if len(wanted[s.key]) > 1 else wanted[s.key][0]
        elif s.key in st.query_params:
            del st.query_params[s.key]
    st.session_state[_SYNCED] = filters.query_string()


def _apply(filters: Filters) -> None:
    for s in filters.table:
        value = getattr(filters, s.attr)
        st.session_state[s.widget_key] = value if s.widget == "date" else list(value)


def sync_from_url(options: Options, kind: type[Filters] = Filters) -> list[str]:
    """Reconcile widget state and URL before the widgets are drawn; returns notices for what was dropped."""
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    keys = {s.key for s in kind.table}
    url_filters = {k: v for k, v in raw.items() if k in keys}
    synced = st.session_state.get(_SYNCED)
    if synced and not url_filters:
        # st.navigation drops the query string on a page switch: carry the filters over.
        _write_url(_from_widgets(kind))
        return []
    filters, notices = parse_params(raw, options, kind)
    if synced is None or filters.query_string() != synced or notices:
        _apply(filters)
        st.session_state[_SYNCED] = filters.query_string()
        if notices:  # rewrite the link only to drop what it named wrongly; a clean fresh link stays as it came
            for key in [k for k in raw if k not in keys and k not in PAGE_KEYS]:
                del st.query_params[key]
            _write_url(filters)
    return notices


def render_sidebar(options: Options, kind: type[Filters] = Filters) -> tuple[Filters, list[str]]:
    """Draw the shared filters in the sidebar; returns the current Filters and notices about the link."""
    notices = sync_from_url(options, kind)
    on_change = lambda: _write_url(_from_widgets(kind))  # noqa: E731
    table = kind.table
    with st.sidebar:
        st.header("Filters")
        dates = [s for s in table if s.widget == "date"]
        for s in table:
            if s.widget == "multiselect":
                choices = getattr(options, s.options)
                widgets.picker(s.label, choices, key=s.widget_key, on_change=on_change, placeholder=s.placeholder)
        for col, s in zip(st.columns(len(dates)) if dates else (), dates, strict=True):
            col.date_input(
                s.label,
                value=None,
                min_value=options.first_date,
                max_value=options.last_date,
                key=s.widget_key,
                on_change=on_change,
                format="YYYY-MM-DD",
            )
        current = _from_widgets(kind)
        if not current.is_default():
            st.caption("Set: " + "; ".join(current.describe(options)))
            st.button("Clear filters", key="f_clear", on_click=_clear, args=(kind,), width="stretch")
        st.session_state[_SLOT] = st.empty()
        st.caption("Undated rows drop out when a date is set.")
    st.session_state[_CURRENT] = current
    st.session_state[_USED] = set()
    return current, notices


def uses(*queries: str) -> None:
    """A page declares the queries (queries/<name>.sql) it shows under the shared filters, as it runs them: the
    filters it applies are those their SQL binds by name, so the sidebar's note follows the SQL, and the data layer
    writes nothing to the session. A no-op outside a Streamlit run (tests, the benchmark)."""
    if st.runtime.exists():
        st.session_state.setdefault(_USED, set()).update(queries)


def applied(queries: Iterable[str], table: Sequence[FilterSpec] = FILTERS) -> set[str]:
    """The attributes of the filters these queries bind ($org_ids: the organization filter)."""
    bound = set().union(*(bound_names(q) for q in queries))
    return {s.attr for s in table} & bound


def unused(filters: Filters, used: Iterable[str]) -> tuple[list[FilterSpec], list[FilterSpec]]:
    """The filters a page did not apply: (those set, those not set)."""
    left = [s for s in filters.table if s.attr not in set(used)]
    return [s for s in left if getattr(filters, s.attr)], [s for s in left if not getattr(filters, s.attr)]


def explain_unused(reasons: Mapping[str, str] | None = None) -> None:
    """After the page ran: say beside the filters which ones it did not use, and why (a page's own reason first)."""
    slot = st.session_state.get(_SLOT)
    if slot is None:
        return
    filters = current()
    set_, idle = unused(filters, applied(st.session_state.get(_USED, ()), filters.table))
    why = lambda s: f"{s.label} ({(reasons or {}).get(s.key) or s.scope})"  # noqa: E731
    with slot.container():
        if set_:
            st.warning("Set but not used on this page: " + "; ".join(why(s) for s in set_) + ".", icon="⚠️")
        if idle:
            st.caption("Not used on this page: " + "; ".join(why(s) for s in idle) + ".")


def set_filter(key: str, values: Sequence[str], kind: type[Filters] = Filters) -> None:
    """Set one shared filter from a page's own control (a callback): its sidebar widget and the URL, as the widget would."""
    spec = next(s for s in kind.table if s.key == key)
    st.session_state[spec.widget_key] = list(values)
    _write_url(_from_widgets(kind))


def _clear(kind: type[Filters]) -> None:
    _apply(kind())
    _write_url(kind())
    for s in kind.table:  # a long picker's find box (widgets.picker) empties with the filters
        st.session_state.pop(f"{s.widget_key}__find", None)


def current() -> Filters:
    """This run's shared filters, as app.py's sidebar built them (pages call this)."""
    return st.session_state.get(_CURRENT) or Filters()
