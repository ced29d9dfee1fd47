"""Every sector link in Chromium, offline: charts drawn, no error box. (Every page is opened,
drawn and checked the same way by tests/browser/test_accessibility.py, in both languages.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_healthy,
    wait_for_app,
    wait_for_charts,
)
from tests.conftest import SECTOR_CHARTS, SECTORS


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_link_opens_its_view_with_charts(server, offline_page, sector):
    page = offline_page.page
    page.goto(f"{server.url}/sectors?sector={sector}")
    wait_for_app(page)
    selected = page.locator(
        ".st-key-sector "
        + ", .st-key-sector ".join(
            ('button[aria-checked="true"]', '[aria-pressed="true"]', '[aria-selected="true"]')
        )
    )
    expect(selected).to_have_count(1)
    wait_for_charts(page, SECTOR_CHARTS[sector])
    assert f"sector={sector}" in page.url
    assert_healthy(offline_page)


def test_a_malicious_sector_link_shows_a_notice_and_runs_nothing(server, offline_page):
    page = offline_page.page
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    try:
        page.goto(server.url + "/sectors?sector=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        wait_for_app(page)
        expect(page.get_by_text("does not know")).to_be_visible()
        assert dialogs == []
        assert page.locator("script", has_text="alert(1)").count() == 0
        assert "sector=advanced_manufacturing" in page.url
    finally:
        page.remove_listener("dialog", refuse)  # the page is the next test's too


def test_the_browser_runs_only_the_scripts_the_server_allows(server, offline_page):
    """The page's own scripts run (the document's language is set by one), and a script
    slipped into the page is refused by the Content-Security-Policy."""
    page = offline_page.page
    response = page.goto(server.url + "/?lang=fr")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    assert offline_page.external_requests == []
    with pytest.raises(Exception, match=r"(?i)security policy|failed|refused"):
        page.add_script_tag(content="window.slippedIn = true;")
    assert page.evaluate("window.slippedIn") is None
    assert any("security policy" in line for line in offline_page.external_requests)


def test_the_database_link_on_sources_downloads_the_file(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/sources")
    wait_for_app(page)
    link = page.locator(".st-key-download-database a")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "trade_mission.duckdb"
    assert Path(download.value.path()).read_bytes()[8:12] == b"DUCK"
    assert offline_page.external_requests == []
