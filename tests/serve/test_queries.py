"""Every SQL file in queries/ declares its parameters, runs on the real database, and is used exactly once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from explorer.paths import ROOT
from explorer.serve.db import names_in, open_database

QUERIES = sorted((ROOT / "queries").glob("*.sql"))
SAMPLE = {
    "key_doc_id": "ncp-2017-01",
    "doc_ids": ["ncp-2017-01", "iacp-model-policy"],
    "compared_doc_ids": ["ncp-2017-01", "iacp-model-policy"],
    "model_doc_ids": ["ncp-2017-01", "iacp-model-policy"],
    "provision_ids": ["warning-shots"],
    "contested_provision_ids": ["warning-shots", "shooting-at-moving-vehicles"],
    "org_ids": ["iacp", "campaign-zero-2016/boston", "policy-texts-2020/boston", "campaign-zero-2016/glendale"],
    "org_kinds": ["chiefs_executives"],
    "topics": ["firearms"],
    "evidence_levels": [],
    "dataset_id": "campaign-zero-2016",
    "dataset_ids": [],
    "states": [],
    "doc_id": "campaign-zero-2016/boston/policy",
    "criterion_id": "requires-de-escalation",
    "verdicts": [],
    "statuses": ["signed", "authored"],
    "date_from": dt.date(2016, 1, 1),
    "date_to": dt.date(2021, 1, 1),
    "terms": ["warning"],
    "speakers": [],
    "source_ids": [],
    "row_limit": 10,
    "row_offset": 0,
    "org_id": "iacp",
    "source_id": "nsa-mcsa-statement-2017",
    "quote_id": "an17-cunningham-necessary",
    "max_orgs": 5,
    "max_docs": 3,
    "max_values": 10,
    "needle": "moving vehicle",
    "kinds": ["model document", "court"],
    "max_rows": 20,
    "phrase_grams": ["use only the force", "only the force that"],
    "grams": ["use only the force", "only the force that"],
    "phrase_norm": "officers shall use only the force that",
    "min_share": 0.3,
    "from_doc_id": "ncp-2017-01",
    "to_doc_id": "ncp-2017-10",
    "kind": "model document",
    "department_id": "glendale-az",
    "text_id": "boston",
    "text_ids": ["boston"],
    "seq": 3,
    "criterion_ids": [],
}


SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT, BOOL = ("object", "str", "string"), ("bool", "boolean")


def _codebook_kinds() -> dict[str, tuple[str, ...]]:
    """Column name -> the pandas dtypes its codebook type reads as (text unless the codebook says boolean)."""
    schema = yaml.safe_load((ROOT / "data" / "schema.yaml").read_text(encoding="utf-8"))
    kinds: dict[str, set[str]] = {}
    for group in ("tables", "imported"):
        for spec in schema.get(group, {}).values():
            for col in spec["columns"]:
                kinds.setdefault(col["name"], set()).add(col.get("type", "text"))
    # a name with one codebook type everywhere; partial dates are text in the database
    return {n: BOOL if t == {"boolean"} else TEXT for n, t in kinds.items() if len(t) == 1 and t <= {"boolean", "text", "partial_date"}}


CODEBOOK_KINDS = _codebook_kinds()
# Output columns that reuse a codebook name for another thing, each said here (renaming them is a page-wide change).
OTHER_MEANING = {
    ("contested_agencies", "met"): "how many policies the coder judged met (a count)",
    ("criterion_counts", "met"): "how many policies the coder judged met (a count)",
    ("lineage", "cut"): "passages.cut: the passage's stored copy breaks off (boolean), not quotes.cut",
    ("text_search", "cut"): "passages.cut: the passage's stored copy breaks off (boolean), not quotes.cut",
}


def named_params(sql: str) -> set[str]:
    return set(names_in(sql))  # the parser the app binds with


def declared_params(sql: str) -> set[str]:
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    return set(re.findall(r"\$([a-z_]+)", header.split("params:", 1)[1])) if "params:" in header else set()


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_header_declares_purpose_grain_and_params(path: Path):
    sql = path.read_text(encoding="utf-8")
    first = sql.splitlines()[0]
    assert first.startswith(f"-- {path.stem}: "), "first line names the query and says what it is for"
    assert "-- grain:" in sql and "-- params:" in sql
    assert named_params(sql) == declared_params(sql)
    assert "select *" not in sql.split("from matches")[0].lower() or path.stem == "quotes_search"


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_runs_on_the_real_database(path: Path, db_file: Path):
    sql = path.read_text(encoding="utf-8")
    missing = named_params(sql) - set(SAMPLE)
    assert not missing, f"queries/{path.name} binds ${', $'.join(sorted(missing))}: add a sample value that finds rows to SAMPLE here"
    params = {k: SAMPLE[k] for k in named_params(sql)}
    con = open_database(db_file)
    try:
        df = con.execute(sql, params).df()
    finally:
        con.close()
    assert len(df) > 0, "the sample parameters should find rows on the real data"
    assert len(set(df.columns)) == len(df.columns) and all(SNAKE.match(c) for c in df.columns), list(df.columns)
    # a column named like a codebook column holds that column's kind of value (a boolean stays a boolean, an id text)
    for column in df.columns:
        if (kind := CODEBOOK_KINDS.get(column)) is not None and (path.stem, column) not in OTHER_MEANING:
            assert str(df[column].dtype) in kind, f"{column}: {df[column].dtype}, the codebook's kind is one of {kind}"


def test_every_query_is_used_by_exactly_one_data_function():
    source = (ROOT / "explorer" / "serve" / "data.py").read_text(encoding="utf-8")
    used = re.findall(r'(?:cached_query|query|_under|_paged|_own)\(\s*"([a-z_]+)"', source)  # query(): uncached (a reader's upload)
    names = [p.stem for p in QUERIES]
    assert sorted(set(used)) == sorted(names), "a query file without a function, or a function without a file"
    assert len(used) == len(set(used)), "two functions run the same query"


def test_views_and_derived_tables_exist_in_the_database(db_file: Path):
    con = open_database(db_file)
    try:
        views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        positions = con.execute("select count(*) from positions").fetchall()[0][0]
        matrix = con.execute("select count(*) from position_matrix").fetchall()[0][0]
        facts = con.execute("select count(*) from quote_cards").fetchall()[0][0]
        quotes = con.execute("select count(*) from quotes").fetchall()[0][0]
    finally:
        con.close()
    assert "agency_codes" in views
    assert {"position_matrix", "endorsement_matrix", "quote_cards"} <= tables  # derived by the build, sorted for the pages
    assert (matrix, facts) == (positions, quotes)  # one row per position, per quote: the joins lost or doubled none
