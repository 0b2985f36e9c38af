"""Agency policies: real departments' own use-of-force policies as third-party coders judged them, with their words."""

import streamlit as st

from explorer.serve import charts, components, data, labels, say
from explorer.serve.filters import current, uses
from explorer.serve.frame import require_navigation
from explorer.serve.markdown import link, md
from explorer.serve.page_state import fresh, keep, restore
from explorer.serve.views import agencies as coded_agencies, agencies_changes as changes

require_navigation()
f = current()
VERDICTS = labels.VERDICTS  # the codebook's: met, not met, not coded
POLICY = "agency's policy"

# 1/ What this is, and whose verdicts they are
st.title("Agency policies, as others coded them")
st.markdown(
    "What real departments' own policies say, as coded by third parties against **their own criteria**, with the policy "
    "language they quote. A criterion is the coder's question, not one of this product's provisions; **“not met” is the "
    "coder's verdict that the policy does not meet the criterion, not evidence of what the policy permits**: read its words."
)
sets = data.datasets_list()
if sets.empty:
    components.empty_state("No coded datasets are in this database.")
    components.end_page()
sets = sets[sets["dataset_id"].isin(f.dataset_ids)] if f.dataset_ids else sets
names = dict(
    zip(sets["dataset_id"], sets["title"] + " (" + sets["published_on"] + ", " + sets["agencies"].astype(str) + " agencies)", strict=True)
)
restore("agencies__ds", "ds", next(iter(names)), allowed=names, what="dataset")
ds = st.radio("Dataset", list(names), format_func=names.get, key="agencies__ds", horizontal=True)
keep("ds", ds, default=next(iter(names)))
meta = sets.set_index("dataset_id").loc[ds]
credit = (
    say.plain(f"Data: {meta['credit']}. Coded by {meta['coded_by']}. Licence: {meta['licence']}.") + " " + data.provenance_line([ds])
).strip()
st.markdown(f"{md(credit)} {link('Raw data', meta['url'])}")

# 2/ Per criterion: how many agencies meet it, of how many coded
uses("criterion_counts")  # the queries this page shows under the sidebar's filters, as it runs them (its note)
counts = data.criterion_counts(ds, f)
if counts.empty:
    components.empty_state("No agency of this dataset is among the chosen organizations or states. Clear a filter in the sidebar.")
    components.end_page()
uses("criterion_agencies", "contested_agencies", "wave_changes", "wave_links_apart")
top = counts.sort_values("met", ascending=False).iloc[0]
summary = (
    f"{say.count(int(counts['agencies'].max()), POLICY)} × {say.count(len(counts), 'criterion')}, coded by "
    f"{meta['coded_by']}. Most often met: “{top['name']}” ({say.of(int(top['met']), int(top['met'] + top['not_met']))} "
    f"coded {say.noun(int(top['met'] + top['not_met']), 'policy')}). Select a bar to read those agencies' words."
)
fig = charts.criterion_counts(counts, coded_agencies.wave(meta["coded_by"], meta["published_on"]))  # names the dataset's year
bar = components.chart(
    fig, summary, counts, f"criteria_{ds}", f"ds={ds}", fresh("agencies__counts"), on_select="rerun", selection_mode="points"
)
coded_agencies.pick_from_bar(bar, "agencies__crit", "agencies__verdict")

# 3/ One criterion: each agency's verdict and words (page-owned, in the URL as crit= and verdict=)
crit_names = dict(zip(counts["criterion_id"], counts["name"], strict=True))
crit, verdicts = coded_agencies.criterion_choice(crit_names, VERDICTS)  # a choice here frees the bar for a re-click
row = counts.set_index("criterion_id").loc[crit]
mapped = (
    f" Closest provision of ours: {data.filter_options().provisions.get(row['provision_id'], row['provision_id'])} (not the same question)."
    if isinstance(row["provision_id"], str)
    else " No provision of ours matches it."
)
st.markdown(f"**{md(meta['coded_by'])}'s question:** “{md(row['question'])}”{md(mapped)}")
coded_agencies.agencies_table(data.criterion_agencies(ds, crit, f, tuple(verdicts)), ds, crit)
st.caption(md(credit + " Every download of this table carries the credit in its coded_by and credit columns."))

# 4/ Where the models disagree, how many agencies' policies meet the coder's nearest criterion
coded_agencies.contested(data.contested_agencies(f), f)

# 5/ Change over time across the waves: departments linked on shown evidence only (never by name alone)
changes.show(data.wave_changes(f), data.wave_links_apart(f), data.datasets_list(), crit, f.query_string())
