"""Checks the hand-edited CSVs against data/schema.yaml and the stored texts; reports every problem at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.builder import external, truth_rules
from explorer.builder.source_text import SourceText, parse
from explorer.contract import Problem, load_schema, parse_release, read_csv_strict, split_list, stances_without_quote

PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass
class Dataset:
    """The validated rows of every table, each row with its line number in its file."""

    schema: dict[str, Any]
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    imported: external.Imported = field(default_factory=external.Imported)

    def columns(self, table: str) -> list[str]:
        """The columns of a table's CSV (not those only the importer fills)."""
        return [c["name"] for c in self.schema["tables"][table]["columns"] if not c.get("imported")]


def _check_values(ds: Dataset, table: str) -> None:
    spec = ds.schema["tables"][table]
    rel = f"data/{spec['file']}"
    for row, line in zip(ds.rows[table], ds.lines[table], strict=True):
        for col in (c for c in spec["columns"] if not c.get("imported")):
            name, value = col["name"], row[col["name"]]
            if value != value.strip():
                ds.problems.append(Problem(rel, line, name, "leading or trailing white space"))
            if not value:
                if col.get("required", True):
                    ds.problems.append(Problem(rel, line, name, "required field is empty"))
                continue
            allowed = col.get("allowed")
            if allowed and value not in allowed:
                ds.problems.append(Problem(rel, line, name, f"{value!r} is not one of: {', '.join(allowed)}"))
            if col.get("type") == "partial_date" and value != "unknown" and not PARTIAL_DATE.match(value):
                ds.problems.append(Problem(rel, line, name, f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM, YYYY) or 'unknown'"))


def _check_keys(ds: Dataset, table: str) -> None:
    spec = ds.schema["tables"][table]
    key = spec["key"] if isinstance(spec["key"], list) else [spec["key"]]
    seen: dict[tuple[str, ...], int] = {}
    for row, line in zip(ds.rows[table], ds.lines[table], strict=True):
        k = tuple(row[c] for c in key)
        if k in seen:
            ds.problems.append(
                Problem(f"data/{spec['file']}", line, "+".join(key), f"duplicate id {'/'.join(k)!r} (first on line {seen[k]})")
            )
        else:
            seen[k] = line


def _check_refs(ds: Dataset, table: str) -> None:
    spec = ds.schema["tables"][table]
    for col in spec["columns"]:
        if "ref" not in col or col.get("imported"):
            continue
        target_table, target_col = col["ref"].split(".")
        known = {r[target_col] for r in ds.rows.get(target_table, [])}
        for row, line in zip(ds.rows[table], ds.lines[table], strict=True):
            for value in split_list(row[col["name"]]) if col.get("list") else [row[col["name"]]]:
                if value and value not in known:
                    ds.problems.append(
                        Problem(f"data/{spec['file']}", line, col["name"], f"{value!r} is not a known {target_table}.{target_col}")
                    )


def _check_sources(ds: Dataset, sources_dir: Path) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for row, line in zip(ds.rows["sources"], ds.lines["sources"], strict=True):
        path = sources_dir / row["text_file"]
        if not row["text_file"] or not path.is_file():
            ds.problems.append(
                Problem("data/sources.csv", line, "text_file", f"source text {row['text_file']!r} not found in data/sources/")
            )
            continue
        try:
            st = parse(path)
        except (ValueError, UnicodeDecodeError) as e:
            ds.problems.append(Problem("data/sources.csv", line, "text_file", f"unreadable source text: {e}"))
            continue
        if st.header.get("SOURCE_ID") != row["source_id"]:
            ds.problems.append(Problem("data/sources.csv", line, "source_id", f"text file's SOURCE_ID is {st.header.get('SOURCE_ID')!r}"))
        texts[row["source_id"]] = st
    return texts


def _check_quotes(ds: Dataset, texts: dict[str, SourceText]) -> None:
    for row, line in zip(ds.rows["quotes"], ds.lines["quotes"], strict=True):
        st = texts.get(row["source_id"])
        if st is not None and row["text"] and not st.contains(row["text"]):
            ds.problems.append(
                Problem(
                    "data/quotes.csv",
                    line,
                    "text",
                    f"quote {row['quote_id']!r} is not verbatim in {row['source_id']}.txt (or runs across a [...] gap)",
                )
            )


def _check_positions(ds: Dataset) -> None:
    quotes = {q["quote_id"]: q for q in ds.rows["quotes"]}
    no_quote = stances_without_quote(ds.schema)
    for row, line in zip(ds.rows["positions"], ds.lines["positions"], strict=True):
        rel = "data/positions.csv"
        if row["stance"] and row["stance"] not in no_quote and not row["quote_id"]:
            ds.problems.append(Problem(rel, line, "quote_id", f"stance {row['stance']!r} needs a supporting quote"))
        if row["quote_id"] and row["evidence"] == "none":
            ds.problems.append(Problem(rel, line, "evidence", "a quote is named, so evidence must be primary or secondary"))
        if not row["quote_id"] and row["evidence"] in ("primary", "secondary"):
            ds.problems.append(Problem(rel, line, "evidence", f"evidence {row['evidence']!r} needs a quote_id"))
        q = quotes.get(row["quote_id"])
        if q and q["source_id"] != row["source_id"]:
            ds.problems.append(Problem(rel, line, "source_id", f"the quote comes from {q['source_id']!r}, not {row['source_id']!r}"))
    grid = {(r["doc_id"], r["provision_id"]) for r in ds.rows["positions"]}
    for d in ds.rows["documents"]:
        for p in ds.rows["provisions"]:
            if (d["doc_id"], p["provision_id"]) not in grid:
                ds.problems.append(
                    Problem(
                        "data/positions.csv",
                        0,
                        "doc_id+provision_id",
                        f"no position for {d['doc_id']} x {p['provision_id']} (use stance 'unknown' where the sources do not say)",
                    )
                )


def validate(data_dir: Path) -> Dataset:
    """Read and check every table under data_dir; the Dataset's problems list is empty when all is well."""
    ds = Dataset(schema=load_schema(data_dir / "schema.yaml"))
    for table, spec in ds.schema["tables"].items():
        path = data_dir / spec["file"]
        rel = f"data/{spec['file']}"
        if not path.is_file():
            ds.problems.append(Problem(rel, 0, "-", "file is missing"))
            ds.rows[table], ds.lines[table] = [], []
            continue
        read = read_csv_strict(path.read_bytes(), rel, ds.columns(table))
        ds.problems.extend(read.problems)
        ds.rows[table], ds.lines[table] = read.rows, read.lines
    for table in ds.schema["tables"]:
        _check_values(ds, table)
        _check_keys(ds, table)
        _check_refs(ds, table)
    ds.problems.extend(parse_release(data_dir)[1])
    texts = _check_sources(ds, data_dir / "sources")
    _check_quotes(ds, texts)
    _check_positions(ds)
    if not ds.problems:  # the truth rules read across tables, so they need every row and reference sound
        ds.problems.extend(truth_rules.check(ds.rows, ds.lines, texts))
    ds.imported = external.load(data_dir)
    ds.problems.extend(ds.imported.problems)
    provisions = {p["provision_id"] for p in ds.rows["provisions"]}
    for c in ds.imported.criteria:
        if c["provision_id"] and c["provision_id"] not in provisions:
            ds.problems.append(
                Problem(
                    f"data/external/{c['dataset_id']}/dataset.yaml",
                    0,
                    f"{c['criterion_id']}.provision_id",
                    f"{c['provision_id']!r} is not a known provision",
                )
            )
    return ds
