"""Issue 27 in a real browser: a department's page, Glendale as Arizona's, and a full text's passage found and opened."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_browser import no_exception, open_page, serious_violations
from tests.pages.test_department_page import oakland


def test_glendale_2016_is_arizonas_with_its_words_and_never_paired_with_californias(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/department?agency=glendale-az")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Glendale, AZ")).to_be_visible()
    expect(main.get_by_text(re.compile("State of Arizona Statute requirements")).first).to_be_visible()
    expect(
        main.get_by_text(re.compile(r"coder.s quoted words are found in this text \(1 of 2\): the edition is uncertain")).first
    ).to_be_visible()
    grid = page.locator(".st-key-department__grid")
    expect(grid).to_contain_text("Campaign Zero 2016")
    expect(grid).not_to_contain_text("StayWoke")  # California's Glendale is not a wave of this department
    expect(main.get_by_text(re.compile(r"Glendale \(StayWoke / Campaign Zero 2019\)")).first).to_be_visible()
    expect(main.get_by_text("evidence against it").first).to_be_visible()
    no_exception(page)
    page.screenshot(path=str(shots / "department-glendale.png"))
    # on the change over time, the two Glendales are never a counted pair
    open_page(page, f"{app_url}/agencies?crit=restricts-shooting-at-moving-vehicles")
    apart = page.get_by_test_id("stDataFrame").filter(has_text="other_wave").or_(page.get_by_test_id("stDataFrame").filter(has_text="Why"))
    expect(apart.first).to_contain_text("Glendale")


def test_oaklands_page_shows_every_criterion_and_wave_in_one_view(browser, app_url: str, shots: Path):
    for width in (1440, 390):
        context = browser.new_context(viewport={"width": width, "height": 2400})
        page = context.new_page()
        open_page(page, f"{app_url}/department?agency={oakland()[0]}")
        grid = page.locator(".st-key-department__grid")
        for words in ("Requires De-Escalation", "Has Use of Force Continuum", "Campaign Zero 2016", "Campaign Zero 2020", "What changed"):
            expect(grid).to_contain_text(words)
        expect(page.get_by_text(re.compile("third-hand")).first).to_be_attached()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page must not scroll sideways"
        if width == 1440:
            assert serious_violations(page) == []
        no_exception(page)
        page.screenshot(path=str(shots / f"department-oakland-{width}.png"))
        context.close()


def test_boston_phrase_found_only_in_a_full_text_opens_at_its_passage(page: Page, app_url: str, shots: Path):
    open_page(page, f"{app_url}/wording")
    box = page.get_by_label("Words or a phrase, as written")
    box.fill("committed to de-escalating incidents")
    box.press("Enter")
    main = page.get_by_test_id("stMain")
    link = main.get_by_role("link", name="read it in the department's full text").first
    expect(link).to_be_visible(timeout=20_000)
    expect(main.get_by_text("agency policy, full text").first).to_be_visible()
    page.screenshot(path=str(shots / "wording-full-text.png"))
    href = link.get_attribute("href")
    assert "department?agency=boston" in href and "text=boston" in href and "at=" in href
    open_page(page, href)
    marked = page.locator("#uof-passage")
    expect(marked).to_contain_text(re.compile(r"committed\s+to\s+de-escalating\s+incidents"))
    expect(marked).to_be_in_viewport(timeout=10_000)  # scrolled into view
    no_exception(page)
    page.screenshot(path=str(shots / "department-boston-passage.png"))
