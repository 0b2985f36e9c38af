"""The Overview's timeline: every event on the chart, a click opens the event and its source, the table pages through all."""

from __future__ import annotations

import streamlit as st

from explorer.serve import charts, components, data, say
from explorer.serve.filters import Filters
from explorer.serve.markdown import md, source_line
from explorer.serve.page_state import answer, fresh, selected

CHART_EVENTS = 200  # more points than this on one timeline is noise; the table pages through the rest


def show(f: Filters) -> None:
    events = data.events_timeline(f).page(limit=CHART_EVENTS)
    if events.empty:
        components.empty_state()
        return
    total = int(events["total_rows"].iloc[0])
    events = events.drop(columns=["total_rows"])
    first, last = events.iloc[0], events.iloc[-1]
    summary = (
        f"{say.count(total, 'event')} from {first['on_date']} ({first['title']}) to {last['on_date']} ({last['title']}), all on the chart."
    )
    if total > len(events):
        summary = summary.replace("all on the chart", f"the first {len(events):,} on the chart; the table below has them all")
    picked = components.chart(
        charts.timeline(events),
        summary,
        events,
        "events",
        f.query_string(),
        fresh("overview__timeline"),
        phone=charts.timeline_list(events),
        on_select="rerun",
        selection_mode="points",
    )
    points = components.selection(picked, "points")
    by_id = events.set_index("event_id")
    if event_id := selected("event", points[0]["customdata"][0] if points else None, by_id.index, "event"):
        answer(str(by_id.loc[event_id, "title"]), "event", lambda: event_card(by_id.loc[event_id]), selecting=["overview__timeline"])
    components.paged_table(
        data.events_timeline(f),
        "events",
        f.query_string(),
        "overview__events",
        columns=["on_date", "title", "description", "doc_short_title", "source_publisher", "source_url", "stored_text"],
        column_config={
            "on_date": "Date",
            "title": st.column_config.TextColumn("Event", width="large"),  # the chart's cut labels, whole
            "description": st.column_config.TextColumn("What happened", width="large"),
            "doc_short_title": "Document",
            "source_publisher": "Source",
            "source_url": st.column_config.LinkColumn("Link", display_text="open source"),
            "stored_text": st.column_config.LinkColumn("Stored text", display_text="read the stored text"),
        },
    )


def event_card(e: object) -> None:
    """One event: date, what happened, the document it concerns, its source (address and stored text)."""
    doc = e["doc_short_title"] if isinstance(e["doc_short_title"], str) else charts.CONTEXT_LANE
    st.markdown(f"**{md(e['on_date'])}** · {md(doc)}")
    st.markdown(md(e["description"]))
    st.markdown(source_line(e["source_title"], e["source_publisher"], "", e["source_url"]))
    st.page_link("pages/sources.py", label="Read the stored source text →", query_params={"sel": e["source_id"]})
