"""One typed function per file in queries/: what the pages call to get data (cached by parameters)."""

from __future__ import annotations

import pandas as pd

from explorer.db import cached_query
from explorer.filters import Filters, Options

KEY_DOC = "ncp-2017-01"  # the consensus policy whose signers and decliners the headline counts
# The Compare page's default trio and the Overview's at-a-glance contrast.
CONTRAST_DOCS = ("perf-gp-2016-03", "iacp-model-policy", "ncp-2017-01")
CONTRAST_PROVISIONS = ("warning-shots", "shooting-at-moving-vehicles", "de-escalation", "sanctity-of-life")


def organizations() -> pd.DataFrame:
    """All organizations for the filters (queries/options_organizations.sql)."""
    return cached_query("options_organizations")


def date_bounds() -> pd.Series:
    """Earliest and latest known dates (queries/date_bounds.sql)."""
    return cached_query("date_bounds").iloc[0]


def filter_options() -> Options:
    """Ids and labels the sidebar filters may take, and the date limits."""
    orgs, docs, provs, bounds = organizations(), documents(), provisions(), date_bounds()
    return Options(
        orgs={r.org_id: f"{r.name} ({r.acronym})" if r.acronym != "unknown" else r.name for r in orgs.itertuples()},
        kinds=tuple(sorted(orgs["kind"].unique())),
        docs=dict(zip(docs["doc_id"], docs["short_title"], strict=True)),
        provisions=dict(zip(provs["provision_id"], provs["name"], strict=True)),
        topics=tuple(sorted(provs["topic"].unique())),
        first_date=None if pd.isna(bounds["first_date"]) else pd.Timestamp(bounds["first_date"]).date(),
        last_date=None if pd.isna(bounds["last_date"]) else pd.Timestamp(bounds["last_date"]).date(),
    )


def documents() -> pd.DataFrame:
    """All documents, oldest first (queries/options_documents.sql)."""
    return cached_query("options_documents")


def provisions() -> pd.DataFrame:
    """All provisions with their coding question (queries/options_provisions.sql)."""
    return cached_query("options_provisions")


def kpi_totals(key_doc: str = KEY_DOC) -> dict[str, int]:
    """Headline counts (queries/kpi_totals.sql)."""
    row = cached_query("kpi_totals", {"key_doc_id": key_doc}).iloc[0]
    return {k: int(v) for k, v in row.items()}


def key_contrast(doc_ids: tuple[str, ...] = CONTRAST_DOCS, provision_ids: tuple[str, ...] = CONTRAST_PROVISIONS) -> pd.DataFrame:
    """Stances of a few documents on a few provisions (queries/key_contrast.sql)."""
    return cached_query("key_contrast", {"doc_ids": list(doc_ids), "provision_ids": list(provision_ids)})


def events_timeline(f: Filters) -> pd.DataFrame:
    """Dated events under the document and date filters (queries/events_timeline.sql)."""
    return cached_query("events_timeline", {"doc_ids": list(f.doc_ids), "date_from": f.date_from, "date_to": f.date_to})


def _endorsement_params(f: Filters) -> dict[str, object]:
    return {k: v for k, v in f.sql_params().items() if k in {"org_ids", "org_kinds", "doc_ids", "date_from", "date_to"}}


def endorsements(f: Filters) -> pd.DataFrame:
    """Endorsement rows under the filters (queries/endorsements_filtered.sql)."""
    return cached_query("endorsements_filtered", _endorsement_params(f))


def endorsements_by_org_kind(f: Filters) -> pd.DataFrame:
    """Endorsements per kind of organization and status (queries/endorsements_by_org_kind.sql)."""
    return cached_query("endorsements_by_org_kind", _endorsement_params(f))


def org_statements(org_id: str) -> pd.DataFrame:
    """Quotes attributed to one organization (queries/org_statements.sql)."""
    return cached_query("org_statements", {"org_id": org_id})


def position_grid(doc_ids: tuple[str, ...], f: Filters) -> pd.DataFrame:
    """Stances of the chosen documents under the provision and topic filters (queries/position_grid.sql)."""
    return cached_query("position_grid", {"doc_ids": list(doc_ids), "provision_ids": list(f.provision_ids), "topics": list(f.topics)})


def quotes_search(
    f: Filters,
    terms: tuple[str, ...] = (),
    speakers: tuple[str, ...] = (),
    source_ids: tuple[str, ...] = (),
    limit: int = 50,
    offset: int = 0,
) -> pd.DataFrame:
    """A page of quotes matching every term and the filters, with total_matches (queries/quotes_search.sql)."""
    params = {
        **f.sql_params(),
        "terms": list(terms),
        "speakers": list(speakers),
        "source_ids": list(source_ids),
        "row_limit": limit,
        "row_offset": offset,
    }
    return cached_query("quotes_search", params)


def quote_facets() -> pd.DataFrame:
    """Speakers and sources quotes can be filtered by (queries/options_quote_facets.sql)."""
    return cached_query("options_quote_facets")


def sources_list(f: Filters) -> pd.DataFrame:
    """Every source with its quote count, under the date filter (queries/sources_list.sql)."""
    return cached_query("sources_list", {"date_from": f.date_from, "date_to": f.date_to})


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


def table_organizations(f: Filters) -> pd.DataFrame:
    """Organizations under the filters (queries/table_organizations.sql)."""
    return cached_query("table_organizations", {"org_ids": list(f.org_ids), "org_kinds": list(f.org_kinds)})


def table_documents(f: Filters) -> pd.DataFrame:
    """Documents under the filters (queries/table_documents.sql)."""
    return cached_query("table_documents", {"doc_ids": list(f.doc_ids), "date_from": f.date_from, "date_to": f.date_to})


def table_provisions(f: Filters) -> pd.DataFrame:
    """Provisions under the filters (queries/table_provisions.sql)."""
    return cached_query("table_provisions", {"provision_ids": list(f.provision_ids), "topics": list(f.topics)})


def table_positions(f: Filters) -> pd.DataFrame:
    """Positions under the filters (queries/table_positions.sql)."""
    return cached_query("table_positions", {"doc_ids": list(f.doc_ids), "provision_ids": list(f.provision_ids), "topics": list(f.topics)})
