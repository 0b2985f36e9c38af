"""Pure figure builders (DataFrame -> plotly Figure) with one look; graph_objects, not express (30x cheaper)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from explorer import contract
from explorer.serve.labels import OKABE_ITO, STATUSES, VERDICTS, clip, endorsement_label, kind_label, status_label
from explorer.wording import SOURCE_KINDS

FONT = dict(family="sans-serif", size=13)
CONTEXT_LANE = "Context (no document)"  # the timeline's name for events that concern no document
MAX_LANES = 10  # a timeline with more lanes than this is unreadable: the rest share one


def memo(builder: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """A figure built once per distinct data and shared by every session: building one costs 30-80 ms of plotly
    validation, the largest part of a warm rerun. Shared, so read-only: its title is moved to `title_of` here."""

    def built(*args: object, **kwargs: object) -> go.Figure:
        fig = builder(*args, **kwargs)
        title = fig.layout.title.text or ""
        fig.update_layout(title=None, meta={"title": title})  # drawn as text above the chart, away from its toolbar
        return fig

    # Streamlit keys a cache by the function's name and source: every `built` would share one cache, and two builders
    # given the same data (the timeline's wide and phone figures) the same figure. Each builder's name keeps them apart.
    built.__qualname__, built.__module__ = f"memo.{builder.__qualname__}", builder.__module__
    return functools.wraps(builder)(st.cache_resource(max_entries=512, show_spinner=False)(built))


def title_of(fig: go.Figure) -> str:
    """The title a memo figure was built with (drawn above the chart by components.chart)."""
    meta = fig.layout.meta
    return meta.get("title", "") if isinstance(meta, dict) else ""


def _style(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=0.99, yanchor="top"),
        xaxis_title=x_title,
        yaxis_title=y_title,
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),  # the legend pushes the top margin as it needs
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        colorway=list(OKABE_ITO),
        hoverlabel=dict(align="left"),
    )
    return fig


GAP = pd.Timedelta(days=450)  # an empty stretch of the timeline longer than this is squeezed out of its axis
EDGE = pd.Timedelta(days=120)  # what is kept of a squeezed stretch on each side of its events


def squeezed(dates: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The long empty stretches between events, less EDGE at each end: the date axis leaves them out (rangebreaks), so
    the years with many events get the width and the 1985, 1989 and 2006 events are not pressed against 2016-2020."""
    days = sorted(set(dates))
    return [(a + EDGE, b - EDGE) for a, b in zip(days, days[1:], strict=False) if b - a > GAP]


def _lanes(events: pd.DataFrame) -> pd.DataFrame:
    """The events in order, a row each, with the lane (document) that names their colour and symbol."""
    lane = events["doc_short_title"].fillna(CONTEXT_LANE)
    busiest = lane.value_counts().index[: MAX_LANES - 1]
    df = events.assign(lane=lane.where(lane.isin(busiest) | (lane.nunique() <= MAX_LANES), "Other documents")).reset_index(drop=True)
    df["row"] = range(len(df))
    return df


_SYMBOLS = ("circle", "diamond", "square", "triangle-up", "star", "hexagon", "cross", "x", "pentagon", "triangle-down")


def _event_trace(part: pd.DataFrame, i: int, x: object, text: list[str], textposition: object) -> go.Scatter:
    return go.Scatter(
        x=x,
        y=part["row"],
        mode="markers+text",
        name=part["lane"].iloc[0],
        text=text,
        textposition=textposition,
        textfont=dict(size=11),
        cliponaxis=False,
        marker=dict(size=12, symbol=_SYMBOLS[i % len(_SYMBOLS)], color=OKABE_ITO[i % len(OKABE_ITO)], line=dict(width=1, color="#333")),
        customdata=part[["event_id", "title", "on_date", "source_publisher", "lane"]].to_numpy(),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[4]}<br>Source: %{customdata[3]}<extra></extra>",
    )


