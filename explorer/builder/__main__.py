"""`python -m explorer.builder`: validate data/ and write data/policy.duckdb atomically; every problem at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.builder.database import BuildError, build, is_stale
from explorer.paths import DATA_DIR, DEFAULT_DB_PATH, build_dir, db_path


def for_the_app() -> int:
    """`make run` / `make serve`: keep current the database the app will serve (UOF_DB, UOF_DATA), and say which."""
    database, folder = db_path(), build_dir()
    if folder is None:  # somebody else's database: read as it is, never rebuilt
        if not database.exists():
            print(f"{database} (UOF_DB) does not exist: build it with `python -m explorer.builder --data <folder> --out {database}`")
            return 1
        print(f"Serving {database} (UOF_DB) as it is: it is not rebuilt here (set UOF_DATA to its source folder to have it rebuilt)")
        return 0
    return main(["--data", str(folder), "--out", str(database), "--if-stale"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with schema.yaml, the CSVs and sources/")
    parser.add_argument("--out", type=Path, default=DEFAULT_DB_PATH, help="database file to write")
    parser.add_argument("--if-stale", action="store_true", help="build only when the database is missing or older than the sources")
    parser.add_argument("--for-app", action="store_true", help="the database the app serves (UOF_DB, UOF_DATA), built when stale")
    args = parser.parse_args(argv)
    if args.for_app:
        return for_the_app()
    if args.if_stale and not is_stale(args.data, args.out):
        print(f"{args.out} is up to date with {args.data}")
        return 0
    try:
        ds = build(args.data, args.out)
    except BuildError as e:
        problems = str(e).splitlines()
        print("\n".join(problems), file=sys.stderr)
        print(f"build failed: {len(problems)} problem(s); {args.out} was left unchanged", file=sys.stderr)
        return 1
    added = {t: len(r) for t, r in ds.imported.shared.items()}
    counts = ", ".join(f"{len(rows)} {t}" + (f" (+{added[t]} imported)" if added.get(t) else "") for t, rows in ds.rows.items())
    counts += "; imported: " + ", ".join(f"{len(getattr(ds.imported, t))} {t}" for t in ds.schema.get("imported", {}))
    print(f"built {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
