"""`make release`: the whole release as a folder that frictionless validates, the same package as the Data page's ZIP."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
from frictionless import Package, validate

from explorer.serve import release
from explorer.serve.filters import Filters


def test_the_release_folder_is_a_valid_data_package_with_every_table(db_file, tmp_path):
    zipped = release.write(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    names = {r.name for r in Package(str(tmp_path / "datapackage.json")).resources}
    assert names == {t.replace("_", "-") for t in [*release.TABLES, "datasets"]}
    for extra in ("CODEBOOK.md", "SOURCES.csv", "CHANGES.md", "CITATION.cff", "RELEASE.json"):
        assert (tmp_path / extra).stat().st_size > 0, extra
    # every row of the unfiltered tables, in CSV and in Parquet alike
    quotes = pd.read_csv(tmp_path / "tables" / "quotes.csv", dtype=str, keep_default_na=False)
    assert len(quotes) == len(pd.read_parquet(tmp_path / "tables" / "quotes.parquet")) > 1000
    # the ZIP beside the folder is the package the Data page offers (unfiltered): the same files
    with zipfile.ZipFile(zipped) as z, zipfile.ZipFile(io.BytesIO(release.package(Filters(), "x"))) as page:
        assert sorted(z.namelist()) == sorted(page.namelist())