@memo
def timeline(events: pd.DataFrame) -> go.Figure:
    """Every event on its own row (none hides another), labelled with its title; colour and symbol name the document.

    The axis spans every event, the 1985 and 1989 court cases included, with the long empty stretches between them
    squeezed out (a dotted line marks each). A label sits on the side of its dot with more room. Clicking a dot selects it.
    """
    df = _lanes(events)
    first, last = df["on_date_date"].min(), df["on_date_date"].max()
    breaks = squeezed(df["on_date_date"])
    shown = (last - first + 2 * EDGE) - sum((b - a for a, b in breaks), pd.Timedelta(0))

    def share(d: pd.Timestamp) -> float:  # how far along the drawn axis a date sits, 0 to 1
        gone = sum((min(b, d) - a for a, b in breaks if a < d), pd.Timedelta(0))
        return (d - first + EDGE - gone) / shown

    fig = go.Figure()
    for i, lane in enumerate(dict.fromkeys(df["lane"])):
        part = df[df["lane"] == lane]
        side = ["middle right" if share(d) <= 0.5 else "middle left" for d in part["on_date_date"]]
        fig.add_trace(_event_trace(part, i, part["on_date_date"], [clip(t, 36) for t in part["title"]], side))
    fig = _style(fig, "Timeline of the debate", "Date (long stretches without events are squeezed out: dotted lines)", "")
    fig.update_layout(height=max(320, 24 * len(df) + 160))
    for _, end in breaks:
        fig.add_vline(x=end, line=dict(dash="dot", width=1, color="#999"))
    years = sorted({d.year for d in df["on_date_date"]})
    ticks = [max(pd.Timestamp(year=y, month=1, day=1), min(d for d in df["on_date_date"] if d.year == y) - EDGE / 2) for y in years]
    fig.update_xaxes(
        range=[first - EDGE, last + EDGE],
        rangebreaks=[dict(bounds=[a, b]) for a, b in breaks],
        tickvals=ticks,
        ticktext=[str(y) for y in years],
    )
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    return fig


PHONE_LABEL = 36  # characters of an event's title beside its date in the phone's list: 390 px less the page's padding


@memo
def timeline_list(events: pd.DataFrame) -> go.Figure:
    """The timeline on a phone: the events in date order, one row each, dot at the left and date and title beside it
    (the whole width for the words; a date axis 330 px wide crowds them). Colour and symbol name the document as on
    the wide chart; hovering or tapping a dot shows the whole title, the table below has every word."""
    df = _lanes(events)
    fig = go.Figure()
    for i, lane in enumerate(dict.fromkeys(df["lane"])):
        part = df[df["lane"] == lane]
        text = [f"{d} · {clip(t, PHONE_LABEL)}" for d, t in zip(part["on_date"], part["title"], strict=True)]
        fig.add_trace(_event_trace(part, i, [0] * len(part), text, "middle right"))
    fig = _style(fig, "Timeline of the debate", "", "", height=max(320, 24 * len(df) + 220))
    fig.update_xaxes(range=[-0.02, 1], visible=False, fixedrange=True)
    fig.update_yaxes(autorange="reversed", visible=False, fixedrange=True)
    fig.update_layout(dragmode=False)
    return fig


@memo
def endorsement_matrix(df: pd.DataFrame) -> go.Figure:
    """Organization x document, one marker shape, colour and text label per status (clickable points).

    A part only, one member's remark, a report or an inference is an open marker and says so in its label.
    """
    fig = go.Figure()
    df = df.assign(label=df["acronym"].where(df["acronym"] != "unknown", df["org_name"]).map(lambda n: clip(n, 24)))
    orgs = list(dict.fromkeys(df.sort_values(["org_kind", "org_name"])["label"]))
    for status, (_, _, colour, marker) in STATUSES.items():
        part = df[df["status"] == status]
        if part.empty:
            continue
        qualified = contract.qualified(part["extent"], part["evidence"])
        # Filled marks rest on the organization's own words or the document's own list; open marks are qualified
        # (one trace each, so that the legend shows the filled mark and both toggle together).
        for is_open, rows in ((False, part[~qualified]), (True, part[qualified])):
            if rows.empty:
                continue
            labels = [
                endorsement_label(s, x, e).split(" ", 1)[1]
                for s, x, e in zip(rows["status"], rows["extent"], rows["evidence"], strict=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=rows["doc_short_title"],
                    y=rows["label"],
                    mode="markers+text",
                    name=status_label(status),
                    legendgroup=status,
                    showlegend=not is_open or part[~qualified].empty,
                    text=labels,
                    cliponaxis=False,
                    textposition="middle right",
                    textfont=dict(size=11),
                    marker=dict(
                        symbol=f"{marker}-open" if is_open else marker,
                        size=14,
                        color=colour,
                        line=dict(width=2 if is_open else 1, color=colour if is_open else "#333"),
                    ),
                    customdata=rows[["org_id", "org_name", "on_date", "source_publisher"]].to_numpy(),
                    hovertemplate="<b>%{customdata[1]}</b> %{text} %{x}<br>%{customdata[2]}<br>Source: %{customdata[3]}<extra></extra>",
                )
            )
    fig = _style(
        fig,
        "Who authored, signed, declined, opposed or supported each document",
        "Document",
        "Organization",
        height=max(360, 26 * len(orgs) + 160),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=orgs[::-1])
    docs = list(dict.fromkeys(df["doc_short_title"]))  # the query returns documents oldest first
    fig.update_xaxes(categoryorder="array", categoryarray=docs, range=[-0.5, len(docs) + 0.6])  # room for the last labels
    return fig


