"""What a person sees in a real browser: every page, filters and URLs, search highlights, downloads, charts."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from explorer.serve import data, exports
from explorer.serve.filters import Filters
from explorer.serve.pages import PAGES as REGISTRY
from tests.read_back import read_back

PAGES = {p.url_path or "overview": p.url_path for p in REGISTRY if p.url_path != "sql"}  # the SQL page has its own test
KEY_CONTENT = {
    "overview": "The key contrast",
    "endorsements": "11 organizations signed the January 2017 National Consensus Policy",
    "compare": "Warning shots",
    "quotes": "matching quotes",
    "sources": "quotes cite this source",
    "data": "Cite this view",
    "agencies": "not evidence of what the policy permits",
    "wording": "Model policies are written to be copied",
    "department": "Every coded wave's verdict, criterion by criterion",
}


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.get_by_text("every row is traced to a stored source text").wait_for(timeout=30_000)  # the footer is drawn last
    # widgets render from lazily loaded chunks: until then Streamlit shows skeletons
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=30_000)


def no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def choose(page: Page, label: str, option: str) -> None:
    """Pick one option of a sidebar multiselect, as a person would."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_with_its_key_content(page: Page, app_url: str, shots: Path, name: str):
    open_page(page, f"{app_url}/{PAGES[name]}")
    expect(page.get_by_text(KEY_CONTENT[name]).filter(visible=True).first).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(shots / f"{name}.png"))


def test_endorsements_chart_renders_with_data(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.locator(".scatterlayer .point")).to_have_count(38)


def test_compare_shows_the_warning_shots_contrast(page: Page, app_url: str):
    open_page(page, f"{app_url}/compare")
    expect(
        page.get_by_text(
            "Warning shots: PERF (Mar 2016) ? unknown | IACP Model Policy (2006) ▽ discourages · own text | NCP (Jan 2017) ◐ permits with conditions · report"
        )
    ).to_be_visible()


def test_quote_has_its_source_link(page: Page, app_url: str):
    open_page(page, f"{app_url}/quotes?q=portend")
    link = page.get_by_role("link", name="National police groups add ‘de-escalation’ to new model policy on use of force").first
    expect(link).to_have_attribute("href", re.compile(r"^https://www\.washingtonpost\.com/news/true-crime/wp/2017/01/17/"))


def test_search_highlights_the_match(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/quotes")
    box = page.get_by_label("Search quote text")
    box.fill("bullet brain")
    box.press("Enter")
    expect(page.get_by_text("1 matching quote")).to_be_visible(timeout=20_000)
    marked = page.locator("[data-testid='stMarkdownContainer'] span", has_text=re.compile("^bullet$"))
    expect(marked.first).to_be_visible()
    background = marked.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(shots / "quotes-search.png"))


def test_sidebar_filter_narrows_updates_url_and_the_url_restores_it(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/endorsements")
    expect(page.get_by_text("Rows 1–38 of 38")).to_be_visible()
    choose(page, "Kind of organization", "sheriffs")
    expect(page).to_have_url(re.compile(r"kind=sheriffs"), timeout=20_000)
    expect(page.get_by_text("4 endorsement rows: 2 authored, 2 declined.")).to_be_visible()
    shared = page.url
    other = page.context.new_page()
    open_page(other, shared)
    expect(other.get_by_text("4 endorsement rows: 2 authored, 2 declined.")).to_be_visible()
    expect(other.get_by_test_id("stSidebar").get_by_text("sheriffs", exact=True)).to_be_visible()
    expect(other.get_by_test_id("stSidebar").get_by_text("Set: Kind of organization: sheriffs")).to_be_visible()
    other.screenshot(path=str(shots / "endorsements-sheriffs.png"))
    other.close()


def test_filters_carry_across_pages(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements?kind=sheriffs")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data").click()
    expect(page).to_have_url(re.compile(r"/data\?.*kind=sheriffs"), timeout=20_000)
    expect(page.get_by_test_id("stSidebar").get_by_text("sheriffs", exact=True)).to_be_visible()


def test_bogus_url_parameter_shows_a_notice(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/?org=not-an-org&zzz=1")
    expect(page.get_by_text("Ignored unknown organization “not-an-org” in the link.")).to_be_visible()
    expect(page.get_by_text("Ignored unknown link parameter “zzz”.")).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(shots / "bogus-url.png"))


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_each_download_holds_the_filtered_rows(page: Page, app_url: str, tmp_path: Path, fmt: str):
    open_page(page, f"{app_url}/endorsements?kind=sheriffs")
    label = exports.FORMATS[fmt][0]
    button = page.locator(".st-key-endorsements__rows__dl_" + fmt).get_by_role("button", name=f"⬇ {label}")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"endorsements_kind-sheriffs.{fmt}"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    got = read_back(target.read_bytes(), fmt)
    want = data.endorsements(Filters(org_kinds=("sheriffs",))).page(limit=1000)
    assert len(got) == len(want) == 4
    pd.testing.assert_series_equal(got["org_id"].astype(str), want["org_id"].astype(str), check_names=False)


def test_upload_your_agency_beside_the_models(page: Page, app_url: str, tmp_path: Path, shots: Path):
    good = tmp_path / "agency.csv"
    good.write_text(
        "provision_id,stance,quote,locator,source_title,source_url\nwarning-shots,prohibits,Warning shots are prohibited.,4.2,Our policy,https://example.org/p.pdf\n",
        encoding="utf-8",
    )
    open_page(page, f"{app_url}/compare")
    page.get_by_text("Your own department: upload its policy (PDF, Word, text) or a coding sheet (CSV)").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(good))
    expect(page.get_by_text("How Your agency compares")).to_be_visible(timeout=20_000)
    no_exception(page)
    page.screenshot(path=str(shots / "compare-agency.png"))
    bad = tmp_path / "bad.csv"
    bad.write_text("provision_id,stance,quote,locator,source_title,source_url\nwarning-shots,banned,,,,\n", encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    expect(page.get_by_text("The sheet was not used")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("upload.csv:2: stance: 'banned' is not one of")).to_be_visible()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page: Page) -> list[tuple[str, str, int]]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => [v.id, v.impact, v.nodes.length])"
    )
    return [tuple(v) for v in found if v[1] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES) + ["sql"])
