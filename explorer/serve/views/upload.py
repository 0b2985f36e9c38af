"""Compare's "your own department" place: one upload, a coding sheet (CSV) or the policy itself (PDF, Word, text).

A policy is read in a child process under stated limits (explorer/serve/policy_upload.py), kept in this reader's
st.session_state only (never in a cache shared between sessions, never on disk) and shown as extracted, page by page,
with the rules' passages per provision and criterion, the rule's reading beside how often it agreed with the human
coders, its lineage (model documents' and court opinions' 4-word runs), and a report to take away.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from explorer import policy_rules
from explorer.serve import data, policy_reading, policy_upload
from explorer.serve.labels import printed_label
from explorer.serve.markdown import mark, md
from explorer.serve.views import compare_agency as agency

SESSION_KEY = "compare__policy"  # this reader's reading: {"sha256": ..., "reading": policy_reading.Reading}
PASSAGES_SHOWN = 25  # per provision on the page; the downloads hold every one
LINEAGE_SHOWN = 40


def own_department(provisions: pd.DataFrame) -> tuple[pd.DataFrame | None, str, policy_reading.Reading | None]:
    """The one entry for a reader's own department: (coding sheet rows or None, the name to show, a policy reading or None)."""
    with st.expander("Your own department: upload its policy (PDF, Word, text) or a coding sheet (CSV)"):
        st.markdown(
            "**A policy document** (PDF, Word .docx or plain text) is read for the passages bearing on each provision and on "
            "Campaign Zero's 8 criteria, found by stated keyword rules, and set beside the documents. "
            + md(policy_upload.LIMITS_NOTE)
            + "\n\n**A coding sheet** (CSV: one row per provision, `provision_id`, `stance` from the codebook, the policy's own words "
            "in `quote`, `locator`, `source_title`, `source_url`) is checked like the build checks the data.\n\n"
            "Either stays in this browser session: nothing is stored, and no other reader sees it."
        )
        st.download_button(
            "⬇ Coding-sheet template with every provision",
            agency.template(provisions),
            "agency_coding_template.csv",
            "text/csv",
            key="compare__template",
            on_click="ignore",
        )
        upload = st.file_uploader(
            "Your department's policy (PDF, .docx, .txt) or coding sheet (.csv)",
            type=["pdf", "docx", "txt", "csv"],
            key="compare__upload",
            max_upload_size=policy_upload.LIMITS.max_bytes // 1_000_000,
        )
        name = st.text_input("Name shown for it", "Your agency", key="compare__agency_name", max_chars=60).strip() or "Your agency"
    if upload is None:
        st.session_state.pop(SESSION_KEY, None)  # the reader removed the file: its text goes too
        return None, name, None
    if Path(upload.name).suffix.lower() == ".csv":
        parsed = agency.parse(upload.getvalue(), set(provisions["provision_id"]))
        if parsed.problems:
            st.error("The sheet was not used:\n\n" + "\n\n".join(md(p) for p in parsed.problems[:20]))
            return None, name, None
        return parsed.rows, name, None
    return None, name, _policy(upload.name, upload.getvalue())


def _policy(file_name: str, raw: bytes) -> policy_reading.Reading | None:
    kept = st.session_state.get(SESSION_KEY)
    if kept is None or kept["sha256"] != hashlib.sha256(raw).hexdigest():
        with st.spinner(f"Reading {file_name} (at most {policy_upload.LIMITS.seconds:.0f} seconds)…"):
            extracted, reading = policy_reading.read_file(file_name, raw)
        kept = {"sha256": extracted.sha256, "extracted": extracted, "reading": reading}
        st.session_state[SESSION_KEY] = kept
    extracted = kept["extracted"]
    if not extracted.ok:
        st.error(f"**{md(file_name)} was not read**: {md(extracted.message)}", icon="⚠️")
        return None
    return kept["reading"]


def _names(provisions: pd.DataFrame) -> dict[str, str]:
    return dict(zip(provisions["provision_id"], provisions["name"], strict=True))


def with_upload(grid: pd.DataFrame, reading: policy_reading.Reading, provisions: pd.DataFrame, name: str) -> pd.DataFrame:
    """Compare's grid with the uploaded policy's column first (per provision, the rule's reading or the passages to
    read) and, if the reader picks one, a department's stored full text read by the same rules beside it."""
    names = _names(provisions)
    texts = data.stored_text_options()
    labels = {r.text_id: f"{r.department}: stored text, {printed_label(r.issued_on, r.printed)} ({r.scope})" for r in texts.itertuples()}
    beside = st.selectbox(
        "Beside your policy: a department's stored full text, read by the same rules",
        [None, *labels],
        format_func=lambda t: "none" if t is None else labels[t],
        key="compare__policy_beside",
    )
    out = grid.copy()
    if beside is not None:
        column = pd.Series(_stored_text_cells(beside, policy_reading.agreement_version())).rename(index=names)
        out.insert(
            0,
            f"{labels[beside].split(':')[0]}: stored text, keyword reading",
            column.reindex(out.index).fillna("– no rule for this provision"),
        )
    column = policy_reading.grid_column(reading, names)
    out.insert(0, f"{name}: uploaded text, keyword reading", column.reindex(out.index).fillna("– no rule for this provision"))
    return out


@st.cache_data(show_spinner="Reading the department's stored text…", max_entries=64)
def _stored_text_cells(text_id: str, _version: str) -> dict[str, str]:
    """provision_id -> the grid cell for a stored full text (public data: cached across sessions, by text id)."""
    body = data.policy_text_body(text_id)
    pages = str(body["body"].iloc[0]).split("\f") if len(body) else []
    return {r.rule.provision_id: policy_reading.grid_cell(r) for r in policy_rules.read(pages)}


