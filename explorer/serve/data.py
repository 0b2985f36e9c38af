"""One typed function per file in queries/: what the pages call to get data (cached by parameters)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from explorer.paths import QUERIES_DIR
from explorer.serve.db import cached_query, query, stream
from explorer.serve.filters import Filters, Options
from explorer.serve.labels import EVIDENCE, STATUSES, kind_label, source_title, status_label
from explorer.wording import FOLLOWED_KINDS, MODEL_DOCUMENT

ALL_ROWS = 100_000_000  # row_limit for a download: every row the filters select


def _bindings(name: str, f: Filters, defaults: dict[str, object] | None = None, **own: object) -> dict[str, object]:
    """The parameters of queries/<name>.sql under the shared filters.

    `defaults` stand in for a filter that is not set; `own` are bindings the caller sets itself. An own binding never
    takes a filter's name: a query's $name that is a filter's attribute is that filter, so the sidebar can tell from
    the query alone which filters a page applies (filters.uses).
    """
    taken = {s.attr for s in f.table} & set(own)
    if taken:
        raise ValueError(f"queries/{name}.sql: own binding(s) {sorted(taken)} take a filter's name; give them a name of their own")
    params = f.sql_params()
    return params | {k: v for k, v in (defaults or {}).items() if not params[k]} | own


def _under(name: str, f: Filters, defaults: dict[str, object] | None = None, **own: object) -> pd.DataFrame:
    """queries/<name>.sql under the shared filters, cached (see _bindings)."""
    return cached_query(name, _bindings(name, f, defaults, **own))


@dataclass(frozen=True)
class Paged:
    """Every row one query selects under the filters, fetched only when asked for, in one of two explicit ways:
    `page(limit=..., offset=...)` for the screen (a DataFrame with total_rows, cached), or `download()` for a file
    (every row streamed from DuckDB in Arrow batches: uncached, never in pandas, one batch of memory at a time)."""

    query: str  # queries/<query>.sql, which binds $row_limit and $row_offset and counts every row it selects as total_rows
    params: Mapping[str, object]  # its other bindings

    def page(self, *, limit: int, offset: int = 0) -> pd.DataFrame:
        return cached_query(self.query, {**self.params, "row_limit": limit, "row_offset": offset})

    def download(self) -> pa.RecordBatchReader:
        return stream(self.query, {**self.params, "row_limit": ALL_ROWS, "row_offset": 0})


def _paged(name: str, f: Filters, **own: object) -> Paged:
    return Paged(name, _bindings(name, f, **own))


# --- Editorial choices: which documents and provisions the pages put first (data/editorial.csv, via the database) ---


def _editorial(choice: str, column: str) -> tuple[str, ...]:
    """One editorial choice's ids (or words), in the file's order (queries/editorial.sql); () where the data makes none."""
    rows = cached_query("editorial")
    return tuple(rows.loc[rows["choice"] == choice, column].dropna())


def key_doc() -> str:
    """The document whose signers and decliners the headline figures count (the consensus policy); '' if none is chosen."""
    return next(iter(_editorial("key_doc", "doc_id")), "")


def contrast_docs() -> tuple[str, ...]:
    """The Overview's key contrast and Compare's default documents, in order."""
    return _editorial("contrast_doc", "doc_id")


def contrast_provisions() -> tuple[str, ...]:
    """The provisions of the Overview's key contrast, in order."""
    return _editorial("contrast_provision", "provision_id")


def contested_provisions() -> tuple[str, ...]:
    """Where the model documents disagree and the coders ask something close, for the Agency policies page."""
    return _editorial("contested_provision", "provision_id")


def contrast_caption(stances: Mapping[tuple[str, str], str]) -> str:
    """The sentence under the key contrast, each {provision_id/doc_id} filled with that cell's stance in words;
    '' when a cell it names is not in `stances` ((provision_id, doc_id) -> stance) or the data has no such sentence."""
    words = " ".join(_editorial("contrast_caption", "words"))
    cells = [tuple(m.split("/", 1)) for m in _CELL.findall(words)]
    if not words or any(cell not in stances for cell in cells):
        return ""
    return _CELL.sub(lambda m: stances[tuple(m.group(1).split("/", 1))], words)


_CELL = re.compile(r"\{([^{}/]+/[^{}]+)\}")  # {provision_id/doc_id} in an editorial sentence


