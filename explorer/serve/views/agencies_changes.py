"""Change over time across the coded waves: per criterion and pair of waves, how many departments' verdicts moved,
counted on established links only, with the caveats beside the numbers; links that are not established listed apart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.serve import charts, components
from explorer.serve.markdown import md
from explorer.serve.views import department as departments

MOVES = {"not met → met": "up", "met → not met": "down", "same verdict": "same", "not comparable": "not_comparable"}


def counts(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per criterion and pair of waves: departments up (not met → met), down, the same, not comparable, and in all."""
    keys = ["criterion_id", "criterion_name", "earlier_wave", "later_wave", "waves"]
    moved = pairs.assign(move=pairs["change"].map(MOVES)).pivot_table(
        index=keys, columns="move", values="department_id", aggfunc="count", sort=False
    )
    out = moved.reindex(columns=list(MOVES.values()), fill_value=0).fillna(0).astype(int).reset_index()
    out.columns.name = None
    return out.assign(departments=out[list(MOVES.values())].sum(axis=1))


def caveats(sets: pd.DataFrame) -> str:
    """What the numbers are not: other coders, other vintages, and each wave's provenance where it has one (2020: third-hand)."""
    coded = sets[sets.get("kind", pd.Series("coded", index=sets.index)).fillna("coded") == "coded"]
    coders = "; ".join(f"{r.coded_by} {str(r.published_on)[:4]}" for r in coded.itertuples())
    told = " ".join(
        f"**{md(r.coded_by)} {md(str(r.published_on)[:4])}:** {md(r.provenance)}"
        for r in coded.itertuples()
        if isinstance(getattr(r, "provenance", None), str) and r.provenance
    )
    return (
        f"**Read these as the coders' verdicts, not as proof that a policy changed.** The waves ({md(coders)}) had other coders "
        "and coded other vintages of each policy (the policy years differ, and a wave may have read an older edition); a "
        "department counts only where its waves are linked on evidence shown on its page. " + told
    )


def show(pairs: pd.DataFrame, apart: pd.DataFrame, sets: pd.DataFrame, crit: str, qs: str) -> None:
    """The chosen criterion's chart (the criterion picked above), every criterion's counts in a table to download."""
    st.subheader("Change over time across the coded waves")
    if pairs.empty:
        components.empty_state("No department under these filters is in two coded waves on established evidence.")
        return
    st.markdown(caveats(sets))
    table = counts(pairs)
    one = table[table["criterion_id"] == crit]
    summary = "; ".join(f"{r.waves}: {r.up} of {r.departments} departments not met → met, {r.down} met → not met" for r in one.itertuples())
    if not one.empty:
        components.chart(charts.wave_changes(one), f"{one.iloc[0]['criterion_name']}: {summary}.", None, "", qs, "agencies__waves")
    st.markdown("**Every criterion, every pair of waves** (departments not met → met: up; met → not met: down):")
    components.table(
        table,
        "wave_change_counts",
        qs,
        "agencies__waves__counts",
        column_order=["criterion_name", "waves", "up", "down", "same", "not_comparable", "departments"],
        column_config={
            "criterion_name": "Criterion",
            "waves": "Waves",
            "not_comparable": "not comparable",
            "departments": "of departments",
        },
    )
    with st.expander(f"Department by department ({len(pairs):,} rows: one per department, criterion and pair of waves)"):
        shown = pairs.assign(page=[departments.url(d) for d in pairs["department_id"]])
        cols = [
            "department",
            "page",
            "criterion_name",
            "waves",
            "earlier_verdict",
            "later_verdict",
            "change",
            "earlier_policy_year",
            "later_policy_year",
        ]
        st.dataframe(
            shown[cols],
            hide_index=True,
            key="agencies__waves__pairs",
            column_config={"page": st.column_config.LinkColumn("Its page", display_text="open"), "criterion_name": "Criterion"},
        )
        components.downloads(pairs, "wave_changes", qs, "agencies__waves__dl")
    _apart(apart)


def _apart(apart: pd.DataFrame) -> None:
    if apart.empty:
        return
    st.markdown(
        f"**Not counted: {len(apart)} pairs of agencies that share a name across waves but are not established as one department** "
        "(or that evidence sets apart), with why:"
    )
    shown = apart.assign(page=[departments.url(d) for d in apart["department_id"]], basis=[departments.readable(b) for b in apart["basis"]])
    st.dataframe(
        shown[["agency", "wave", "other_agency", "other_wave", "verdict", "basis", "page"]],
        hide_index=True,
        key="agencies__waves__apart",
        column_config={
            "basis": st.column_config.TextColumn("Why", width="large"),
            "page": st.column_config.LinkColumn("Its page", display_text="open"),
        },
    )
