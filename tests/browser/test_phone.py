"""A table too wide for a phone, as a phone shows it. (Every page is measured at 390 px,
both languages, by tests/browser/test_accessibility.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from harness.layout import PHONE, layout_problems, open_every_table
from tests.browser.conftest import COMPANY_ANSWERS, complete_by_keyboard, wait_for_app


def test_a_wide_table_is_stacked_on_a_phone_and_whole_on_a_desktop(server, offline_page):
    """The sector comparison (six columns): on a phone its rows as blocks, each value
    after its column's name; on a wide screen the table itself, its column headers shown."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/sectors?sector=ict&lang=fr")
    wait_for_app(page)
    table = page.locator(".st-key-data-table-comparison table")
    name = "Technologies de l’information et des communications"
    row = table.locator("tbody tr", has=page.locator("th", has_text=name))
    expect(row).to_be_visible()
    expect(table.locator("thead")).to_be_hidden()
    cell = row.locator("td[data-label]:not(:empty)").first
    label = cell.get_attribute("data-label") or ""
    assert label.endswith("\u00a0:")  # "Villes hôtes :", as French writes a colon
    assert before(cell) == f'"{label} "'
    assert display(row) == "block"
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(table.locator("thead")).to_be_visible()
    assert display(row) == "table-row"
    assert before(cell) == "none"


def test_a_long_table_folds_on_a_phone_saying_how_many_rows(server, offline_page):
    """The page's figures on Sources: a screen per stacked row, so on a phone they fold
    under "The table (N rows)" and open at a tap; a desktop shows the table unfolded."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/sources?lang=en")
    wait_for_app(page)
    box = page.locator(".st-key-data-table-figures")
    fold = box.locator("details.table-fold summary")
    expect(fold).to_have_text(re.compile(r"The table \(\d+ rows\)"))
    expect(box.locator(".table-wide table")).to_be_hidden()
    first = box.locator("details.table-fold tbody th").first
    expect(first).to_be_hidden()
    fold.click()
    expect(first).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(box.locator(".table-wide table")).to_be_visible()
    expect(box.locator("details.table-fold")).to_be_hidden()


def display(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).display")


def before(cell) -> str:
    """What the page writes before a cell: its column's name, on a phone."""
    return cell.evaluate("td => getComputedStyle(td, '::before').content")


def test_the_self_assessment_result_reads_on_a_phone_in_french(server, offline_page):
    """A firm on a phone fills the form with the keyboard: its result, the criteria one
    block each, the programme and the page's advice all read at 390 px."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/self-assessment?lang=fr")
    wait_for_app(page)
    complete_by_keyboard(page, "45", "Agri", COMPANY_ANSWERS)
    expect(page.get_by_text("Vous semblez satisfaire aux critères publiés")).to_be_visible()
    criteria = page.locator(".st-key-data-table-criteria table")
    expect(criteria.locator("tbody tr").first).to_be_visible()
    expect(criteria.locator("thead")).to_be_hidden()
    open_every_table(page)
    assert layout_problems(page) == []
    assert offline_page.external_requests == []