def organizations() -> pd.DataFrame:
    """All organizations for the filters (queries/options_organizations.sql)."""
    return cached_query("options_organizations")


def date_bounds() -> pd.Series:
    """Earliest and latest known dates (queries/date_bounds.sql)."""
    return cached_query("date_bounds").iloc[0]


@st.cache_resource(show_spinner=False)
def filter_options() -> Options:
    """Ids and labels the sidebar filters may take, and the date limits: built once per server process, like the
    connection to its one read-only database, and shared (read-only) by every session. Not a per-filter result:
    a cache_data entry was unpickled on each of the page's calls (20,000 labels on the large data) and rebuilt on
    every first visit of a filter combination."""
    orgs, docs, provs, bounds, sets = organizations(), documents(), provisions(), date_bounds(), datasets_list()
    coded = {r.dataset_id: f"{r.coded_by} {r.published_on[:4]}" for r in sets.itertuples()}
    return Options(
        orgs={r.org_id: _org_label(r, coded) for r in orgs.itertuples()},
        datasets={r.dataset_id: f"{r.title} ({r.published_on[:4]})" for r in sets.itertuples()},
        states=tuple(sorted(s for s in orgs["state"].dropna().unique() if s)),
        kinds={k: kind_label(k) for k in sorted(orgs["kind"].unique())},
        docs=dict(zip(docs["doc_id"], docs["short_title"], strict=True)),
        provisions=dict(zip(provs["provision_id"], provs["name"], strict=True)),
        topics=tuple(sorted(provs["topic"].unique())),
        statuses={s: status_label(s) for s in STATUSES},
        evidence=EVIDENCE,
        first_date=None if pd.isna(bounds["first_date"]) else pd.Timestamp(bounds["first_date"]).date(),
        last_date=None if pd.isna(bounds["last_date"]) else pd.Timestamp(bounds["last_date"]).date(),
    )


def _org_label(r: object, coded: dict[str, str]) -> str:
    """'Fraternal Order of Police (FOP)'; an agency with its dataset, since one city may be in two: 'Boston · agency, Campaign Zero 2016'."""
    if r.kind == "agency":
        state = f", {r.state}" if isinstance(r.state, str) and r.state else ""
        return f"{r.name} · agency{state}, {coded.get(r.dataset_id, r.dataset_id)}"
    return f"{r.name} ({r.acronym})" if r.acronym != "unknown" else r.name


def documents() -> pd.DataFrame:
    """All documents, oldest first (queries/options_documents.sql)."""
    return cached_query("options_documents")


def provisions() -> pd.DataFrame:
    """All provisions with their coding question (queries/options_provisions.sql)."""
    return cached_query("options_provisions")


def kpi_totals() -> dict[str, int]:
    """Headline counts, the key document's signers and decliners among them (queries/kpi_totals.sql)."""
    row = cached_query("kpi_totals", {"key_doc_id": key_doc()}).iloc[0]
    return {k: int(v) for k, v in row.items()}


def key_contrast(f: Filters, doc_ids: tuple[str, ...] = (), provision_ids: tuple[str, ...] = ()) -> pd.DataFrame:
    """Stances of a few documents on a few provisions (the filters' when set, else these, else the editorial contrast's),
    at the chosen evidence levels (queries/key_contrast.sql)."""
    chosen = {"doc_ids": list(doc_ids or contrast_docs()), "provision_ids": list(provision_ids or contrast_provisions())}
    return _under("key_contrast", f, defaults=chosen)


def events_timeline(f: Filters) -> Paged:
    """Dated events under the document and date filters, with total_rows (queries/events_timeline.sql)."""
    return _paged("events_timeline", f)


def endorsements(f: Filters) -> Paged:
    """Endorsement rows under the filters, with total_rows (queries/endorsements_filtered.sql)."""
    return _paged("endorsements_filtered", f)


def endorsement_matrix_top(f: Filters, max_orgs: int = 40, max_docs: int = 12) -> pd.DataFrame:
    """Endorsements of the organizations and documents with the most rows (queries/endorsement_matrix_top.sql)."""
    return _under("endorsement_matrix_top", f, max_orgs=max_orgs, max_docs=max_docs)


def endorsement_totals(f: Filters) -> pd.DataFrame:
    """Rows, organizations and documents per status under the filters (queries/endorsement_totals.sql)."""
    return _under("endorsement_totals", f)


