"""The self-assessment completed with the keyboard alone, in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_for_app

MAX_TABS = 60


def focused_key(page: Page) -> str:
    return page.evaluate(
        """() => {
            const holder = document.activeElement.closest('[class*="st-key-"]');
            const match = holder && holder.className.match(/st-key-([^ ]+)/);
            return match ? match[1] : '';
        }"""
    )


def focused_element(page: Page) -> str:
    """The focused element in a few words, for a failure message."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            if (!element) return '(none)';
            const label = element.getAttribute('aria-label') || element.textContent || '';
            return `${element.tagName.toLowerCase()} "${label.trim().slice(0, 30)}"`;
        }"""
    )


def tab_to(page: Page, key: str) -> None:
    """Press Tab until the widget with ``key`` has the focus, as a keyboard user would."""
    trail = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_key(page) == key:
            return
        trail.append(focused_key(page) or focused_element(page))
    raise AssertionError(f"Tab never reached {key}; focus went through {trail}")


def choose(page: Page, question: str, answer: str) -> None:
    """Yes is the first option (Space selects it); No is the second (an arrow moves to it)."""
    tab_to(page, f"question-{question}")
    page.keyboard.press("Space" if answer == "yes" else "ArrowRight")


COMPANY_ANSWERS = (
    "commercialized_offering",
    "registered_in_canada",
    "canadian_economic_benefit",
    "mexico_in_international_plan",
    "resources_committed",
    "market_research_done",
)


def complete_by_keyboard(page: Page, employees: str, sector: str, yes: tuple[str, ...]) -> None:
    """A company that is not a service provider to Canadian organizations, answering yes
    to ``yes``, typed and chosen with Tab, Space, arrows and Enter only."""
    expect(page.locator(".st-key-question-organization_type input").first).to_be_visible()
    tab_to(page, "question-organization_type")
    page.keyboard.press("Space")  # the first choice: a company
    tab_to(page, "question-employees")
    page.keyboard.type(employees)
    tab_to(page, "question-sector")
    page.keyboard.type(sector)
    page.keyboard.press("Enter")
    choose(page, "services_to_canadian_organizations", "no")
    for question in yes:
        choose(page, question, "yes")
    tab_to(page, "question-submitted")
    page.keyboard.press("Enter")


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
