"""House rules that keep the two wings apart and the code honest; each fails on the first file that breaks it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from explorer import contract
from explorer.paths import ROOT
from explorer.serve.pages import PAGES as REGISTRY

PAGES = sorted((ROOT / "pages").glob("*.py"))
SERVE = sorted((ROOT / "explorer" / "serve").rglob("*.py"))  # the kit and views/
KIT = sorted((ROOT / "explorer" / "serve").glob("*.py"))  # shared by every page
VIEWS = sorted(p for p in (ROOT / "explorer" / "serve" / "views").glob("*.py") if p.name != "__init__.py")  # one page's each
MARKDOWN = ROOT / "explorer" / "serve" / "markdown.py"
BUILD = sorted((ROOT / "explorer" / "builder").glob("*.py"))
PRODUCT = sorted((ROOT / "explorer").rglob("*.py")) + PAGES + [ROOT / "app.py"]
SQL_WORDS = re.compile(r"\b(select|insert|update|delete|create|drop)\b\s+[\w*]+.*\b(from|into|table|set)\b", re.IGNORECASE)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_the_serving_side_and_the_pages_never_import_the_build_wing():
    for path in SERVE + PAGES + [ROOT / "explorer" / "contract.py", ROOT / "explorer" / "paths.py"]:
        bad = {m for m in imports(path) if m == "explorer.builder" or m.startswith("explorer.builder.")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_the_build_wing_never_imports_the_serving_side():
    for path in BUILD:
        bad = {m for m in imports(path) if m.startswith("explorer.serve")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_duckdb_is_imported_only_by_the_two_doors():
    # The serving side's one connection, the build's writer, and the build's reader of raw third-party files.
    allowed = {"explorer/serve/db.py", "explorer/builder/database.py", "explorer/builder/external.py"}
    for path in PRODUCT:
        if rel(path) not in allowed:
            assert "duckdb" not in imports(path), rel(path)


def test_pages_hold_no_sql_and_import_no_database():
    for path in PAGES + [ROOT / "app.py"]:
        assert not {m for m in imports(path) if m.startswith("duckdb")}, rel(path)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not SQL_WORDS.search(line), f"{path.name}:{n} looks like SQL"


def test_queries_holds_only_page_time_selects():
    for path in (ROOT / "queries").rglob("*.sql"):
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("--"))
        assert not re.search(r"\b(create|insert|drop|alter|copy|attach)\b", body, re.IGNORECASE), rel(path)


def test_the_stance_vocabulary_appears_only_in_the_codebook():
    """Stance names are read from data/schema.yaml; a stance list typed anywhere else would drift from it."""
    rare = [s for s in contract.stances() if "_" in s or s in {"discourages", "recommends"}]
    for path in PRODUCT:
        text = path.read_text(encoding="utf-8")
        for stance in rare:
            assert f'"{stance}"' not in text and f"'{stance}'" not in text, f"{rel(path)} types the stance {stance!r}"


def test_every_page_file_is_in_the_registry_and_goes_through_the_frame():
    assert sorted(p.file for p in REGISTRY) == sorted(rel(p) for p in PAGES)
    for path in PAGES:
        assert "require_navigation()" in path.read_text(encoding="utf-8"), path.name


def test_pages_stay_short():
    for path in PAGES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 90, f"{path.name} has {lines} lines: move shaping into explorer/serve"


def test_no_sql_is_built_by_formatting_values():
    """Values are bound; only the build formats identifiers from schema.yaml into DDL."""
    for path in SERVE:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"execute\(\s*f[\"']", text), path.name
        assert not re.search(r"execute\([^)]*%\s*\(", text), path.name
        assert ".format(" not in text or path.name not in {"db.py", "data.py"}, path.name


def test_unsafe_html_is_never_used():
    for path in PRODUCT:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), rel(path)


def test_every_multiselect_goes_through_the_one_helper():
    """explorer/serve/widgets.py sets substring matching and no "Select N matches"; nothing calls st.multiselect directly."""
    for path in PRODUCT:
        if path.name != "widgets.py":
            assert not re.search(r"\b(st|c\d|col|where)\.multiselect\(", path.read_text(encoding="utf-8")), rel(path)


def test_test_modules_have_unique_basenames():
    # tests/ has no __init__.py: pytest imports each test file by its basename, so two files of one name in
    # different folders stop the whole run at collection ("import file mismatch"), as CI once found.
    seen: dict[str, str] = {}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        assert path.name not in seen, f"{rel(path)} and {seen[path.name]} share a basename"
        seen[path.name] = rel(path)


ENVIRONMENT = {"UOF_DB", "UOF_DATA", "UOF_EXCEL_ROWS", "UOF_PREPARE_ROWS"}  # the README's operator settings


def test_product_code_has_no_test_or_bench_hooks():
    """Tests and the bench inject through fixtures and wrappers: product code reads no other environment variable and
    keeps no module-level log or registry for them (QUERY_LOG, _MEMOS, UOF_BUILD_TEST_PAUSE were such hooks)."""
    for path in PRODUCT:
        source = path.read_text(encoding="utf-8")
        read = set(re.findall(r"environ(?:\.get)?[\[(]\s*[\"']([A-Z_]+)", source)) - ENVIRONMENT
        assert not read, f"{rel(path)} reads the environment variable(s) {read}: inject through a fixture instead"
        hooks = re.findall(r"^(?:QUERY_LOG|_MEMOS|[A-Z_]*_TEST_[A-Z_]*|TEST_[A-Z_]+)\s*[:=]", source, re.MULTILINE)
        assert not hooks, f"{rel(path)} keeps a test or bench hook {hooks}"


def test_every_page_has_the_key_content_the_browser_test_looks_for():
    """A tripwire that used to fail only in CI's browser run: a new page needs its key sentence in KEY_CONTENT."""
    path = ROOT / "tests" / "browser" / "test_browser.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "KEY_CONTENT")
    keys = {k.value for k in found.keys}
    for spec in REGISTRY:
        name = spec.url_path or "overview"
        if spec.url_path != "sql":  # the SQL page has its own browser test
            assert name in keys, f"page {spec.file}: add {name!r}: '<a sentence it always shows>' to KEY_CONTENT in {rel(path)}"


