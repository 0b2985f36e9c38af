"""A bad edit of a source CSV never takes the app down: it serves the last good database and says what is wrong."""

from __future__ import annotations

import os
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from explorer import builder as build
from tests.browser.conftest import serve
from tests.browser.test_browser import open_page


def test_broken_csv_row_serves_the_last_good_database_with_a_notice(page: Page, data_copy: Path, tmp_path: Path, shots: Path):
    out = tmp_path / "policy.duckdb"
    build.build(data_copy, out)
    before = out.read_bytes()
    quotes = data_copy / "quotes.csv"
    lines = quotes.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",", ",,", 1)  # one field too many on line 2
    quotes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    future = time.time() + 120
    os.utime(quotes, (future, future))
    with serve({"UOF_DATA": str(data_copy), "UOF_DB": str(out)}) as url:
        open_page(page, url)
        notice = page.get_by_text("this is the last good database")
        expect(notice).to_be_visible()
        expect(page.get_by_text("data/quotes.csv:2: -:")).to_be_visible()
        expect(page.get_by_text("Signed the 2017 consensus policy").first).to_be_visible()  # the data is still served
        page.screenshot(path=str(shots / "broken-sources-notice.png"))
    assert out.read_bytes() == before
