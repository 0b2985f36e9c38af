"""Exports hold exactly the filtered rows in every format, under a file name that says what they hold."""

from __future__ import annotations

import pandas as pd
import pytest

from explorer.serve import data, exports
from explorer.serve.filters import Filters
from tests.read_back import read_back


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_round_trip_equals_the_filtered_table(fmt: str):
    f = Filters(org_kinds=("sheriffs",))
    df = data.endorsements(f).page(limit=1000)
    back = read_back(exports.to_bytes(df, fmt), fmt)
    assert len(back) == len(df) == 4
    assert list(back.columns) == [c for c in df.columns if c != "total_rows"]  # the paging column stays behind
    assert sorted(back["org_id"]) == sorted(df["org_id"])
    assert back.loc[0, "status"] == df.loc[0, "status"]


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_a_download_streams_from_duckdb_and_equals_the_paged_table(fmt: str):
    f = Filters(org_kinds=("sheriffs",))
    stream = data.endorsements(f).download()
    assert stream.__class__.__name__ == "RecordBatchReader"  # Arrow batches from DuckDB, not a pandas frame
    back = read_back(exports.to_bytes(stream, fmt), fmt)
    df = data.endorsements(f).page(limit=1000).drop(columns=["total_rows"])
    assert list(back.columns) == list(df.columns)
    assert back["org_id"].tolist() == df["org_id"].tolist()  # the same rows in the same order
    assert back["on_date"].fillna("").astype(str).tolist() == df["on_date"].fillna("").astype(str).tolist()


def test_a_download_file_is_read_from_its_start_and_equals_the_bytes():
    df = data.endorsements(Filters(org_kinds=("sheriffs",))).page(limit=1000)
    assert exports.to_file(df, "csv").read() == exports.to_bytes(df, "csv")


def test_a_page_is_what_it_asks_for_and_a_download_is_every_row():
    rows = data.endorsements(Filters())
    page = rows.page(limit=3, offset=2)
    total = int(page["total_rows"].iloc[0])
    assert len(page) == 3 < total
    assert page["org_id"].tolist() == rows.page(limit=total)["org_id"].tolist()[2:5]
    assert rows.download().read_all().num_rows == total  # no row limit hidden in the download path
    with pytest.raises(TypeError):
        rows.page()  # type: ignore[call-arg]  # a page says how many rows it wants: none fetches every row by accident


def test_an_own_binding_never_takes_a_filters_name():
    with pytest.raises(ValueError, match="filter's name"):
        data._under("position_grid", Filters(), doc_ids=["ncp-2017-01"])