@memo
def status_by_kind(df: pd.DataFrame) -> go.Figure:
    """Stacked bars: endorsement rows per kind of organization, one bar segment per status."""
    fig = go.Figure()
    kinds = sorted(df["org_kind"].unique())
    for status, (_, _, colour, _) in STATUSES.items():
        part = df[df["status"] == status].set_index("org_kind").reindex(kinds)
        if part["endorsements"].fillna(0).sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                x=[kind_label(k) for k in kinds],
                y=part["endorsements"].fillna(0),
                name=status_label(status),
                marker_color=colour,
                text=[f"{int(v)} {status}" if v and v > 0 else "" for v in part["endorsements"].fillna(0)],
                textposition="inside",
                hovertemplate="%{x}: %{y} " + status + "<extra></extra>",
            )
        )
    fig = _style(fig, "Endorsement rows by kind of organization and status", "Kind of organization", "Endorsement rows")
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=10, mode="hide"))  # on a phone: no text too small to read
    fig.update_traces(textangle=0)
    _whole_steps(fig, "y", df.groupby("org_kind")["endorsements"].sum().max() if len(df) else 0)
    return fig


# The codebook's verdicts (met, not met, not coded), each with its colour and pattern; each bar also says its verdict in words.
VERDICT_BARS = tuple((v, *style) for v, style in zip(VERDICTS, (("#009E73", ""), ("#D55E00", ""), ("#999999", ".")), strict=True))


@memo
def criterion_counts(df: pd.DataFrame, coder: str, title: str = "") -> go.Figure:
    """Horizontal stacked bars: per criterion, agencies the coder judged met / not met / not coded, counts written on them."""
    fig = go.Figure()
    names = [clip(n, 30) for n in df["name"]]  # fits beside the bars on a phone; the full name is in the hover
    for verdict, colour, pattern in VERDICT_BARS:
        col = verdict.replace(" ", "_")
        fig.add_trace(
            go.Bar(
                y=names,
                x=df[col],
                orientation="h",
                name=f"{verdict} ({coder}'s verdict)",
                marker=dict(color=colour, pattern=dict(shape=pattern)),
                text=[f"{n} {verdict}" if n else "" for n in df[col]],
                textposition="inside",
                customdata=df[["criterion_id", "name"]].assign(verdict=verdict).to_numpy(),  # a selected bar names its verdict
                hovertemplate="%{customdata[1]}: %{x} " + verdict + "<extra></extra>",
            )
        )
    fig = _style(
        fig,
        title or f"Agencies' policies by {coder}'s criteria",
        "Agencies",
        "Criterion (the coder's)",
        height=max(320, 42 * len(names) + 160),
    )
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=10, mode="hide"))  # on a phone: no text too small to read
    fig.update_traces(textangle=0)
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1])
    _whole_steps(fig, "x", df[["met", "not_met", "not_coded"]].sum(axis=1).max() if len(df) else 0)
    return fig


