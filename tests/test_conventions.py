"""House rules that keep the code honest: pages hold no SQL, duckdb has one door, every page is registered."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "pages").glob("*.py"))
SQL_WORDS = re.compile(r"\b(select|insert|update|delete|create|drop)\b\s+[\w*]+.*\b(from|into|table|set)\b", re.IGNORECASE)


def test_duckdb_is_imported_only_by_the_database_modules():
    allowed = {"explorer/db.py", "explorer/build.py"}
    for path in list((ROOT / "explorer").glob("*.py")) + PAGES + [ROOT / "app.py"]:
        rel = path.relative_to(ROOT).as_posix()
        if rel not in allowed:
            assert "import duckdb" not in path.read_text(encoding="utf-8"), rel


def test_pages_hold_no_sql():
    for path in PAGES + [ROOT / "app.py"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not SQL_WORDS.search(line), f"{path.name}:{n} looks like SQL"


def test_every_page_is_registered_in_app_py():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for path in PAGES:
        assert f'"pages/{path.name}"' in app, path.name


def test_every_page_goes_through_the_frame():
    for path in PAGES:
        assert "require_navigation()" in path.read_text(encoding="utf-8"), path.name


def test_no_sql_is_built_by_formatting_values():
    """Values are bound; only build.py formats identifiers from schema.yaml into DDL."""
    for path in (ROOT / "explorer").glob("*.py"):
        if path.name == "build.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"execute\(\s*f[\"']", text), path.name
        assert not re.search(r"execute\([^)]*%\s*\(", text), path.name
        assert ".format(" not in text or path.name not in {"db.py", "data.py"}, path.name


def test_unsafe_html_is_never_used():
    for path in list((ROOT / "explorer").glob("*.py")) + PAGES + [ROOT / "app.py"]:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path.name
