"""Time to settled, as a reader feels it: each page in a fresh browser context against a one-line Streamlit page.

The figures go to test-artifacts/settle.json (benchmarks/RESULTS.md quotes a run). Times are recorded, never
asserted (the house rule: speed is measured, not tested); what is asserted is that each page settled with its content.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from playwright.sync_api import Browser, Page

from explorer.paths import ROOT
from tests.browser.conftest import serve
from tests.browser.test_browser import KEY_CONTENT, PAGES

RUNS = 3  # fresh contexts per page; the median is kept
SETTLED = """() => {
  const busy = document.querySelector('[data-testid="stStatusWidget"]');
  const skeletons = document.querySelectorAll('[data-testid="stSkeleton"]').length;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
  const drawn = document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length;
  const text = document.body.innerText;
  return !busy && skeletons === 0 && drawn >= charts && text.includes(window.__wanted);
}"""


def settle_ms(browser: Browser, url: str, wanted: str) -> float:
    """Milliseconds from navigation start until Streamlit is idle, the wanted text shows and every chart is drawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page: Page = context.new_page()
    page.add_init_script(f"window.__wanted = {json.dumps(wanted)};")
    page.goto(url)
    page.wait_for_function(SETTLED, timeout=60_000, polling="raf")
    # stay settled for 300 ms (a rerun may start right after the first paint)
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED, timeout=60_000, polling="raf")
    ms = page.evaluate("performance.now()") - 300
    context.close()
    return ms


def test_time_to_settled_per_page_against_a_one_line_page(browser: Browser, app_url: str):
    with serve(script=Path(__file__).with_name("one_line_app.py")) as floor_url:
        settle_ms(browser, floor_url, "One line")  # the server's first run
        floor = statistics.median(settle_ms(browser, floor_url, "One line") for _ in range(RUNS))
    figures = {"one-line page": round(floor)}
    for name, path in PAGES.items():
        settle_ms(browser, f"{app_url}/{path}", "every row is traced")  # the server process is warm, as for any reader after the first
        figures[name] = round(statistics.median(settle_ms(browser, f"{app_url}/{path}", KEY_CONTENT[name]) for _ in range(RUNS)))
    ratios = {k: round(v / floor, 2) for k, v in figures.items()}
    out = ROOT / "test-artifacts" / "settle.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"ms": figures, "ratio_to_one_line_page": ratios}, indent=1))
    print("\ntime to settled (ms, ratio):", {k: (figures[k], ratios[k]) for k in figures})
    assert set(figures) == {"one-line page", *PAGES} and all(v > 0 for v in figures.values())