def key_doc_endorsers(f: Filters) -> pd.DataFrame:
    """Who signed or declined the key document (queries/key_doc_endorsers.sql)."""
    return _under("key_doc_endorsers", f, key_doc_id=key_doc())


def endorsements_by_org_kind(f: Filters) -> pd.DataFrame:
    """Endorsements per kind of organization and status (queries/endorsements_by_org_kind.sql)."""
    return _under("endorsements_by_org_kind", f)


def org_statements(org_id: str) -> pd.DataFrame:
    """Quotes attributed to one organization (queries/org_statements.sql)."""
    return cached_query("org_statements", {"org_id": org_id})


def position_grid(doc_ids: tuple[str, ...], f: Filters) -> pd.DataFrame:
    """Stances of the chosen documents under the provision and topic filters (queries/position_grid.sql)."""
    return _under("position_grid", f, compared_doc_ids=list(doc_ids))


def quotes_search(f: Filters, terms: tuple[str, ...] = (), speakers: tuple[str, ...] = (), source_ids: tuple[str, ...] = ()) -> Paged:
    """Quotes matching every term and the filters, their count as total_rows (queries/quotes_search.sql)."""
    own = {"terms": list(terms), "speakers": list(speakers), "source_ids": list(source_ids)}
    return _paged("quotes_search", f, **own)


def quotes_table(f: Filters) -> Paged:
    """The Data page's quotes: every quote under the filters, with total_rows like the other tables."""
    return quotes_search(f)


def quote_facets(max_values: int = 300) -> pd.DataFrame:
    """The speakers and sources with most quotes, for the filters (queries/options_quote_facets.sql)."""
    return cached_query("options_quote_facets", {"max_values": max_values})


def sources_list(f: Filters) -> Paged:
    """Sources with their quote counts and total_rows, under the date filter (queries/sources_list.sql)."""
    return _paged("sources_list", f)


def source_ids() -> frozenset[str]:
    """Every source id (queries/options_source_ids.sql)."""
    return frozenset(cached_query("options_source_ids")["source_id"])


def source_detail(source_id: str) -> pd.DataFrame:
    """One source's metadata (queries/source_detail.sql); empty when unknown."""
    return cached_query("source_detail", {"source_id": source_id})


def source_text(source_id: str) -> str:
    """The stored text of one source (queries/source_text.sql); empty when unknown."""
    df = cached_query("source_text", {"source_id": source_id})
    return "" if df.empty else str(df.iloc[0]["text"])


def source_quotes(source_id: str) -> pd.DataFrame:
    """Quotes citing one source (queries/source_quotes.sql)."""
    return cached_query("source_quotes", {"source_id": source_id})


def build_info() -> dict[str, object]:
    """Schema version, build time and source fingerprint of the database (queries/build_info.sql)."""
    return cached_query("build_info").iloc[0].to_dict()


def table_organizations(f: Filters) -> Paged:
    """Organizations under the filters, with total_rows (queries/table_organizations.sql)."""
    return _paged("table_organizations", f)


def table_documents(f: Filters) -> Paged:
    """Documents under the filters, with total_rows (queries/table_documents.sql)."""
    return _paged("table_documents", f)


def table_provisions(f: Filters) -> Paged:
    """Provisions under the filters, with total_rows (queries/table_provisions.sql)."""
    return _paged("table_provisions", f)


def table_positions(f: Filters) -> Paged:
    """Positions under the filters, with total_rows (queries/table_positions.sql)."""
    return _paged("table_positions", f)


def example_queries() -> dict[str, str]:
    """Example SQL for the SQL page, from queries/examples/*.sql (name -> text)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((QUERIES_DIR / "examples").glob("*.sql"))}


def org_readable_names() -> dict[str, str]:
    """Organization id -> its dataset's title, year and name, for sentences the build writes with ids (queries/org_readable_names.sql)."""
    rows = cached_query("org_readable_names")
    return dict(zip(rows["org_id"], rows["words"], strict=True))


