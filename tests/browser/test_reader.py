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
    page.get_by_text("Your own department: upload its policy (PDF, Word, text) or a coding sheet (CSV)").click()
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


def click_point(page: Page, chart_key: str, label: str | None = None) -> None:
    """Click the marker of the point labelled `label` (the first point when None), as a person would with the mouse."""
    box = page.evaluate(
        """([key, label]) => { for (const t of document.querySelectorAll(`.st-key-${key} .scatterlayer .trace`)) {
             const texts = [...t.querySelectorAll('.textpoint text')].map(e => e.textContent);
             const i = label === null ? 0 : texts.indexOf(label);
             const dot = t.querySelectorAll('.points path')[i];
             if (i >= 0 && dot) { const r = dot.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; } } return null; }""",
        [chart_key, label],
    )
    assert box, f"no point {label!r} in {chart_key}"
    page.mouse.click(*box)


# 2/ The timeline shows its whole history, every event reachable, each with its source


def test_the_timeline_spans_every_event_and_each_dot_is_reachable(page: Page, app_url: str):
    open_page(page, app_url)
    plot = page.locator(".st-key-overview__timeline__chart .js-plotly-plot")
    expect(plot).to_be_visible()
    span = plot.evaluate("p => p._fullLayout.xaxis.range")
    assert span[0] < "1985-03-27" and span[1] > "2023-04-06", span
    dots = plot.evaluate(
        "p => p._fullData.flatMap(t => t.x.map((x, i) => [p._fullLayout.xaxis.d2p(x) + p._fullLayout._size.l,"
        " p._fullLayout.yaxis.d2p(t.y[i]) + p._fullLayout._size.t]))"
    )
    assert len(dots) == 24
    assert len({(round(x / 8), round(y / 8)) for x, y in dots}) == 24, "no dot sits on another"
    labels = plot.locator(".textpoint text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "Graham v. Connor" in labels and "IACP Model Policy, sixth revision" in labels


def test_a_clicked_event_opens_with_its_source_and_stays_in_the_url(page: Page, app_url: str):
    open_page(page, f"{app_url}/?event=nope")
    expect(page.get_by_text("Ignored unknown event “nope”")).to_be_visible()
    open_page(page, app_url)
    page.locator(".st-key-overview__timeline__chart .js-plotly-plot").scroll_into_view_if_needed()
    click_point(page, "overview__timeline__chart", "Graham v. Connor")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Read the stored source text")).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(r"event="))
    shared = page.url
    fresh = page.context.browser.new_page()
    open_page(fresh, shared)
    expect(fresh.get_by_role("dialog").get_by_text("Graham v. Connor", exact=True)).to_be_visible()
    fresh.close()


# 3/ A click shows its answer where the reader looks, and the selection is a link


def in_view(page: Page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_an_organization_picked_in_the_chart_opens_in_view_and_in_the_url(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements")
    click_point(page, "endorsements__matrix__chart")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("In its own words")).to_be_visible(timeout=15_000)
    assert in_view(page, dialog.get_by_text("In its own words"))
    expect(page).to_have_url(re.compile(r"sel=[a-z]"))
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"sel="))  # closed: the link no longer opens it


def test_a_shared_compare_cell_opens_its_evidence(page: Page, app_url: str):
    open_page(page, f"{app_url}/compare?cell=warning-shots/iacp-model-policy")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("IACP Model Policy (2006) on Warning shots")).to_be_visible()
    assert in_view(page, dialog.get_by_text("IACP Model Policy (2006) on Warning shots"))
    expect(dialog.get_by_text("Source:")).to_be_visible()


# 7/ One quote, its own address, its citation, its passage


