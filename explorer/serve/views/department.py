"""A department's page: one address per department (?agency=<department id>), every dataset it is in on shown evidence.

Its full texts with their printed dates and scope, every coded wave's verdict on every criterion side by side with
the coder's words and the wave's provenance, the edition check, what changed, passages to read per criterion (keyword
rules written as data, data/rules/criteria_rules.yaml read by explorer/policy_rules.py), the model documents' and court opinions' words it carries, and
the agencies of other datasets that are not established as it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import policy_rules
from explorer.serve import components, data, policy_reading
from explorer.serve.filters import Filters
from explorer.serve.labels import VERDICTS, clip, quotes_whole_words, readable_ids, source_title, whole_words
from explorer.serve.markdown import md

PAGE = "pages/department.py"
PASSAGES_SHOWN = 6  # passages to read listed per criterion (the rest: open the stored text)
# What the agreement figure rests on (eval/RESULTS.md): said beside it, so it is not read as more than it is.
AGREEMENT_BASIS = (
    "How that figure was measured (eval/RESULTS.md): texts the 2016 coder read (the build's edition check says the same "
    "edition) against the 2016 verdicts; texts printed 2017-2020 against the 2020 wave's third-hand codes, only where the "
    "build links the text's department to that wave on shown evidence (never on a name alone); the edition the 2020 coders "
    "read is not known (the 2020 wave quotes no words to check it)."
)
SYMBOL = {v: f"{s} {v}" for v, s in zip(VERDICTS, ("✔", "✖", "·"), strict=True)}  # met, not met, not coded


def url(department_id: str, **extra: str) -> str:
    """The department page's address (for links in tables, cards and other pages)."""
    return components.view_url("department", Filters(), {"agency": [department_id], **{k: [v] for k, v in extra.items() if v}})


def redirect_former(options: pd.DataFrame) -> None:
    """An address an earlier release gave a department (`?agency=memphis--policy-texts-2020`) opens its page under
    today's id: links published before keep working."""
    now = {r.former_id: r.department_id for r in options.itertuples() if isinstance(r.former_id, str)}
    given = st.query_params.get_all("agency")
    if given and given[0] in now and "department__agency" not in st.session_state:
        st.query_params["agency"] = now[given[0]]


def link(department_id: str, label: str, **extra: str) -> str:
    return f"[{md(label)}]({url(department_id, **extra)})"


def state_line(d: object) -> str:
    """The department's state with the evidence that names it, or why none is given."""
    if isinstance(d["state"], str) and d["state"]:
        return f"**State:** {md(d['state'])}: {md(readable(d['state_basis']))}."
    return (
        "**State:** not established: no evidence the build accepts names one (a dataset's title, or its stored text's own words "
        "found in it); a name, even one holding a state, is no evidence."
    )


def readable(sentence: str) -> str:
    """A sentence the build wrote (a link's basis): ids in readers' words, quoted windows as whole words."""
    return quotes_whole_words(readable_ids(sentence, data.org_readable_names()))


def grid_caveat(members: pd.DataFrame) -> str:
    """The caveat beside 'What changed': other coders, other vintages, each wave's provenance (2020: third-hand)."""
    coded = members[members["role"] == "coded"]
    told = data.provenance_line(list(coded["dataset_id"]))
    return (
        "**What changed** compares the coders' verdicts, not the policies: the waves had other coders and coded other "
        "editions of the policy (the policy years differ; a wave may have read an older edition)." + (f" {told}" if told else "")
    )


def header(d: object, members: pd.DataFrame) -> None:
    st.header(f"{d['name']}" + (f", {d['state']}" if isinstance(d["state"], str) and d["state"] else ""))
    st.markdown(state_line(d))
    lines = []
    for m in members.itertuples():
        what = "full text" if m.role == "full text" else f"coded wave, as {md(m.name)}"
        prov = f" *{md(m.provenance)}*" if isinstance(m.provenance, str) and m.provenance else ""
        lines.append(f"- **{md(m.wave if m.role != 'full text' else m.dataset_title)}** ({what}): {md(m.credit)}.{prov}")
    st.markdown("In these datasets, linked as one department on the evidence shown below:\n" + "\n".join(lines))


EVIDENCE = {
    "coder_list": "The same coder's list of cities",
    "quoted_words": "The coder's quoted words, found in this full text and in no other stored text",
    "quoted_by_both": "The same policy words quoted by both coders, found in no other city's stored words",
    "name_and_state": "The same name in the same state, each on evidence",
}


def evidence(rows: pd.DataFrame) -> None:
    """Why its members are one department: each established link with its evidence, the quoted words it used."""
    if rows.empty:
        return
    with st.expander(f"Why these are one department ({len(rows)} links on shown evidence)"):
        for r in rows.itertuples():
            what = EVIDENCE.get(r.evidence_kind, r.evidence_kind)
            note = f" {md(readable(r.note))}" if isinstance(r.note, str) and r.note else ""
            st.markdown(f"- **{md(what)}**: {md(readable(r.basis))}.{note}")


