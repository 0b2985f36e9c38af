"""Turns a filtered table into download bytes with the libraries' own writers (CSV, Excel, JSON, Parquet)."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from explorer.serve.db import json_array

FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
    "parquet": ("Parquet", "application/vnd.apache.parquet"),
}


Rows = pd.DataFrame | pa.RecordBatchReader  # a table in memory, or a stream of one from DuckDB (data.Paged.download)
Progress = Callable[[int], None]  # told the rows written so far, after each batch
# Paging columns and sortable date twins: the queries' own, never a reader's.
NOT_EXPORTED = ("total_rows", "said_on_date")
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection). OWASP's advice: prefix
# such a text cell with an apostrophe, so it is shown as text. JSON and Parquet keep the words unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_576 - 1  # one Excel sheet's rows, less the header row
# Measured by `make bench` (downloads, 1M rows of the positions table, 2 cores): XlsxWriter in constant-memory mode,
# the fastest Excel writer here, writes about EXCEL_ROWS_PER_S rows a second; CSV, Parquet and JSON go 50-500 times
# faster. Beyond EXCEL_OFFERED_ROWS an Excel file would keep a reader waiting over a minute: refused up front, with
# CSV (which Excel opens) or Parquet offered instead. Beyond PREPARE_AFTER rows a file is prepared first, with a
# progress bar, then downloaded. An operator of a smaller server can lower both with UOF_EXCEL_ROWS / UOF_PREPARE_ROWS (README).
EXCEL_ROWS_PER_S = 12_000
EXCEL_OFFERED_ROWS = int(os.environ.get("UOF_EXCEL_ROWS", "") or 500_000)
PREPARE_AFTER = int(os.environ.get("UOF_PREPARE_ROWS", "") or 100_000)


def _neutral(batch: pa.RecordBatch | pa.Table) -> pa.RecordBatch | pa.Table:
    """Every text cell (and column name) a spreadsheet would run as a formula, prefixed with an apostrophe: vectorised per column, 1M rows in milliseconds."""
    names = [f"'{c}" if c.startswith(FORMULA_START) else c for c in batch.schema.names]
    columns = []
    for col in batch.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            risky = pc.fill_null(pc.starts_with(col, FORMULA_START[0]), False)
            for start in FORMULA_START[1:]:
                risky = pc.or_(risky, pc.fill_null(pc.starts_with(col, start), False))
            if pc.any(risky).as_py():
                col = pc.if_else(risky, pc.binary_join_element_wise(pa.scalar("'", col.type), col, pa.scalar("", col.type)), col)
        columns.append(col)
    kind = pa.Table if isinstance(batch, pa.Table) else pa.RecordBatch
    return kind.from_arrays(columns, names=names)


def _plain(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Paging columns dropped; dates as ISO text, so every format carries the values a reader sees."""
    keep = [c for c in batch.schema.names if c not in NOT_EXPORTED]
    batch = batch.select(keep)
    columns = [
        pc.strftime(col, "%Y-%m-%d") if pa.types.is_timestamp(col.type) or pa.types.is_date(col.type) else col for col in batch.columns
    ]
    return pa.RecordBatch.from_arrays(columns, names=keep)


def _reader(rows: Rows) -> pa.RecordBatchReader:
    if isinstance(rows, pa.RecordBatchReader):
        return rows
    return pa.Table.from_pandas(rows, preserve_index=False).to_reader()


def _batches(rows: Rows, neutral: bool) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """The schema as written and the batches, prepared one at a time (the memory of one batch)."""
    reader = _reader(rows)
    prepare = (lambda b: _neutral(_plain(b))) if neutral else _plain
    schema = prepare(pa.RecordBatch.from_pylist([], schema=reader.schema)).schema
    return schema, (prepare(b) for b in reader)


def _counted(batches: Iterator[pa.RecordBatch], progress: Progress) -> Iterator[pa.RecordBatch]:
    done = 0
    for b in batches:
        yield b
        done += b.num_rows
        progress(done)


class TooManyRowsError(ValueError):
    """A table too long for the format asked (Excel's sheet limit); the message offers CSV or Parquet."""


