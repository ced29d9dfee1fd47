"""The self-assessment completed with the keyboard alone, in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from harness.rendering import wait_until_drawn
from tests.browser.conftest import (
    COMPANY_ANSWERS,
    complete_by_keyboard,
    tab_to,
    wait_for_app,
    wait_for_charts,
)
from tests.browser.test_accessibility import violations


def test_an_sme_completes_the_check_with_the_keyboard_alone(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/self-assessment")
    wait_for_app(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)  # deep link on a fresh server
    complete_by_keyboard(page, "45", "Clean tech", COMPANY_ANSWERS)

    result = page.locator('[data-testid="stAlertContentSuccess"]').filter(
        has_text="You appear to meet the published criteria"
    )
    expect(result).to_be_visible()
    expect(page.get_by_text("Judged as a small or medium-sized enterprise (SME)")).to_be_visible()
    expect(page.get_by_text("Monterrey: February 18 to 20, 2026")).to_be_visible()
    # The answers stay out of the address: only the language is kept there. (The query is
    # compared whole; a test of the full URL would trip over a random port such as 45505.)
    address = urlparse(page.url)
    assert address.path == "/self-assessment"
    assert parse_qs(address.query) == {"lang": ["en"]}
    assert offline_page.external_requests == []


def test_a_firm_finds_its_chapters_by_typing_and_sees_what_mexico_buys(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/self-assessment")
    wait_for_app(page)
    expect(page.locator(".st-key-question-export-search input")).to_be_visible()
    tab_to(page, "question-export-search")
    page.keyboard.type("seafood")
    page.keyboard.press("Enter")
    expect(page.get_by_text("the chapters matching “seafood”")).to_be_visible()
    tab_to(page, "question-exports")
    page.keyboard.type("molluscs")  # the picker's own filter narrows the matches to one
    expect(page.get_by_role("option", name="03 · Fish, crustaceans and molluscs")).to_be_visible()
    page.keyboard.press("Enter")
    chosen = page.locator(".st-key-question-exports [data-tag]")
    expect(chosen).to_have_text(["03 · Fish, crustaceans and molluscs"])
    page.keyboard.press("Escape")  # close the list, keep the choice
    complete_by_keyboard(page, "45", "Agri", COMPANY_ANSWERS)

    expect(page.get_by_text("You appear to meet the published criteria")).to_be_visible()
    expect(
        page.get_by_role(
            "heading",
            name="What you export: Canada's sales to Mexico and Mexico's market for them",
        )
    ).to_be_visible()
    expect(page.get_by_text("This never changes your result")).to_be_visible()
    wait_for_charts(page, 1)  # the chapter's exports to Mexico since 2000
    assert parse_qs(urlparse(page.url).query) == {"lang": ["en"]}
    assert offline_page.external_requests == []


def test_an_empty_submit_marks_every_blank_and_takes_the_focus_to_the_first(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/self-assessment?lang=fr")
    wait_for_app(page)
    tab_to(page, "question-organization_type")
    page.keyboard.press("Space")  # a company
    wait_until_drawn(page)
    tab_to(page, "question-submitted")
    page.keyboard.press("Enter")

    # Each blank is named beside its question, in a box screen readers announce.
    employees = page.locator(".st-key-missing-employees [role='alert']")
    expect(employees).to_contain_text("Répondez à cette question pour voir votre résultat.")
    expect(page.locator(".st-key-missing-sector [role='alert']")).to_be_visible()
    # The focus is on the first one, ready to type.
    expect(page.locator(".st-key-question-employees input")).to_be_focused()
    assert violations(page) == []  # the marks keep the page accessible
    page.keyboard.type("45")
    page.keyboard.press("Enter")
    expect(employees).to_have_count(0)
    expect(page.get_by_text("Pas encore complet")).to_be_visible()


def test_shortcodes_typed_in_the_search_are_shown_as_typed_not_as_icons(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/self-assessment")
    wait_for_app(page)
    search = page.locator(".st-key-question-export-search input")
    search.fill(":material/warning: :red[x] :smile:")
    search.press("Enter")
    # Whether chapters match or not, the page repeats what was typed (a caption or a notice).
    echo = page.locator('[data-testid="stCaptionContainer"], [data-testid="stAlert"]')
    notice = echo.filter(has_text="warning").first
    expect(notice).to_be_visible()
    shown = notice.inner_text().replace("\u2060", "")  # the word joiner that keeps it text
    assert ":material/warning: :red[x] :smile:" in shown
    assert offline_page.external_requests == []
