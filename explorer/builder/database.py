"""Validate a data folder and write its database atomically (tmp + os.replace); decide when a rebuild is due."""

from __future__ import annotations

import fcntl
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from explorer.builder import passages
from explorer.builder.validate import Dataset, validate
from explorer.contract import SCHEMA_VERSION, read_release, split_list
from explorer.paths import DATA_DIR, DEFAULT_DB_PATH
from explorer.wording import GRAM, SQL_SEARCH_FOLD, WORD_RE

# Build-time views, table macros and derived tables: created in the database, never run by a page.
VIEWS_DIR = Path(__file__).resolve().parent / "views"
# The code that shapes the database (its views, macros and derived tables): a database older than it is rebuilt too.
BUILD_CODE = sorted(
    [*Path(__file__).resolve().parent.rglob("*.py"), *VIEWS_DIR.glob("*.sql")]
    + [Path(__file__).resolve().parents[1] / name for name in ("contract.py", "wording.py")]
)


class BuildError(Exception):
    """The sources did not validate; the message lists every problem."""


def _first_day(value: str) -> str | None:
    """'2017-01' -> '2017-01-01'; 'unknown' or '' -> None (the sortable twin of a partial date)."""
    if not value or value == "unknown":
        return None
    parts = value.split("-") + ["01", "01"]
    return "-".join(parts[:3])


def _sql_literal(text: str) -> str:
    # COMMENT ON takes no bound parameters; the text comes from our own schema.yaml, quotes doubled.
    return "'" + text.replace("'", "''") + "'"


def _comment(con: duckdb.DuckDBPyConnection, table: str, spec: dict) -> None:
    """The codebook's description of a table and its columns, as DuckDB comments."""
    con.execute(f"comment on table {table} is {_sql_literal(spec['description'].strip() + ' Grain: ' + spec['grain'] + '.')}")
    for c in spec["columns"]:
        con.execute(f'comment on column {table}."{c["name"]}" is {_sql_literal(c["description"])}')


def _create_tables(con: duckdb.DuckDBPyConnection, ds: Dataset) -> None:
    for table, spec in ds.schema["tables"].items():
        cols = [c["name"] for c in spec["columns"]]
        lists = {c["name"] for c in spec["columns"] if c.get("list")}
        dates = [c["name"] for c in spec["columns"] if c.get("type") == "partial_date"]
        ddl = [f'"{c}" varchar[]' if c in lists else f'"{c}" varchar' for c in cols] + [f'"{d}_date" date' for d in dates]
        con.execute(f"create table {table} ({', '.join(ddl)})")
        # The hand-edited rows, then what the importer adds (agencies, their policies, the coders' language cells).
        rows = [{c: r.get(c, "") for c in cols} for r in ds.rows[table] + ds.imported.shared.get(table, [])]
        if rows:
            # Columnar insert through Arrow: executemany took minutes at fifty thousand rows.
            arrays = {
                c: pa.array([split_list(r[c]) for r in rows], pa.list_(pa.string()))
                if c in lists
                else pa.array([r[c] or None for r in rows], pa.string())
                for c in cols
            }
            for d in dates:
                arrays[f"{d}_date"] = pa.array([_first_day(r[d]) for r in rows], pa.string()).cast(pa.date32())
            con.register("staged", pa.table(arrays))
            con.execute(f"insert into {table} select * from staged")
            con.unregister("staged")
        _comment(con, table, spec)
        for d in dates:
            con.execute(
                f'comment on column {table}."{d}_date" is {_sql_literal(f"First day of {d}, for sorting and date filters (null when unknown).")}'
            )


def _create_imported(con: duckdb.DuckDBPyConnection, ds: Dataset) -> None:
    """The tables of data/external's coded datasets, typed and commented from the codebook's `imported:` section."""
    for table, spec in ds.schema.get("imported", {}).items():
        rows = getattr(ds.imported, table)
        types = {"boolean": pa.bool_(), "integer": pa.int64()}
        arrays = {c["name"]: pa.array([r[c["name"]] for r in rows], types.get(c.get("type"), pa.string())) for c in spec["columns"]}
        con.register("staged", pa.table(arrays))
        con.execute(f"create table {table} as select * from staged")
        con.unregister("staged")
        _comment(con, table, spec)


