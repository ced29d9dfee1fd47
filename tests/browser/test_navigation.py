"""Deep links work from the very first visit after the server starts."""

from __future__ import annotations

from playwright.sync_api import expect

from harness.rendering import watch_rendering
from harness.server import AppServer
from tests.browser.conftest import WAIT_MS, wait_for_app


def test_a_first_visit_on_a_deep_link_shows_no_page_not_found(built_db, tmp_path, offline_page):
    fresh = AppServer(built_db, tmp_path / "streamlit.log")
    try:
        page = offline_page.page
        page.goto(fresh.url + "/self-assessment")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Do we qualify?")).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
    finally:
        fresh.stop()


def test_sidebar_links_carry_the_language_so_a_copied_link_keeps_it(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/programme?lang=fr")
    wait_for_app(page)
    links = page.locator('[data-testid="stSidebar"] a')
    addresses = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert len(addresses) == 8
    assert all(address.endswith("lang=fr") for address in addresses), addresses
    page.get_by_role("link", name="Sources et données").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sources et données", level=1)).to_be_visible()
    assert page.url.endswith("/sources?lang=fr")


def test_on_a_phone_the_sidebar_starts_folded(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        watch_rendering(page)
        page.goto(server.url + "/?lang=en")
        wait_for_app(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute(
            "data-collapsed", "true"
        )
        expect(
            page.get_by_role("heading", name="Canada Trade Mission to Mexico")
        ).to_be_in_viewport()
    finally:
        context.close()


def test_figure_cards_in_a_row_are_one_height(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/?lang=fr")
    wait_for_app(page)
    # A figure card: the bordered block that holds a metric.
    cards = page.locator(
        '[data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"]'
        ' > [data-testid="stMetric"])'
    )
    boxes = [box for box in (cards.nth(i).bounding_box() for i in range(cards.count())) if box]
    rows: dict[float, set[float]] = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), set()).add(round(box["height"]))
    assert len(rows) >= 3
    assert all(len(heights) == 1 for heights in rows.values()), rows


def test_an_unknown_address_answers_in_the_pages_language(server, offline_page):
    """No English "Page not found" dialog over a French page: the server sends the first
    page with a notice in the language the address asked for."""
    page = offline_page.page
    page.goto(server.url + "/no-such-page?lang=fr")
    wait_for_app(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_text("L’adresse demandait une page")).to_be_visible()
    assert page.evaluate("document.documentElement.lang").startswith("fr")
    assert "no-such-page" not in page.url