@memo
def contested_counts(df: pd.DataFrame) -> go.Figure:
    """One group per provision (its name above it), one bar per dataset in it: never two datasets stacked in one bar.

    Each bar's label names its dataset and year and says "n of m met" in words, so the counts read at any width even
    where a segment is too thin for its own text (plotly hides such text rather than overlap it).
    """
    ticks = [f"{_wrap(w)}<br>{m} of {m + n} met" for w, m, n in zip(df["wave"], df["met"], df["not_met"], strict=True)]
    segments = [(v.replace(" ", "_"), v, f"{v} (the coder's verdict)", c, p) for v, c, p in VERDICT_BARS]
    hover = "%{customdata[0]}: %{x} {verdict} on “%{customdata[1]}”"
    fig = _grouped_bars(df.assign(tick=ticks), "provision_name", segments, ["dataset", "criterion"], hover)
    return _style_grouped(fig, df, "Agencies' policies meeting the coder's nearest criterion, per dataset", "Agencies")


CHANGES = (  # a move between waves: its column, words, colour and pattern (each bar also says it in words)
    ("up", "not met → met", "#009E73", ""),
    ("down", "met → not met", "#D55E00", ""),
    ("same", "same verdict", "#BBBBBB", ""),
    ("not_comparable", "not comparable (not coded in one wave)", "#999999", "."),
)


@memo
def wave_changes(df: pd.DataFrame) -> go.Figure:
    """Per criterion (its name above), one bar per pair of waves: departments whose coders' verdicts moved up, down, or not."""
    ticks = [
        f"{_wrap(a)} →<br>{_wrap(b)}<br>{u} up, {d} down of {n}"
        for a, b, u, d, n in zip(df["earlier_wave"], df["later_wave"], df["up"], df["down"], df["departments"], strict=True)
    ]
    segments = [(col, word.split(" (")[0], word, colour, pattern) for col, word, colour, pattern in CHANGES]
    hover = "%{customdata[0]}: %{x} departments {verdict}"
    fig = _grouped_bars(df.assign(tick=ticks), "criterion_name", segments, ["waves"], hover)
    return _style_grouped(fig, df, "Departments whose coders' verdict moved between waves (established links only)", "Departments")


def _grouped_bars(df: pd.DataFrame, group: str, segments: list, custom: list[str], hover: str) -> go.Figure:
    """Horizontal stacked bars in groups (one subplot each, its name above it); rows' `tick` labels name each bar."""
    groups = list(dict.fromkeys(df[group]))
    sizes = [int((df[group] == g).sum()) for g in groups]
    height = 170 + 80 * len(df) + 50 * len(groups)
    gap = 56 / (height - 120) if len(groups) > 1 else 0  # room for a group's two-line name between groups (pixels over plot height)
    fig = make_subplots(rows=len(groups), cols=1, shared_xaxes=True, subplot_titles=groups, row_heights=sizes, vertical_spacing=gap)
    for row, name in enumerate(groups, start=1):
        part = df[df[group] == name]
        for col, word, legend, colour, pattern in segments:
            fig.add_trace(
                go.Bar(
                    y=part["tick"],
                    x=part[col],
                    orientation="h",
                    name=legend,
                    legendgroup=col,
                    showlegend=row == 1,
                    marker=dict(color=colour, pattern=dict(shape=pattern)),
                    text=[f"{n} {word}" if n else "" for n in part[col]],
                    textposition="inside",
                    insidetextanchor="middle",
                    textangle=0,
                    insidetextfont=dict(color="#222" if pattern or colour == "#BBBBBB" else "#fff"),
                    customdata=part[custom].to_numpy(),
                    hovertemplate=hover.replace("{verdict}", word) + "<extra></extra>",
                ),
                row=row,
                col=1,
            )
        fig.update_yaxes(categoryorder="array", categoryarray=list(part["tick"])[::-1], row=row, col=1)
    fig.update_layout(meta={"height": height, "groups": len(groups)})
    return fig


