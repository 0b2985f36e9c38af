"""Shared fixtures: a real database built from the real sources, once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from explorer.paths import ROOT

APP = str(ROOT / "app.py")
_DB_DIR = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Build data/ into a session folder and point the app at it, so tests never touch data/policy.duckdb."""
    from explorer.build import build

    folder = Path(tempfile.mkdtemp(prefix="uof-test-db-"))
    config.stash[_DB_DIR] = folder
    out = folder / "policy.duckdb"
    build(ROOT / "data", out)
    os.environ["UOF_DB"] = str(out)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_DB_DIR, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def db_file() -> Path:
    return Path(os.environ["UOF_DB"])


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (CSVs, schema, source texts) to break one rule at a time."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("*.duckdb", "*.lock", "*.wal", ".*.tmp"))
    return target