def test_an_empty_stream_writes_headers_only():
    stream = data.endorsements(Filters(org_kinds=("no-such-kind",))).download()
    text = exports.to_bytes(stream, "csv").decode()
    assert text.splitlines()[0].startswith('"org_id"') or text.splitlines()[0].startswith("org_id")
    assert len(text.splitlines()) == 1


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_quotes_keep_unicode_and_long_text(fmt: str):
    df = data.quotes_search(Filters(), terms=("historic",)).page(limit=100).drop(columns=["total_rows", "said_on_date"])
    back = read_back(exports.to_bytes(df, fmt), fmt)
    assert list(back["text"]) == list(df["text"])
    assert any("“" in t for t in back["text"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_neutralised_in_spreadsheet_formats(fmt: str):
    df = pd.DataFrame({"text": ['=HYPERLINK("http://x")', "+1", "-2 officers", "@SUM(A1)", "plain"], "n": [-1, 2, 3, 4, 5]})
    back = read_back(exports.to_bytes(df, fmt), fmt)
    assert list(back["text"]) == ['\'=HYPERLINK("http://x")', "'+1", "'-2 officers", "'@SUM(A1)", "plain"]
    assert list(back["n"]) == [-1, 2, 3, 4, 5]  # numbers are not text: left alone


@pytest.mark.parametrize("fmt", ["json", "parquet"])
def test_formula_like_text_is_kept_verbatim_where_nothing_runs_it(fmt: str):
    df = pd.DataFrame({"text": ["=1+1", "plain"]})
    assert list(read_back(exports.to_bytes(df, fmt), fmt)["text"]) == ["=1+1", "plain"]


def test_dates_are_written_as_iso_text():
    df = pd.DataFrame({"d": pd.to_datetime(["2017-01-17"])})
    assert read_back(exports.to_bytes(df, "csv"), "csv")["d"].tolist() == ["2017-01-17"]


def test_file_names_say_what_they_hold():
    assert exports.file_name("endorsements", "kind=sheriffs&doc=ncp-2017-01", "csv") == "endorsements_kind-sheriffs-doc-ncp-2017-01.csv"
    assert exports.file_name("quotes", "", "xlsx") == "quotes.xlsx"
    assert "/" not in exports.file_name("x", "q=../../etc/passwd", "json")


def test_download_everything_bundle():
    import io
    import json
    import zipfile

    f = Filters(org_kinds=("sheriffs",))
    blob = exports.bundle(
        {"endorsements": data.endorsements(f).download, "sources": data.sources_list(f).download},
        codebook="# About the data",
        release=data.build_info(),
        url="http://localhost:8501/data?kind=sheriffs",
    )
    z = zipfile.ZipFile(io.BytesIO(blob))
    names = set(z.namelist())
    assert {"tables/endorsements.csv", "tables/endorsements.parquet", "SOURCES.csv", "CODEBOOK.md", "RELEASE.json", "VIEW_URL.txt"} <= names
    assert len(read_back(z.read("tables/endorsements.csv"), "csv")) == 4
    assert json.loads(z.read("RELEASE.json"))["data_release"] == "2026.12.1"
    assert "### Errata" in z.read("CHANGES.md").decode() and "changes" not in json.loads(z.read("RELEASE.json"))
    assert z.read("VIEW_URL.txt").decode().strip().endswith("kind=sheriffs")


def test_the_zip_is_a_valid_frictionless_data_package(tmp_path):
    import io
    import zipfile

    from frictionless import Package, validate

    from explorer.paths import ROOT

    f = Filters()
    blob = exports.bundle(
        {"positions": data.table_positions(f).download, "quotes": data.quotes_table(f).download, "datasets": data.datasets_list},
        codebook="# About the data",
        release=data.build_info(),
        url="http://localhost:8501/data",
        citation=(ROOT / "CITATION.cff").read_text(encoding="utf-8"),
    )
    zipfile.ZipFile(io.BytesIO(blob)).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(str(tmp_path / "datapackage.json"))
    assert {r.name for r in package.resources} == {"positions", "quotes", "datasets"}
    assert "Campaign Zero, Police Use of Force Project (2016)" in package.description and "MIT" in package.description
    assert package.version == "2026.12.1"
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8").startswith("cff-version: 1.2.0")


def test_excel_is_refused_beyond_its_sheet_with_a_clear_message():
    df = pd.DataFrame({"n": range(exports.EXCEL_MAX_ROWS + 1)})
    with pytest.raises(exports.TooManyRowsError, match="1,048,576 rows per sheet.*CSV or Parquet"):
        exports.to_bytes(df, "xlsx")
    assert len(read_back(exports.to_bytes(df, "csv"), "csv")) == exports.EXCEL_MAX_ROWS + 1  # CSV takes them all


def test_arrow_csv_reads_back_as_written_and_keeps_missing_cells_empty():
    df = pd.DataFrame({"a": ["x", 'y, "z"', None], "b": [1, 2, 3], "ok": [True, False, True]})
    text = exports.to_bytes(df, "csv").decode()
    assert text.splitlines()[3] == ",3,true"  # a missing text is an empty cell, not "None" or "nan"
    back = read_back(text.encode(), "csv")
    assert list(back["a"]) == ["x", 'y, "z"', ""] and list(back["b"]) == [1, 2, 3] and list(back["ok"]) == [True, False, True]
