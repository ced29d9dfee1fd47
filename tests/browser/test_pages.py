"""Every sector link in Chromium, offline: charts drawn, no error box. (Every page is opened,
drawn and checked the same way by tests/browser/test_accessibility.py, in both languages.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    PAGE_CHARTS,
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


def test_the_programme_map_draws_every_state_offline(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/programme")
    wait_for_app(page)
    wait_for_charts(page, PAGE_CHARTS["/programme"])
    chart = page.locator(".st-key-chart-programme_map")
    fills = chart.locator(".scatterlayer .trace path.js-fill")
    assert fills.count() >= 2  # the states, and the hatched cluster states
    assert chart.locator(".scatterlayer .trace .point").count() >= 3  # the host cities
    expect(
        page.locator(".st-key-chart-programme_map").get_by_text("Querétaro").first
    ).to_be_attached()
    assert offline_page.external_requests == []


def test_a_malicious_sector_link_shows_a_notice_and_runs_nothing(server, offline_page):
    page = offline_page.page
    dialogs: list[str] = []

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(server.url + "/sectors?sector=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    wait_for_app(page)
    expect(page.get_by_text("does not know")).to_be_visible()
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert "sector=advanced_manufacturing" in page.url


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


@pytest.mark.parametrize(
    "path, chart_id",
    [
        ("/trade?hs=88", "chapter_88_trade"),
        ("/trade?province=NS", "province_ns_trend"),
        ("/trade?view=overview", "canada_mexico_trade"),
    ],
)
def test_a_chart_table_shows_its_years_on_a_desktop(server, offline_page, path, chart_id):
    """Streamlit's table hides an index of integers: every chart table's first column,
    the years, must be there on a desktop, once its switch has brought the table."""
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(server.url + path)
    wait_for_app(page)
    switch = page.locator(f'.st-key-table-{chart_id} input[type="checkbox"]')
    switch.scroll_into_view_if_needed()
    switch.click(force=True)
    table = page.locator(
        f".st-key-wide-table-{chart_id} table, .st-key-data-table-{chart_id} table"
    )
    table = table.first
    expect(table).to_be_visible()
    first_cells = table.locator("tbody tr > :first-child")
    expect(first_cells.first).to_have_text(re.compile(r"^(19|20)\d\d$"))
    assert_healthy(offline_page)
