"""A department: its own full texts, every coded wave's verdict side by side, what changed, and whose words it carries."""

import streamlit as st

from explorer.serve import components, data, widgets
from explorer.serve.filters import current
from explorer.serve.frame import require_navigation
from explorer.serve.page_state import keep, restore
from explorer.serve.views import department as departments, department_text as stored_text

require_navigation()
f = current()

# 1/ Which department (page-owned, in the URL as agency=<department id>)
st.title("A department: its own words and its coders' verdicts")
options = data.department_options()
if options.empty:
    components.empty_state("No departments are in this database.")
    components.end_page()
names = {r.department_id: f"{r.name}{', ' + r.state if isinstance(r.state, str) else ''} ({r.waves})" for r in options.itertuples()}
departments.redirect_former(options)  # links published under an earlier release's ids
restore("department__agency", "agency", next(iter(names)), allowed=names, what="department")
dept = widgets.pick_one(f"Department ({len(names)}; type to search)", names, key="department__agency")
keep("agency", dept)
d = data.department_detail(dept).iloc[0]
members = data.department_members(dept)
departments.header(d, members)
departments.evidence(data.department_links(dept))

# 2/ Every wave's verdict on every criterion, side by side, and what changed (one view)
verdicts = data.department_verdicts(dept)
texts = data.department_texts(dept)
if not verdicts.empty:
    st.subheader("Every coded wave's verdict, criterion by criterion")
    st.markdown("Each verdict is its coder's, on its coder's own question, with the coder's words where the dataset has them.")
    grid = departments.verdict_grid(verdicts)
    st.container(key="department__grid").table(grid)  # a plain table: every cell's words in the page, wrapped on a phone
    st.caption(departments.grid_caveat(members))
    components.downloads(verdicts, f"department_{dept}_verdicts", f.query_string({"agency": [dept]}), "department__verdicts")

# 3/ The full texts, and whether the coders read the same edition
if texts.empty:
    st.info("No full text of this department's own policy is stored: only its coders' verdicts and words are.")
else:
    st.subheader("Its own policy, in full")
    for t in texts.itertuples():
        departments.text_card(t, dept)
departments.edition_lines(data.department_edition_checks(dept), dept)
if not texts.empty:  # the stored text, a passage marked (in the URL as text= and at=)
    restore("department__text", "text", None, allowed=texts["text_id"], what="stored text")
    restore("department__at", "at", None, what="passage")
    text_id, at = st.session_state["department__text"], st.session_state["department__at"]
    keep("text", text_id)
    keep("at", at if text_id else None)
    if text_id:
        passage = data.text_passage_at(text_id, int(at)) if at and str(at).isdigit() else None
        passage = passage.iloc[0] if passage is not None and len(passage) else None
        if at and passage is None:
            components.show_notices([f"This stored text has no passage “{str(at)[:20]}”; showing the whole text."])
        stored_text.show(data.policy_text_body(text_id).iloc[0], passage, "department__text")

# 4/ Per criterion: each wave's words side by side, and the full text's passages to read
if not verdicts.empty:
    st.subheader("Criterion by criterion: the coders' words and the passages to read")
    departments.criterion_cards(verdicts, departments.passages_to_read(tuple(texts["text_id"])), dept)

# 5/ Whose words it carries, and who is not this department
departments.lineage(data.department_lineage(tuple(members["org_id"])), f.query_string({"agency": [dept]}))
departments.others(data.department_other_links(dept))