def test_no_serious_accessibility_violations(browser, app_url: str, shots: Path, name: str, scheme: str):
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, color_scheme=scheme)
    page = context.new_page()
    open_page(page, f"{app_url}/{PAGES.get(name, name)}")
    assert serious_violations(page) == []
    if scheme == "dark":
        page.screenshot(path=str(shots / f"{name}-dark.png"))
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_readable_on_a_phone(browser, app_url: str, shots: Path, name: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_page(page, f"{app_url}/{PAGES[name]}")
    expect(page.get_by_text(KEY_CONTENT[name]).first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page must not scroll sideways"
    assert serious_violations(page) == []
    page.screenshot(path=str(shots / f"{name}-phone.png"))
    context.close()


def test_keyboard_reaches_the_filters_and_the_downloads(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements?kind=sheriffs")
    reached = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const e = document.activeElement; if (!e) return '';
                 if (e.closest('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')) return 'filter';
                 if (e.closest('[data-testid="stDownloadButton"]')) return 'download';
                 return ''; }"""
        )
        reached.add(where)
        if {"filter", "download"} <= reached:
            break
    assert {"filter", "download"} <= reached


def test_download_everything_zip(page: Page, app_url: str, tmp_path: Path):
    import io
    import zipfile

    open_page(page, f"{app_url}/data?kind=sheriffs&table=endorsements")
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ ZIP of every filtered table, the codebook and the sources").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    z = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    assert len(read_back(z.read("tables/endorsements.csv"), "csv")) == 4
    assert "kind=sheriffs" in z.read("VIEW_URL.txt").decode()
    assert "# About the data" in z.read("CODEBOOK.md").decode()


def test_sql_page_runs_a_select_and_refuses_a_write(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/sql")
    box = page.get_by_role("textbox", name="SQL")
    box.fill("select acronym from organizations where kind = 'sheriffs' order by 1")
    box.press("Control+Enter")
    expect(page.get_by_text("2 rows")).to_be_visible(timeout=20_000)
    box.fill("drop table quotes")
    box.press("Control+Enter")
    expect(page.get_by_text("Only SELECT queries can run here")).to_be_visible(timeout=20_000)
    page.screenshot(path=str(shots / "sql.png"))


def test_boston_2016_de_escalation_reads_not_met_with_its_words(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/agencies?ds=campaign-zero-2016&crit=requires-de-escalation&verdict=not+met")
    expect(page.get_by_text("Campaign Zero, Police Use of Force Project (2016), useofforceproject.org").first).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="Coder's language cell")  # not the change-over-time table
    grid.scroll_into_view_if_needed()
    expect(grid).to_contain_text("Boston")
    expect(grid).to_contain_text("No. Mentions but does not require de-escalation, when possible.")
    expect(page.get_by_text("Requires De-Escalation").first).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(shots / "agencies-boston.png"), full_page=True)


def test_compare_sets_an_agency_policy_beside_the_models(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/compare?agency=campaign-zero-2016/boston/policy")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("Boston: Campaign Zero 2016 coder's verdict")
    expect(grid).to_contain_text("not met · coder's “Requires De-Escalation”")
    expect(page.get_by_text("No. Mentions but does not require de-escalation, when possible.").first).to_be_attached()
    expect(page.get_by_text("Campaign Zero, Police Use of Force Project (2016)").first).to_be_attached()
    assert serious_violations(page) == []
    no_exception(page)
    page.screenshot(path=str(shots / "compare-agency.png"), full_page=True)


def test_agencies_contested_counts_and_change_over_time(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/agencies?crit=restricts-shooting-at-moving-vehicles")
    heading = page.get_by_text("Where the models disagree, what agencies' policies do")
    heading.scroll_into_view_if_needed()
    expect(page.get_by_text("19 met, 75 not met, 0 not coded on “Restricts Shooting at Moving Vehicles”").first).to_be_visible()
    expect(page.get_by_text("4 met, 83 not met, 13 not coded").first).to_be_attached()
    expect(page.get_by_text("20 met, 74 not met, 0 not coded on “Bans Chokeholds and Strangleholds”").first).to_be_attached()
    expect(page.get_by_text("Change over time across the coded waves").first).to_be_attached()
    expect(page.get_by_text(re.compile(r"Not counted: \d+ pairs of agencies")).first).to_be_attached()
    assert serious_violations(page) == []
    no_exception(page)
    page.screenshot(path=str(shots / "agencies-contested.png"), full_page=True)
