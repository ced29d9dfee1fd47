"""Deep links work from the very first visit after the server starts."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_app
from tests.browser.server import AppServer


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