def test_the_build_wing_has_a_name_no_tool_takes_for_output():
    """A folder named build/ is skipped by pytest and ignored by common templates as generated output."""
    assert BUILD, "explorer/builder/ holds the build wing"
    assert not (ROOT / "explorer" / "build").exists() and not (ROOT / "tests" / "build").exists()


def module_path(name: str) -> Path | None:
    """The file of an absolute module name inside the project, if there is one."""
    base = ROOT.joinpath(*name.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.exists()), None)


def project_imports(path: Path) -> set[Path]:
    return {p for m in imports(path) if m.startswith("explorer.") and (p := module_path(m)) and p.name != "__init__.py"}


def test_the_kit_never_imports_a_page_view():
    """The arrow points one way: pages -> views/ -> the kit. A kit module reaching into one page's view is that page's code."""
    for path in KIT:
        bad = {m for m in imports(path) if m.startswith("explorer.serve.views")}
        assert not bad, f"{rel(path)} imports {bad}: move what it needs into the kit, or the code into that page's view"


def test_the_kit_holds_no_page_keys():
    """A widget or session key named for a page ("compare__grid") belongs to that page or its module in views/."""
    names = "|".join(sorted({spec.url_path or "overview" for spec in REGISTRY}))
    page_key = re.compile(rf"^({names})__")
    for path in KIT:
        if path.name == "style.py":  # the stylesheet names the elements it styles by their keys
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        keys = [f"{n.lineno}: {n.value!r}" for n in ast.walk(tree) if isinstance(n, ast.Constant) and page_key.match(str(n.value))]
        assert not keys, f"{rel(path)} holds page keys {keys}: move them to pages/ or that page's module in explorer/serve/views/"


def test_every_view_is_used_by_a_page():
    """No orphan in views/: each module is imported by a page, or by a view a page imports."""
    reached: set[Path] = set()
    todo = [p for page in PAGES for p in project_imports(page)]
    while todo:
        if (path := todo.pop()) not in reached:
            reached.add(path)
            todo += project_imports(path)
    for path in VIEWS:
        assert path in reached, f"{rel(path)} is imported by no page: delete it, or call it from its page"


def test_markdown_is_built_in_one_pure_module():
    """Escaping, marks, links and source lines come from explorer/serve/markdown.py, which needs no Streamlit (and
    neither does anything it imports), so it is tested and reused without a running app."""
    seen, todo = set(), [MARKDOWN]
    while todo:
        if (path := todo.pop()) not in seen:
            seen.add(path)
            assert not {m for m in imports(path) if m.split(".")[0] in {"streamlit", "plotly"}}, (
                f"{rel(path)} (markdown.py or a module it reads) imports Streamlit or Plotly"
            )
            todo += project_imports(path)
    helpers = {"md", "mark", "highlight", "cut_off", "source_line", "source_date"}
    for path in PRODUCT:
        if path != MARKDOWN:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            own = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)} & helpers
            assert not own, f"{rel(path)} defines {own}: use explorer/serve/markdown.py"
            text = path.read_text(encoding="utf-8")
            assert "_MD_SPECIAL" not in text and not re.search(r"components\.(md|mark|link|highlight)\(", text), rel(path)


DATA_LAYER = ("data.py", "db.py", "exports.py", "release.py")  # what pages call for rows and files: no UI state
SESSION_WRITE = re.compile(r"session_state(?:\[[^\]]+\]\s*=(?!=)|\.(?:setdefault|update|pop|clear|__setitem__)\()")


def _session_writers(path: Path) -> set[str]:
    """The top-level functions of a module that write st.session_state, directly or through another of its functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    writers = {name for name, node in defs.items() if SESSION_WRITE.search(ast.unparse(node))}
    while True:
        more = {
            name
            for name, node in defs.items()
            if name not in writers and any(isinstance(c, ast.Name) and c.id in writers for c in ast.walk(node))
        }
        if not more:
            return writers
        writers |= more


def test_the_data_layer_writes_no_session_state():
    """Pages declare what they show (filters.uses); data.py, db.py, exports.py and release.py never write the session,
    neither directly nor by calling a function of another module that does (data.py once noted the filters it used)."""
    serve = ROOT / "explorer" / "serve"
    writers = {f"explorer.serve.{p.stem}.{name}" for p in SERVE for name in _session_writers(p)}
    assert "explorer.serve.filters.uses" in writers  # the check sees a writer where there is one
    for name in DATA_LAYER:
        path = serve / name
        assert not SESSION_WRITE.search(path.read_text(encoding="utf-8")), f"{rel(path)} writes st.session_state"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {
            f"explorer.serve.{n.value.id}.{n.attr}"
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
        }
        called = (imports(path) | used) & writers  # from filters import x, and filters.x
        assert not called, f"{rel(path)} imports {called}, which write st.session_state: the page should"
