"""Overview: what the product is, headline figures, the key contrast at a glance, and the timeline."""

import streamlit as st

from explorer.serve import charts, components, data, stance_grid
from explorer.serve.filters import current
from explorer.serve.frame import require_navigation

require_navigation()
CHART_EVENTS = 200  # more points than this on one timeline is noise; the table pages through the rest
f = current()

# 1/ What this is
st.title("Use-of-Force Policy Explorer")
st.markdown(
    "How US police organizations position themselves on use-of-force policy: who wrote, signed, declined or "
    "opposed PERF's 2016 Guiding Principles, the IACP Model Policy and the 2017 National Consensus Policy, and "
    "what each says on warning shots, moving vehicles, de-escalation and the sanctity of life. "
    "Every figure, stance and quote below is traced to a stored source text."
)

# 2/ Headline figures
k = data.kpi_totals()
cols = st.columns(6)
cols[0].metric(
    "Signed the 2017 consensus policy",
    k["signers"],
    help="Organizations that issued the National Consensus Policy on Use of Force, January 2017",
)
cols[1].metric("Took part, then declined", k["decliners"])
cols[2].metric("Documents coded", k["documents"])
cols[3].metric("Provisions", k["provisions"])
cols[4].metric("Sourced quotes", k["quotes"])
cols[5].metric("Stored sources", k["sources"])

# 3/ The key contrast at a glance
st.subheader("The key contrast")
contrast = data.key_contrast(f)
if contrast.empty and f.is_default():  # another database without these documents: contrast its first documents instead
    docs, provs = data.documents(), data.provisions()
    contrast = data.key_contrast(f, tuple(docs["doc_id"][:3]), tuple(provs["provision_id"][:4]))
if contrast.empty:
    components.empty_state(
        "No stances of these documents on these provisions. Clear the Document or Provision filter to see the key contrast."
    )
else:
    st.dataframe(stance_grid.pivot(contrast), key="overview__contrast")
    components.downloads(contrast, "key_contrast", f.query_string(), "overview__contrast")
components.evidence_key(f, "pages/overview.py")
ws = contrast.set_index(["provision_id", "doc_id"])["stance"].str.replace("_", " ")
if {("warning-shots", "iacp-model-policy"), ("warning-shots", "ncp-2017-01"), ("shooting-at-moving-vehicles", "perf-gp-2016-03")} <= set(
    ws.index
):
    st.caption(
        components.md(
            f"On warning shots the IACP Model Policy {ws[('warning-shots', 'iacp-model-policy')]}, "
            f"the consensus policy {ws[('warning-shots', 'ncp-2017-01')]}; on shooting at moving vehicles PERF "
            f"{ws[('shooting-at-moving-vehicles', 'perf-gp-2016-03')]} where the consensus policy "
            f"{ws[('shooting-at-moving-vehicles', 'ncp-2017-01')]}. “?” means the stored sources do not settle it."
        )
    )
st.page_link("pages/compare.py", label="Compare every provision, with the supporting quotes →", query_params=f.to_params())

# 4/ Timeline
st.subheader("Timeline")
events = data.events_timeline(f, limit=CHART_EVENTS)
if events.empty:
    components.empty_state()
else:
    total = int(events["total_rows"].iloc[0])
    events = events.drop(columns=["total_rows"])
    first, last = events.iloc[0], events.iloc[-1]
    summary = f"{total:,} events from {first['on_date']} ({first['title']}) to {last['on_date']} ({last['title']})."
    if total > len(events):
        summary += f" The chart shows the first {len(events):,}; the table below has them all."
    components.chart(charts.timeline(events), summary, events, "events", f.query_string(), "overview__timeline")
    components.paged_table(
        lambda limit, offset: data.events_timeline(f, limit, offset),
        "events",
        f.query_string(),
        "overview__events",
        columns=["on_date", "title", "description", "doc_short_title", "source_publisher", "source_url"],
        column_config={
            "on_date": "Date",
            "title": "Event",
            "description": st.column_config.TextColumn("What happened", width="large"),
            "doc_short_title": "Document",
            "source_publisher": "Source",
            "source_url": st.column_config.LinkColumn("Link", display_text="open source"),
        },
    )
