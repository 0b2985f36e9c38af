"""`make bench`: every speed and memory figure in ONE run, as ratios against baselines measured in the same run.

Prints a table and one summary line per figure, writes benchmarks/results.json and benchmarks/RESULTS.md.
Sections: every page and interaction (AppTest) on the embedded and the large data, as a first visit with empty
caches and as a warm rerun, with each query's raw DuckDB time against a full-scan GROUP BY over the largest table
it reads; 1M-row downloads against DuckDB's own COPY; cold start in headless Chromium against a one-line app;
1, 5 and 20 concurrent sessions through Streamlit's websocket protocol, and 1 against 2 replicas behind HAProxy,
on 127.0.0.1; peak server RSS after visiting every page.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_RUNNER_POST_SCRIPT_GC", "false")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from explorer.serve import charts, data, db, exports  # noqa: E402
from explorer.serve.filters import Filters  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import ws_load  # noqa: E402

from explorer import cluster  # noqa: E402

APP = str(ROOT / "app.py")
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"
EMBEDDED = ROOT / "data" / "policy.duckdb"
LARGE = ROOT / "benchmarks" / "data" / "large" / "policy.duckdb"
REPS = 7  # medians of this many reruns: enough to steady a 2-core box, short enough for < 10 minutes
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

figures: list[dict] = []
rows: list[list[str]] = []


def figure(name: str, value: float, target: float | None, unit: str, ok: bool | None = None, note: str = "") -> None:
    ok = (value <= target) if ok is None and target is not None else ok
    figures.append({"name": name, "value": round(value, 4), "target": target, "unit": unit, "ok": ok})
    mark = "" if ok is None else (" OK" if ok else " MISSED")
    print(
        f"{name}: {value:.3f} {unit}" + (f" (target <= {target})" if target is not None else "") + mark + (f" - {note}" if note else ""),
        flush=True,
    )


def median_time(fn: Callable[[], object], reps: int = REPS) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# --- 1. page reruns -----------------------------------------------------------------------------------


def use_database(path: Path) -> None:
    os.environ["UOF_DB"] = str(path)
    st.cache_data.clear()
    st.cache_resource.clear()


def apptest(page: str | None) -> AppTest:
    at = AppTest.from_file(APP if page else str(EMPTY_APP), default_timeout=600)
    if page:
        at.switch_page(page)
    at.run()
    return at


def raw_times(log: list[tuple[str, dict | None]]) -> list[tuple[str, dict | None, float]]:
    """Each logged query run raw (no cache), median of 3."""
    return [(name, params, median_time(lambda n=name, p=params: db.query(n, p), 3)) for name, params in log]


_ROWS: dict[str, int] = {}
_FLOORS: dict[str, float] = {}


def table_rows() -> dict[str, int]:
    """Row counts of the database's tables (base and derived), read once per database."""
    if not _ROWS:
        cur = db.connection().cursor()
        names = [r[0] for r in cur.execute("select table_name from duckdb_tables()").fetchall()]
        _ROWS.update({t: cur.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in names})
        cur.close()
    return _ROWS


def floor_of(name: str) -> tuple[str, float]:
    """The largest table a query reads and DuckDB's full-scan GROUP BY over it (median of 5), on the app's connection."""
    sql = db.sql_text(name)
    read = {t for t in table_rows() if re.search(rf"\b{t}\b", sql)}
    read |= {"endorsement_matrix"} if "endorsements_under(" in sql else set()
    table = max(read, key=lambda t: table_rows()[t]) if read else "build_info"
    if table not in _FLOORS:
        cur = db.connection().cursor()
        first = cur.execute(f'select * from "{table}" limit 0').description[0][0]
        _FLOORS[table] = median_time(lambda: cur.execute(f'select "{first}", count(*) from "{table}" group by all').fetchall(), 5)
        cur.close()
    return table, _FLOORS[table]


def _kinds() -> list[list[str]]:
    kinds = list(data.filter_options().kinds)
    return [[kinds[0]], [kinds[1]]]


def _set_kind(at: AppTest, i: int) -> None:
    at.multiselect(key="f_kind").set_value(_kinds()[i % 2])


