"""The release as one data package: every table as CSV and Parquet, datapackage.json, codebook, sources, errata, citation.

The Data page's "download everything" ZIP (under the reader's filters) and `make release` (no filter, to a folder) are
the same package, written by `package`, so what a data librarian validates is what a reader downloads.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from explorer.paths import DATA_DIR, ROOT
from explorer.serve import data, exports
from explorer.serve.filters import Filters

# The tables a reader can browse and download, in the Data page's order: (label, its rows under the filters).
TABLES: dict[str, tuple[str, Callable[[Filters], data.Paged]]] = {
    "positions": ("Positions (document × provision)", data.table_positions),
    "endorsements": ("Endorsements", data.endorsements),
    "quotes": ("Quotes", data.quotes_table),
    "organizations": ("Organizations", data.table_organizations),
    "documents": ("Documents", data.table_documents),
    "provisions": ("Provisions", data.table_provisions),
    "events": ("Events", data.events_timeline),
    "sources": ("Sources", data.sources_list),
}


def package(f: Filters, url: str) -> bytes:
    """The ZIP of every table under the filters, with the codebook, sources, release, errata, citation and the view's URL."""
    return exports.bundle(
        {
            **{t: (lambda rows=rows: rows(f).download()) for t, (_, rows) in TABLES.items()},
            "datasets": data.datasets_list,
        },
        codebook=(DATA_DIR / "README.md").read_text(encoding="utf-8"),
        citation=(ROOT / "CITATION.cff").read_text(encoding="utf-8"),
        release=data.build_info(),
        url=url,
    )


def write(out: Path, url: str = "the whole release, no filter") -> Path:
    """The unfiltered package unpacked into out/, and the same bytes as out/<name>.zip beside it; returns the ZIP's path."""
    blob = package(Filters(), url)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        z.extractall(out)
    version = str(data.build_info().get("data_release", "unreleased"))
    zipped = out / f"use-of-force-explorer-{version}.zip"
    zipped.write_bytes(blob)
    return zipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "release", help="folder to write the package to (default: release/)")
    args = parser.parse_args(argv)
    zipped = write(args.out)
    print(f"Wrote the release package to {args.out}/ (datapackage.json, tables/, CODEBOOK.md, ...) and {zipped.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
