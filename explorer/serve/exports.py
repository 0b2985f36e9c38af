"""Turns a filtered table into download bytes with the libraries' own writers (CSV, Excel, JSON, Parquet)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
    "parquet": ("Parquet", "application/vnd.apache.parquet"),
}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text so every format carries the same values a reader sees."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection). OWASP's advice: prefix
# such a text cell with an apostrophe, so it is shown as text. JSON and Parquet keep the words unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and column name) that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    out = df.rename(columns=lambda c: f"'{c}" if isinstance(c, str) and c.startswith(FORMULA_START) else c)
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            text = out[col].where(out[col].map(lambda v: isinstance(v, str))) if out[col].dtype == object else out[col]
            risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)  # vectorised: 1M rows in milliseconds
            if risky.any():
                out[col] = out[col].where(~risky, "'" + text)
    return out


EXCEL_MAX_ROWS = 1_048_576 - 1  # one Excel sheet's rows, less the header row


class TooManyRowsError(ValueError):
    """A table too long for the format asked (Excel's sheet limit); the message offers CSV or Parquet."""


def excel_refusal(rows: int) -> str:
    return f"Excel holds at most {EXCEL_MAX_ROWS + 1:,} rows per sheet; these {rows:,} rows come as CSV or Parquet."


def _csv(df: pd.DataFrame) -> bytes:
    """CSV written by Arrow's writer (several times faster than pandas' on large tables); quotes only where needed."""
    buf = io.BytesIO()
    pacsv.write_csv(pa.Table.from_pandas(df, preserve_index=False), buf, pacsv.WriteOptions(quoting_style="needed"))
    return buf.getvalue()


def to_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table in one of FORMATS; raises KeyError for an unknown format, TooManyRowsError beyond Excel's sheet."""
    df = _plain(df)
    if fmt == "csv":
        return _csv(neutralise(df))
    if fmt == "xlsx":
        if len(df) > EXCEL_MAX_ROWS:
            raise TooManyRowsError(excel_refusal(len(df)))
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            neutralise(df).to_excel(writer, index=False, sheet_name="data")
        return buf.getvalue()
    if fmt == "json":
        return df.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    raise KeyError(fmt)


def file_name(what: str, query_string: str, fmt: str) -> str:
    """A file name that says what it holds: 'endorsements_kind-sheriffs.csv'."""
    tail = re.sub(r"[^A-Za-z0-9]+", "-", query_string.replace("=", "-")).strip("-")[:80]
    return f"{what}{'_' + tail if tail else ''}.{fmt}"


def _field_type(series: pd.Series) -> str:
    """The Table Schema type of a column as the CSV writes it."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "string"


def datapackage(frames: Mapping[str, pd.DataFrame], release: Mapping[str, object], credits: Mapping[str, str]) -> dict[str, object]:
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
                "schema": {"fields": [{"name": str(c), "type": _field_type(df[c])} for c in df.columns]},
            }
            for name, df in frames.items()
        ],
    }


def bundle(
    tables: Mapping[str, Callable[[], pd.DataFrame]], codebook: str, release: Mapping[str, object], url: str, citation: str = ""
) -> bytes:
    """One ZIP: each table as CSV and Parquet, a datapackage.json, the codebook, sources, release, errata, citation and URL."""
    buf = io.BytesIO()
    frames: dict[str, pd.DataFrame] = {}
    credits: dict[str, str] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, fetch in tables.items():
            df = fetch().drop(columns=["total_rows", "total_matches", "said_on_date"], errors="ignore")
            frames[name] = df.head(0)
            z.writestr(f"tables/{name}.csv", to_bytes(df, "csv"))
            z.writestr(f"tables/{name}.parquet", to_bytes(df, "parquet"))
            if name == "sources":
                z.writestr("SOURCES.csv", to_bytes(df[["source_id", "title", "publisher", "published_on", "url"]], "csv"))
            if name == "datasets":  # the coded datasets' credits and licences, from the rows just fetched
                credits = dict(zip(df["dataset_id"], df["credit"] + " Licence: " + df["licence"], strict=True))
        z.writestr("datapackage.json", json.dumps(datapackage(frames, release, credits), indent=1, ensure_ascii=False))
        z.writestr("CODEBOOK.md", codebook)
        z.writestr("RELEASE.json", json.dumps({k: str(v) for k, v in release.items() if k != "changes"}, indent=1))
        z.writestr("CHANGES.md", str(release.get("changes", "")))  # each release's changes and errata
        if citation:
            z.writestr("CITATION.cff", citation)
        z.writestr("VIEW_URL.txt", url + "\n")
    return buf.getvalue()
