"""The Wording page's three views: search the stored texts, follow a passage's words, compare two editions.

Each view keeps its choices in the URL (page keys view, q, within, src, n, phrase, near, pair, show).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.serve import charts, components, data, say, widgets
from explorer.serve.filters import Filters, uses
from explorer.serve.labels import clip, printed_label, source_title, stance_label
from explorer.serve.markdown import cut_off, md
from explorer.serve.page_state import keep, restore
from explorer.serve.views import department as departments
from explorer.serve.views.wording_text import Phrase, diff, diff_markdown, kwic_markdown, read, share_label, shows_end, trim
from explorer.wording import AGENCY_POLICY, FULL_TEXT, GRAM, MAX_PHRASE_CHARS, SOURCE_KINDS

SHOWN = 25  # passages drawn per page of a list
READ_TEXT, READ_CELL = "read it in its stored text", "read the coder's cell"  # a passage's link: a stored text, or a coded cell
READ_FULL = "read it in the department's full text"  # a full text's passage: its stored text, the passage marked and in view
KIND_SHOWN = {AGENCY_POLICY: "agency policy, coder's cell", FULL_TEXT: "agency policy, full text"}  # two kinds, said apart
NEAR = {"100": "the whole phrase", "60": "60 % or more", "30": "30 % or more", "10": "10 % or more"}
SHOW = {"all": "every passage", "changed": "changed wording", "one": "seen in one edition's text only"}
LEGEND = "Struck through on red: words only in {a}. Bold on green: words only in {b}. Plain: the same words."
LINEAGE_LEGEND = (
    "Marked: the phrase's words the passage carries. Struck through on red: words only in the phrase. "
    "Bold on green: words only in the passage. Plain: the passage's own words around what it shares."
)


def show(f: Filters, qs: str) -> None:
    """The view the reader chose (in the URL as view=), drawn under the sidebar's filters f."""
    VIEWS[choose()][1](f, qs)


def choose() -> str:
    restore("wording__view", "view", "search", allowed=VIEWS, what="view")
    view = st.radio(
        "View", list(VIEWS), format_func=lambda v: VIEWS[v][0], key="wording__view", horizontal=True, label_visibility="collapsed"
    )
    keep("view", view, default="search")
    return view


def _where(row: object) -> str:
    """Who holds a passage, when (as dated), and a link to it: the stored text with the passage marked, or the coder's cell."""
    dept = getattr(row, "department_id", None)
    page = f" · [its department's page]({departments.url(dept)})" if isinstance(dept, str) else ""
    if isinstance(getattr(row, "text_id", None), str):  # a department's full text: opens at the passage, marked
        url = departments.url(dept, text=row.text_id, at=str(row.seq))
        name, when, link = row.label, printed_label(row.dated, row.date_basis), READ_FULL
    elif isinstance(row.quote_id, str):  # an agency policy cell: its own address shows the cell and its file, record and field
        url = components.view_url("quotes", Filters(), {"quote": [row.quote_id]})
        name, when, link = row.label, f"policy as in the coder's dataset published {row.dated}", READ_CELL
    else:
        url = components.view_url("sources", Filters(), {"sel": [row.source_id], "at": [str(row.seq)]})
        name, when, link = source_title(row.label, row.source_url), row.dated, READ_TEXT
    kind = KIND_SHOWN.get(row.source_kind, row.source_kind)
    return f"**{md(clip(name, 90))}** · {md(kind)} · {md(when)} · [{link}]({url}){page}"


def _agencies_only(f: Filters) -> str:
    """Said where the sidebar's agency filters narrow the page: they keep agencies' policy cells only, as on Quotes."""
    if not (f.dataset_ids or f.states):
        return ""
    what = " and ".join(w for w, on in (("coded dataset", f.dataset_ids), ("state", f.states)) if on)
    return f" The sidebar's {what} filter keeps agencies' policy cells only."


def _years(first: int, last: int) -> str:
    return f", in {first}" if first == last else f", from {first} to {last}"