def verdict_grid(verdicts: pd.DataFrame) -> pd.DataFrame:
    """Criterion x wave: each wave's verdict, and what changed from the earliest coded wave to the latest."""
    ordered = verdicts.sort_values(["dataset_year", "dataset_id"])
    waves = list(dict.fromkeys(ordered["wave"]))
    names = ordered.drop_duplicates("criterion_id").set_index("criterion_id")["criterion_name"]  # the earliest wave's words
    grid = verdicts.pivot_table(index=["criterion_order", "criterion_id"], columns="wave", values="verdict", aggfunc="first")
    grid = grid.reindex(columns=waves).sort_index().droplevel(0)
    grid.index = grid.index.map(names)
    grid.index.name, grid.columns.name = "Criterion (the coder's)", None
    grid["What changed"] = [_change(list(r)) for r in grid.itertuples(index=False)]
    return grid.map(lambda v: SYMBOL.get(v, v) if isinstance(v, str) else "— not in this wave")


def _change(verdicts: list[object]) -> str:
    seen = [v for v in verdicts if v in VERDICTS[:2]]  # met, not met: the coded verdicts
    if len(seen) < 2:
        return "one coded wave only"
    moves = [f"{a} → {b}" for a, b in zip(seen, seen[1:], strict=False) if a != b]
    return "; ".join(moves) if moves else "same verdict in every wave"


def edition_lines(checks: pd.DataFrame, department_id: str) -> None:
    """The edition check in its two allowed sentences (and the build's rule, in its words); a text held by another
    department (its coder's words not found in it, so not linked) is named with a link to it."""
    if checks.empty:
        return
    st.subheader("Which edition the coders read")
    for c in checks.itertuples():
        title = f"*{md(c.title)}*"
        if c.text_department_id != department_id:
            title += " (" + link(c.text_department_id, "a department of this name, not linked to this one") + ")"
        if c.quoted == 0:  # no run to test: say only that, never "not found (0 of 0)"
            said = f"the {md(c.wave)} coder's cells quote no run of 5 or more policy words: no quoted words to check"
        elif 2 * c.found > c.quoted:
            said = f"the {md(c.wave)} coder's quoted words are found in this text ({c.found} of {c.quoted}): {md(c.result)}"
        elif c.found > 0:  # exactly half or fewer: never "the same edition"
            said = f"some of the {md(c.wave)} coder's quoted words are found in this text ({c.found} of {c.quoted}): {md(c.result)}"
        else:
            said = f"the {md(c.wave)} coder's quoted words are not found ({c.found} of {c.quoted}): {md(c.result)}"
        st.markdown(f"- {title}: {said}.")
    st.caption("The rule: " + md(checks.iloc[0]["rule"]))


def text_card(t: object, department_id: str) -> None:
    """One stored full text: title, number, printed date with the words that print it, scope, state, provenance."""
    with st.container(border=True):
        st.markdown(f"**{md(t.title)}** ({md(t.number)}) · {md(t.department)}")
        # the build's one sentence: the date to the precision printed and the words that print it (texts.printed_shown)
        st.markdown(f"**Printed date:** {md(t.printed)}  \n**Scope:** {md(t.scope)}: {md(t.scope_note)}")
        state = (  # the build extends the state's words to whole words of the text (texts.py), so none is cut here
            f"{md(t.state)}, in the text's words: “{md(whole_words(t.state_evidence, False, False))}”"
            if isinstance(t.state, str) and t.state
            else "not named by the text"
        )
        st.markdown(
            f"**State:** {state}  \n**From:** {md(t.source_repo)} at {md(str(t.source_commit)[:12])}, {md(t.source_path)} "
            f"({t.bytes:,} bytes, {t.lines:,} lines; sha256 {md(str(t.sha256)[:16])}…) · {md(t.credit)}"
        )
        st.markdown(link(department_id, "Read the stored text, exactly as stored →", text=t.text_id))


@st.cache_data(show_spinner=False, max_entries=256)
def passages_to_read(text_ids: tuple[str, ...]) -> pd.DataFrame | None:
    """Per criterion, the passages of the texts that its keyword rule points to (explorer/policy_rules.py over the stored
    passages, the rules `make eval` measures): criterion_id, text_id, seq, line_no, text, role. None with no text."""
    if not text_ids:
        return None
    rows = []
    stored = data.text_passages(text_ids)
    for text_id, part in stored.groupby("text_id", sort=False):
        cut = [policy_rules.Passage(0, int(r.seq), str(r.text)) for r in part.itertuples()]
        lines = dict(zip(part["seq"], part["line_no"], strict=True))
        for reading in policy_rules.read([], cut=cut):
            for hit in reading.found if reading.rule.criterion_id else ():
                p = hit.passage
                rows.append((reading.rule.criterion_id, text_id, p.seq, lines.get(p.seq), p.text, policy_rules.ROLE_LABEL[hit.role]))
    return pd.DataFrame(rows, columns=["criterion_id", "text_id", "seq", "line_no", "text", "role"])


