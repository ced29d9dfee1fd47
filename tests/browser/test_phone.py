"""A table too wide for a phone, as a phone shows it. (Every page is measured at 390 px,
both languages, by tests/browser/test_accessibility.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from harness.layout import PHONE, layout_problems, open_every_table
from tests.browser.conftest import COMPANY_ANSWERS, complete_by_keyboard, wait_for_app


def test_a_wide_table_is_stacked_on_a_phone_and_whole_on_a_desktop(server, offline_page):
    """The sector comparison (six columns): on a phone its rows as blocks, each value
    beside its column's name; on a wide screen the table itself."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/sectors?sector=ict&lang=fr")
    wait_for_app(page)
    stacked = page.locator(".st-key-stacked-table-comparison")
    expect(stacked).to_be_visible()
    expect(page.locator(".st-key-wide-table-comparison")).to_be_hidden()
    name = "Technologies de l’information et des communications"
    expect(stacked.locator("strong", has_text=name)).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.locator(".st-key-wide-table-comparison table")).to_be_visible()
    expect(stacked).to_be_hidden()


def test_a_long_table_folds_on_a_phone_saying_how_many_rows(server, offline_page):
    """The page's figures on Sources: a screen per stacked row, so on a phone they fold
    under "The table (N rows)" and open at a tap; a desktop shows the table unfolded."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/sources?lang=en")
    wait_for_app(page)
    stacked = page.locator(".st-key-stacked-table-figures")
    fold = stacked.locator("summary")
    expect(fold).to_have_text(re.compile(r"The table \(\d+ rows\)"))
    first = stacked.locator("strong").first
    expect(first).to_be_hidden()
    fold.click()
    expect(first).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.locator(".st-key-wide-table-figures table")).to_be_visible()
    expect(stacked).to_be_hidden()


def test_the_self_assessment_result_reads_on_a_phone_in_french(server, offline_page):
    """A firm on a phone fills the form with the keyboard: its result, the criteria one
    block each, the programme and the page's advice all read at 390 px."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/self-assessment?lang=fr")
    wait_for_app(page)
    complete_by_keyboard(page, "45", "Agri", COMPANY_ANSWERS)
    expect(page.get_by_text("Vous semblez satisfaire aux critères publiés")).to_be_visible()
    criteria = page.locator(".st-key-stacked-table-criteria")
    expect(criteria).to_be_visible()
    expect(page.locator(".st-key-wide-table-criteria")).to_be_hidden()
    open_every_table(page)
    assert layout_problems(page) == []
    assert offline_page.external_requests == []