def _how_many(n: int, kind: str) -> str:
    """'146 agencies', '1 court source', '6 press sources'."""
    if kind == AGENCY_POLICY:
        return f"{n:,} {'agency' if n == 1 else 'agencies'} (coders' cells)"
    if kind == FULL_TEXT:
        return f"{n:,} {'department' if n == 1 else 'departments'} (full texts)"
    return f"{n:,} {kind} {'source' if n == 1 else 'sources'}"


def _pages(total: int, key: str) -> int:
    st.caption(say.count(total, "passage") + (f", {SHOWN} to a page" if total > SHOWN else ""))
    return components.pager(total, SHOWN, key, url_key="page")  # a shared link opens the same page


def search(f: Filters, qs: str) -> None:
    restore("wording__q", "q", "", what="phrase", max_chars=MAX_PHRASE_CHARS + 1)
    restore("wording__within", "within", [], allowed=SOURCE_KINDS, many=True, what="kind of source")
    left, right = st.columns([3, 2])
    raw = left.text_input("Words or a phrase, as written (letters, not patterns; case does not matter)", key="wording__q")
    kinds = widgets.multiselect("Kinds of source (none: all)", list(SOURCE_KINDS), key="wording__within", where=right)
    keep("q", raw)
    keep("within", kinds)
    phrase, why = read(raw)
    if phrase is None:
        st.info(why)
        return
    uses("text_search_counts")  # the queries this view shows under the sidebar's filters, as it runs them (its note)
    counts = data.text_search_counts(f, phrase.needle, tuple(kinds))
    if counts.empty:
        st.info(
            f"No stored text or agency policy cell holds “{md(phrase.text)}”"
            + (" in these kinds of source." if kinds else ".")
            + _agencies_only(f)
        )
        return
    totals = counts.drop_duplicates("source_kind")
    summary = (
        f"“{phrase.text}” is found {int(totals['kind_hits'].sum()):,} times, in "
        + ", ".join(_how_many(int(r.kind_sources), r.source_kind) for r in totals.itertuples())
        + ". A full text is a department's own policy as stored; an agency policy is a coder's cell, verbatim."
        + _agencies_only(f)
    )
    components.chart(charts.hits_by_kind(counts, phrase.text), summary, counts, "wording_counts", qs, "wording__counts")
    uses("text_search")
    found = data.text_search(f, phrase.needle, tuple(kinds))
    total = int(found.page(limit=SHOWN)["total_rows"].iloc[0])
    offset = _pages(total, "wording__search_page")
    for row in found.page(limit=SHOWN, offset=offset).itertuples():
        more = f" ({int(row.hits)} matches in this passage)" if row.hits > 1 else ""
        st.markdown(_where(row) + more + "  \n" + kwic_markdown(row.text, row.match_at, len(phrase.needle), _true(row.cut)))
    components.downloads(found.download, "wording_search", qs, "wording__search", rows=total)


def _lineage_phrase() -> tuple[Phrase | None, str, str]:
    """The reader's phrase (typed, or a stored sentence picked) and where it comes from."""
    names = data.passage_source_names()
    if not names:  # a database with no stored model document or court opinion: the reader's own words only
        restore("wording__phrase", "phrase", "", what="phrase", max_chars=MAX_PHRASE_CHARS + 1)
        st.caption("No model document or court opinion is stored here to pick a sentence from: type or paste words.")
        typed = st.text_area("Words to follow", key="wording__phrase", height=80)
        keep("phrase", typed)
        phrase, why = read(typed)
        return phrase, why, "your words"
    restore("wording__src", "src", next(iter(names)), allowed=names, what="source")
    left, right = st.columns([2, 3])
    src = widgets.pick_one("A model document or court opinion", names, key="wording__src", where=left)
    sentences = data.passage_sentences(src)
    numbers = {str(r.seq): f"{r.seq}. {clip(r.text, 110)}" for r in sentences.itertuples()}
    restore("wording__n", "n", next(iter(numbers)), allowed=numbers, what="sentence")
    if st.session_state["wording__n"] not in numbers:
        st.session_state["wording__n"] = next(iter(numbers))
    n = right.selectbox("Its sentence", list(numbers), format_func=numbers.get, key="wording__n")
    restore("wording__phrase", "phrase", "", what="phrase", max_chars=MAX_PHRASE_CHARS + 1)
    typed = st.text_area("…or type or paste your own words (they replace the sentence above)", key="wording__phrase", height=80)
    keep("src", src, default=next(iter(names)))
    keep("n", n, default=next(iter(numbers)))
    keep("phrase", typed)
    if typed.strip():
        phrase, why = read(typed)
        return phrase, why, "your words"
    text = sentences.loc[sentences["seq"].astype(str) == n, "text"].iloc[0]
    phrase, why = read(text)
    return phrase, why, f"sentence {n} of {names[src]}"


