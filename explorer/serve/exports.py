"""Turns a filtered table into download bytes with the libraries' own writers (CSV, Excel, JSON, Parquet)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping

import pandas as pd

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


def to_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table in one of FORMATS; raises KeyError for an unknown format."""
    df = _plain(df)
    if fmt == "csv":
        return df.to_csv(index=False).encode("utf-8")
    if fmt == "xlsx":
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            df.to_excel(writer, index=False, sheet_name="data")
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


def bundle(tables: Mapping[str, Callable[[], pd.DataFrame]], codebook: str, release: Mapping[str, object], url: str) -> bytes:
    """One ZIP: each table as CSV and Parquet, the codebook, the sources with their addresses, release, errata and URL."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, fetch in tables.items():
            df = fetch().drop(columns=["total_rows", "total_matches", "said_on_date"], errors="ignore")
            z.writestr(f"tables/{name}.csv", to_bytes(df, "csv"))
            z.writestr(f"tables/{name}.parquet", to_bytes(df, "parquet"))
            if name == "sources":
                z.writestr("SOURCES.csv", to_bytes(df[["source_id", "title", "publisher", "published_on", "url"]], "csv"))
        z.writestr("CODEBOOK.md", codebook)
        z.writestr("RELEASE.json", json.dumps({k: str(v) for k, v in release.items() if k != "changes"}, indent=1))
        z.writestr("CHANGES.md", str(release.get("changes", "")))  # each release's changes and errata
        z.writestr("VIEW_URL.txt", url + "\n")
    return buf.getvalue()
