"""Only module that opens DuckDB at run time: one read-only connection, a cursor per query, files from queries/."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from explorer.contract import SCHEMA_VERSION
from explorer.paths import QUERIES_DIR, db_path

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# memory_limit: DuckDB's default (80% of RAM) let its buffer pool keep the whole large database resident;
# a bounded pool spills instead and keeps the server's footprint flat as the data grows.
READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True, "memory_limit": "128MB", "threads": 2}


def json_array(batches: pa.RecordBatchReader, out: BinaryIO) -> None:
    """Arrow batches as one JSON array of records, written by DuckDB's own JSON writer (3x pandas' per-batch records):
    its own in-memory connection on one thread (the batches are pulled in this thread), into a temporary file copied
    to `out`. The app's database is not opened by it, and its SQL holds nothing but that file's path."""
    with tempfile.TemporaryDirectory(prefix="uof-json-") as folder:
        target = "'" + str(Path(folder) / "rows.json").replace("'", "''") + "'"
        con = duckdb.connect(":memory:", config={"threads": 1, "memory_limit": "128MB"})
        try:
            con.execute("set enable_progress_bar = false")  # a session option: no bar on the server's output
            con.register("rows", batches)
            con.execute("copy (from rows) to " + target + " (format json, array true)")
        finally:
            con.close()
        with open(target.strip("'").replace("''", "'"), "rb") as f:
            shutil.copyfileobj(f, out, 1 << 20)


class DatabaseUnavailableError(Exception):
    """The database cannot be opened; the message says why and what to run."""


class QueryFailedError(Exception):
    """A named query failed in DuckDB: the details are logged, the reader gets a titled message (app.py)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"queries/{name}.sql failed")
        self.name = name


_log = logging.getLogger("explorer.queries")


def _failed(name: str, bound: Mapping[str, Any]) -> QueryFailedError:
    """Log the DuckDB error being handled, with the query and its parameters, and name it for the page."""
    _log.exception("query %s failed with parameters %r", name, dict(bound))
    return QueryFailedError(name)


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    # The app reads its own file only: no other files or URLs through SQL, and no SET can undo that.
    # Passed at connect time: in one process every connection to a file shares one configuration.
    con = duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
    version = con.execute("select max(schema_version) from build_info").fetchall()[0][0]
    if version != SCHEMA_VERSION:
        con.close()
        raise DatabaseUnavailableError(f"{path} was built with schema version {version}, this app needs {SCHEMA_VERSION}")
    return con


def open_database(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database read-only; never builds it (app.py asks the build wing for a current file first)."""
    path = path or db_path()
    if not path.exists():
        raise DatabaseUnavailableError(f"{path} does not exist. Build one with `make data`, or point UOF_DB at a database file.")
    try:
        return _open(path)
    except duckdb.Error as e:
        raise DatabaseUnavailableError(f"{path} cannot be used ({e}). Rebuild it with `make data`, or unset UOF_DB.") from e


@st.cache_resource(show_spinner="Opening the database…")
def connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per server process (queries take their own cursor)."""
    return open_database()


@cache
def sql_text(name: str) -> str:
    """The text of queries/<name>.sql; names are plain identifiers so no path can be smuggled in."""
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def names_in(sql: str) -> frozenset[str]:
    """The $names a SQL text binds, read from the SQL itself (comment lines skipped)."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return frozenset(_PARAM.findall(body))


@cache
def bound_names(name: str) -> frozenset[str]:
    """The $names queries/<name>.sql binds."""
    return names_in(sql_text(name))


def bind(name: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Only the parameters queries/<name>.sql uses; a missing one is a programming error, named."""
    return _pick(bound_names(name), params, f"queries/{name}.sql")


def bind_sql(sql: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """bind() for a SQL text that is not a query file (the same rule: its $names, from params)."""
    return _pick(names_in(sql), params, "the query")


def _pick(wanted: frozenset[str], params: Mapping[str, Any] | None, where: str) -> dict[str, Any]:
    given = params or {}
    missing = wanted - set(given)
    if missing:
        raise KeyError(f"{where} needs ${', $'.join(sorted(missing))}")
    return {k: given[k] for k in wanted}


def query(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run queries/<name>.sql with bound $named parameters (never formatted into the SQL)."""
    bound = bind(name, params)
    cursor = connection().cursor()  # duckdb 2: a connection refuses concurrent calls, cursors do not
    try:
        return cursor.execute(sql_text(name), bound).df()
    except duckdb.Error as e:
        raise _failed(name, bound) from e
    finally:
        cursor.close()


DOWNLOAD_BATCH_ROWS = 65_536  # rows per Arrow batch of a download: its memory is one batch, not the table


def stream(name: str, params: Mapping[str, Any] | None = None) -> pa.RecordBatchReader:
    """query() as Arrow record batches, uncached, for a download; the cursor closes when the last batch is read."""
    bound = bind(name, params)
    cursor = connection().cursor()
    try:
        reader = cursor.sql(sql_text(name), params=bound).to_arrow_reader(DOWNLOAD_BATCH_ROWS)
    except duckdb.Error as e:
        cursor.close()
        raise _failed(name, bound) from e
    except Exception:
        cursor.close()
        raise

    def batches():  # noqa: ANN202 - a generator of pa.RecordBatch
        try:
            yield from reader
        finally:
            cursor.close()

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached(name: str, bound: dict[str, Any]) -> pd.DataFrame:
    return query(name, bound)


def cached_query(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """query() with results cached by name and the parameters it binds (the database only changes on rebuild)."""
    return _cached(name, bind(name, params))


class QueryRefusedError(Exception):
    """A reader's SQL that the read-only console will not run; the message says why."""


SQL_TIME_LIMIT_S = 5.0  # a reader's query may take this long before it is interrupted
SQL_MAX_ROWS = 5_000  # rows a reader's query may return to the page (downloads included)


def run_reader_sql(sql: str) -> tuple[pd.DataFrame, bool]:
    """Run one read-only SELECT typed by a reader: (rows, truncated). Anything else is refused with a reason."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryRefusedError(f"That is not valid SQL: {e}") from e
    if len(statements) != 1:
        raise QueryRefusedError(f"Run one statement at a time (found {len(statements)}).")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise QueryRefusedError(f"Only SELECT queries can run here (this is a {statements[0].type.name} statement).")
    cursor = connection().cursor()
    timer = threading.Timer(SQL_TIME_LIMIT_S, cursor.interrupt)
    timer.start()
    try:
        cursor.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(SQL_MAX_ROWS + 1)
    except duckdb.InterruptException as e:
        raise QueryRefusedError(f"The query took longer than {SQL_TIME_LIMIT_S:g} seconds and was stopped.") from e
    except duckdb.Error as e:
        raise QueryRefusedError(f"DuckDB refused the query: {e}") from e
    finally:
        timer.cancel()
        cursor.close()
    return pd.DataFrame(rows[:SQL_MAX_ROWS], columns=columns), len(rows) > SQL_MAX_ROWS