def _search(at: AppTest, i: int) -> None:
    at.text_input(key="quotes__q").set_value(["warning shots", "policy force"][i % 2])


# The Wording page on the scale data's generated texts: a phrase searched, a stored sentence and a typed passage
# followed by their 4-word shingles, and a short phrase followed word for word (a scan of every passage), two in turn.
PHRASES = ["moving vehicle", "deadly force"]
FULL_TEXT_PHRASES = ["committed to de-escalating incidents", "response to resistance"]  # found in departments' full texts
PASSAGES = [
    "The officer shall use de-escalation and time distance cover when the situation and the threat allow it",
    "Agencies must value and preserve life and review every use of deadly force by the officers in public",
]


def _wording(at: AppTest, i: int, view: str, key: str, values: list[str]) -> None:
    if at.radio(key="wording__view").value != view:  # once, in the untimed warm-up run: the view's widgets appear
        at.radio(key="wording__view").set_value(view).run()
    (at.text_input if view == "search" else at.text_area)(key=key).set_value(values[i % 2])


def _sentence(at: AppTest, i: int) -> None:
    """Lineage of a stored sentence (the first two of the first source, in turn): it always finds at least itself."""
    if at.radio(key="wording__view").value != "lineage":
        at.radio(key="wording__view").set_value("lineage").run()
    at.text_area(key="wording__phrase").set_value("")
    box = at.selectbox(key="wording__n")  # options are the labels "<seq>. <sentence>"; the value is the seq
    box.set_value(box.options[i % 2].split(".")[0])


def _steps(name: str, at: AppTest) -> list[tuple[str, Callable[[int], None]]]:
    steps: list[tuple[str, Callable[[int], None]]] = [("default", lambda i: at.run())]
    steps.append(("filter change", lambda i: (_set_kind(at, i), at.run())))
    if name == "quotes":
        steps.append(("search", lambda i: (_search(at, i), at.run())))
    if name == "wording":
        steps.append(("search", lambda i: (_wording(at, i, "search", "wording__q", PHRASES), at.run())))
        steps.append(("full-text search", lambda i: (_wording(at, i, "search", "wording__q", FULL_TEXT_PHRASES), at.run())))
        steps.append(("lineage, a stored sentence", lambda i: (_sentence(at, i), at.run())))
        steps.append(("lineage, typed words", lambda i: (_wording(at, i, "lineage", "wording__phrase", PASSAGES), at.run())))
        steps.append(("lineage, short phrase", lambda i: (_wording(at, i, "lineage", "wording__phrase", PHRASES), at.run())))
    return steps


PAGES = ["overview", "endorsements", "compare", "agencies", "quotes", "sources", "data", "wording", "department"]


def empty_caches() -> None:
    """What a reader's first visit of a filter combination meets: no cached query result and no cached figure."""
    st.cache_data.clear()
    for built in vars(charts).values():  # charts.memo's shared figures: cache_resource functions
        if hasattr(built, "__wrapped__") and callable(getattr(built, "clear", None)):
            built.clear()


@contextlib.contextmanager
def logged_queries(log: list) -> Iterator[None]:
    """Which queries a step runs, with their bound parameters: db.query wrapped for the step (not a hook in the app)."""
    real = db.query

    def logging_query(name, params=None):  # noqa: ANN001, ANN202
        log.append((name, db.bind(name, params)))
        return real(name, params)

    db.query = logging_query
    try:
        yield
    finally:
        db.query = real


RAW: dict[tuple[str, str, str], dict[str, float]] = {}  # (data, page, step) -> each query's raw ms