def test_a_quote_has_its_own_address_citation_and_marked_passage(page: Page, app_url: str):
    open_page(page, f"{app_url}/quotes?q=%22a+necessary+part+of+what%22")
    page.get_by_role("link", name="This quote's address, citation and passage →").first.click()
    expect(page).to_have_url(re.compile(r"quote=an17-cunningham-necessary"))
    expect(page.get_by_text("One quote")).to_be_visible()
    cite = page.get_by_test_id("stText").filter(has_text="Terry Cunningham (former IACP President")
    expect(cite).to_contain_text("“a necessary part of what we do.”")
    expect(cite).to_contain_text(f"{app_url}/quotes?quote=an17-cunningham-necessary")
    page.get_by_text("BibTeX").first.click()
    expect(page.get_by_test_id("stText").filter(has_text="@misc{uof_quote_an17_cunningham_necessary")).to_contain_text(
        "author = {{Terry Cunningham}}"
    )
    page.get_by_role("link", name="Read it in the stored source text, the passage marked →").click()
    expect(page).to_have_url(re.compile(r"sources\?.*quote=an17-cunningham-necessary"))
    mark = page.locator(".stMarkdownColoredBackground", has_text="a necessary part of what we do.")
    expect(mark).to_be_visible()


# 8/ Search marks are strong and add no gap inside verbatim text


def test_search_marks_are_strong_and_keep_the_verbatim_spacing(page: Page, app_url: str):
    open_page(page, f"{app_url}/quotes?q=warning+shots")
    mark = page.locator(".stMarkdownColoredBackground").first
    expect(mark).to_be_visible()
    style = mark.evaluate("m => { const s = getComputedStyle(m); return [s.backgroundColor, s.paddingLeft, s.paddingRight]; }")
    assert style == ["rgb(255, 224, 102)", "0px", "0px"], style
    assert re.fullmatch(r"warning shots", mark.inner_text(), re.IGNORECASE)  # one mark for the phrase, not two
    paragraph = mark.locator("xpath=ancestor::p[1]").inner_text()
    assert "“ " not in paragraph and "  " not in paragraph


# 9/ Phone and paper


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    yield context.new_page()
    context.close()


def test_on_a_phone_the_filters_in_force_show_and_grids_show_every_column(phone: Page, app_url: str):
    open_page(phone, f"{app_url}/compare?kind=sheriffs")
    expect(phone.get_by_text("Filtered: Kind of organization: sheriffs")).to_be_visible()
    table = phone.locator(".st-key-compare__grid__narrow table")
    expect(table).to_be_visible()
    headers = table.locator("thead th").all_inner_texts()
    assert {"PERF (Mar 2016)", "IACP Model Policy (2006)", "NCP (Jan 2017)"} <= set(headers)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_a_phone_chart_labels_are_not_cut(phone: Page, app_url: str, shots: Path):
    open_page(phone, f"{app_url}/endorsements")
    box = phone.locator(".st-key-endorsements__matrix__chart")
    width = box.evaluate("b => b.querySelector('.js-plotly-plot').getBoundingClientRect().width")
    assert width >= 760  # drawn wide enough for its labels; its box scrolls sideways, the page does not
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    ticks = box.locator(".ytick text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert ticks and all(len(t) <= 26 for t in ticks), ticks
    phone.screenshot(path=str(shots / "endorsements-phone-chart.png"))


def test_print_hides_the_sidebar_opens_expanders_and_prints_whole_grids(page: Page, app_url: str, shots: Path, tmp_path: Path):
    open_page(page, f"{app_url}/compare")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.locator(".st-key-compare__grid__narrow table")).to_be_visible()
    expect(page.locator(".st-key-compare__grid__wide")).to_be_hidden()
    evidence = page.locator("details").filter(has_text="Warning shots").first.get_by_text("Evidence:").first
    expect(evidence).to_be_visible()  # a closed expander prints open
    pdf = tmp_path / "compare.pdf"
    page.pdf(path=str(pdf), width="8.5in", height="11in")
    assert pdf.stat().st_size > 10_000
    page.screenshot(path=str(shots / "compare-print.png"), full_page=True)
    page.emulate_media(media="screen")


# 10/ Rough edges


