"""Small Streamlit renderers the pages share: notices, tables with downloads, charts with their data, quote cards."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer.serve import charts, data, exports
from explorer.serve.filters import Filters
from explorer.serve.labels import (
    EVIDENCE,
    EVIDENCE_MEANING,
    MAX_NAMES,
    OWN_WORDS,
    cell_label,
    endorsement_label,
    kind_label,
    short_publisher,
    source_title,
    stance_label,
)
from explorer.serve.labels import evidence_key as evidence_key_text

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&])")
TITLE = "Use-of-Force Policy Explorer"


def md(text: object) -> str:
    """Escape text from the data or the URL so Markdown shows it literally (no links, no formatting, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def cut_off(copy: str = "the stored copy") -> str:
    """The mark after a passage that its stored copy breaks off in ([excerpt ends]): the words are exact, the rest unseen."""
    return f" *\\[cut off: {md(copy)} breaks off here\\]*"


def mark(text: str) -> str:
    """Escaped text marked as a match (style.py gives the mark its colour and no padding)."""
    return f":yellow-background[**{md(text)}**]"


def highlight(text: str, terms: Sequence[str]) -> str:
    """Escaped text with every case-insensitive match of the terms on a yellow background."""
    terms = [t for t in terms if t]
    if not terms:
        return md(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    spans: list[list[int]] = []
    for m in pattern.finditer(text):  # "warning" and "shots" side by side are one mark: "warning shots"
        if spans and not text[spans[-1][1] : m.start()].strip(" "):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out, last = [], 0
    for start, end in spans:
        out.append(md(text[last:start]))
        out.append(mark(text[start:end]))
        last = end
    out.append(md(text[last:]))
    return "".join(out)


def link(label: str, url: str | None) -> str:
    """A Markdown link with an escaped label, or the plain label when there is no address."""
    if not url or url == "unknown" or not url.startswith(("http://", "https://")):
        return md(label)
    safe = url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    return f"[{md(label)}](<{safe}>)"


def show_notices(notices: Sequence[str]) -> None:
    """Tell the reader what part of the link was ignored (never raise, never render it as Markdown)."""
    if notices:
        st.warning("\n\n".join(md(n) for n in notices[:8]) + (f"\n\n…and {len(notices) - 8} more." if len(notices) > 8 else ""), icon="⚠️")


def broken_sources_notice(problems: list[str]) -> None:
    """Every reader sees that the sources failed to build and that the last good database is being served."""
    shown = "\n".join(f"- {md(p)}" for p in problems[:10]) + (f"\n- …and {len(problems) - 10} more" if len(problems) > 10 else "")
    st.warning(
        f"The data sources have {len(problems)} problem(s), so this is the last good database, not the edited sources. "
        f"Fix each file at the line named, then restart the app (or run `make data` to see every problem):\n\n{shown}",
        icon="⚠️",
    )


def filters_in_force(filters: Filters, options: object) -> None:
    """Above every page, at every width: which shared filters are set (on a phone the sidebar is folded away)."""
    if not filters.is_default():
        st.caption(
            "**Filtered:** " + md("; ".join(filters.describe(options))) + ". Change or clear them in the sidebar (» at the top left)."
        )


def query_failed(when: str) -> None:
    """A page whose query failed: a titled message with what to do (the details are in the server's log), not a traceback."""
    st.error(
        f"**This view could not be read from the database.**\n\nThe rest of the app still works: reload the page, or pick "
        f"another view. If it happens again, the database file may be damaged: rebuild it with `make data` and restart. "
        f"The details are in the server's log (logged at {when} UTC).",
        icon="⛔",
    )


def empty_state(message: str = "No rows for these filters. Clear a filter in the sidebar to see more.") -> None:
    st.info(message, icon="ℹ️")


def downloads(
    df: pd.DataFrame | Callable[[], exports.Rows], what: str, query_string: str, key_prefix: str, rows: int | None = None
) -> None:
    """Four download buttons for the table exactly as filtered; the bytes are made only when clicked.

    df may be a function returning the table (or data.all_rows' stream of it), so a paged view can offer all its
    rows without fetching them on every rerun.
    """
    fetch = df if callable(df) else (lambda: df)
    rows = rows if rows is not None else (len(df) if isinstance(df, pd.DataFrame) else None)
    cols = st.columns(len(exports.FORMATS))
    too_long = rows is not None and rows > exports.EXCEL_MAX_ROWS
    for col, (fmt, (label, mime)) in zip(cols, exports.FORMATS.items(), strict=True):
        if fmt == "xlsx" and too_long:  # refused up front: a download cannot show an error once clicked
            col.button(f"⬇ {label}", key=f"{key_prefix}__dl_{fmt}", disabled=True, width="stretch", help=exports.excel_refusal(rows))
            continue
        col.download_button(
            f"⬇ {label}",
            data=lambda fmt=fmt: exports.to_file(fetch(), fmt),
            file_name=exports.file_name(what, query_string, fmt),
            mime=mime,
            key=f"{key_prefix}__dl_{fmt}",
            on_click="ignore",
            width="stretch",
            help=f"Download these {rows if rows is not None else ''} rows as {label}",
        )
    if too_long:
        st.caption(md(exports.excel_refusal(rows)))


def table(df: pd.DataFrame, what: str, query_string: str, key_prefix: str, **dataframe_kwargs: object) -> None:
    """A filtered table with its row count and downloads, or an empty state."""
    if df.empty:
        empty_state()
        return
    st.caption(f"{len(df):,} {'row' if len(df) == 1 else 'rows'}")
    st.dataframe(readable(df), hide_index=True, key=f"{key_prefix}__table", **dataframe_kwargs)
    downloads(df, what, query_string, key_prefix)


def chart(
    fig: go.Figure, summary: str, df: pd.DataFrame | None, what: str, query_string: str, key_prefix: str, **chart_kwargs: object
) -> object:
    """A chart under its title, a one-sentence summary computed from its data, and the table behind it.

    The title is drawn as text above the chart, not inside it, so that neither the chart's toolbar nor its legend covers it.
    df None: the page shows the chart's rows in its own table right below (no second copy to draw).
    """
    if title := charts.title_of(fig):  # the figure is shared between sessions: read, never changed
        st.markdown(f"**{md(title)}**")
    event = st.plotly_chart(fig, key=f"{key_prefix}__chart", width="stretch", config={"displaylogo": False}, **chart_kwargs)
    st.caption(md(summary))
    if df is not None:
        with st.expander("Data behind this chart"):
            table(df, what, query_string, f"{key_prefix}__data")
    return event


def source_line(title: str, publisher: str, date: str, url: str | None) -> str:
    """'Source: [title](url) — publisher, date' in escaped Markdown ('Untitled page at …' where no title was recorded; no date, none shown)."""
    return f"Source: {link(source_title(title, url), url)} — {md(short_publisher(publisher))}" + (f", {md(date)}" if date else "")


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """A table as a reader sees it: no sortable twin of a date known only in part, '—' for a missing text, no 'unknown' links.

    `on_date_date` (2006-02-01 00:00:00) stands in for `on_date` (2006-02) in sorting; on screen only the latter shows.
    Downloads keep every column as stored.
    """
    out = df.drop(columns=[c for c in df.columns if c.endswith("_date") and c.removesuffix("_date") in df.columns])
    for col in out.columns:
        if col.endswith("url"):
            out[col] = out[col].where(out[col].astype(str).str.startswith(("http://", "https://")), None)
        elif pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].fillna("—")
    if "title" in out.columns and "url" in out.columns and "source_id" in out.columns:
        out["title"] = [source_title(t, u) for t, u in zip(out["title"], df["url"], strict=True)]
    return out


def view_url(path: str, filters: Filters, extra: dict[str, Sequence[str]] | None = None) -> str:
    """The address of this view: the server's origin, the page path and the filters."""
    try:
        base = st.context.url or ""
    except Exception:  # outside a browser session (tests), there is no URL
        base = ""
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://localhost:8501"
    qs = filters.query_string(extra)
    return f"{origin}/{path.strip('/')}" + (f"?{qs}" if qs else "")


def citation(page_title: str, url: str, release: str, release_date: str, today: str) -> tuple[str, str]:
    """The view's citation as plain text and as BibTeX."""
    plain = f"{TITLE}: {page_title}. Data release {release} ({release_date}). Accessed {today}. {url}"
    key = re.sub(r"[^a-z0-9]+", "_", f"uof_explorer_{release}_{page_title}".lower()).strip("_")
    bibtex = (
        f"@misc{{{key},\n"
        f"  title = {{{{{TITLE}}}: {page_title}}},\n"
        f"  note = {{Data release {release} ({release_date})}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  urldate = {{{today}}}\n"
        "}"
    )
    return plain, bibtex


def cite_this_view(page_title: str, path: str, filters: Filters, release: dict, extra: dict[str, Sequence[str]] | None = None) -> None:
    """A ready citation of the view (title, data release, date accessed, URL with filters) in plain text and BibTeX."""
    url = view_url(path, filters, extra)
    today = pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d")
    plain, bibtex = citation(page_title, url, str(release["data_release"]), str(release["release_date"]), today)
    copyable(plain, bibtex)


def copyable(plain: str, bibtex: str) -> None:
    """A citation to select and copy: plain text, and BibTeX as preformatted text.

    Plain text elements, not st.code: its syntax highlighter is a 1.5 MB script every page would load and parse.
    """
    st.text(plain)
    with st.expander("BibTeX"):
        st.text(bibtex)


def footer(release: dict) -> None:
    st.divider()
    st.caption(
        f"{TITLE} · data release {md(release['data_release'])} ({md(release['release_date'])}), "
        f"built {md(str(release['built_at'])[:10])} from sources fingerprint {md(release['data_fingerprint'])} · "
        "every row is traced to a stored source text; see the Sources and Data pages."
    )
    notes = release_notes(str(release.get("changes", "")), str(release["data_release"]))
    if notes:
        with st.expander(f"What changed in data release {release['data_release']}, with its errata"):
            st.markdown(re.sub(r"(?m)^(#+) ", r"###\1 ", notes))  # under the page's own headings


def release_notes(changes: str, version: str) -> str:
    """The section of the change log for one release ('## <version> ...' up to the next release)."""
    parts = re.split(r"(?m)^## ", changes)
    return next(("## " + p for p in parts if p.startswith(version + " ") or p.startswith(version + "\n")), "")


def selection(event: object, part: str) -> list:
    """Selected points/rows/cells of a chart or table event; empty when nothing is selected (or no event)."""
    try:
        return list(event["selection"][part])  # key access: injected test state comes back as a plain dict
    except (KeyError, TypeError):
        return []


def quote_card(row: object, terms: Sequence[str] = (), own_link: bool = True) -> None:
    """One quote: the text (matches highlighted), who said it in what role, organization, date, source, locator, its own address."""
    with st.container(border=True):
        cut = cut_off() if getattr(row, "cut", None) == "end" else ""
        st.markdown(f"“{highlight(row.text, terms)}”{cut}")
        reported = getattr(row, "voice", None) == "reported"
        who = ("Reported by " if reported else "") + f"**{md(row.speaker)}**"
        who += f", {md(row.speaker_role)}" if row.speaker_role and row.speaker_role != "unknown" else ""
        org = getattr(row, "org_name", None)
        names = org.split("; ") if isinstance(org, str) and org else []
        if len(names) > MAX_NAMES:  # a joint statement: the count on the card, every name on hover
            who += f" · {'about' if reported else 'for'} {len(names)} organizations (hover ⓘ for their names)"
        elif names:
            who += f" · {'about' if reported else 'for'} {md(org)}"
        joint = getattr(row, "jointly_with", None)
        if isinstance(joint, str) and joint:
            who += f" · {'also about' if reported else 'jointly with'} {md(joint)}"
        st.markdown(f"{who} · {md(row.said_on)}", help="; ".join(names) if len(names) > MAX_NAMES else None)
        context = getattr(row, "context", None)
        st.markdown(  # not a caption: links in captions failed WCAG contrast (axe-core)
            source_line(row.source_title, row.source_publisher, row.source_published_on, row.source_url)
            + f" · at: {md(row.locator)}"
            + (f" · {md(context)}" if isinstance(context, str) and context else "")
        )
        if own_link and isinstance(getattr(row, "quote_id", None), str):
            st.page_link("pages/quotes.py", label="This quote's address, citation and passage →", query_params={"quote": row.quote_id})


def org_statements(said: pd.DataFrame) -> None:
    """An organization's quotes: in its own words first, then as others reported it."""
    if said.empty:
        empty_state("No quotes are attributed to this organization in the stored sources.")
        return
    own, reported = said[said["voice"] != "reported"], said[said["voice"] == "reported"]
    st.markdown(f"**In its own words** ({len(own)}), alone or in statements it issued jointly with others:")
    for q in own.itertuples():
        quote_card(q)
    if len(reported):
        st.markdown(f"**As others reported it** ({len(reported)}): a reporter's or critic's account, not the organization's own words.")
        for q in reported.itertuples():
            quote_card(q)


def evidence_key(f: Filters, page: str, extra: dict[str, list[str]] | None = None) -> None:
    """Under a grid: what each evidence level means, and a link to the same view with only cells settled by the documents' own words."""
    st.caption("How sure each cell is (after the “·”): " + md(evidence_key_text()))
    if tuple(f.evidence_levels) != OWN_WORDS:
        own = f.replace(evidence_levels=OWN_WORDS).to_params()
        st.page_link(page, label="Show only cells settled by the document's own words", query_params={**own, **(extra or {})})
    else:
        st.page_link(
            page, label="Show cells at every evidence level", query_params={**f.replace(evidence_levels=()).to_params(), **(extra or {})}
        )


def stance_evidence(row: object, heading: bool = False) -> None:
    """One document's stance on one provision: stance, evidence level, summary, the quote and its source."""
    title = f"{md(row.doc_short_title)} on {md(row.provision_name)}: {stance_label(row.stance)}"
    if heading:
        st.subheader(title)
    level = f"Evidence: {EVIDENCE[row.evidence]} ({md(EVIDENCE_MEANING[row.evidence])})."
    st.markdown(("" if heading else f"**{title}** ") + f"{level} {md(row.summary)}")
    if isinstance(row.quote_text, str):
        st.markdown(f"> “{md(row.quote_text)}”")
        locator = f" · at: {md(row.quote_locator)}" if isinstance(getattr(row, "quote_locator", None), str) else ""
        st.markdown(source_line(row.source_title, row.source_publisher, row.source_published_on, row.source_url) + locator)


MAX_EXPANDERS = 30  # beyond this many provisions, one picker is faster to render and to read


def evidence_by_provision(grid: pd.DataFrame) -> None:
    """Every provision's stances with their evidence: an expander each, or one picker when there are many."""
    groups = list(grid.groupby("provision_id", sort=False))
    if len(groups) <= MAX_EXPANDERS:
        for _pid, part in groups:
            head = " | ".join(f"{r.doc_short_title} {cell_label(r.stance, r.evidence)}" for r in part.itertuples())
            with st.expander(f"{part.iloc[0]['provision_name']}: {head}"):
                for r in part.itertuples():
                    stance_evidence(r)
        return
    names = {pid: part.iloc[0]["provision_name"] for pid, part in groups}
    pid = st.selectbox(f"{len(groups)} provisions: read the evidence for", list(names), format_func=names.get, key="compare__provision")
    for r in dict(groups)[pid].itertuples():
        stance_evidence(r)


def agency_distance(dist: pd.DataFrame, name: str) -> None:
    """Same / stricter / looser per document, and the provision-by-provision table."""
    st.subheader(f"How {md(name)} compares")
    summary = dist.pivot_table(index="doc_short_title", columns="comparison", values="provision_id", aggfunc="count", fill_value=0)
    summary.index.name, summary.columns.name = "Document", None
    st.dataframe(summary.reindex(columns=["same", "stricter", "looser", "not comparable"], fill_value=0), key="compare__distance")
    with st.expander("Provision by provision"):
        table(dist, "agency_comparison", "", "compare__distance_rows")
    st.caption(
        "Stricter and looser follow each provision's direction in the codebook: for practices the documents restrict, "
        "prohibits > discourages > permits with conditions > permits; for practices they ask for, requires > recommends > "
        "permits. Silent and unknown are not comparable."
    )


def endorsements_table(fetch: Callable[[int, int], pd.DataFrame], query_string: str) -> tuple[pd.DataFrame, object]:
    """The paged endorsement rows, one selectable row each; returns the rows shown and the selection event."""

    def labelled(rows: pd.DataFrame) -> pd.DataFrame:  # on screen only: the downloads keep the codebook's words
        status = [endorsement_label(s, x, e) for s, x, e in zip(rows["status"], rows["extent"], rows["evidence"], strict=True)]
        return rows.assign(status=status, org_kind=rows["org_kind"].map(kind_label))

    return paged_table(
        fetch,
        "endorsements",
        query_string,
        "endorsements__rows",
        display=labelled,
        columns=["org_name", "org_kind", "doc_short_title", "status", "on_date", "note", "source_publisher", "source_url"],
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "org_name": "Organization",
            "org_kind": "Kind",
            "doc_short_title": "Document",
            "status": "Status",
            "on_date": "Date",
            "note": st.column_config.TextColumn("Note", width="large"),
            "source_publisher": "Source",
            "source_url": st.column_config.LinkColumn("Link", display_text="open source"),
        },
    )