def wording_growth() -> None:
    """As the stored text grows (embedded -> large), does a search's or a lineage's raw query cost grow with it?"""
    use_database(EMBEDDED)
    _ROWS.clear()
    small = table_rows()["passages"], table_rows()["passage_grams"]
    _ROWS.clear()
    use_database(LARGE)
    large = table_rows()["passages"], table_rows()["passage_grams"]
    note = f"stored passages grew {large[0] / small[0]:.0f}x ({small[0]:,} -> {large[0]:,}), shingles {large[1] / small[1]:.0f}x"
    for (label, name, step), queries in RAW.items():
        if label == "large" and name == "wording" and step not in ("default", "filter change"):
            for query in ("text_search", "lineage_spread", "lineage"):
                if query in queries and query in RAW.get(("embedded", name, step), {}):
                    ratio = queries[query] / RAW[("embedded", name, step)][query]
                    figure(f"wording {step}: raw {query}, large / embedded", ratio, None, "x", note=note)


def page_figures(label: str, path: Path) -> dict[tuple[str, str], float]:
    use_database(path)
    _ROWS.clear()
    _FLOORS.clear()
    empty = apptest(None)
    floor = median_time(empty.run)
    rows.append([label, "empty page (floor)", "-", f"{floor * 1000:.1f}", "-", "-", "-"])
    out: dict[tuple[str, str], float] = {}
    for name in PAGES:
        at = apptest(f"pages/{name}.py")
        for step, act in _steps(name, at):
            counter = iter(range(10_000))
            act(next(counter))  # warm: imports, connection, first cache fill
            warm = median_time(lambda act=act, counter=counter: act(next(counter)))
            firsts, log = [], []
            for _ in range(REPS):
                empty_caches()
                log = []
                with logged_queries(log):
                    t = time.perf_counter()
                    act(next(counter))
                    firsts.append(time.perf_counter() - t)
            first = statistics.median(firsts)
            raws = raw_times(log)
            RAW[(label, name, step)] = {query: raw for query, _params, raw in raws}
            out[(name, step)] = warm
            ratios = []
            for query, _params, raw in raws:
                table, table_floor = floor_of(query)
                ratios.append((raw / table_floor, query))
                if label == "large":
                    figure(f"large {name} {step}: query {query}, raw / full-scan floor of {table}", raw / table_floor, 10.0, "x")
            worst = max(ratios, default=None)
            rows.append(
                [
                    label,
                    name,
                    step,
                    f"{first * 1000:.1f}",
                    f"{warm * 1000:.1f}",
                    f"{sum(r for *_, r in raws) * 1000:.1f} in {len(raws)}",
                    f"{worst[0]:.1f}x ({worst[1]})" if worst else "-",
                ]
            )
            figure(f"{label} {name} {step}: first visit (empty caches), server", first * 1000, 300.0, "ms")
            figure(f"{label} {name} {step}: warm rerun, server", warm * 1000, 300.0, "ms")
    return out


# --- downloads -----------------------------------------------------------------------------------------

DOWNLOADS = {  # the largest tables a reader can download, and the paged data function that serves them
    "positions": ("table_positions", lambda: data.table_positions(Filters()).download()),
    "endorsements": ("endorsements_filtered", lambda: data.endorsements(Filters()).download()),
}
COPY_FLOOR = """
import sys, time, duckdb
sys.path.insert(0, {root!r})
from explorer.serve import db
con = duckdb.connect({path!r}, read_only=True, config={{"threads": 2}})
con.execute("set enable_progress_bar = false")
sql, params = db.sql_text({name!r}), {params!r}
best = min(
    (lambda t: (con.execute("copy (" + sql + ") to '{out}' (format {fmt})", params), time.perf_counter() - t)[1])(time.perf_counter())
    for _ in range(2)
)
print(best)
"""


