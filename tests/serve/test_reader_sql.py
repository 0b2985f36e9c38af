"""The SQL page's console: one read-only SELECT, a time limit and a row cap; everything else refused plainly."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer.serve import data, db
from explorer.serve.db import SQL_MAX_ROWS, QueryRefusedError, run_reader_sql
from tests.conftest import APP


def test_a_select_runs():
    df, truncated = run_reader_sql("select count(*) as n from quotes")
    assert df["n"].iloc[0] > 100 and not truncated


def test_rows_are_capped():
    df, truncated = run_reader_sql("select * from range(100000)")
    assert len(df) == SQL_MAX_ROWS and truncated


def test_a_slow_query_is_stopped(monkeypatch):
    monkeypatch.setattr(db, "SQL_TIME_LIMIT_S", 0.5)  # the same timer, stopping a query that would run for minutes, sooner
    with pytest.raises(QueryRefusedError, match="longer than 0.5 seconds"):
        run_reader_sql("select count(*) from range(100000000000) as a(x) where x % 7 = 3")


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("create table x (a int)", "Only SELECT"),
        ("insert into quotes (quote_id) values ('x')", "Only SELECT"),
        ("update quotes set text = ''", "Only SELECT"),
        ("delete from quotes", "Only SELECT"),
        ("drop table quotes", "Only SELECT"),
        ("attach '/tmp/x.duckdb' as x", "Only SELECT"),
        ("copy quotes to '/tmp/leak.csv'", "Only SELECT"),
        ("install httpfs", "Only SELECT"),
        ("load httpfs", "Only SELECT"),
        ("pragma memory_limit='10GB'", "Only SELECT"),
        ("set enable_external_access = true", "Only SELECT"),
        ("select * from read_csv('/etc/passwd')", "DuckDB refused"),
        ("select * from 'https://example.org/x.csv'", "DuckDB refused"),
        ("select 1; select 2", "one statement at a time"),
        ("selec 1", "not valid SQL"),
    ],
)
def test_everything_else_is_refused_with_a_reason(sql: str, reason: str):
    with pytest.raises(QueryRefusedError, match=reason):
        run_reader_sql(sql)


def test_every_example_query_runs():
    examples = data.example_queries()
    assert len(examples) >= 3
    for sql in examples.values():
        df, _ = run_reader_sql(sql)
        assert len(df) > 0


def test_sql_page_shows_results_and_errors():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["sql"] = "select acronym from organizations where kind = 'sheriffs' order by 1"
    at.switch_page("pages/sql.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["acronym"]) == ["MCSA", "NSA"]
    at.text_area(key="sql__text").set_value("drop table quotes").run()
    assert "Only SELECT queries can run here" in at.error[0].value