def excel_refusal(rows: int) -> str:
    return f"Excel holds at most {EXCEL_MAX_ROWS + 1:,} rows per sheet; these {rows:,} rows come as CSV or Parquet."


def excel_refused(rows: int | None) -> str:
    """Why an Excel file of this many rows is not offered ('' when it is): a sheet's limit, or a wait over a minute."""
    if rows is None or rows <= min(EXCEL_OFFERED_ROWS, EXCEL_MAX_ROWS):
        return ""
    if rows > EXCEL_MAX_ROWS:
        return excel_refusal(rows)
    seconds = rows / EXCEL_ROWS_PER_S
    wait = f"{round(seconds, -1):,.0f} seconds" if seconds < 150 else f"{round(seconds / 60):,.0f} minutes"
    return (
        f"Excel is offered up to {EXCEL_OFFERED_ROWS:,} rows: these {rows:,} would take about {wait} to write. "
        "Take CSV (Excel opens it) or Parquet: seconds."
    )


def to_bytes(rows: Rows, fmt: str, progress: Progress | None = None) -> bytes:
    """The table in one of FORMATS as bytes (see write)."""
    buf = io.BytesIO()
    write(rows, fmt, buf, progress)
    return buf.getvalue()


def to_file(rows: Rows, fmt: str, progress: Progress | None = None) -> BinaryIO:
    """The table in one of FORMATS in an unnamed temporary file, rewound: a download button reads it once, so a
    large file is held in memory once (by Streamlit), not also as the buffer it was written to."""
    with tempfile.TemporaryFile() as out:  # unnamed: the system removes it when the last handle closes
        write(rows, fmt, out, progress)
        out.flush()
        # Streamlit reads a BufferedReader (not the read-write file) for a download: a second handle on the same file
        reader = io.BufferedReader(io.FileIO(os.dup(out.fileno()), "rb"))
    reader.seek(0)  # the two handles shared one offset, at the end of the file
    return reader