def provenance_line(datasets: object) -> str:
    """The provenance sentence of every dataset in view that has one (the 2020 wave: third-hand), to show wherever it is:
    'Campaign Zero 2020: <its words>' per dataset id or credit in `datasets`; '' when none of them has one."""
    wanted = {str(x) for x in datasets if isinstance(x, str)}
    sets = datasets_list()
    rows = sets[(sets["dataset_id"].isin(wanted) | sets["credit"].isin(wanted)) & sets["provenance"].notna()]
    return " ".join(f"{r.coded_by} {str(r.published_on)[:4]}: {r.provenance}" for r in rows.itertuples())


def datasets_list() -> pd.DataFrame:
    """The imported coded datasets with credit and licence (queries/datasets_list.sql)."""
    return cached_query("datasets_list")


def criterion_counts(dataset_id: str, f: Filters) -> pd.DataFrame:
    """Per criterion: agencies the coder judged met / not met / not coded, under the filters (queries/criterion_counts.sql)."""
    return _under("criterion_counts", f, dataset_id=dataset_id)


def criterion_agencies(dataset_id: str, criterion_id: str, f: Filters, verdicts: tuple[str, ...] = ()) -> Paged:
    """Each agency's verdict and language cell on one criterion, with total_rows (queries/criterion_agencies.sql)."""
    return _paged("criterion_agencies", f, dataset_id=dataset_id, criterion_id=criterion_id, verdicts=list(verdicts))


def agency_policy_options(f: Filters) -> pd.DataFrame:
    """Coded agency policies under the dataset, state and organization filters (queries/agency_policy_options.sql)."""
    return _under("agency_policy_options", f)


def agency_verdicts(doc_id: str) -> pd.DataFrame:
    """One agency policy's coder verdicts with the nearest provision of ours (queries/agency_verdicts.sql)."""
    return cached_query("agency_verdicts", {"doc_id": doc_id})


def contested_agencies(f: Filters) -> pd.DataFrame:
    """Every model's settled stance where they disagree, beside agencies meeting the coder's criterion (queries/contested_agencies.sql)."""
    return _under("contested_agencies", f, contested_provision_ids=list(contested_provisions()), model_doc_ids=list(documents()["doc_id"]))


def quote_detail(quote_id: str) -> pd.DataFrame:
    """One quote by its id, with its source (queries/quote_detail.sql); empty for an unknown id."""
    return cached_query("quote_detail", {"quote_id": quote_id})


def text_search(f: Filters, needle: str, kinds: tuple[str, ...] = ()) -> Paged:
    """Stored passages holding the phrase, oldest first, with total_rows (queries/text_search.sql)."""
    return _paged("text_search", f, needle=needle, kinds=list(kinds))


def text_search_counts(f: Filters, needle: str, kinds: tuple[str, ...] = (), max_rows: int = 300) -> pd.DataFrame:
    """Per source or agency: passages and hits holding the phrase, most first (queries/text_search_counts.sql)."""
    return _under("text_search_counts", f, needle=needle, kinds=list(kinds), max_rows=max_rows)


def lineage(f: Filters, grams: tuple[str, ...], norm: str, min_share: float) -> Paged:
    """The passages carrying the phrase's words, oldest first, with total_rows (queries/lineage.sql)."""
    return _paged("lineage", f, phrase_grams=list(grams), phrase_norm=norm, min_share=min_share)


def lineage_spread(f: Filters, grams: tuple[str, ...], norm: str, min_share: float) -> pd.DataFrame:
    """Sources and passages carrying the phrase per year and kind of source (queries/lineage_spread.sql)."""
    return _under("lineage_spread", f, phrase_grams=list(grams), phrase_norm=norm, min_share=min_share)


def passage_sources() -> pd.DataFrame:
    """Model documents and court opinions whose sentences can be followed (queries/passage_sources.sql)."""
    return cached_query("passage_sources", {"kinds": list(FOLLOWED_KINDS)})


@st.cache_data(show_spinner=False)
def passage_source_names() -> dict[str, str]:
    """The followable sources as the lineage picker names them, "title (date, kind of source)": built once, not per rerun."""
    return {r.source_id: f"{source_title(r.label, None)} ({r.dated}, {r.source_kind})" for r in passage_sources().itertuples()}


def passage_sentences(source_id: str) -> pd.DataFrame:
    """One source's stored sentences in order (queries/passage_sentences.sql)."""
    return cached_query("passage_sentences", {"source_id": source_id})


def edition_pairs() -> pd.DataFrame:
    """Each document with its next edition (queries/edition_pairs_list.sql)."""
    return cached_query("edition_pairs_list")


