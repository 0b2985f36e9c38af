"""Shared fixtures: a real database built from the real sources, once per test session and only when a test needs it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from explorer.paths import ROOT

APP = str(ROOT / "app.py")
_DB_DIR = pytest.StashKey[Path]()
# Test files that never read the database: running only these builds nothing.
NO_DATABASE = {"test_conventions.py", "test_filters.py", "test_validation_rules.py"}

# Generated inputs: the full run (`make test`, plain pytest) tries many; `make test-fast` passes --hypothesis-profile=fast.
_SLOW_OK = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("full", max_examples=1200, **_SLOW_OK)
settings.register_profile("fast", max_examples=60, **_SLOW_OK)


def pytest_configure(config: pytest.Config) -> None:
    # In a hook, not at import: test modules import this file again (as tests.conftest), which must not undo the option.
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile("full")


def _database(config: pytest.Config) -> Path:
    """Build data/ once into a session folder and point the app at it (UOF_DB), so tests never touch data/policy.duckdb."""
    if (folder := config.stash.get(_DB_DIR, None)) is None:
        from explorer.builder import build

        folder = Path(tempfile.mkdtemp(prefix="uof-test-db-"))
        config.stash[_DB_DIR] = folder
        build(ROOT / "data", folder / "policy.duckdb")
        os.environ["UOF_DB"] = str(folder / "policy.duckdb")
    return folder / "policy.duckdb"


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> None:
    """Before a test module that may read the database is imported (some read it at import), make sure it is built."""
    if module_path.name not in NO_DATABASE:
        _database(parent.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_DB_DIR, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def db_file(pytestconfig: pytest.Config) -> Path:
    return _database(pytestconfig)


_NOT_SOURCES = ("*.duckdb", "*.lock", "*.wal", ".*.tmp")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (CSVs, schema, source texts) to break one rule at a time."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns(*_NOT_SOURCES))
    return target


@pytest.fixture(scope="session")
def _core_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ without its imported datasets (data/external: 4/5 of a build's time), copied once."""
    folder = tmp_path_factory.mktemp("core") / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns(*_NOT_SOURCES, "external"))
    return folder


@pytest.fixture(scope="session")
def _core_db(_core_data: Path) -> Path:
    """A database built from _core_data once per session."""
    from explorer.builder import build

    out = _core_data.parent / "policy.duckdb"
    build(_core_data, out)
    return out


@pytest.fixture
def core_copy(_core_data: Path, tmp_path: Path) -> Path:
    """A writable copy of data/ less data/external: for tests of the build's machinery and of rules on the hand-edited
    files, which the imported datasets only slow down (the full data's build is the session database every test reads)."""
    target = tmp_path / "data"
    shutil.copytree(_core_data, target)
    return target


@pytest.fixture
def core_db(_core_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the database built from core_copy's sources: the last good database, without a build per test."""
    target = tmp_path / "out" / "policy.duckdb"
    target.parent.mkdir()
    shutil.copy(_core_db, target)  # copy, not copy2: newer than the sources, as a build's output is
    return target