def download_figures() -> None:
    """1M-row downloads through the app's own path (DuckDB -> Arrow batches -> Arrow's writer) against DuckDB's COPY."""
    print("\n== downloads of the large data, against DuckDB's own COPY ... TO of the same query", flush=True)
    use_database(LARGE)
    out = Path(tempfile.mkdtemp())
    for table, (query, fetch) in DOWNLOADS.items():
        params = db.bind(query, {**Filters().sql_params(), "row_limit": data.ALL_ROWS, "row_offset": 0})
        for fmt in ("csv", "parquet"):
            sizes = []

            def made(fetch: Callable[[], exports.Rows] = fetch, fmt: str = fmt, sizes: list = sizes) -> None:
                f = exports.to_file(fetch(), fmt)
                sizes.append(f.seek(0, 2))
                f.close()

            app = min(median_time(made, 1) for _ in range(2))
            script = COPY_FLOOR.format(root=str(ROOT), path=str(LARGE), name=query, params=params, out=out / f"floor.{fmt}", fmt=fmt)
            floor = float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
            n = table_rows().get("position_matrix" if table == "positions" else "endorsement_matrix", 0)
            rows.append(
                [
                    "large",
                    f"download {table}",
                    fmt,
                    f"{app * 1000:.0f}",
                    f"COPY {floor * 1000:.0f}",
                    f"{sizes[-1] / 1e6:.0f} MB",
                    f"{n:,} rows",
                ]
            )
            figure(f"download {table} {fmt} ({n:,} rows): app / DuckDB COPY", app / floor, 1.5, "x")
    shutil.rmtree(out, ignore_errors=True)


# --- exports: 1M rows in each format, against the fastest writer of that format ---------------------------

EXPORT_FORMATS = ("csv", "parquet", "json", "xlsx")
EXPORT_APP = """
import resource, sys, time
sys.path.insert(0, {root!r})
import os; os.environ["UOF_DB"] = {path!r}
from explorer.serve import data, db, exports
from explorer.serve.filters import Filters
db.connection().cursor().execute("select count(*) from position_matrix").fetchall()  # opened, as in a running server
t = time.perf_counter()
f = exports.to_file(data.table_positions(Filters()).download(), {fmt!r})
took = time.perf_counter() - t
print(took, f.seek(0, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
# The fastest writer of each format that can be installed here: DuckDB's own COPY for CSV, Parquet and JSON; for
# Excel the better of XlsxWriter (constant-memory) and openpyxl (write-only), each fed the same rows as plain lists.
EXPORT_FLOOR = """
import resource, sys, tempfile, time, duckdb
sys.path.insert(0, {root!r})
from explorer.serve import db
con = duckdb.connect({path!r}, read_only=True, config={{"threads": 2}})
con.execute("set enable_progress_bar = false")  # no memory bound: at the app's 128 MB, COPY of this sort runs out of memory
sql, params = db.sql_text("table_positions"), {params!r}
writer = {writer!r}
t = time.perf_counter()
if writer in ("csv", "parquet", "json"):
    options = "format json, array true" if writer == "json" else f"format {{writer}}"
    con.execute("copy (" + sql + ") to '{out}' (" + options + ")", params)
