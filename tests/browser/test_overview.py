"""The Overview in real Chromium, offline."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_app


def test_overview_shows_headline_figures_offline(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Canada Trade Mission to Mexico")).to_be_visible()
    for value in ("nearly $56 billion", "over 132 million", "99%", "≈ $4.7 billion"):
        expect(main.get_by_text(value, exact=True).first).to_be_visible()
    # The official series, drawn with the page's figure as a marker against it.
    expect(
        page.locator(".js-plotly-plot .scatterlayer .trace path.js-line").first
    ).to_be_attached()
    expect(page.get_by_text("The page: nearly $56 billion").first).to_be_attached()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.external_requests == []


def test_a_figure_opens_its_source_sentence(server, offline_page):
    page = offline_page.page
    page.goto(server.url + "/")
    wait_for_app(page)
    page.locator(".st-key-source-bilateral_trade_2024 button").click()
    expect(page.get_by_text("reaching nearly $56 billion in 2024").first).to_be_visible()