def lineage(f: Filters, qs: str) -> None:
    phrase, why, origin = _lineage_phrase()
    if phrase is None:
        st.info(why)
        return
    restore("wording__near", "near", "30", allowed=NEAR, what="share of the phrase")
    near = st.radio(
        f"Near matches: passages carrying, of the phrase's {GRAM}-word runs,",
        list(NEAR),
        format_func=NEAR.get,
        key="wording__near",
        horizontal=True,
        disabled=phrase.short,
    )
    keep("near", near, default="30")
    st.markdown(f"**Following** ({md(origin)}): “{md(phrase.text)}”")
    if phrase.short:
        st.caption(f"A phrase of fewer than {GRAM} words is followed word for word: every passage holding these words in this order.")
    min_share = 1.0 if phrase.short else int(near) / 100
    uses("lineage_spread")  # the queries this view shows under the sidebar's filters, as it runs them (its note)
    spread = data.lineage_spread(f, phrase.grams, phrase.norm, min_share)
    if spread.empty:
        st.info("No stored text or agency policy cell carries these words." + _agencies_only(f))
        return
    dated = spread.dropna(subset=["year"])
    summary = (
        f"{say.count(int(spread['sources'].sum()), 'source or agency', 'sources and agencies')} "
        f"{'carries' if int(spread['sources'].sum()) == 1 else 'carry'} these words"
        + (_years(int(dated["year"].min()), int(dated["year"].max())) if len(dated) else "")
        + (
            f"; {say.count(int(spread['year'].isna().sum()), 'kind of source')} with no known year "
            f"{'is' if int(spread['year'].isna().sum()) == 1 else 'are'} listed below only."
            if spread["year"].isna().any()
            else "."
        )
        + _agencies_only(f)
    )
    components.chart(charts.lineage_spread(spread), summary, spread, "wording_lineage_spread", qs, "wording__spread")
    st.caption(LINEAGE_LEGEND)
    uses("lineage")
    carrying = data.lineage(f, phrase.grams, phrase.norm, min_share)
    total = int(carrying.page(limit=SHOWN)["total_rows"].iloc[0])
    offset = _pages(total, "wording__lineage_page")
    for row in carrying.page(limit=SHOWN, offset=offset).itertuples():
        ops = trim(diff(phrase.text, row.text))
        words = diff_markdown(ops, mark_same=True) + (cut_off() if _true(row.cut) and shows_end(ops) else "")
        st.markdown(_where(row) + f" · carries {share_label(row.share, phrase.short)}  \n" + words)
    components.downloads(carrying.download, "wording_lineage", qs, "wording__lineage", rows=total)


