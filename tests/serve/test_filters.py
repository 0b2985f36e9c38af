"""The URL -> Filters parser: keeps what is known, names what it drops, never raises."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar

import pytest
from streamlit.testing.v1 import AppTest

from explorer.serve.db import bind_sql
from explorer.serve.filters import FILTER_KEYS, FILTERS, Filters, FilterSpec, Options, parse_params
from explorer.serve.search_terms import parse_terms

OPTIONS = Options(
    orgs={"fop": "FOP", "iacp": "IACP"},
    kinds=("labor", "sheriffs"),
    docs={"ncp-2017-01": "NCP"},
    provisions={"warning-shots": "Warning shots"},
    topics=("firearms",),
    evidence={"primary": "own text", "quoted": "own words, quoted"},
    datasets={"campaign-zero-2016": "Campaign Zero 2016"},
    states=("CA",),
    statuses={"signed": "✔ signed"},
    first_date=dt.date(1985, 1, 1),
    last_date=dt.date(2023, 12, 31),
)


def test_known_values_are_kept_in_order_without_duplicates():
    f, notices = parse_params({"org": ["iacp", "fop", "iacp"], "topic": ["firearms"], "from": ["2016-01-01"]}, OPTIONS)
    assert f == Filters(org_ids=("iacp", "fop"), topics=("firearms",), date_from=dt.date(2016, 1, 1))
    assert notices == []


def test_unknown_values_and_keys_are_named():
    f, notices = parse_params({"org": ["fop", "kgb"], "colour": ["red"], "q": ["kept"]}, OPTIONS)
    assert f.org_ids == ("fop",)
    assert any("kgb" in n for n in notices) and any("colour" in n for n in notices)
    assert not any("“q”" in n for n in notices)


def test_bad_and_out_of_range_dates_are_dropped():
    f, notices = parse_params({"from": ["2017-13-01"], "to": ["2099-01-01"]}, OPTIONS)
    assert f.date_from is None and f.date_to is None
    assert len(notices) == 2


def test_huge_lists_are_cut():
    f, notices = parse_params({"org": ["fop"] * 5000}, OPTIONS)
    assert f.org_ids == ("fop",)
    assert any("extra values" in n for n in notices)


def test_round_trip_through_the_query_string():
    f = Filters(org_ids=("fop",), doc_ids=("ncp-2017-01",), date_to=dt.date(2020, 7, 1))
    params = f.to_params()
    assert set(params) <= set(FILTER_KEYS)
    again, notices = parse_params(params, OPTIONS)
    assert again == f and notices == []
    assert f.query_string() == "org=fop&doc=ncp-2017-01&to=2020-07-01"


def test_search_terms():
    assert parse_terms('warning  shots "moving vehicle" Shots') == ("warning", "shots", "moving vehicle")
    assert parse_terms("") == ()
    assert len(parse_terms(" ".join(f"w{i}" for i in range(100)))) == 12


# --- adding a filter is one row of the table and one field of Filters ---------------------------------------

EXTRA = FilterSpec("source_kind", "source_kinds", "Kind of source", "kind of source", options="source_kinds", placeholder="All kinds")


@dataclasses.dataclass(frozen=True, kw_only=True)
class WithSourceKinds(Filters):
    """The shared filters and one more: its row in the table, its typed field."""

    table: ClassVar[tuple[FilterSpec, ...]] = (*FILTERS, EXTRA)
    source_kinds: tuple[str, ...] = ()


EXTRA_OPTIONS = Options(**{**OPTIONS.choices, "source_kinds": {"press": "Press", "court": "Court"}}, first_date=OPTIONS.first_date)


def test_the_dataclass_has_one_typed_field_per_row_of_the_filter_table():
    fields = {f.name: f.type for f in dataclasses.fields(Filters)}
    assert list(fields) == [s.attr for s in FILTERS]
    for s in FILTERS:
        assert fields[s.attr] == ("dt.date | None" if s.widget == "date" else "tuple[str, ...]"), s.attr


def test_filters_are_frozen_normalised_and_compared_by_value():
    f = Filters(org_ids=["fop"], topics=None, date_from=None)  # a widget's list, an empty widget
    assert f.org_ids == ("fop",) and f.topics == () and f == Filters(org_ids=("fop",))
    assert hash(f) == hash(Filters(org_ids=("fop",)))  # a cache key
    assert {f: 1}[Filters(org_ids=("fop",))] == 1
    assert f != Filters(org_ids=("iacp",)) and Filters().is_default() and not f.is_default()
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.org_ids = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        Filters(colour=("red",))  # type: ignore[call-arg]
    assert f.replace(org_ids=(), topics=["firearms"]) == Filters(topics=("firearms",))
    assert f.replace(org_ids=()).is_default()


def test_a_new_row_in_the_filter_table_reaches_the_url_the_bindings_and_the_notices():
    f, notices = parse_params({"source_kind": ["court", "nope"], "org": ["fop"]}, EXTRA_OPTIONS, WithSourceKinds)
    assert isinstance(f, WithSourceKinds)
    assert f.source_kinds == ("court",) and f.org_ids == ("fop",)
    assert notices == ["Ignored unknown kind of source “nope” in the link."]
    assert f.to_params() == {"org": ["fop"], "source_kind": ["court"]}
    assert parse_params(f.to_params(), EXTRA_OPTIONS, WithSourceKinds)[0] == f
    assert f.sql_params()["source_kinds"] == ["court"]
    sql = "select 1 from sources where len($source_kinds::varchar[]) = 0 or list_contains($source_kinds::varchar[], kind)"
    assert bind_sql(sql, f.sql_params()) == {"source_kinds": ["court"]}  # what the app binds, through its own binder
    assert f.describe(EXTRA_OPTIONS) == ["Organization: FOP", "Kind of source: Court"]


def _sidebar_with_extra_filter() -> None:
    import dataclasses
    import datetime as dt
    from typing import ClassVar

    from explorer.serve.filters import FILTERS, Filters, FilterSpec, Options, render_sidebar

    extra = FilterSpec("source_kind", "source_kinds", "Kind of source", "kind of source", options="source_kinds")

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class WithSourceKinds(Filters):
        table: ClassVar[tuple[FilterSpec, ...]] = (*FILTERS, extra)
        source_kinds: tuple[str, ...] = ()

    options = Options(
        orgs={"fop": "FOP"},
        kinds={},
        docs={},
        provisions={},
        topics={},
        evidence={},
        datasets={},
        states={},
        statuses={},
        source_kinds={"court": "Court"},
    )
    options.first_date, options.last_date = dt.date(1985, 1, 1), dt.date(2023, 1, 1)
    render_sidebar(options, WithSourceKinds)


def test_a_new_row_in_the_filter_table_draws_its_widget_from_the_link():
    at = AppTest.from_function(_sidebar_with_extra_filter)
    at.query_params["source_kind"] = "court"
    at.run()
    assert not at.exception
    box = next(m for m in at.sidebar.multiselect if m.label == "Kind of source")
    assert box.value == ["court"]
    box.set_value([]).run()
    assert "source_kind" not in at.query_params
