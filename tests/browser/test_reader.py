"""Issue 14: every answer where the reader looks, in every format they take away (a real browser each time)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browser import open_page
from tests.read_back import read_back


def download(page: Page, button, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def dl_button(page: Page, key_prefix: str, fmt: str, label: str):
    return page.locator(f".st-key-{key_prefix}__dl_{fmt}").get_by_role("button", name=f"⬇ {label}")


# 1/ Filters that do nothing say so, beside the filters; the headline follows the Document filter


def test_a_page_says_beside_the_filters_which_set_filter_it_does_not_use(page: Page, app_url: str):
    open_page(page, f"{app_url}/?org=fop")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Set but not used on this page: Organization")).to_be_visible()
    expect(page.get_by_text("Filtered: Organization: Fraternal Order of Police")).to_be_visible()  # above the page too
    open_page(page, f"{app_url}/endorsements?provision=warning-shots")
    expect(sidebar.get_by_text("Set but not used on this page: Provision (it selects stances")).to_be_visible()
    open_page(page, f"{app_url}/compare?doc=perf-gp-2016-03")
    expect(sidebar.get_by_text("Document (pick the documents to compare above the grid)")).to_be_visible()


def test_a_filter_a_page_uses_is_not_called_unused(page: Page, app_url: str):
    open_page(page, f"{app_url}/?provision=warning-shots&doc=perf-gp-2016-03")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Not used on this page:")).to_be_visible()
    expect(sidebar.get_by_text("Set but not used on this page")).to_have_count(0)  # the key contrast takes both


def test_endorsements_headline_follows_the_document_filter(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements?doc=perf-gp-2016-03")
    expect(page.get_by_text("National Consensus Policy", exact=False)).to_have_count(0)
    open_page(page, f"{app_url}/endorsements")
    expect(page.get_by_text("11 organizations signed the January 2017 National Consensus Policy")).to_be_visible()


# 5/ and 6/ A status filter, and exports that agree with each other and run no formula


def test_download_the_eleven_signers(page: Page, app_url: str, tmp_path: Path):
    open_page(page, f"{app_url}/endorsements?doc=ncp-2017-01&status=signed")
    got = read_back(download(page, dl_button(page, "endorsements__rows", "csv", "CSV"), tmp_path).read_bytes(), "csv")
    assert len(got) == 11
    assert set(got["status"]) == {"signed"}  # the codebook's word, not the screen's "✔ signed"


def test_endorsements_and_data_page_files_carry_the_same_status_words(page: Page, app_url: str, tmp_path: Path):
    open_page(page, f"{app_url}/endorsements?kind=sheriffs")
    here = read_back(download(page, dl_button(page, "endorsements__rows", "xlsx", "Excel"), tmp_path).read_bytes(), "xlsx")
    open_page(page, f"{app_url}/data?kind=sheriffs&table=endorsements")
    there = read_back(download(page, dl_button(page, "data__endorsements", "xlsx", "Excel"), tmp_path).read_bytes(), "xlsx")
    assert list(here["status"]) == list(there["status"])
    assert not any(s[0] in "✔✖+◆★" for s in here["status"])


def test_an_uploaded_agencys_formula_like_words_are_neutralised(page: Page, app_url: str, tmp_path: Path):
    sheet = tmp_path / "agency.csv"
    sheet.write_text(
        "provision_id,stance,quote,locator,source_title,source_url\n"
        'warning-shots,prohibits,"=HYPERLINK(""http://evil.example"",""click"")",4.2,Our policy,https://example.org/p.pdf\n',
        encoding="utf-8",
    )
    open_page(page, f"{app_url}/compare")
    page.get_by_text("Compare your own agency: upload a coding sheet").click()
    page.get_by_label("Name shown for it").fill("@Agency")
    page.get_by_label("Name shown for it").press("Enter")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(sheet))
    expect(page.get_by_text("How @Agency compares")).to_be_visible(timeout=20_000)
    page.get_by_text("Provision by provision").first.click()
    csv = read_back(download(page, dl_button(page, "compare__distance_rows", "csv", "CSV"), tmp_path).read_bytes(), "csv")
    assert set(csv["agency_quote"]) == {'\'=HYPERLINK("http://evil.example","click")'}
    xlsx = download(page, dl_button(page, "compare__distance_rows", "xlsx", "Excel"), tmp_path)
    sheet_ = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes())).active
    cells = [c for row in sheet_.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell may be a formula"
    assert '\'=HYPERLINK("http://evil.example","click")' in [c.value for c in cells]
    grid = read_back(download(page, dl_button(page, "compare__grid", "csv", "CSV"), tmp_path).read_bytes(), "csv")
    assert "'@Agency" in grid.columns  # the reader's own name, as a column header, is neutralised too
    json_ = read_back(download(page, dl_button(page, "compare__distance_rows", "json", "JSON"), tmp_path).read_bytes(), "json")
    assert set(json_["agency_quote"]) == {'=HYPERLINK("http://evil.example","click")'}  # JSON runs nothing: verbatim


def test_the_zip_names_the_host_the_reader_used(page: Page, app_url: str, tmp_path: Path):
    import zipfile

    open_page(page, f"{app_url}/data?kind=sheriffs")
    target = download(page, page.get_by_role("button", name="⬇ ZIP of every filtered table, the codebook and the sources"), tmp_path)
    url = zipfile.ZipFile(target).read("VIEW_URL.txt").decode().strip()
    assert url.startswith(app_url + "/data"), url
    assert parse_qs(urlsplit(url).query) == {"kind": ["sheriffs"]}


@pytest.fixture(autouse=True)
def _wide(page: Page) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})


# 4/ Speaker search picks what was typed, never every fuzzy match


def test_typing_a_speaker_offers_only_names_that_contain_it(page: Page, app_url: str):
    open_page(page, f"{app_url}/quotes")
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Speaker")
    box.click()
    page.keyboard.type("Pasco")
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    names = options.all_inner_texts()
    assert not [n for n in names if "match" in n.lower() or "select all" in n.lower()], names
    assert names and all("pasco" in n.lower() for n in names), names
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"speaker=Jim\+Pasco$"))  # Enter picked one speaker, not five
    expect(page.get_by_text("5 matching quotes")).to_be_visible()
