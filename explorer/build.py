"""`python -m explorer.build`: validate data/*.csv and write data/policy.duckdb atomically (tmp + os.replace)."""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from explorer.paths import DATA_DIR, DEFAULT_DB_PATH, QUERIES_DIR
from explorer.validate import Dataset, validate

# Bumped when the table layout changes, so that the app can spot a database from an older build.
SCHEMA_VERSION = 3
VIEWS_DIR = QUERIES_DIR / "views"


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


def _create_tables(con: duckdb.DuckDBPyConnection, ds: Dataset) -> None:
    for table, spec in ds.schema["tables"].items():
        cols = [c["name"] for c in spec["columns"]]
        dates = [c["name"] for c in spec["columns"] if c.get("type") == "partial_date"]
        ddl = [f'"{c}" varchar' for c in cols] + [f'"{d}_date" date' for d in dates]
        con.execute(f"create table {table} ({', '.join(ddl)})")
        rows = ds.rows[table]
        if rows:
            # Columnar insert through Arrow: executemany took minutes at fifty thousand rows.
            arrays = {c: pa.array([r[c] or None for r in rows], pa.string()) for c in cols}
            for d in dates:
                arrays[f"{d}_date"] = pa.array([_first_day(r[d]) for r in rows], pa.string()).cast(pa.date32())
            con.register("staged", pa.table(arrays))
            con.execute(f"insert into {table} select * from staged")
            con.unregister("staged")
        con.execute(f"comment on table {table} is {_sql_literal(spec['description'].strip() + ' Grain: ' + spec['grain'] + '.')}")
        for c in spec["columns"]:
            con.execute(f'comment on column {table}."{c["name"]}" is {_sql_literal(c["description"])}')
        for d in dates:
            con.execute(
                f'comment on column {table}."{d}_date" is {_sql_literal(f"First day of {d}, for sorting and date filters (null when unknown).")}'
            )


def _create_source_texts(con: duckdb.DuckDBPyConnection, ds: Dataset, data_dir: Path) -> None:
    """Keep each stored text in the database, so the app (and any database built elsewhere) needs no files."""
    con.execute("create table source_texts (source_id varchar, text varchar)")
    rows = [[r["source_id"], (data_dir / "sources" / r["text_file"]).read_text(encoding="utf-8")] for r in ds.rows["sources"]]
    con.executemany("insert into source_texts values (?, ?)", rows)
    con.execute("comment on table source_texts is 'The stored text of each source file, header included. Grain: one row per source.'")


def _create_views(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def _is_input(path: Path) -> bool:
    """Files the database is built from (not the database itself, nor the docs)."""
    return path.is_file() and (path.suffix in {".csv", ".txt", ".yaml"} or path.name == "RELEASE")


def _fingerprint(data_dir: Path) -> str:
    """Hash of every input file, stored in the database so a reader can tell which sources built it."""
    h = hashlib.sha256()
    for p in sorted(data_dir.rglob("*")):
        if _is_input(p):
            h.update(p.relative_to(data_dir).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def read_release(data_dir: Path) -> dict[str, str]:
    """The data release (data/RELEASE: `version:` and `date:` lines); 'unreleased' for data without one."""
    path = data_dir / "RELEASE"
    release = {"version": "unreleased", "date": "unknown"}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in release and value.strip():
                release[key.strip()] = value.strip()
    return release


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
                _create_views(con)
                release = read_release(data_dir)
                con.execute(
                    "create table build_info as select ? as schema_version, ? as built_at, ? as data_fingerprint, "
                    "? as data_release, ? as release_date",
                    [
                        SCHEMA_VERSION,
                        datetime.now(UTC).isoformat(timespec="seconds"),
                        _fingerprint(data_dir),
                        release["version"],
                        release["date"],
                    ],
                )
                con.execute("checkpoint")
            finally:
                con.close()
            if pause := float(os.environ.get("UOF_BUILD_TEST_PAUSE", "0")):
                time.sleep(pause)  # lets a test kill the build after the write and before the rename
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return ds


def is_stale(data_dir: Path = DATA_DIR, out: Path = DEFAULT_DB_PATH) -> bool:
    """True when the database is missing or older than any source file under data_dir."""
    if not out.exists():
        return True
    built = out.stat().st_mtime
    return any(p.stat().st_mtime > built for p in data_dir.rglob("*") if p.is_file() and p.suffix in {".csv", ".txt", ".yaml"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with schema.yaml, the CSVs and sources/")
    parser.add_argument("--out", type=Path, default=DEFAULT_DB_PATH, help="database file to write")
    parser.add_argument("--if-stale", action="store_true", help="build only when the database is missing or older than the sources")
    args = parser.parse_args(argv)
    if args.if_stale and not is_stale(args.data, args.out):
        print(f"{args.out} is up to date")
        return 0
    try:
        ds = build(args.data, args.out)
    except BuildError as e:
        problems = str(e).splitlines()
        print("\n".join(problems), file=sys.stderr)
        print(f"build failed: {len(problems)} problem(s); {args.out} was left unchanged", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(rows)} {t}" for t, rows in ds.rows.items())
    print(f"built {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