def editions(f: Filters, qs: str) -> None:
    pairs = data.edition_pairs()
    names = {f"{r.from_doc_id}..{r.to_doc_id}": f"{r.from_short_title} → {r.to_short_title}" for r in pairs.itertuples()}
    if not names:
        st.info("The data holds no two editions of one document.")
        return
    restore("wording__pair", "pair", next(iter(names)), allowed=names, what="pair of editions")
    restore("wording__show", "show", "all", allowed=SHOW, what="passages to show")
    left, right = st.columns([3, 2])
    pair = left.selectbox("Two editions", list(names), format_func=names.get, key="wording__pair")
    show = right.radio("Show", list(SHOW), format_func=SHOW.get, key="wording__show", horizontal=True)
    keep("pair", pair, default=next(iter(names)))
    keep("show", show, default="all")
    a, b = pair.split("..")
    aligned = data.edition_alignment(a, b)
    counts = aligned["status"].value_counts()
    a_name, b_name = names[pair].split(" → ")
    both = int(counts.get("same", 0) + counts.get("changed", 0))
    earlier, later = int(counts.get("only_earlier", 0)), int(counts.get("only_later", 0))
    st.markdown(
        f"**{say.count(both, 'passage')} {'is' if both == 1 else 'are'} seen in both stored texts**: "
        f"{say.number(counts.get('same', 0))} with the same words, {say.number(counts.get('changed', 0))} changed. "
        f"{say.number(earlier)} {'is' if earlier == 1 else 'are'} not seen in the {md(b_name)} stored text, "
        f"{say.number(later)} not seen in the {md(a_name)} stored text."
    )
    ids = sorted(set(aligned["from_source_id"].dropna()) | set(aligned["to_source_id"].dropna()))
    compared = "; ".join(f"“{_source_name(i)}”" for i in ids)
    st.caption(
        f"Compared: the stored texts {md(compared)}. They are excerpts, so a passage seen in one edition's text only is "
        "“not seen in the other edition's stored text”: that does not say it was added or removed."
    )
    _stances(a, b, a_name, b_name, qs)
    st.caption(LEGEND.format(a=a_name, b=b_name))
    picked = aligned[
        aligned["status"].isin(
            {"changed": ["changed"], "all": list(aligned["status"].unique()), "one": ["only_earlier", "only_later"]}[show]
        )
    ]
    if picked.empty:
        st.info(f"No passage here is {SHOW[show]}.")
    for row in picked.itertuples():
        st.markdown(_edition_line(row, a_name, b_name))
    components.downloads(aligned, f"wording_editions_{a}_{b}", qs, "wording__editions")


def _source_name(source_id: str) -> str:
    """A stored text by its title (never its id), as the Sources page lists it."""
    found = data.source_detail(source_id)
    return source_title(found.iloc[0]["title"], found.iloc[0]["url"]) if len(found) else "a stored text"


def _true(flag: object) -> bool:
    """A nullable boolean cell (a passage seen in one edition only has no flag for the other) read as a plain bool."""
    return not pd.isna(flag) and bool(flag)


def _edition_line(row: object, a_name: str, b_name: str) -> str:
    a_cut = cut_off(f"the {a_name} stored copy") if _true(row.from_cut) else ""
    b_cut = cut_off(f"the {b_name} stored copy") if _true(row.to_cut) else ""
    if row.status == "only_earlier":
        return f"*Not seen in the {md(b_name)} stored text:* {md(row.from_text)}{a_cut}"
    if row.status == "only_later":
        return f"*Not seen in the {md(a_name)} stored text:* {md(row.to_text)}{b_cut}"
    if row.status == "same":
        return f"*Same words in both:* {md(row.to_text)}{cut_off() if a_cut and b_cut else a_cut or b_cut}"
    line = f"*Changed ({row.likeness:.0%} alike):* " + diff_markdown(diff(row.from_text, row.to_text)) + a_cut + b_cut
    if a_cut or b_cut:  # words past a copy's break are unseen there, not absent: say so beside the differences
        line += " *Words past a cut are not seen in that copy, so they are not a difference between the editions.*"
    return line


def _stances(a: str, b: str, a_name: str, b_name: str, qs: str) -> None:
    stances = data.edition_stances(a, b)
    st.markdown(f"**Coded stances that differ between the two editions: {say.number(len(stances))}**")
    if stances.empty:
        return
    st.caption(
        "“? unknown” means the stance was not coded from that edition's own text (the stored text does not show it), not that the edition is silent."
    )
    shown = pd.DataFrame(
        {
            "Provision": stances["provision_name"],
            a_name: stances["from_stance"].map(stance_label),
            b_name: stances["to_stance"].map(stance_label),
            f"{b_name}: summary": stances["to_summary"],
        }
    )
    st.dataframe(shown, hide_index=True, key="wording__stances_table", placeholder="—")
    components.downloads(stances, f"wording_stances_{a}_{b}", qs, "wording__stances")


VIEWS = {
    "search": ("Search the stored texts", search),
    "lineage": ("Follow a passage's words", lineage),
    "editions": ("What changed between editions", editions),
}