def _style_grouped(fig: go.Figure, df: pd.DataFrame, title: str, x_title: str) -> go.Figure:
    groups = fig.layout.meta["groups"]
    fig = _style(fig, title, "", "", height=fig.layout.meta["height"])
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=10, mode="hide"), margin=dict(t=50, b=70), meta=None)
    fig.update_layout(legend=dict(yref="container", y=0, yanchor="bottom"))  # under the axis, clear of the first group's name
    fig.update_xaxes(title_text=x_title, row=groups, col=1)
    # each group's name, bold, right-aligned at the axis above its bars: it reaches into the labels' margin, not over the bars
    fig.update_annotations(x=0, xanchor="right", align="right", font=dict(size=13, color="#222"))
    fig.for_each_annotation(lambda a: a.update(text=f"<b>{_wrap(a.text, 22)}</b>"))
    counts = [c for c in ("met", "not_met", "not_coded", "up", "down", "same", "not_comparable") if c in df]
    _whole_steps(fig, "x", df[counts].sum(axis=1).max() if len(df) else 0)
    return fig


def _wrap(text: str, width: int = 18) -> str:
    """A label broken into lines of about `width` characters (plotly draws <br> as a line break), so it fits on a phone."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _whole_steps(fig: go.Figure, axis: str, top: float) -> None:
    """A count axis steps by whole numbers (plotly picks 0.5 for small counts): 1, 2, 5, 10... so that at most 6 ticks show."""
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if top / s <= 5), None)
    kwargs = dict(dtick=step, tick0=0) if step else dict(tickformat=",d")
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(rangemode="tozero", **kwargs)


_KIND_SYMBOLS = ("diamond", "square", "star", "circle", "triangle-up", "cross", "x")  # one per SOURCE_KINDS, in its order


@memo
def hits_by_kind(counts: pd.DataFrame, phrase: str) -> go.Figure:
    """Horizontal bars: per kind of source, how many times its stored texts hold the phrase, with how many sources."""
    kinds = counts.drop_duplicates("source_kind").set_index("source_kind")
    order = [k for k in SOURCE_KINDS if k in kinds.index] + [k for k in kinds.index if k not in SOURCE_KINDS]
    kinds = kinds.loc[order]
    fig = go.Figure(
        go.Bar(
            y=list(kinds.index),
            x=kinds["kind_hits"],
            orientation="h",
            marker_color=[OKABE_ITO[SOURCE_KINDS.index(k) % len(OKABE_ITO)] if k in SOURCE_KINDS else "#999999" for k in kinds.index],
            text=[
                f"{int(h):,} in {int(s):,} {'source' if s == 1 else 'sources'}"
                for h, s in zip(kinds["kind_hits"], kinds["kind_sources"], strict=True)
            ],
            textposition="auto",
            hovertemplate="%{y}: %{x} matches<extra></extra>",
        )
    )
    fig = _style(
        fig, f"Where “{clip(phrase, 40)}” is found, by kind of source", "Matches in the stored texts", "", height=120 + 44 * len(kinds)
    )
    fig.update_yaxes(autorange="reversed")
    _whole_steps(fig, "x", kinds["kind_hits"].max() if len(kinds) else 0)
    return fig


@memo
def lineage_spread(spread: pd.DataFrame) -> go.Figure:
    """The phrase over time: one marker per year and kind of source, its size the number of sources carrying it."""
    dated = spread.dropna(subset=["year"])
    fig = go.Figure()
    for kind in (k for k in SOURCE_KINDS if k in set(dated["source_kind"])):
        part = dated[dated["source_kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=[kind] * len(part),
                mode="markers+text",
                name=kind,
                marker=dict(
                    size=[min(40, 10 + 3 * s**0.5 * 2) for s in part["sources"]],
                    symbol=_KIND_SYMBOLS[SOURCE_KINDS.index(kind)],
                    color=OKABE_ITO[SOURCE_KINDS.index(kind) % len(OKABE_ITO)],
                    line=dict(width=1, color="#333"),
                ),
                text=[f"{int(s):,}" for s in part["sources"]],
                textposition="top center",
                cliponaxis=False,
                customdata=part[["sources", "passages", "top_share"]].to_numpy(),
                hovertemplate="%{x} · %{y}: %{customdata[0]} sources, %{customdata[1]} passages, up to %{customdata[2]:.0%} of the phrase<extra></extra>",
            )
        )
    fig = _style(
        fig, "The phrase's spread: sources carrying it, by year and kind of source", "Year (as each source is dated)", "", height=340
    )
    fig.update_xaxes(dtick=1 if dated["year"].nunique() <= 12 else None, tickformat="d")
    fig.update_layout(showlegend=False)
    return fig
