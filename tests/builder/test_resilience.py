"""Nothing is lost: interrupted and concurrent builds, a damaged or old database, and a read-only app.

The build's machinery runs on data/ less data/external (core_copy) and starts from a copy of a database built from
it once (core_db): the same code paths, without the imported datasets' build time in every test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from explorer import builder as build
from explorer.contract import SCHEMA_VERSION
from explorer.paths import ROOT
from explorer.serve import db


def edited_later(path: Path) -> None:
    """Date a source file after the database, as an edit made after the last build would be."""
    future = time.time() + 120
    os.utime(path, (future, future))


def _count(path: Path) -> int:
    con = db.open_database(path)
    try:
        return con.execute("select count(*) from quotes").fetchall()[0][0]
    finally:
        con.close()


def test_a_build_killed_before_the_rename_leaves_the_old_database_intact(core_copy: Path, core_db: Path):
    data_copy, out, folder = core_copy, core_db, core_db.parent
    before = out.read_bytes()
    # The build, paused by the test (not by a hook in the build) after the write and before the rename.
    paused = (
        "import os, sys, time; real = os.replace; "
        "os.replace = lambda *a, **k: (time.sleep(30), real(*a, **k)); "
        "from explorer.builder.__main__ import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.Popen([sys.executable, "-c", paused, "--data", str(data_copy), "--out", str(out)], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not list(folder.glob(".policy.duckdb.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the temporary file is being written or paused before the rename
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert out.read_bytes() == before, "the previous database must be byte-identical"
    assert _count(out) > 100, "and usable"
    build.build(data_copy, out)  # the next build cleans up what the killed one left
    assert not list(folder.glob(".policy.duckdb.*.tmp*"))


def test_two_builds_at_once_do_not_corrupt_the_database(core_copy: Path, tmp_path: Path):
    data_copy, out = core_copy, tmp_path / "policy.duckdb"
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: build.build(data_copy, out), range(4)))
    assert _count(out) > 100


def test_a_corrupt_embedded_database_is_rebuilt_from_the_sources(core_copy: Path, tmp_path: Path):
    data_copy, out = core_copy, tmp_path / "policy.duckdb"
    out.write_bytes(b"this is not a duckdb file" * 100)
    os.utime(out, (time.time() + 60, time.time() + 60))  # newer than the sources, so only the damage triggers it
    assert build.ensure_current(data_copy, out).rebuilt
    con = db.open_database(out)
    try:
        assert con.execute("select count(*) from quotes").fetchall()[0][0] > 100
    finally:
        con.close()


def test_an_old_schema_is_rebuilt(core_copy: Path, core_db: Path):
    data_copy, out = core_copy, core_db
    con = duckdb.connect(str(out))
    con.execute("update build_info set schema_version = 0")
    con.close()
    os.utime(out, (time.time() + 60, time.time() + 60))
    assert build.ensure_current(data_copy, out).rebuilt
    con = db.open_database(out)
    try:
        assert con.execute("select schema_version from build_info").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        con.close()


def test_a_missing_database_is_built(core_copy: Path, tmp_path: Path):
    data_copy, out = core_copy, tmp_path / "sub" / "policy.duckdb"
    with pytest.raises(db.DatabaseUnavailableError, match="make data"):
        db.open_database(out)  # the serving side only reads: it says what to run
    assert build.ensure_current(data_copy, out).rebuilt
    con = db.open_database(out)
    con.close()
    assert out.exists()


def test_a_stale_database_is_rebuilt(core_copy: Path, core_db: Path):
    data_copy, out = core_copy, core_db
    assert not build.is_stale(data_copy, out)
    edited_later(data_copy / "quotes.csv")
    assert build.is_stale(data_copy, out)


def test_editing_the_release_rebuilds_and_the_database_cites_the_new_release(core_copy: Path, core_db: Path):
    data_copy, out = core_copy, core_db
    assert not build.ensure_current(data_copy, out).rebuilt
    (data_copy / "RELEASE").write_text("version: 2099.1.0\ndate: 2099-01-02\n", encoding="utf-8")
    edited_later(data_copy / "RELEASE")
    assert data_copy / "RELEASE" in build.build_inputs(data_copy)
    assert build.is_stale(data_copy, out)
    assert build.ensure_current(data_copy, out).rebuilt
    con = db.open_database(out)
    try:
        assert con.execute("select data_release, release_date from build_info").fetchall() == [("2099.1.0", "2099-01-02")]
    finally:
        con.close()


def test_broken_sources_keep_the_last_good_database_and_name_the_problem(core_copy: Path, core_db: Path):
    data_copy, out = core_copy, core_db
    before = out.read_bytes()
    path = data_copy / "organizations.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken-org,Broken,unknown,no_such_kind\n", encoding="utf-8")
    edited_later(path)
    status = build.ensure_current(data_copy, out)
    assert not status.rebuilt and status.problems
    assert any(p.startswith("data/organizations.csv:") for p in status.problems), status.problems
    assert out.read_bytes() == before


def test_someone_elses_damaged_database_gets_a_plain_message(tmp_path: Path):
    bad = tmp_path / "theirs.duckdb"
    bad.write_bytes(b"garbage" * 1000)
    with pytest.raises(db.DatabaseUnavailableError, match="cannot be used"):
        db.open_database(bad)
    with pytest.raises(db.DatabaseUnavailableError, match="does not exist"):
        db.open_database(tmp_path / "nope.duckdb")


@pytest.mark.parametrize(
    "statement",
    [
        "create table x (a int)",
        "insert into quotes (quote_id) values ('x')",
        "delete from quotes",
        "select * from read_csv('/etc/passwd')",
        "copy quotes to '/tmp/leak.csv'",
        "attach '/tmp/other.duckdb' as other",
        "set enable_external_access = true",
    ],
)
def test_the_apps_connection_refuses_writes_and_file_access(db_file: Path, statement: str):
    con = db.open_database(db_file)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(statement).fetchall()
    finally:
        con.close()
