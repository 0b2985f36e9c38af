"""Issue 30, after review: the phone timeline, cut grid cells, a chart's re-click after Escape. Each in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browser import open_page
from tests.browser.test_reader import click_point

WIDE = {"width": 1440, "height": 1000}
FIVE = ("iacp-model-policy", "perf-gp-2016-03", "ncp-2017-01", "ncp-2017-10", "ncp-2020-07")


@pytest.fixture(autouse=True)
def _wide(page: Page) -> None:
    page.set_viewport_size(WIDE)


@pytest.fixture
def phone(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


LABELS = "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right, r.top, r.bottom]; })"


# 1/ The timeline on a phone: every event a row of its own, its date and title whole or cut with an ellipsis, inside the
# screen, no sideways scroll; the whole title on hover (and in the table below)


def test_the_phone_timeline_shows_every_label_inside_the_screen_in_date_order(phone: Page, app_url: str):
    open_page(phone, app_url)
    expect(phone.locator(".st-key-overview__timeline__chart")).to_be_hidden()  # the wide chart is not drawn at 390 px
    chart = phone.locator(".st-key-overview__timeline__phone_chart .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    labels = chart.locator(".textpoint text").evaluate_all(LABELS)
    assert len(labels) == 24
    right_edge = min(box["x"] + box["width"], 390)
    cut = [(t, round(left), round(right)) for t, left, right, _, _ in labels if left < box["x"] or right > right_edge]
    assert not cut, (right_edge, cut)
    rows = sorted(labels, key=lambda t: t[3])
    assert all(b[3] >= a[4] - 1 for a, b in zip(rows, rows[1:], strict=False)), "two labels overlap"
    dates = [re.match(r"(\d{4}(?:-\d\d){0,2}) · .", t) for t, *_ in rows]
    assert all(dates), [t for t, *_ in rows]
    assert [d.group(1) for d in dates] == sorted(d.group(1) for d in dates)  # top to bottom is oldest to newest
    assert phone.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth <= m.clientWidth; }")
    assert chart.evaluate("p => p.parentElement.scrollWidth <= p.parentElement.clientWidth + 1")
    # a cut title is whole in the chart's hover text
    full = chart.evaluate("p => p._fullData.flatMap(t => t.customdata.map(c => c[1]))")
    shortened = [t for t, *_ in rows if t.endswith("…")]
    assert shortened and all(any(f.startswith(t.split(" · ", 1)[1][:-1]) and len(f) > len(t) - 13 for f in full) for t in shortened)
    assert "%{customdata[1]}" in chart.evaluate("p => p._fullData[0].hovertemplate")


def test_the_wide_timeline_gives_2016_to_2020_the_width_and_keeps_every_label_inside(page: Page, app_url: str):
    open_page(page, app_url)
    chart = page.locator(".st-key-overview__timeline__chart .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    xs = chart.evaluate(
        "p => p._fullData.flatMap(t => t.x.map((x, i) => [t.customdata[i][2], p._fullLayout.xaxis.d2p(x) + p._fullLayout._size.l]))"
    )
    busy = [x for date, x in xs if "2016" <= date[:4] <= "2020"]
    width = chart.evaluate("p => p._fullLayout._size.w")
    assert max(busy) - min(busy) >= 0.45 * width, (max(busy) - min(busy), width)  # a plain date axis gives them about 12 %
    labels = chart.locator(".textpoint text").evaluate_all(LABELS)
    outside = [t for t, left, right, *_ in labels if left < box["x"] or right > box["x"] + box["width"]]
    assert len(labels) == 24 and not outside, outside


# 2/ Grid cells: Compare with five documents shows every cell whole (the grid scrolls sideways, the provisions pinned);
# a table whose column may cut a text shows the selected row whole below it


def text_px(page: Page, text: str) -> float:
    return page.evaluate(
        "t => { const c = document.createElement('canvas').getContext('2d'); c.font = '14px ' + getComputedStyle(document.body).fontFamily;"
        " return c.measureText(t).width; }",
        text,
    )


def test_compare_with_five_documents_cuts_no_cell(page: Page, app_url: str):
    from explorer.serve import data
    from explorer.serve.filters import Filters
    from explorer.serve.views import compare_grid as stance_grid

    titles = dict(zip(data.documents()["doc_id"], data.documents()["short_title"], strict=True))
    grid = stance_grid.pivot(data.position_grid(FIVE, Filters()), [titles[d] for d in FIVE])
    widths = stance_grid.column_widths(grid)
    open_page(page, f"{app_url}/compare?" + "&".join(f"cmp={d}" for d in FIVE))
    frame = page.locator(".st-key-compare__grid__wide [data-testid=stDataFrame]")
    expect(frame).to_be_visible()
    expect(frame.locator("td").first).to_be_attached(timeout=15_000)
    expect(page.get_by_test_id("stMultiSelect").filter(has_text="NCP revised (Jul 2020)")).to_be_visible()  # these five
    columns = {"_index": list(grid.index)} | {c: [c, *grid[c]] for c in grid.columns}
    cut = {c: t for c, texts in columns.items() for t in texts if widths[c] < text_px(page, t) + 16}
    assert not cut, cut
    # wider than the page: the grid scrolls sideways inside its box, the page does not
    scroller = frame.locator(".dvn-scroller").first
    assert scroller.evaluate("s => s.scrollWidth > s.clientWidth + 50")
    assert page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth <= m.clientWidth; }")


def test_a_selected_row_of_a_table_that_cuts_text_reads_whole_below_it(page: Page, app_url: str):
    from explorer.serve import data
    from explorer.serve.filters import Filters

    garner = data.events_timeline(Filters()).page(limit=1).iloc[0]
    open_page(page, app_url)
    frame = page.locator(".st-key-overview__events__table")
    frame.scroll_into_view_if_needed()
    expect(page.get_by_text("select a row (the box at its left) to read it whole below the table").filter(visible=True)).to_have_count(1)
    expect(page.get_by_text(garner["description"], exact=True)).to_have_count(0)  # cut in its column, nowhere else whole
    box = frame.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection box
    whole = page.get_by_text(f"What happened: {garner['description']}")
    expect(whole).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name="read the stored text")).to_have_attribute("href", re.compile(r"/sources\?sel="))


# 3/ A chart whose click opens a dialog opens it again for the same mark after the dialog was closed with Escape


@pytest.mark.parametrize(
    ("path", "chart", "label", "answer"),
    [
        ("endorsements", "endorsements__matrix", None, "In its own words"),
        ("", "overview__timeline", "Graham v. Connor", "Read the stored source text"),
    ],
)
def test_a_charts_mark_opens_again_after_its_dialog_closed_with_escape(page: Page, app_url: str, path, chart, label, answer):
    open_page(page, f"{app_url}/{path}")
    for _ in range(3):
        box = page.locator(f'[class*="st-key-{chart}"][class*="__chart"]:not([class*="__phone_chart"])')
        expect(box.locator(".js-plotly-plot")).to_be_visible(timeout=15_000)
        key = re.search(r"st-key-(\S+)", box.get_attribute("class")).group(1)  # renewed with each closed dialog, or not
        box.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        click_point(page, key, label)
        expect(page.get_by_role("dialog").get_by_text(answer).first).to_be_visible(timeout=15_000)
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_have_count(0)
        page.wait_for_timeout(800)


def test_a_bar_chooses_its_criterion_again_after_the_picker_chose_another(page: Page, app_url: str):
    open_page(page, f"{app_url}/agencies")
    picker = page.get_by_role("combobox", name="Read each agency's words on")

    def click_bar(i: int) -> None:
        chart = page.locator('[class*="st-key-agencies__counts"][class*="__chart"]')
        expect(chart.locator(".barlayer .trace").first).to_be_visible(timeout=15_000)
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = chart.locator(".barlayer .trace").first.locator(".point path").nth(i).bounding_box()
        page.mouse.click(box["x"] + 4, box["y"] + box["height"] / 2)

    click_bar(1)  # the second criterion, "met"
    expect(picker).to_have_value(re.compile("^Bans Chokeholds"), timeout=15_000)
    picker.click()
    page.keyboard.type("Duty to Intervene")
    page.keyboard.press("Enter")
    expect(picker).to_have_value("Duty to Intervene")
    page.wait_for_timeout(800)
    click_bar(1)  # the same bar again
    expect(picker).to_have_value(re.compile("^Bans Chokeholds"), timeout=15_000)
