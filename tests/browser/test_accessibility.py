"""WCAG 2.1 AA in both languages: axe-core finds nothing, and the checks axe cannot make;
and every page reads on a desktop and on a phone (harness/layout.py): its charts drawn
offline (the programme's map from the project's own shapes), every chart's table open, the
tables of charts over time led by their years."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from harness.layout import layout_problems, phone_problems
from harness.rendering import wait_until_drawn
from tests.browser.conftest import (
    COMPANY_ANSWERS,
    PAGE_CHARTS,
    WAIT_MS,
    assert_healthy,
    complete_by_keyboard,
    tab_to,
    wait_for_app,
    wait_for_charts,
)
from tests.conftest import SECTOR_CHARTS

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Not WCAG-tagged in axe, but asked of every page here: one h1, headings in order.
HEADINGS = {
    "runOnly": {"type": "rule", "values": ["heading-order", "page-has-heading-one"]},
    "resultTypes": ["violations"],
}
AXE = Axe()
LANGUAGES = ("en", "fr")
# Charts over time whose table starts with the years: Streamlit's table hides an index of
# integers, so a desktop once showed these tables without them.
YEAR_TABLES = {
    "/trade?hs=88": "chapter_88_trade",
    "/trade?province=QC": "province_qc_trend",
    "/trade?view=overview": "canada_mexico_trade",
}
YEAR = re.compile(r"^(19|20)\d\d$")


def violations(page: Page) -> list[str]:
    wait_until_drawn(page)  # axe on a half-drawn page reports what a reader never sees
    found = []
    for options in (WCAG_AA, HEADINGS):
        for item in AXE.run(page, options=options).response["violations"]:
            targets = [node["target"] for node in item["nodes"][:3]]
            found.append(f"{item['id']} ({item['impact']}): {item['help']} at {targets}")
    return found


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


# Every page (the trade page in each of its views) and the sector with the most kinds of
# chart and table (its sub-sectors, its chapters, the comparison).
AXE_PATHS = {
    **PAGE_CHARTS,
    "/sectors?sector=creative_industries": SECTOR_CHARTS["creative_industries"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", AXE_PATHS)
def test_every_page_draws_offline_passes_axe_and_reads_on_a_phone(
    server, offline_page, path, lang
):
    page = offline_page.page
    separator = "&" if "?" in path else "?"
    open_page(page, f"{server.url}{path}{separator}lang={lang}")
    charts = AXE_PATHS[path]
    wait_for_charts(page, charts)
    assert_healthy(offline_page)
    assert page.evaluate("document.documentElement.lang").startswith(lang)
    # What axe cannot judge: every chart has alt text and a real table of its numbers.
    figures = page.locator('[class*="st-key-chart-"] [role="figure"]')
    expect(figures).to_have_count(charts)
    for index in range(charts):
        assert len(figures.nth(index).get_attribute("aria-label") or "") > 40
    # A long table comes at the flick of its chart's switch: flick them all, then every
    # chart has its table, and axe judges the tables too.
    switches = page.evaluate(
        """() => [...document.querySelectorAll('[class*="st-key-table-"]')]
            .map(element => element.className.match(/st-key-(table-[^ ]+)/)[1])"""
    )
    for key in switches:
        page.locator(f".st-key-{key} label").click()
        expect(page.locator(f".st-key-{key} input")).to_be_checked()
        wait_until_drawn(page)
    # Each table arrives with the rerun its switch starts: wait for them, not for the rerun.
    page.wait_for_function(
        "count => document.querySelectorAll('[data-testid=\"stMain\"] table').length >= count",
        arg=charts,
        timeout=WAIT_MS,
    )
    if path in YEAR_TABLES:
        chart_id = YEAR_TABLES[path]
        table = page.locator(f".st-key-data-table-{chart_id} table").first
        expect(table.locator("tbody tr > :first-child").first).to_have_text(YEAR)
    if path == "/programme":
        assert_map_drawn(page)
    # axe once, on the whole page with every table open.
    assert violations(page) == []
    # And it reads, every table open, on this screen and on a phone's: no table wider than
    # the screen, no label cut or on another (harness/layout.py).
    assert layout_problems(page) == []
    assert phone_problems(page) == []


def assert_map_drawn(page: Page) -> None:
    """The programme's map, drawn from the project's own shapes: Mexico's states, the
    cluster states hatched, the host cities named."""
    chart = page.locator(".st-key-chart-programme_map")
    assert chart.locator(".scatterlayer .trace path.js-fill").count() >= 2
    assert chart.locator(".scatterlayer .trace .point").count() >= 3
    expect(chart.get_by_text("Querétaro").first).to_be_attached()


def test_the_self_assessment_by_keyboard_in_french(server, offline_page):
    page = offline_page.page
    open_page(page, f"{server.url}/self-assessment?lang=fr")
    organization_answers = ("strategic_alignment", "fosters_partnerships", "demonstrated_value")
    tab_to(page, "question-export-search")
    page.keyboard.type("fruits de mer")
    page.keyboard.press("Enter")
    expect(page.get_by_text("les chapitres correspondant à « fruits de mer »")).to_be_visible()
    tab_to(page, "question-exports")
    page.keyboard.type("mollusques")
    fish = page.get_by_role("option", name="03 · Poissons, crustacés et mollusques")
    expect(fish).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    complete_by_keyboard(page, "600", "Industries cré", COMPANY_ANSWERS + organization_answers)
    verdict = page.locator('[data-testid="stAlertContentSuccess"]').filter(
        has_text="Vous semblez satisfaire aux critères publiés"
    )
    expect(verdict).to_be_visible()
    expect(page.get_by_text("Évaluation faite comme grande entreprise.")).to_be_visible()
    expect(page.get_by_text("Guadalajara : du 18 au 20 février 2026").first).to_be_visible()
    # The result is text, not colour: every criterion says "Satisfait" in words.
    expect(page.locator("table").filter(has_text="✓ Satisfait").first).to_be_visible()
    # The market panel is checked by axe along with the result.
    panel = "Ce que vous exportez : les ventes du Canada au Mexique et le marché mexicain"
    expect(page.get_by_role("heading", name=panel)).to_be_visible()
    assert violations(page) == []