def test_tables_dates_and_titles_read_cleanly(page: Page, app_url: str):
    open_page(page, f"{app_url}/data?table=events")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    expect(grid.locator("th").first).to_be_attached()
    headers = grid.locator("th").evaluate_all("hs => hs.map(h => h.textContent)")
    assert "on_date_date" not in headers and "on_date" in headers  # no 2006-02-01 00:00:00 for a month
    open_page(page, f"{app_url}/sources")
    expect(page.get_by_test_id("stDataFrame").first.locator("td").first).to_be_attached()
    cells = page.get_by_test_id("stDataFrame").first.locator("td").evaluate_all("cs => cs.map(c => c.textContent)")
    assert cells and not [c for c in cells if c.startswith("not recorded")], "untitled pages are called so"
    assert "None" not in cells
    page.get_by_test_id("stSelectbox").filter(has_text="Read a source").click()
    page.keyboard.type("Untitled page at backwoods")
    options = page.get_by_role("option").all_inner_texts()
    assert any(o.startswith("Untitled page at backwoodshome.com/blogs/MassadAyoob") for o in options), options[:5]


def test_count_axes_step_by_whole_numbers_and_headline_labels_are_whole(page: Page, app_url: str):
    open_page(page, f"{app_url}/endorsements?kind=sheriffs")
    ticks = page.locator(".st-key-endorsements__kinds__chart .ytick text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
    open_page(page, app_url)
    label = page.get_by_test_id("stMetricLabel").first
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), "the first headline label is cut"


def test_copied_text_has_no_icon_names_and_joint_statements_name_a_count(page: Page, app_url: str):
    open_page(page, f"{app_url}/quotes?q=extensive+work+of+the+participating")
    copied = page.evaluate(
        "() => { getSelection().selectAllChildren(document.querySelector('[data-testid=\"stMain\"]')); return getSelection().toString(); }"
    )
    assert "keyboard_arrow" not in copied and "arrow_right" not in copied
    assert "for 11 organizations" in copied
    assert "Association of State Criminal Investigative Agencies; Commission on Accreditation" not in copied


def test_the_consensus_policys_source_line_counts_its_eleven_publishers(page: Page, app_url: str):
    open_page(page, f"{app_url}/compare")
    page.get_by_text("Sanctity of life: PERF").first.click()
    line = page.get_by_text("Source: National Consensus Policy on Use of Force (January 2017)").first
    expect(line).to_contain_text("Eleven national law enforcement leadership and labor organizations (11, listed on the Sources page)")
    expect(line).not_to_contain_text("Commission on Accreditation")


def test_compare_with_an_agency_column_cuts_no_cell_at_1440(page: Page, app_url: str):
    """Every cell whole (issue 30: no label cut): a grid wider than the page scrolls sideways inside its own box, the
    provision column pinned, and its header says so; the page itself never scrolls sideways."""
    from explorer.serve import data
    from explorer.serve.filters import Filters
    from explorer.serve.views import agencies as coded_agencies, compare_grid as stance_grid

    rows = data.position_grid(data.contrast_docs(), Filters())
    verdicts = data.agency_verdicts("campaign-zero-2016/boston/policy")
    matrix = stance_grid.with_agency_verdicts(stance_grid.pivot(rows), rows, verdicts, coded_agencies.verdict_column(verdicts))
    widths, config = stance_grid.column_widths(matrix), stance_grid.column_config(matrix)
    open_page(page, f"{app_url}/compare?agency=campaign-zero-2016/boston/policy")
    grid = page.locator(".st-key-compare__grid__wide [data-testid=stDataFrame]")
    expect(grid.locator("th").first).to_be_attached()
    measure = "t => { const c = document.createElement('canvas').getContext('2d'); c.font = '14px ' + getComputedStyle(document.body).fontFamily; return c.measureText(t).width; }"
    texts = {"_index": list(matrix.index)} | {c: [c, *matrix[c]] for c in matrix.columns}
    cut = {c: t for c, ts in texts.items() for t in ts if widths[c] < page.evaluate(measure, t) + 16}
    assert not cut, cut
    assert config["_index"]["pinned"] and "Scroll sideways" in config["_index"]["help"]
    assert page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth <= m.clientWidth; }")