def criterion_cards(verdicts: pd.DataFrame, passages: pd.DataFrame | None, department_id: str) -> None:
    """Per criterion: the question, each wave's verdict with its coder's words side by side, then passages to read."""
    rules = {r.criterion_id: r for r in policy_rules.load().rules if r.criterion_id}
    for cid, part in verdicts.groupby("criterion_id", sort=False):
        first = part.sort_values("dataset_year").iloc[0]  # the earliest wave's words for the criterion
        with st.container(border=True, key=f"department__crit__{cid}"):
            st.markdown(f"**{md(first['criterion_name'])}** · the coder's question: “{md(first['question'])}”")
            for col, r in zip(st.columns(len(part)), part.itertuples(), strict=True):
                words = (
                    f"  \n“{md(r.language)}”"
                    if isinstance(r.language, str) and r.language
                    else "  \n*No words: this wave gives codes only.*"
                )
                col.markdown(f"**{md(r.wave)}:** {SYMBOL.get(r.verdict, r.verdict)} (the coder's verdict){words}")
            _passages(None if passages is None else passages[passages["criterion_id"] == cid], rules.get(cid), department_id)


def _passages(rows: pd.DataFrame | None, rule: policy_rules.Rule | None, department_id: str) -> None:
    if rule is None or rows is None:  # no full text stored: nothing to point into
        return
    with st.expander(f"Passages to read in the full text ({len(rows)}), found by a keyword rule"):
        terms = ", ".join(f"“{t}”" for t in rule.patterns.get("search", ()))
        st.caption(
            f"Passages to read, not a verdict: the rule in data/rules/criteria_rules.yaml finds sentences holding any of {md(terms)} "
            "(* any ending, ~ a few words between), and marks those holding the words its coding rules say would meet the criterion."
        )
        meets = bool((rows["role"] == policy_rules.ROLE_LABEL["meets"]).any())
        reading = policy_rules.READING_WORDS[policy_rules.FOUND if meets else policy_rules.NOT_FOUND]
        st.markdown(f"*The rule's reading, not a verdict:* {md(reading)}; {md(policy_reading.agreement_words(rule.criterion_id))}.")
        st.caption(AGREEMENT_BASIS)
        for r in rows.head(PASSAGES_SHOWN).itertuples():
            st.markdown(
                f"- line {r.line_no} ({md(r.role)}): {md(clip(r.text, 300))} · {link(department_id, 'open at this passage', text=r.text_id, at=str(r.seq))}"
            )
        if len(rows) > PASSAGES_SHOWN:
            st.caption(f"{len(rows) - PASSAGES_SHOWN} more: read the stored text.")


def lineage(rows: pd.DataFrame, qs: str) -> None:
    """The model documents and court opinions whose sentences this department's words carry, with shares."""
    st.subheader("Whose words it carries")
    if rows.empty:
        st.markdown(
            "No stored sentence of a model document or court opinion is carried (30 % or more of its 4-word runs) by this department's stored words."
        )
        return
    st.markdown(
        "Sentences of model documents and court opinions that this department's stored words (its full texts and its coders' "
        "cells) carry: 30 % or more of a sentence's 4-word runs, as the Wording page's lineage finds them by default."
    )
    shown = pd.DataFrame(
        {
            "Source": [source_title(r.label, None) for r in rows.itertuples()],
            "Kind": rows["source_kind"],
            "Dated": rows["dated"],
            "Sentences carried": [f"{r.carried} of its {r.sentences} stored sentences" for r in rows.itertuples()],
            "Largest share": [f"{r.top_share:.0%} of a sentence's 4-word runs" for r in rows.itertuples()],
            "Follow them": [
                components.view_url("wording", Filters(), {"view": ["lineage"], "src": [r.source_id]}) for r in rows.itertuples()
            ],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        key="department__lineage",
        column_config={"Follow them": st.column_config.LinkColumn(display_text="on the Wording page")},
    )
    components.downloads(rows, "department_lineage", qs, "department__lineage_dl")


def others(rows: pd.DataFrame) -> None:
    """Agencies of other datasets with this name that are not this department, or not established as it: never paired."""
    if rows.empty:
        return
    st.subheader("Not linked to this department")
    for r in rows.drop_duplicates(["other", "verdict"]).itertuples():
        why = "evidence against it" if r.verdict == "against" else "not established as this department"
        note = f" {md(readable(r.note))}" if isinstance(r.note, str) and r.note else ""
        st.markdown(f"- {link(r.other_department_id, f'{r.other_name} ({r.other_wave})')}: **{why}**: {md(readable(r.basis))}.{note}")
    st.caption(
        "A department in two datasets is one only on evidence shown (the same coder's list, the state its own text names, "
        "the coder's quoted words found in its text), never on a name alone; these never enter a statistic."
    )
