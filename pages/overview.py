"""Overview: what the product is, headline figures, the key contrast at a glance, and the timeline."""

import streamlit as st

from explorer.serve import components, data, say
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.markdown import md
from explorer.serve.views import compare_grid as stance_grid, overview_timeline as timeline

require_navigation()
f = current()

# 1/ What this is: the story of the embedded data, told only over a database that holds its documents
docs = data.documents()
titles = dict(zip(docs["doc_id"], docs["short_title"], strict=True))
embedded = set(data.contrast_docs()) <= set(titles) and data.key_doc() in titles
k = data.kpi_totals()
st.title("Use-of-Force Policy Explorer")
if embedded:
    st.markdown(
        "How US police organizations position themselves on use-of-force policy: who wrote, signed, declined or "
        "opposed PERF's 2016 Guiding Principles, the IACP Model Policy and the 2017 National Consensus Policy, and "
        "what each says on warning shots, moving vehicles, de-escalation and the sanctity of life. "
        "Every figure, stance and quote below is traced to a stored source text."
    )
else:  # another database (a reader's own, or the benchmarks' synthetic data): its own figures, no story it does not hold
    st.markdown(
        f"How organizations position themselves on use-of-force policy, in the database this app serves: "
        f"{say.count(k['documents'], 'document')}, {say.count(k['organizations'], 'organization')} and their stances, "
        "endorsements and quotes, each traced to a stored source text. This is not the embedded data release: "
        "the figures below are this database's own."
    )

# 2/ Headline figures
cols = [c for _ in range(2) for c in st.columns(3)]  # two rows of three: no label is cut at any width
if embedded:
    cols[0].metric(
        "Signed the 2017 consensus policy",
        say.number(k["signers"]),
        help="Organizations that issued the National Consensus Policy on Use of Force, January 2017",
    )
    cols[1].metric("Took part, then declined", say.number(k["decliners"]))
else:
    cols[0].metric("Organizations", say.number(k["organizations"]))
    cols[1].metric("Coded agency policies", say.number(k["agency_policies"]))
cols[2].metric("Documents coded", say.number(k["documents"]))
cols[3].metric("Provisions", say.number(k["provisions"]))
cols[4].metric("Sourced quotes", say.number(k["quotes"]))
cols[5].metric("Stored sources", say.number(k["sources"]))

# 3/ The key contrast at a glance
st.subheader("The key contrast")
uses("key_contrast", "events_timeline")  # the queries this page shows under the sidebar's filters (its note)
contrast = data.key_contrast(f)
if contrast.empty and f.is_default():  # another database without these documents: contrast its first documents instead
    provs = data.provisions()
    contrast = data.key_contrast(f, tuple(docs["doc_id"][:3]), tuple(provs["provision_id"][:4]))
if contrast.empty:
    components.empty_state(
        "No stances of these documents on these provisions. Clear the Document or Provision filter to see the key contrast."
    )
else:
    order = [titles[d] for d in dict.fromkeys([*data.contrast_docs(), *contrast["doc_id"]]) if d in set(contrast["doc_id"])]
    st.table(stance_grid.pivot(contrast, order))  # a plain table: every column shows on a phone and on paper; a fixed column order
    components.downloads(contrast, "key_contrast", f.query_string(), "overview__contrast")
components.evidence_key(f, "overview")
if caption := data.contrast_caption(contrast.set_index(["provision_id", "doc_id"])["stance"].str.replace("_", " ").to_dict()):
    st.caption(md(caption + " “?” means the stored sources do not settle it."))
st.page_link("pages/compare.py", label="Compare every provision, with the supporting quotes →", query_params=f.to_params())

# 4/ Timeline (select a dot to read the event and open its source)
st.subheader("Timeline")
timeline.show(f)
