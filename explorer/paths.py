"""The only place project paths are built; UOF_DB names another database, UOF_DATA another source folder."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SCHEMA_PATH = DATA_DIR / "schema.yaml"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB_PATH = DATA_DIR / "policy.duckdb"


def db_path() -> Path:
    """The database the app reads: $UOF_DB if set (bring your own coded data), else data/policy.duckdb."""
    override = os.environ.get("UOF_DB")
    return Path(override).resolve() if override else DEFAULT_DB_PATH


def build_dir() -> Path | None:
    """The source folder the app keeps its database current from: $UOF_DATA, or data/ for the embedded database.

    None when UOF_DB names somebody else's database without UOF_DATA: that file is only read, never rebuilt.
    """
    if override := os.environ.get("UOF_DATA"):
        return Path(override).resolve()
    return DATA_DIR if db_path() == DEFAULT_DB_PATH else None