def edition_alignment(from_doc_id: str, to_doc_id: str) -> pd.DataFrame:
    """Two editions' stored passages set side by side, and those seen in one only (queries/edition_alignment.sql)."""
    return cached_query("edition_alignment", {"from_doc_id": from_doc_id, "to_doc_id": to_doc_id, "kind": MODEL_DOCUMENT})


def edition_stances(from_doc_id: str, to_doc_id: str) -> pd.DataFrame:
    """Provisions coded differently for two editions (queries/edition_stances.sql)."""
    return cached_query("edition_stances", {"from_doc_id": from_doc_id, "to_doc_id": to_doc_id})


# --- Departments (one id across datasets, linked on shown evidence) ---------------------------------------------------


def department_options() -> pd.DataFrame:
    """Every department with the waves it is in, for the picker (queries/department_options.sql)."""
    return cached_query("department_options")


def department_detail(department_id: str) -> pd.DataFrame:
    """One department, its state only with its evidence (queries/department_detail.sql); empty when unknown."""
    return cached_query("department_detail", {"department_id": department_id})


def department_members(department_id: str) -> pd.DataFrame:
    """The waves and full texts a department is in, oldest first (queries/department_members.sql)."""
    return cached_query("department_members", {"department_id": department_id})


def department_verdicts(department_id: str) -> pd.DataFrame:
    """Every coded wave's verdict and words on every criterion for a department (queries/department_verdicts.sql)."""
    return cached_query("department_verdicts", {"department_id": department_id})


def department_texts(department_id: str) -> pd.DataFrame:
    """A department's stored full texts with date, scope and provenance (queries/department_texts.sql)."""
    return cached_query("department_texts", {"department_id": department_id})


def department_edition_checks(department_id: str) -> pd.DataFrame:
    """The edition check per full text and coded wave (queries/department_edition_checks.sql)."""
    return cached_query("department_edition_checks", {"department_id": department_id})


def text_passages(text_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every passage of some stored full texts, in order (queries/text_passages.sql)."""
    return cached_query("text_passages", {"text_ids": list(text_ids)})


def department_lineage(org_ids: tuple[str, ...], min_share: float = 0.3) -> pd.DataFrame:
    """Model documents' and court opinions' sentences a department's words carry (queries/department_lineage.sql)."""
    return cached_query("department_lineage", {"org_ids": list(org_ids), "kinds": list(FOLLOWED_KINDS), "min_share": min_share})


def department_links(department_id: str) -> pd.DataFrame:
    """The established links that make one department of its members, with their evidence (queries/department_links.sql)."""
    return cached_query("department_links", {"department_id": department_id})


def department_other_links(department_id: str) -> pd.DataFrame:
    """Agencies that might be this department but are not established as it, with why (queries/department_other_links.sql)."""
    return cached_query("department_other_links", {"department_id": department_id})


def policy_text_body(text_id: str) -> pd.DataFrame:
    """One stored full text, exactly as stored (queries/policy_text_body.sql); empty when unknown."""
    return cached_query("policy_text_body", {"text_id": text_id})


def text_passage_at(text_id: str, seq: int) -> pd.DataFrame:
    """One passage of a stored full text by number, with its line and offset (queries/text_passage_at.sql)."""
    return cached_query("text_passage_at", {"text_id": text_id, "seq": seq})


def wave_changes(f: Filters, criterion_ids: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each department's verdicts in every pair of coded waves it is in, established links only (queries/wave_changes.sql)."""
    return _under("wave_changes", f, criterion_ids=list(criterion_ids))


def wave_links_apart(f: Filters) -> pd.DataFrame:
    """Coded agencies of two waves not established as one department, with the evidence (queries/wave_links_apart.sql)."""
    return _under("wave_links_apart", f)


def upload_lineage(grams: list[str]) -> pd.DataFrame:
    """The followed sources sharing 4-word runs with a reader's upload (queries/upload_lineage.sql). Never cached: the
    runs come from one reader's file, which stays in that reader's session."""
    return query("upload_lineage", {"grams": grams, "kinds": list(FOLLOWED_KINDS)})


def stored_text_options() -> pd.DataFrame:
    """The stored full texts, for setting one beside an uploaded policy (queries/stored_text_options.sql)."""
    return cached_query("stored_text_options")
