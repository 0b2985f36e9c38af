"""Reads a download back with pandas, as a reader's spreadsheet or notebook would (tests only)."""

from __future__ import annotations

import io

import pandas as pd


def read_back(data: bytes, fmt: str) -> pd.DataFrame:
    """An export read back with pandas; raises KeyError for an unknown format."""
    buf = io.BytesIO(data)
    if fmt == "csv":
        return pd.read_csv(buf, keep_default_na=False)
    if fmt == "xlsx":
        return pd.read_excel(buf, keep_default_na=False)
    if fmt == "json":
        return pd.read_json(buf, orient="records")
    if fmt == "parquet":
        return pd.read_parquet(buf)
    raise KeyError(fmt)
