"""The only place project paths are built; the database path can be overridden by UOF_DB."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
SCHEMA_PATH = DATA_DIR / "schema.yaml"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB_PATH = DATA_DIR / "policy.duckdb"


def db_path() -> Path:
    """The database the app reads: $UOF_DB if set (bring your own coded data), else data/policy.duckdb."""
    override = os.environ.get("UOF_DB")
    return Path(override).resolve() if override else DEFAULT_DB_PATH