def pager(total: int, page_rows: int, key: str) -> int:
    """A page number picker when there is more than one page; returns the offset of the first row to show."""
    pages = (total + page_rows - 1) // page_rows
    page = st.number_input("Page", min_value=1, max_value=pages, value=1, key=key) if pages > 1 else 1
    return (int(page) - 1) * page_rows


def paged_table(
    fetch: Callable[[int, int], pd.DataFrame],
    what: str,
    query_string: str,
    key_prefix: str,
    page_rows: int = 100,
    columns: Sequence[str] | None = None,
    display: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    **dataframe_kwargs: object,
) -> tuple[pd.DataFrame, object]:
    """A table that fetches one page of rows (fetch(limit, offset) returns them with total_rows) and downloads all.

    `display` relabels the rows on screen only (symbols, readable kinds); downloads carry the stored values.
    Returns the rows shown and the dataframe's selection event.
    """
    first = fetch(page_rows, 0)
    total = int(first["total_rows"].iloc[0]) if len(first) else 0
    if total == 0:
        empty_state()
        return first, None
    offset = pager(total, page_rows, f"{key_prefix}__page")
    rows = (first if offset == 0 else fetch(page_rows, offset)).drop(columns=["total_rows"])
    st.caption(f"Rows {offset + 1:,}–{offset + len(rows):,} of {total:,}")
    rows = readable(display(rows) if display else rows)
    event = st.dataframe(rows[list(columns)] if columns else rows, hide_index=True, key=f"{key_prefix}__table", **dataframe_kwargs)
    downloads(lambda: data.all_rows(fetch), what, query_string, key_prefix, rows=total)
    return rows, event
