"""SQL: a read-only SQL box over the database for researchers (one SELECT, time limit, row cap)."""

import streamlit as st

from explorer.serve import components, data
from explorer.serve.db import SQL_MAX_ROWS, SQL_TIME_LIMIT_S, QueryRefusedError, run_reader_sql
from explorer.serve.frame import require_navigation
from explorer.serve.markdown import md
from explorer.serve.page_state import keep, restore

require_navigation()

# 1/ The box (page-owned, in the URL as sql=... so a query can be shared)
st.title("SQL")
st.markdown(
    f"Query the database directly. Read-only: one `SELECT` at a time, no file or network access, "
    f"stopped after {SQL_TIME_LIMIT_S:g} seconds, at most {SQL_MAX_ROWS:,} rows. Tables: sources, organizations, documents, "
    "provisions, positions, endorsements, quotes, events, source_texts; views: position_matrix, endorsement_matrix."
)
examples = data.example_queries()
restore("sql__text", "sql", next(iter(examples.values()), "select 1"), what="SQL", max_chars=20_000)


def _load_example() -> None:
    st.session_state["sql__text"] = examples[st.session_state["sql__example"]]


st.selectbox(
    "Start from an example", list(examples), key="sql__example", on_change=_load_example, index=None, placeholder="Pick an example query"
)
sql = st.text_area("SQL", key="sql__text", height=180, max_chars=20_000)
keep("sql", sql, default=next(iter(examples.values()), ""))

# 2/ Result
try:
    with st.spinner("Running…"):
        result, truncated = run_reader_sql(sql)
except QueryRefusedError as e:
    st.error(md(e))
    components.end_page()
if truncated:
    st.warning(f"Only the first {SQL_MAX_ROWS:,} rows are shown and downloadable.")
components.table(result, "sql_result", "", "sql__result")
