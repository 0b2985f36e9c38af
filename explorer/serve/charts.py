"""Pure figure builders (DataFrame -> plotly Figure) with one look; graph_objects, not express (30x cheaper)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explorer.serve.labels import OKABE_ITO, STATUSES, endorsement_label, kind_label, status_label

FONT = dict(family="sans-serif", size=13)
MAX_LANES = 10  # a timeline with more lanes than this is unreadable: the rest share one


def _style(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=0.99, yanchor="top"),
        xaxis_title=x_title,
        yaxis_title=y_title,
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=100, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        colorway=list(OKABE_ITO),
        hoverlabel=dict(align="left"),
    )
    return fig


def timeline(events: pd.DataFrame) -> go.Figure:
    """Events on a date axis, one lane per document (or 'Context'), labelled with their titles."""
    lane = events["doc_short_title"].fillna("Context")
    busiest = lane.value_counts().index[: MAX_LANES - 1]
    df = events.assign(lane=lane.where(lane.isin(busiest) | (lane.nunique() <= MAX_LANES), "Other documents"))
    lanes = list(dict.fromkeys(df.sort_values("on_date_date")["lane"]))
    fig = go.Figure()
    for i, lane in enumerate(lanes):
        part = df[df["lane"] == lane]
        fig.add_trace(
            go.Scatter(
                x=part["on_date_date"],
                y=[lane] * len(part),
                mode="markers",
                name=lane,
                marker=dict(size=13, color=OKABE_ITO[i % len(OKABE_ITO)], line=dict(width=1, color="white")),
                customdata=part[["title", "on_date", "source_publisher"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>",
                showlegend=False,
            )
        )
    fig = _style(fig, "Timeline of the debate", "Date", "Document concerned", height=max(300, 60 * len(lanes) + 140))
    recent = df[df["on_date_date"] >= pd.Timestamp("2015-10-01")]
    if len(recent) and len(recent) < len(df):
        # Start on the 2016-2020 debate; the court cases stay a zoom away.
        fig.update_xaxes(range=[pd.Timestamp("2015-10-01"), recent["on_date_date"].max() + pd.Timedelta(days=120)])
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1])
    return fig


def endorsement_matrix(df: pd.DataFrame) -> go.Figure:
    """Organization x document, one marker shape, colour and text label per status (clickable points).

    A part only, one member's remark, a report or an inference is an open marker and says so in its label.
    """
    fig = go.Figure()
    orgs = list(dict.fromkeys(df.sort_values(["org_kind", "org_name"])["acronym"].where(lambda s: s != "unknown", df["org_name"])))
    for status, (_, _, colour, marker) in STATUSES.items():
        part = df[df["status"] == status]
        if part.empty:
            continue
        qualified = (part["extent"] != "whole") | (part["evidence"] != "primary")
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
                    y=rows["acronym"].where(rows["acronym"] != "unknown", rows["org_name"]),
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
    fig.update_layout(barmode="stack")
    return fig


VERDICTS = (("met", "#009E73", ""), ("not met", "#D55E00", ""), ("not coded", "#999999", "."))  # each bar also says its verdict in words


def criterion_counts(df: pd.DataFrame, coder: str, title: str = "") -> go.Figure:
    """Horizontal stacked bars: per criterion, agencies the coder judged met / not met / not coded, counts written on them."""
    fig = go.Figure()
    names = list(df["name"])
    for verdict, colour, pattern in VERDICTS:
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
                customdata=df[["criterion_id"]].to_numpy(),
                hovertemplate="%{y}: %{x} " + verdict + "<extra></extra>",
            )
        )
    fig = _style(
        fig,
        title or f"Agencies' policies by {coder}'s criteria",
        "Agencies",
        "Criterion (the coder's)",
        height=max(320, 42 * len(names) + 160),
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1])
    fig.update_xaxes(dtick=10)
    return fig
