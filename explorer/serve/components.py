"""Small Streamlit renderers the pages share: notices, tables with downloads, charts with their data, quote cards."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explorer.serve import charts, data, exports, say
from explorer.serve.filters import Filters, set_filter
from explorer.serve.labels import (
    MAX_NAMES,
    OWN_WORDS,
    evidence_key as evidence_key_text,
    source_title,
)
from explorer.serve.markdown import cut_off, highlight, link, md, source_line

TITLE = "Use-of-Force Policy Explorer"


# Brings an element into view once the page has settled: re-checked on each frame while the page above it is still
# drawing (charts and tables grow as they render), for at most 8 s, and never against the reader: the first wheel,
# touch, key or click of theirs ends it.
_SCROLL_JS = """(() => {
  const sel = %s, t0 = performance.now();
  let stable = 0, stop = false;
  for (const e of ["wheel", "touchstart", "keydown", "mousedown"]) document.addEventListener(e, () => { stop = true; }, {once: true, capture: true});
  const tick = () => {
    if (stop || performance.now() - t0 > 8000) return;
    const el = document.querySelector(sel);
    if (el && el.getClientRects().length) {
      const r = el.getBoundingClientRect(), h = window.innerHeight;
      if (r.top < 0 || r.top > h - Math.min(r.height, h / 2)) { el.scrollIntoView({block: r.height > h / 2 ? "start" : "center"}); stable = 0; }
      else if (++stable > 40) return;
    }
    requestAnimationFrame(tick);
  };
  tick();
})();"""


def scroll_to(key: str) -> None:
    """Scroll the element with this Streamlit key (a container's key=) into the viewport when the page settles: a
    marked passage, a notice or a selection that a link pointed at. The script is ours (the key is a fixed name, never
    a reader's input); its element is hidden (style.py)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
        raise ValueError(f"not a widget key: {key!r}")
    with st.container(key=f"scroll_js_{key}"):
        st.html(f"<script>{_SCROLL_JS % json.dumps('.st-key-' + key)}</script>", unsafe_allow_javascript=True)


class PageEnd(Exception):  # noqa: N818 - a page's normal end, not an error
    """Raised by end_page(): app.py catches it, so the cite box and the release footer still follow (st.stop() would end
    the whole run, footer included)."""


def end_page() -> None:
    """This page has nothing more to show (an empty result, a choice to make): stop it, keep the app's frame."""
    raise PageEnd


_NOTICES = "_notice_slot"


def notice_slot() -> None:
    """A place at the top of the page for this run's notices (app.py, before the page): a bad link value named far down
    a page would be missed; the slot is scrolled into view when a notice lands in it."""
    st.session_state[_NOTICES] = st.container(key="page_notices")
    st.session_state[_NOTICES + "_scrolled"] = False


def show_notices(notices: Sequence[str]) -> None:
    """Tell the reader what part of the link was ignored (never raise, never render it as Markdown), at the top of the page."""
    slot = st.session_state.get(_NOTICES) if st.runtime.exists() else None
    if notices and slot is not None:
        with slot:
            _notices(notices)
            if not st.session_state.get(_NOTICES + "_scrolled"):  # once a run: one script scrolls the slot into view
                st.session_state[_NOTICES + "_scrolled"] = True
                scroll_to("page_notices")
    elif notices:
        _notices(notices)


def _notices(notices: Sequence[str]) -> None:
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

    df may be a function returning the table (or a data.Paged's download() stream of it), so a paged view can offer all its
    rows without fetching them on every rerun. Every download either completes or is refused up front with the
    reason and the alternative (a download cannot show an error once clicked): Excel beyond what it writes in about
    a minute. Beyond exports.PREPARE_AFTER rows a file is first prepared, with a progress bar, then downloaded.
    """
    fetch = df if callable(df) else (lambda: df)
    rows = rows if rows is not None else (len(df) if isinstance(df, pd.DataFrame) else None)
    cols = st.columns(len(exports.FORMATS))
    refused = exports.excel_refused(rows)
    name = lambda fmt: exports.file_name(what, query_string, fmt)  # noqa: E731
    for col, (fmt, (label, mime)) in zip(cols, exports.FORMATS.items(), strict=True):
        key = f"{key_prefix}__dl_{fmt}"
        if fmt == "xlsx" and refused:
            col.button(f"⬇ {label}", key=key, disabled=True, width="stretch", help=refused)
        elif rows is not None and rows > exports.PREPARE_AFTER:
            _prepared_download(col, fetch, fmt, label, mime, name(fmt), key, rows)
        else:
            col.download_button(
                f"⬇ {label}",
                data=lambda fmt=fmt: exports.to_file(fetch(), fmt),
                file_name=name(fmt),
                mime=mime,
                key=key,
                on_click="ignore",
                width="stretch",
                help=f"Download {say.count(rows, 'row') if rows is not None else 'these rows'} as {label}",
            )
    if refused:
        st.caption(md(refused))


def _prepared_download(
    col: object, fetch: Callable[[], exports.Rows], fmt: str, label: str, mime: str, file_name: str, key: str, rows: int
) -> None:
    """A long file in two steps: 'Prepare' writes it with a progress bar (rows written of rows), then it downloads."""
    held = f"{key}__file"
    ready = st.session_state.get(held)
    if ready is not None and ready[0] != file_name:  # the filters changed: that file is not this table
        ready = None
        st.session_state.pop(held, None)
    if ready is None and col.button(f"Prepare {label} ({say.count(rows, 'row')})", key=f"{key}__prepare", width="stretch"):
        bar = col.progress(0.0, text=f"Writing {label}: 0 of {rows:,} rows")
        progress = lambda done: bar.progress(min(1.0, done / rows), text=f"Writing {label}: {done:,} of {rows:,} rows")  # noqa: E731
        ready = (file_name, exports.to_file(fetch(), fmt, progress))
        st.session_state[held] = ready
        bar.empty()
    if ready is not None:
        handle = ready[1]
        col.download_button(
            f"⬇ {label}",
            data=lambda: (handle.seek(0), handle)[1],
            file_name=file_name,
            mime=mime,
            key=key,
            on_click="ignore",
            width="stretch",
            help=f"{say.count(rows, 'row')} as {label}, ready",
        )


def table(df: pd.DataFrame, what: str, query_string: str, key_prefix: str, **dataframe_kwargs: object) -> None:
    """A filtered table with its row count and downloads, or an empty state."""
    if df.empty:
        empty_state()
        return
    st.caption(say.count(len(df), "row"))
    shown = readable(df)
    whole = _may_cut(shown, dataframe_kwargs)
    event = st.dataframe(shown, hide_index=True, key=f"{key_prefix}__table", **{"placeholder": say.MISSING, **whole, **dataframe_kwargs})
    if whole:
        order = dataframe_kwargs.get("column_order")
        whole_row(shown[list(order)] if order else shown, event, dataframe_kwargs.get("column_config"))
    downloads(df, what, query_string, key_prefix)


CUT_AFTER = 40  # characters: a longer text may be cut in a grid's column (the canvas grid neither wraps nor shows it on hover)


def _may_cut(shown: pd.DataFrame, dataframe_kwargs: dict) -> dict:
    """A table with a text that a column may cut, and no selection of its own, gets one: a selected row reads whole
    below it (whole_row)."""
    if "on_select" in dataframe_kwargs:
        return {}
    texts = [c for c in shown.columns if pd.api.types.is_string_dtype(shown[c]) and not c.endswith("url")]
    if not any(shown[c].astype(str).str.len().max() > CUT_AFTER for c in texts):
        return {}
    st.caption("A long text may be cut in its column: select a row (the box at its left) to read it whole below the table.")
    return {"on_select": "rerun", "selection_mode": "single-row"}


def whole_row(shown: pd.DataFrame, event: object, column_config: dict | None = None) -> None:
    """The selected row of a table, every column's words whole, under their column names as the table shows them."""
    picked = selection(event, "rows")
    if not picked or picked[0] >= len(shown):
        return
    config = {c: {"label": v} if isinstance(v, str) else v for c, v in (column_config or {}).items()}
    with st.container(border=True):
        for col, value in shown.iloc[picked[0]].items():
            if col in config and config[col] is None:  # a column the table hides
                continue
            label, kind = config.get(col, {}).get("label") or col, config.get(col, {}).get("type_config") or {}
            text = md(say.missing(value, say.MISSING))
            if kind.get("type") == "link":  # an address: a link under the table's words for it, never the address itself
                shown_as = kind.get("display_text") or "open"
                page = isinstance(value, str) and re.fullmatch(r"[a-z_]+\?[\w=&%.-]+", value)  # one of this app's pages
                text = f"[{md(shown_as)}](/{value})" if page else link(shown_as, value) if isinstance(value, str) and value else say.MISSING
            st.markdown(f"**{md(label)}:** {text}")


def chart(
    fig: go.Figure,
    summary: str,
    df: pd.DataFrame | None,
    what: str,
    query_string: str,
    key_prefix: str,
    phone: go.Figure | None = None,
    **chart_kwargs: object,
) -> object:
    """A chart under its title, a one-sentence summary computed from its data, and the table behind it.

    The title is drawn as text above the chart, not inside it, so that neither the chart's toolbar nor its legend covers it.
    df None: the page shows the chart's rows in its own table right below (no second copy to draw).
    phone: the same data drawn for a phone's width, shown instead of fig below 640 px (style.py); a selection in
    either is the chart's selection.
    """
    if title := charts.title_of(fig):  # the figure is shared between sessions: read, never changed
        st.markdown(f"**{md(title)}**")
    draw = lambda f, key: st.plotly_chart(f, key=key, width="stretch", config={"displaylogo": False}, **chart_kwargs)  # noqa: E731
    if phone is None:
        event = draw(fig, f"{key_prefix}__chart")
    else:
        with st.container(key=f"{key_prefix}__wide"):
            event = draw(fig, f"{key_prefix}__chart")
        with st.container(key=f"{key_prefix}__narrow"):
            small = draw(phone, f"{key_prefix}__phone_chart")
        event = small if selection(small, "points") and not selection(event, "points") else event
    st.caption(md(summary))
    if df is not None:
        with st.expander("Data behind this chart"):
            table(df, what, query_string, f"{key_prefix}__data")
    return event


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
        if own_link:
            quote_link(getattr(row, "quote_id", None))


def evidence_key(f: Filters, key_prefix: str) -> None:
    """Under a grid: what each evidence level means, and a toggle for only the cells settled by the documents' own words.

    The toggle sets the shared evidence filter (its sidebar widget and the URL: a shared link keeps it); it only narrows
    settled cells, so a cell the sources do not settle still reads '? unknown'."""
    st.caption("How sure each cell is (after the “·”): " + md(evidence_key_text()))
    key = f"{key_prefix}__own_words"
    st.session_state[key] = tuple(f.evidence_levels) == OWN_WORDS  # the filter decides, wherever it was set
    st.toggle("Show only cells settled by the document's own words", key=key, on_change=_own_words, args=(key,))


def _own_words(key: str) -> None:
    set_filter("evidence", OWN_WORDS if st.session_state[key] else ())


def quote_link(quote_id: object) -> None:
    """The link every quote card ends with: the quote's own address, its citation and its passage marked in the stored text."""
    if isinstance(quote_id, str) and quote_id:
        st.page_link("pages/quotes.py", label="This quote's address, citation and passage →", query_params={"quote": quote_id})


def pager(total: int, page_rows: int, key: str, url_key: str | None = None) -> int:
    """A page number picker when there is more than one page; returns the offset of the first row to show.

    With url_key the page number lives in the URL (a shared link opens the same page); a page number the link gives
    that does not exist is named in a notice, and one past the last page (the rows shrank) becomes the last page."""
    from explorer.serve.page_state import keep  # page_state draws its notices through this module

    pages = max(1, (total + page_rows - 1) // page_rows)
    if url_key and key not in st.session_state:
        got = [v for v in st.query_params.get_all(url_key) if v]
        if got:
            number = int(got[0]) if got[0].isdigit() else 0
            if 1 <= number <= pages:
                st.session_state[key] = number
            else:
                show_notices([f"Ignored page “{got[0][:20]}” in the link: the pages run from 1 to {pages:,}."])
    if isinstance(st.session_state.get(key), int | float) and st.session_state[key] > pages:
        st.session_state[key] = pages
    page = st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, key=key) if pages > 1 else 1
    if url_key:
        keep(url_key, str(int(page)) if page > 1 else None)
    return (int(page) - 1) * page_rows


def paged_table(
    listing: data.Paged,
    what: str,
    query_string: str,
    key_prefix: str,
    page_rows: int = 100,
    columns: Sequence[str] | None = None,
    display: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    url_key: str | None = None,
    **dataframe_kwargs: object,
) -> tuple[pd.DataFrame, object]:
    """A table that fetches one page of the listing's rows at a time and downloads all of them (streamed).

    `display` relabels the rows on screen only (symbols, readable kinds); downloads carry the stored values.
    Returns the rows shown and the dataframe's selection event.
    """
    first = listing.page(limit=page_rows)
    total = int(first["total_rows"].iloc[0]) if len(first) else 0
    if total == 0:
        empty_state()
        return first, None
    offset = pager(total, page_rows, f"{key_prefix}__page", url_key)
    rows = (first if offset == 0 else listing.page(limit=page_rows, offset=offset)).drop(columns=["total_rows"])
    st.caption(f"Rows {offset + 1:,}–{offset + len(rows):,} of {total:,}")
    rows = readable(display(rows) if display else rows)
    shown = rows[list(columns)] if columns else rows
    whole = _may_cut(shown, dataframe_kwargs)
    event = st.dataframe(shown, hide_index=True, key=f"{key_prefix}__table", **{"placeholder": say.MISSING, **whole, **dataframe_kwargs})
    if whole:
        whole_row(shown, event, dataframe_kwargs.get("column_config"))
    downloads(listing.download, what, query_string, key_prefix, rows=total)
    return rows, event