def write(rows: Rows, fmt: str, buf: BinaryIO, progress: Progress | None = None) -> None:
    """The table in one of FORMATS, written batch by batch: Arrow's CSV and Parquet writers, XlsxWriter in
    constant-memory mode, DuckDB's JSON writer; `progress` is told the rows written after each
    batch. KeyError for an unknown format, TooManyRowsError beyond Excel's sheet."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    if fmt == "xlsx" and isinstance(rows, pd.DataFrame) and len(rows) > EXCEL_MAX_ROWS:
        raise TooManyRowsError(excel_refusal(len(rows)))  # known before a row is written
    schema, batches = _batches(rows, neutral=fmt in ("csv", "xlsx"))
    if progress and fmt != "xlsx":
        batches = _counted(batches, progress)
    if fmt == "csv":  # quotes only where needed, like a spreadsheet's own CSV
        with pacsv.CSVWriter(buf, schema, write_options=pacsv.WriteOptions(quoting_style="needed")) as writer:
            for b in batches:
                writer.write_batch(b)
    elif fmt == "parquet":
        with pq.ParquetWriter(buf, schema) as writer:
            for b in batches:
                writer.write_batch(b)
    elif fmt == "json":  # one array of records, by DuckDB's JSON writer as the batches come
        json_array(pa.RecordBatchReader.from_batches(schema, batches), buf)
    else:
        write_xlsx(schema, batches, buf, progress)


def write_xlsx(schema: pa.Schema, batches: Iterator[pa.RecordBatch], buf: BinaryIO, progress: Progress | None = None) -> None:
    """XlsxWriter in constant-memory mode: each row goes to disk as it is written, so memory is one batch, not the
    sheet (openpyxl kept every cell of a 1M-row sheet as an object: 3.9 GB and no file after 9 minutes).

    No type guessing: a text cell is always text (never a formula, a number or a link), numbers are numbers."""
    import xlsxwriter

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buf, options)
    sheet = book.add_worksheet("data")
    sheet.write_row(0, 0, schema.names)
    numeric = [pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) for t in schema.types]
    flags = [pa.types.is_boolean(t) for t in schema.types]
    puts = [sheet.write_number if numeric[c] else (sheet.write_boolean if flags[c] else sheet.write_string) for c in range(len(numeric))]
    r = 0
    for b in batches:
        if r + b.num_rows > EXCEL_MAX_ROWS:
            raise TooManyRowsError(excel_refusal(r + b.num_rows))
        columns = [col.to_pylist() if numeric[c] or flags[c] else pc.cast(col, pa.string()).to_pylist() for c, col in enumerate(b.columns)]
        cells = list(zip(range(len(puts)), puts, columns, strict=True))
        for i in range(b.num_rows):  # row by row: constant-memory mode flushes a row once the next one starts
            r += 1
            for c, put, values in cells:
                v = values[i]
                if v is not None and v == v:  # no cell for a missing value (v == v is False for NaN)
                    put(r, c, v)
        if progress:
            progress(r)
    book.close()


def file_name(what: str, query_string: str, fmt: str) -> str:
    """A file name that says what it holds: 'endorsements_kind-sheriffs.csv'."""
    tail = re.sub(r"[^A-Za-z0-9]+", "-", query_string.replace("=", "-")).strip("-")[:80]
    return f"{what}{'_' + tail if tail else ''}.{fmt}"


def _field_type(t: pa.DataType) -> str:
    """The Table Schema type of a column as the CSV writes it."""
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    return "string"


def datapackage(schemas: Mapping[str, pa.Schema], release: Mapping[str, object], credits: Mapping[str, str]) -> dict[str, object]:
    """A Frictionless Data Package descriptor for the ZIP's CSV tables (fields typed as written; credits kept per dataset)."""
    return {
        "profile": "tabular-data-package",
        "name": "use-of-force-policy-explorer",
        "title": "Use-of-Force Policy Explorer: filtered tables",
        "version": str(release.get("data_release", "unreleased")),
        "description": "Every row is traced to a stored source text; see CODEBOOK.md, SOURCES.csv and CHANGES.md (errata). "
        + " ".join(f"Coded dataset {k}: {v}." for k, v in credits.items()),
        "resources": [
            {
                "name": name.replace("_", "-"),
                "path": f"tables/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": field.name, "type": _field_type(field.type)} for field in schema]},
            }
            for name, schema in schemas.items()
        ],
    }


def bundle(tables: Mapping[str, Callable[[], Rows]], codebook: str, release: Mapping[str, object], url: str, citation: str = "") -> bytes:
    """One ZIP: each table as CSV and Parquet, a datapackage.json, the codebook, sources, release, errata, citation and URL."""
    buf = io.BytesIO()
    schemas: dict[str, pa.Schema] = {}
    credits: dict[str, str] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, fetch in tables.items():  # fetched once per format: a stream is read once
            z.writestr(f"tables/{name}.csv", to_bytes(fetch(), "csv"))
            parquet = to_bytes(fetch(), "parquet")
            z.writestr(f"tables/{name}.parquet", parquet)
            schemas[name] = pq.read_schema(io.BytesIO(parquet))
            if name == "sources":
                listed = pq.read_table(io.BytesIO(parquet), columns=["source_id", "title", "publisher", "published_on", "url"])
                z.writestr("SOURCES.csv", to_bytes(listed.to_reader(), "csv"))
            if name == "datasets":  # the coded datasets' credits and licences, from the rows just written
                df = pq.read_table(io.BytesIO(parquet), columns=["dataset_id", "credit", "licence"]).to_pandas()
                credits = dict(zip(df["dataset_id"], df["credit"] + " Licence: " + df["licence"], strict=True))
        z.writestr("datapackage.json", json.dumps(datapackage(schemas, release, credits), indent=1, ensure_ascii=False))
        z.writestr("CODEBOOK.md", codebook)
        z.writestr("RELEASE.json", json.dumps({k: str(v) for k, v in release.items() if k != "changes"}, indent=1))
        z.writestr("CHANGES.md", str(release.get("changes", "")))  # each release's changes and errata
        if citation:
            z.writestr("CITATION.cff", citation)
        z.writestr("VIEW_URL.txt", url + "\n")
    return buf.getvalue()