def _create_source_texts(con: duckdb.DuckDBPyConnection, ds: Dataset, data_dir: Path) -> None:
    """Keep each stored text in the database, so the app (and any database built elsewhere) needs no files."""
    con.execute("create table source_texts (source_id varchar, text varchar)")
    rows = [[r["source_id"], (data_dir / "sources" / r["text_file"]).read_text(encoding="utf-8")] for r in ds.rows["sources"]]
    # A coded dataset's stored text is its description (where it came from, licence, how it is read); the raw files
    # beside it hold the cells, and each quote's locator names its file, record and field.
    rows += [
        [r["source_id"], (data_dir / r["text_file"] / "dataset.yaml").read_text(encoding="utf-8")] for r in ds.imported.shared["sources"]
    ]
    con.executemany("insert into source_texts values (?, ?)", rows)
    con.execute("comment on table source_texts is 'The stored text of each source file, header included. Grain: one row per source.'")


def _create_passages(con: duckdb.DuckDBPyConnection) -> None:
    """The stored texts and the agencies' policy cells cut into sentences, with their shingles (explorer/builder/passages.py)."""
    sources = con.execute(
        "select s.source_id, s.kind, s.doc_id, d.kind, s.title, s.published_on, t.text from sources s "
        "join source_texts t using (source_id) left join documents d using (doc_id) order by s.source_id"
    ).fetchall()
    cells = con.execute(
        "select q.quote_id, q.source_id, q.doc_id, o.org_id, o.name, ds.published_on, q.text from quotes q "
        "join documents d using (doc_id) join organizations o on o.org_id = q.org_ids[1] "
        "left join datasets ds on ds.dataset_id = d.dataset_id where d.kind = 'agency_policy' order by q.quote_id"
    ).fetchall()
    texts = con.execute(
        "select t.text_id, t.dataset_id, t.doc_id, t.org_id, t.department, t.issued_on, t.printed, b.body from policy_texts t "
        "join policy_text_bodies b using (text_id) order by t.text_id"
    ).fetchall()
    con.register("staged", passages.rows(sources, cells, texts))
    # Vectorised in DuckDB, explorer.wording's rules: a full text's words (wording.words: lower case, [0-9a-z]+ with
    # an apostrophe form, ’ read as ') and its distinct runs of GRAM words in order of first appearance
    # (wording.grams); every passage's search form (wording.search_fold, as SQL_SEARCH_FOLD).
    word = WORD_RE.replace("'", "''")
    computed = {
        "norm": "coalesce(norm, array_to_string(tokens, ' ')) as norm",
        "grams": "coalesce(grams, list_filter(all_grams, lambda x, i: list_position(all_grams, x) = i)) as grams",
        "search": f"{SQL_SEARCH_FOLD.format(x='text')} as search",
    }
    con.execute(
        f"""
        create table passages as
        with w as (
            select *, list_transform(regexp_extract_all(lower(text), '{word}'), lambda x: replace(x, '’', '''')) as tokens
            from staged
        ),
        g as (
            select *, list_transform(range(1, len(tokens) - {GRAM - 2}), lambda i: array_to_string(tokens[i:i + {GRAM - 1}], ' ')) as all_grams
            from w
        )
        select {", ".join(computed.get(name, name) for name in passages.SCHEMA.names)}
        from g
        order by passage_id
        """
    )
    con.unregister("staged")

    con.execute(
        "comment on table passages is 'Every stored source text, agency policy cell and department full text cut into "
        "sentences (white space folded), with its lower-case words (norm), their shingles, its text folded for search, "
        "and for a full text where it starts (text_id, line_no, char_at). Grain: one row per sentence.'"
    )