else:
    reader = con.execute(sql, params).to_arrow_reader(65536)
    with tempfile.TemporaryFile() as out:
        if writer == "xlsxwriter":
            import xlsxwriter
            book = xlsxwriter.Workbook(out, {{"constant_memory": True}})
            sheet, r = book.add_worksheet("data"), 0
            sheet.write_row(0, 0, reader.schema.names)
            for b in reader:
                for row in zip(*(c.to_pylist() for c in b.columns)):
                    r += 1
                    sheet.write_row(r, 0, row)
            book.close()
        else:
            import openpyxl
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("data")
            sheet.append(reader.schema.names)
            for b in reader:
                for row in zip(*(c.to_pylist() for c in b.columns)):
                    sheet.append(row)
            book.save(out)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _run(script: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return [float(x) for x in out.split()]


def export_figures(formats: tuple[str, ...] = EXPORT_FORMATS) -> None:
    """Each format of the 1M-row positions table through the app's writer, against the fastest writer of that format.

    One run each, in fresh subprocesses (an Excel file of 1M rows takes over a minute: medians would take ten)."""
    print("\n== exports of 1M rows (positions, large data): the app's writer against the fastest one of each format", flush=True)
    use_database(LARGE)
    out = Path(tempfile.mkdtemp())
    params = db.bind("table_positions", {**Filters().sql_params(), "row_limit": data.ALL_ROWS, "row_offset": 0})
    n = table_rows().get("position_matrix", 0)
    for fmt in formats:
        app, size, app_mb = _run(EXPORT_APP.format(root=str(ROOT), path=str(LARGE), fmt=fmt))
        writers = ("xlsxwriter", "openpyxl") if fmt == "xlsx" else (fmt,)
        floors = {}
        for w in writers:
            floors[w] = _run(EXPORT_FLOOR.format(root=str(ROOT), path=str(LARGE), params=params, writer=w, out=out / f"floor.{fmt}"))
        best = min(floors, key=lambda w: floors[w][0])
        floor = floors[best][0]
        others = "; ".join(f"{w} {t:.1f} s, {mb:.0f} MB" for w, (t, mb) in floors.items())
        rows.append(
            [
                "large",
                f"export positions {fmt}",
                f"{n:,} rows",
                f"{app:.1f} s",
                f"fastest: {others}",
                f"{size / 1e6:.0f} MB",
                f"{app_mb:.0f} MB peak",
            ]
        )
        print(" | ".join(rows[-1]), flush=True)
        figure(
            f"export {fmt} ({n:,} rows): app / fastest writer ({best})",
            app / floor,
            2.0,
            "x",
            note=f"app {app:.1f} s, {best} {floor:.1f} s",
        )
        figure(f"export {fmt} ({n:,} rows): app, rows per second", n / app, None, "rows/s")
        figure(f"export {fmt} ({n:,} rows): app, peak memory of the writing process", app_mb, None, "MB")
    shutil.rmtree(out, ignore_errors=True)


# --- 2-4. a real server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app: str, database: Path, agent: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            app,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ]
        if agent:
            args += ["--server.enableAgentApi", "true"]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env={**os.environ, "UOF_DB": str(database)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.05)

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def cold_start(app: str, database: Path, ready_selector: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        server = Server(app, database)
        try:
            page.goto(server.url)
            page.wait_for_selector(ready_selector, timeout=120_000)
            return time.perf_counter() - server.started
        finally:
            server.stop()
            browser.close()


def agent(url: str, body: dict) -> dict:
    req = urllib.request.Request(
        url + "/_stcore/agent/interact", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def concurrency() -> None:
    print("\n== 3. concurrency (Streamlit's websocket protocol on 127.0.0.1, Endorsements, kind filter changes)", flush=True)
    server = Server(APP, EMBEDDED)
    try:
        ws_load.load(server.url, 2, 2)  # warm the server
        one, err1, wall1 = ws_load.load(server.url, 1, 20)
        five, err5, _ = ws_load.load(server.url, 5, 10)
        twenty, err20, wall20 = ws_load.load(server.url, 20, 10)
    finally:
        server.stop()
    single_rate = len(one) / sum(one)  # one reader's reruns back to back: the server's own rate for one session
    rate20 = len(twenty) / wall20
    med = statistics.median(one)
    rows.append(["embedded", "concurrency", "1 session", f"p50 {med * 1000:.0f}", f"{single_rate:.1f}/s", f"errors {err1}", "-"])
    rows.append(["embedded", "concurrency", "5 sessions", f"p95 {pct(five, 0.95) * 1000:.0f}", "-", f"errors {err5}", "-"])
    rows.append(
        [
            "embedded",
            "concurrency",
            "20 sessions",
            f"p50 {statistics.median(twenty) * 1000:.0f} p95 {pct(twenty, 0.95) * 1000:.0f}",
            f"{rate20:.1f}/s",
            f"errors {err20}",
            "-",
        ]
    )
    figure("20 sessions: reruns per second / single session", rate20 / single_rate, None, "x", ok=rate20 >= single_rate)
    figure("1, 5 and 20 sessions: errors", err20 + err5 + err1, 0, "count")
    figure("5 sessions: p95 filter change / single-session median", pct(five, 0.95) / med, 5.0, "x")


def replicas() -> None:
    print("\n== 4. saturated throughput behind HAProxy: 1 replica against 2 (websocket, 20 sessions)", flush=True)
    rates, errors = {}, 0
    for n in (1, 2):
        running = cluster.start(n, free_port(), EMBEDDED)
        try:
            ws_load.load(running.url, 2 * n, 2)  # warm every replica
            seen = set(ws_load.replicas_seen(running.url, 2 * n))
            lat, err, wall = ws_load.load(running.url, 20, 10)
        finally:
            running.stop()
        rates[n], errors = len(lat) / wall, errors + err
        rows.append(
            [
                "embedded",
                "HAProxy",
                f"{n} replica(s), 20 sessions",
                f"p50 {statistics.median(lat) * 1000:.0f}",
                f"{rates[n]:.1f}/s",
                f"errors {err}",
                f"served by {', '.join(sorted(seen))}",
            ]
        )
    figure(
        "2 replicas / 1 replica behind HAProxy: saturated reruns per second", rates[2] / rates[1], None, "x", ok=rates[2] / rates[1] >= 1.6
    )
    figure("HAProxy runs: errors", errors, 0, "count")


def peak_rss() -> None:
    print("\n== 4. peak server RSS after visiting every page", flush=True)
    peaks = {}
    for label, database in (("embedded", EMBEDDED), ("large", LARGE)):
        server = Server(APP, database, agent=True)
        try:
            sid = agent(server.url, {})["session_id"]
            for page in ["", "endorsements", "compare", "agencies", "quotes", "sources", "data"]:
                agent(server.url, {"session_id": sid, "page": page})
                agent(server.url, {"session_id": sid, "widget_state": {"f_kind": ["labor"]}})
            peaks[label] = server.peak_rss_mb()
        finally:
            server.stop()
        rows.append([label, "peak RSS", "every page visited", f"{peaks[label]:.0f} MB", "-", "-", "-"])
    figure("peak RSS large / embedded", peaks["large"] / peaks["embedded"], 1.5, "x")
    figure("peak RSS on the large data", peaks["large"], 400.0, "MB")


def upload_figures() -> None:
    """Reading a reader's 50-page policy PDF (the child process, its limits, and every rule's passages) against the
    extractor alone (pypdf's text of every page, in this process); and the Compare page's rerun meanwhile."""
    import io

    from pypdf import PdfReader

    sys.path.insert(0, str(ROOT))
    from explorer.serve import policy_reading, policy_upload
    from tests.policy_files import long_pdf

    raw = long_pdf(50)
    pages = len(PdfReader(io.BytesIO(raw)).pages)

    def extractor_alone() -> None:
        [p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages]

    def reading() -> None:  # as the page reads an upload: the rules run on each page as the child sends it
        extracted, read = policy_reading.read_file("policy.pdf", raw)
        assert extracted.ok and read is not None, extracted.message

    def extraction_only() -> None:  # the child's part alone (no rules): what streaming the pages leaves to overlap
        assert policy_upload.read_policy("policy.pdf", raw).ok

    reading()  # the fork servers start with the app process's first upload, not with each one
    # Interleaved, so the three meet the same load on a shared machine (medians of REPS each)
    times: dict[Callable[[], None], list[float]] = {extractor_alone: [], reading: [], extraction_only: []}
    for _ in range(REPS):
        for fn, got in times.items():
            got.append(median_time(fn, reps=1))
    alone, whole, child = (statistics.median(got) for got in times.values())
    rows.append(
        ["embedded", "upload", f"read a {pages}-page policy PDF", f"{whole * 1000:.0f}", "-", f"{alone * 1000:.0f}", f"{whole / alone:.2f}"]
    )
    figure(f"upload: reading a {pages}-page policy (extraction in its child process + every rule)", whole, 5.0, "s")
    figure("upload: reading / the extractor alone (pypdf in process)", whole / alone, 1.5, "x")
    figure("upload: the child's extraction alone, no rules / the extractor alone (pypdf in process)", child / alone, None, "x")

    # Another reader meanwhile: Overview's rerun in this process alone, and while readings of the 50-page file run
    # back to back in two threads (the most an app process runs at once: policy_upload.READERS_AT_ONCE).
    use_database(EMBEDDED)
    at = apptest("pages/overview.py")
    quiet = median_time(lambda: at.run())
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            reading()

    readers = [threading.Thread(target=keep_reading, daemon=True) for _ in range(policy_upload.READERS_AT_ONCE)]
    for t in readers:
        t.start()
    busy = median_time(lambda: at.run())
    stop.set()
    for t in readers:
        t.join()
    rows.append(
        [
            "embedded",
            "upload",
            "Overview rerun while 2 policies are read",
            f"{busy * 1000:.0f}",
            "-",
            f"{quiet * 1000:.0f}",
            f"{busy / quiet:.2f}",
        ]
    )
    figure("upload: another reader's Overview rerun during 2 readings / alone", busy / quiet, 2.0, "x")


def large_is_outdated() -> bool:
    """True when the scale database was built by an older schema (the app would refuse it) or older build code."""
    import duckdb

    from explorer.builder.database import BUILD_CODE
    from explorer.contract import SCHEMA_VERSION

    if any(p.stat().st_mtime > LARGE.stat().st_mtime for p in [*BUILD_CODE, ROOT / "benchmarks" / "make_scale_data.py"]):
        return True
    con = duckdb.connect(str(LARGE), read_only=True)
    try:
        return con.execute("select max(schema_version) from build_info").fetchall()[0][0] != SCHEMA_VERSION
    except duckdb.Error:
        return True
    finally:
        con.close()


def main() -> int:
    only = set(sys.argv[1:])  # e.g. `python benchmarks/run.py rss` runs one section (results are not written)
    started = time.perf_counter()
    if only == {"upload"}:  # needs neither database: `python benchmarks/run.py upload`
        upload_figures()
        return 0
    if not LARGE.exists() or large_is_outdated():
        print("building the large scale dataset first (benchmarks/make_scale_data.py, about 10 minutes)", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_scale_data.py"), "--size", "large"], check=True)
    subprocess.run([sys.executable, "-m", "explorer.builder", "--if-stale"], cwd=ROOT, check=True)

    if only and "rss" in only:
        peak_rss()
        return 0
    if only and "concurrency" in only:
        concurrency()
        replicas()
        return 0
    if only and only <= set(PAGES):  # e.g. `python benchmarks/run.py wording`: those pages' reruns only
        PAGES[:] = [p for p in PAGES if p in only]
        page_figures("embedded", EMBEDDED)
        page_figures("large", LARGE)
        wording_growth()
        return 0
    if only and "downloads" in only:
        download_figures()
        return 0
    if only and "exports" in only:  # `python benchmarks/run.py exports [csv parquet json xlsx]`: the 1M-row figures
        export_figures(tuple(f for f in EXPORT_FORMATS if f in only) or EXPORT_FORMATS)
        return 0
    print("\n== 1. page reruns (AppTest, server side): first visits with empty caches, and warm", flush=True)
    small = page_figures("embedded", EMBEDDED)
    large = page_figures("large", LARGE)
    for key, value in small.items():
        figure(f"{key[0]} {key[1]}: warm rerun large / embedded", large[key] / value, 1.5, "x")
    wording_growth()
    download_figures()
    upload_figures()
    export_figures()

    print("\n== 2. cold start to the first chart in headless Chromium", flush=True)
    EMPTY_APP.parent.mkdir(exist_ok=True)
    one_line = Path(tempfile.mkdtemp()) / "one_line.py"
    one_line.write_text('import streamlit as st\nst.write("hello")\n')
    one_chart = one_line.parent / "one_chart.py"  # the least any page whose first chart is Plotly can cost
    one_chart.write_text(
        "import plotly.graph_objects as go\nimport streamlit as st\nst.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))\n"
    )
    app_cold = statistics.median(cold_start(APP, EMBEDDED, ".js-plotly-plot") for _ in range(3))
    base_cold = statistics.median(cold_start(str(one_line), EMBEDDED, "text=hello") for _ in range(3))
    chart_cold = statistics.median(cold_start(str(one_chart), EMBEDDED, ".js-plotly-plot") for _ in range(3))
    for what, value, floor in (
        ("app / one-line app", app_cold, base_cold),
        ("one-chart Plotly app / one-line app", chart_cold, base_cold),
        ("app / one-chart Plotly app", app_cold, chart_cold),
    ):
        rows.append(["embedded", "cold start", what, f"{value * 1000:.0f}", f"{floor * 1000:.0f}", f"{value / floor:.2f}", "-"])
    figure("cold start: a one-chart Plotly app / one-line app (Streamlit's Plotly bundle, no target)", chart_cold / base_cold, None, "x")
    figure("cold start to first chart / a one-chart Plotly app", app_cold / chart_cold, None, "x")
    figure("cold start to first chart / one-line app", app_cold / base_cold, 1.5, "x")

    concurrency()
    replicas()
    peak_rss()

    elapsed = time.perf_counter() - started
    write_results(elapsed)
    missed = [f["name"] for f in figures if f["ok"] is False]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} targets hold; {len(missed)} missed; {elapsed:.0f} s in all")
    return 0


def write_results(elapsed: float) -> None:
    """benchmarks/RESULTS.md and results.json, each figure beside the one the previous run wrote (read back from the
    RESULTS.md it replaces, so a run compares with whatever run was last committed)."""
    out = ROOT / "benchmarks" / "RESULTS.md"
    before = out.read_text() if out.exists() else ""
    ran_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps({"ran_at": ran_at, "figures": figures, "rows": rows}, indent=1) + "\n")
    out.write_text(render_results(rows, figures, elapsed, ran_at, before))


def _previous_tables(markdown: str) -> tuple[str, dict[tuple[str, ...], str], dict[str, str]]:
    """From a previous RESULTS.md: when it ran, its page rows' first-visit figure keyed by (data, page, interaction),
    and its targets' values keyed by name."""
    when = re.search(r"^Run on (.+?) with", markdown, re.M)
    pages: dict[tuple[str, ...], str] = {}
    targets: dict[str, str] = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[0] in ("embedded", "large") and not line.startswith("|---"):
            pages[tuple(cells[:3])] = cells[3]
        elif len(cells) in (4, 5) and line.startswith("| ") and cells[-1] in ("yes", "NO", ""):
            targets[cells[0]] = cells[1]
    return (when.group(1) if when else "unknown"), pages, targets


def render_results(rows: list[list[str]], figures: list[dict], elapsed: float, ran_at: str, before: str) -> str:
    """The RESULTS.md text: this run's figures, with the previous run's beside them ("-" where it had none)."""
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    was, old_pages, old_targets = _previous_tables(before)
    lines = [
        "# Benchmark results",
        "",
        f"Run on {ran_at} with `make bench` (`python benchmarks/run.py`), {elapsed:.0f} s.",
        f"Machine: {os.cpu_count()} cores, {int(mem) / 1024 / 1024:.0f} GiB memory, {platform.platform()}, Python {platform.python_version()}.",
        "Embedded data: `data/policy.duckdb`. Large data: `benchmarks/make_scale_data.py --size large` (10,000 organizations,",
        "10,000 documents, 100 provisions, 1,000,000 positions, 1,000,000 endorsements, 200,000 quotes; three coded waves over",
        "18,000 agencies and 2,000 generated full policy texts of 20-80 KB, about 107 MB of text).",
        f'Beside each figure, the previous run\'s (run on {was}; "-" where that run had no such figure).',
        "",
        "| data | page / what | interaction | first visit ms (empty caches) | previous run | warm ms | raw DuckDB ms, uncached | worst query / its table's full-scan floor |",
        "|---|---|---|---|---|---|---|---|",
        *[f"| {' | '.join([*r[:4], old_pages.get(tuple(r[:3]), '-'), *r[4:]])} |" for r in rows],
        "",
        "## Targets",
        "",
        "| figure | value | previous run | target | holds |",
        "|---|---|---|---|---|",
        *[
            f"| {f['name']} | {f['value']} {f['unit']} | {old_targets.get(f['name'], '-')} | {'' if f['target'] is None else f['target']} | {'' if f['ok'] is None else ('yes' if f['ok'] else 'NO')} |"
            for f in figures
        ],
        "",
    ]
    for extra in ("NOTES.md", "BROWSER.md"):  # the notes, and the browser suite's time-to-settled figures (kept by hand)
        if (ROOT / "benchmarks" / extra).exists():
            lines += [(ROOT / "benchmarks" / extra).read_text()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
