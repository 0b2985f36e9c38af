"""Issue 16 in a real browser: search the stored texts, follow a phrase's words, compare two editions; each view a URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browser import open_page, serious_violations


def marked(page: Page, words: str):
    """The spans a reader sees marked (a coloured background) holding these words."""
    return page.locator("[data-testid='stMarkdownContainer'] span", has_text=re.compile(words, re.I))


def background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def reopened(browser, url: str, width: int = 1400) -> Page:
    """The same address in a fresh browser context: no cookies, no session, only the URL."""
    context = browser.new_context(viewport={"width": width, "height": 2400})
    page = context.new_page()
    open_page(page, url)
    return page


def test_search_for_moving_vehicle_lists_agencies_and_model_documents_in_marked_context(page: Page, app_url: str, shots: Path, browser):
    open_page(page, f"{app_url}/wording?within=model+document&within=agency+policy")  # full texts (listed first, oldest) apart
    box = page.get_by_label("Words or a phrase, as written")
    box.fill("moving vehicle")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=moving\+vehicle|q=moving%20vehicle"), timeout=20_000)
    expect(page.get_by_text(re.compile(r"^“moving vehicle” is found \d+ times"))).to_be_visible(timeout=20_000)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile("· agency policy, (coder.s cell|full text) ·")).first).to_be_visible()
    expect(main.get_by_text("· model document ·").first).to_be_visible()
    hit = marked(page, r"^moving vehicles?$").first
    expect(hit).to_be_visible()
    assert background(hit) not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    page.screenshot(path=str(shots / "wording-search.png"))
    url = page.url
    again = reopened(browser, url)
    expect(again.get_by_text(re.compile(r"^“moving vehicle” is found \d+ times"))).to_be_visible()
    expect(again.get_by_label("Words or a phrase, as written")).to_have_value("moving vehicle")
    again.context.close()


def test_lineage_of_objectively_reasonable_reaches_back_to_graham_v_connor(page: Page, app_url: str, shots: Path, browser):
    open_page(page, f"{app_url}/wording?view=lineage")
    box = page.get_by_label("…or type or paste your own words")
    box.fill("objectively reasonable")
    box.press("Control+Enter")
    expect(page).to_have_url(re.compile(r"phrase=objectively"), timeout=20_000)
    main = page.get_by_test_id("stMain")
    first = main.get_by_text("read it in its stored text").first
    expect(first).to_be_visible(timeout=20_000)
    expect(main.locator("[data-testid='stMarkdownContainer']", has_text="read it in its stored text").first).to_contain_text(
        "Graham v. Connor"
    )
    expect(main.get_by_text(re.compile(r"sources and agencies carry these words, from 1989"))).to_be_visible()
    shared = marked(page, r"^[\"“‘']?objectively reasonable[\"”’']?\.?$").first  # the words a passage shares, marked
    expect(shared).to_be_visible()
    assert background(shared) not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    page.screenshot(path=str(shots / "wording-lineage.png"))
    again = reopened(browser, page.url)
    expect(again.get_by_text(re.compile(r"sources and agencies carry these words, from 1989"))).to_be_visible()
    link = again.get_by_role("link", name="read it in its stored text").first
    href = link.get_attribute("href")
    assert "sources?sel=scotus-1989-graham-v-connor&at=" in href
    open_page(again, href)
    expect(again.get_by_text(re.compile(r"Sentence \d+ of this stored text, marked"))).to_be_visible()
    again.context.close()


def test_consensus_policy_january_to_october_2017_definitions_word_by_word(page: Page, app_url: str, shots: Path, browser):
    url = f"{app_url}/wording?view=editions&pair=ncp-2017-01..ncp-2017-10"
    open_page(page, url)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"passages are seen in both stored texts"))).to_be_visible()
    expect(main.get_by_text(re.compile(r"Same words in both:.*OBJECTIVELY REASONABLE")).first).to_be_visible()
    expect(main.get_by_text(re.compile(r"Not seen in the NCP \(Jan 2017\) stored text:.*DEADLY FORCE")).first).to_be_visible()
    expect(main.get_by_text("Coded stances that differ between the two editions", exact=False)).to_be_visible()
    assert "removed" not in main.inner_text().lower().replace("added or removed", "")
    expect(main.get_by_text(re.compile(r"during a potential force \[cut off: the stored copy breaks off here\]"))).to_be_visible()
    page.screenshot(path=str(shots / "wording-editions.png"))
    again = reopened(browser, page.url)
    expect(again.get_by_text(re.compile(r"Not seen in the NCP \(Jan 2017\) stored text:.*DEADLY FORCE")).first).to_be_visible()
    again.context.close()


@pytest.mark.parametrize(
    "query",
    ["view=search&q=moving+vehicle", "view=lineage&src=ncp-2017-01-policy-text&n=9", "view=editions&pair=ncp-2017-01..ncp-2017-10"],
)
def test_each_view_reads_on_a_phone_and_passes_axe(browser, app_url: str, shots: Path, query: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_page(page, f"{app_url}/wording?{query}")
    expect(
        page.get_by_text(re.compile("read it in its stored text|read it in the department's full text")).first.or_(
            page.get_by_text("Same words in both").first
        )
    ).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page must not scroll sideways"
    assert serious_violations(page) == []
    page.screenshot(path=str(shots / f"wording-{query.split('&')[0][5:]}-phone.png"), full_page=True)
    context.close()