def _create_views(con: duckdb.DuckDBPyConnection) -> None:
    # Derived tables first (views may read them), then scalar macros (others call them), then views and table macros,
    # each in name order.
    scripts = [path.read_text(encoding="utf-8") for path in sorted(VIEWS_DIR.glob("*.sql"))]
    for sql in sorted(scripts, key=lambda sql: ("create table" not in sql, "as table" in sql or "create view" in sql)):
        con.execute(sql)


def build_inputs(data_dir: Path) -> list[Path]:
    """The files a database is built from, sorted: CSVs, the codebook, stored texts, RELEASE and its errata (not the docs)."""
    external = data_dir / "external"  # every raw file of a coded dataset, whatever its suffix
    return sorted(
        p
        for p in data_dir.rglob("*")
        if p.is_file() and (p.suffix in {".csv", ".txt", ".yaml"} or p.name in {"RELEASE", "CHANGES.md"} or p.is_relative_to(external))
    )


def _fingerprint(data_dir: Path) -> str:
    """Hash of every input file, stored in the database so a reader can tell which sources built it."""
    h = hashlib.sha256()
    for p in build_inputs(data_dir):
        h.update(p.relative_to(data_dir).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build(data_dir: Path = DATA_DIR, out: Path = DEFAULT_DB_PATH) -> Dataset:
    """Validate data_dir and write the database to out; on any problem raise BuildError and leave out untouched."""
    ds = validate(data_dir)
    if ds.problems:
        raise BuildError("\n".join(str(p) for p in ds.problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.with_name(out.name + ".lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two builds at once take turns; the reader never sees a half file
        for stale in out.parent.glob(f".{out.name}.*.tmp*"):
            stale.unlink(missing_ok=True)  # left by a build that was killed: under the lock no other build runs
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        try:
            con = duckdb.connect(str(tmp))
            try:
                _create_tables(con, ds)
                _create_source_texts(con, ds, data_dir)
                _create_imported(con, ds)
                _create_passages(con)
                _create_views(con)
                release = read_release(data_dir)
                con.execute(
                    "create table build_info as select ? as schema_version, ? as built_at, ? as data_fingerprint, "
                    "? as data_release, ? as release_date, ? as changes",
                    [
                        SCHEMA_VERSION,
                        datetime.now(UTC).isoformat(timespec="seconds"),
                        _fingerprint(data_dir),
                        release["version"],
                        release["date"],
                        changes.read_text(encoding="utf-8") if (changes := data_dir / "CHANGES.md").is_file() else "",
                    ],
                )
                con.execute("checkpoint")
            finally:
                con.close()
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return ds


def _readable(out: Path) -> bool:
    """True when out opens and was built with this schema version (a damaged or older file is rebuilt)."""
    try:
        with duckdb.connect(str(out), read_only=True) as con:
            return con.execute("select max(schema_version) from build_info").fetchall()[0][0] == SCHEMA_VERSION
    except duckdb.Error:
        return False


def is_stale(data_dir: Path = DATA_DIR, out: Path = DEFAULT_DB_PATH) -> bool:
    """True when the database is missing, unreadable, from an older schema, or older than any build input or build code."""
    if not out.exists():
        return True
    built = out.stat().st_mtime
    return any(p.stat().st_mtime > built for p in [*build_inputs(data_dir), *BUILD_CODE]) or not _readable(out)


@dataclass(frozen=True)
class BuildStatus:
    """What ensure_current() found: problems in the sources (empty when all is well) and whether it rebuilt."""

    problems: list[str] = field(default_factory=list)
    rebuilt: bool = False


def ensure_current(data_dir: Path = DATA_DIR, out: Path = DEFAULT_DB_PATH) -> BuildStatus:
    """Rebuild out when stale; when the sources are broken keep the last good file and return the problems."""
    if not is_stale(data_dir, out):
        return BuildStatus()
    try:
        build(data_dir, out)
    except BuildError as e:
        return BuildStatus(problems=str(e).splitlines())
    return BuildStatus(rebuilt=True)