def show(reading: policy_reading.Reading, provisions: pd.DataFrame, name: str) -> None:
    """The reading in full: the file, its pages, the passages per provision and criterion, its lineage, the report."""
    e = reading.extracted
    names = _names(provisions)
    st.subheader(f"{md(name)}: the uploaded policy, read")
    st.markdown(
        f"**{md(e.name)}**: {md(policy_upload.NAMES[e.kind or 'text'])}, {e.size:,} bytes, {len(e.pages)} page(s), read in {e.seconds:.1f} s "
        f"by {md(e.extractor)}; sha256 `{e.sha256}`. Rules: data/rules/criteria\\_rules.yaml, version {md(reading.rules_version)}."
    )
    for note in e.notes:
        st.info(md(note), icon="ℹ️")
    _pages(e)
    st.markdown(
        "**Passages per provision and criterion.** Found by keyword rules written as data (search terms, and the phrases of "
        "Campaign Zero's coding rules). A rule's reading says whether *the words that would meet the criterion* were found: "
        "it is the rule's, never a verdict, and beside it is how often that rule agreed with the human coders on the stored policies."
    )
    for r in reading.readings:
        label = f"{names.get(r.rule.provision_id, r.rule.provision_id)}: {policy_reading.grid_cell(r).removeprefix('– ')}"
        with st.expander(label, key=f"compare__policy__{r.rule.provision_id}"):
            _passages(r)
    shared = data.upload_lineage(policy_reading.upload_grams(reading))
    sentences, sources = policy_reading.lineage(reading, shared)
    _lineage(sentences, sources)
    _takeaway(reading, names, sentences)


def _pages(e: policy_upload.Extracted) -> None:
    with st.expander(f"The text as extracted, page by page ({len(e.pages)} page(s))"):
        st.caption("Exactly the words the extractor gave, before any rule read them: a page that shows nothing had no text layer.")
        n = st.number_input("Page", min_value=1, max_value=max(1, len(e.pages)), value=1, step=1, key="compare__policy_page")
        st.code(e.pages[int(n) - 1] or "(no text on this page)", language=None, wrap_lines=True)


def _passages(r: policy_rules.Reading) -> None:
    st.markdown(md(policy_reading.reading_words(r)) + ".")
    if r.rule.criterion_id:
        words = policy_reading.agreement_words(r.rule.criterion_id)
        (st.warning if "poorly" in words or "no better" in words else st.caption)(md(words[0].upper() + words[1:]) + ".")
    if not r.found:
        st.caption("No passage of the uploaded text holds this rule's search terms.")
    for f in r.found[:PASSAGES_SHOWN]:
        text = "".join(mark(piece) if marked else md(piece) for piece, marked in policy_rules.marked(f.passage.text, f.spans))
        st.markdown(f"**p. {f.passage.page}** · *{md(policy_rules.ROLE_LABEL[f.role])}*: {text}")
    if len(r.found) > PASSAGES_SHOWN:
        st.caption(f"{len(r.found) - PASSAGES_SHOWN} more in the downloads below.")


def _lineage(sentences: pd.DataFrame, sources: pd.DataFrame) -> None:
    st.markdown("**Which words it carries from the model documents and court opinions** (shared runs of 4 words, as on the Wording page)")
    if sources.empty:
        st.caption("No 4-word run of the uploaded text is found in a stored model document or court opinion.")
        return
    shown = sources.rename(
        columns={
            "label": "model document or opinion",
            "source_kind": "kind",
            "runs": "its 4-word runs in the upload",
            "share_of_upload_runs": "share of the upload's runs",
            "sentences_half_or_more": "sentences with half their runs from it",
        }
    ).drop(columns=["source_id"])
    st.dataframe(shown, hide_index=True, key="compare__policy_lineage_sources")
    st.caption(
        f"Sentences of the upload with at least {policy_reading.LINEAGE_MIN_SHARE:.0%} of their 4-word runs in one source (shared words marked):"
    )
    for s in sentences.head(LINEAGE_SHOWN).itertuples():
        text = "".join(mark(piece) if m else md(piece) for piece, m in policy_rules.marked(s.text, s.spans))
        st.markdown(
            f"**p. {s.page}** · {s.share:.0%} of its runs ({s.shared_runs} of {s.runs}) in *{md(s.source)}* ({md(s.dated)}): {text}"
        )
    if len(sentences) > LINEAGE_SHOWN:
        st.caption(f"{len(sentences) - LINEAGE_SHOWN} more sentences in the report below.")


def _takeaway(reading: policy_reading.Reading, names: dict[str, str], sentences: pd.DataFrame) -> None:
    st.markdown(
        "**Take it away**: the reading as a report (Markdown, JSON) and its passages (CSV), naming the file's sha256, the extractor, the rules' version and the data release."
    )
    files = policy_reading.report_files(reading, names, data.build_info(), sentences)
    stem = Path(reading.extracted.name).stem[:40] or "policy"
    cols = st.columns(3)
    for col, (fmt, label, mime) in zip(
        cols,
        (
            ("md", "Report (Markdown)", "text/markdown"),
            ("json", "Report (JSON)", "application/json"),
            ("csv", "Passages (CSV)", "text/csv"),
        ),
        strict=True,
    ):
        col.download_button(
            f"⬇ {label}", files[fmt], f"{stem}-reading.{fmt}", mime, key=f"compare__policy_dl_{fmt}", on_click="ignore", width="stretch"
        )
