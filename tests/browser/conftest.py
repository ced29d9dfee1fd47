"""Browser tests: the real app served on localhost, driven in headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``; ``make test`` installs it). Without it the
browser tests skip on a workstation but fail under ``CI=true``: CI never skips them.
Every page is opened with all requests outside localhost blocked and recorded, so a
chart or font that needs the internet shows up as a failure here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from harness.rendering import wait_until_drawn, watch_rendering
from harness.server import CHROMIUM, CHROMIUM_ARGS, AppServer, in_ci

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
# How long any wait may take before it fails: generous, so a loaded 2-core machine passes,
# and still a failure when the thing never happens.
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium"
    if in_ci():
        pytest.fail(message + " (CI never skips the browser tests)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def server(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    app = AppServer(built_db, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# What the console says when something is wrong: Plotly's warnings ("WARN: Invalid color
# specifier") come as traces. A failed load is reported with its address by ``_failed``.
COMPLAINTS = {"error", "warning", "trace", "assert"}
FAILED_LOAD = "Failed to load resource"


class OfflinePage:
    """A page whose requests outside localhost are blocked and remembered, with anything the
    server's Content-Security-Policy refused (a script, style or frame it does not allow);
    and what a maintainer would see in the browser's console: every error logged, every
    request of the app's own that failed or was answered with an error."""

    def __init__(self, page: Page):
        self.page = page
        self.external_requests: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._answered)

    def start(self) -> None:
        """Forget what an earlier test's visits recorded."""
        self.external_requests.clear()
        self.errors.clear()

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.external_requests.append(f"refused by the security policy: {message.text}")
        elif message.type in COMPLAINTS and not message.text.startswith(FAILED_LOAD):
            self.errors.append(f"console {message.type}: {message.text}")

    def _failed(self, request) -> None:
        # One outside is blocked here, and already remembered; one the browser itself
        # abandoned (the page navigated away before it was answered) is no fault of the app.
        if local(request.url) and request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _answered(self, response) -> None:
        if response.status >= 400 and local(response.url):
            self.errors.append(f"answered {response.status}: {response.url}")

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or local(url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()


def local(url: str) -> bool:
    return (urlparse(url).hostname or "") in LOCAL_HOSTS


DESKTOP: ViewportSize = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def reused_page(browser: Browser) -> Iterator[list[OfflinePage]]:
    """The worker's page, reused from test to test (a new one only if a test closed it).
    A page's first visit starts a renderer process and compiles Streamlit's scripts anew:
    about three CPU-seconds more than a visit in a page that has made one, on every test."""
    holder: list[OfflinePage] = []
    yield holder
    for offline in holder:
        offline.page.context.close()


@pytest.fixture
def offline_page(browser: Browser, reused_page: list[OfflinePage]) -> Iterator[OfflinePage]:
    """A desktop-sized page, on a blank document, with nothing recorded and no cookie or
    stored value of an earlier test's visits."""
    if not reused_page or reused_page[0].page.is_closed():
        reused_page.clear()
        context = browser.new_context(locale="en-CA", viewport=DESKTOP)
        context.set_default_timeout(WAIT_MS)
        offline = OfflinePage(context.new_page())
        watch_rendering(offline.page)
        reused_page.append(offline)
    offline = reused_page[0]
    offline.page.set_viewport_size(DESKTOP)
    offline.start()
    yield offline
    page = offline.page
    if page.is_closed():
        return
    # Left as a new visitor would find it: the app's session closed, nothing stored.
    with contextlib.suppress(PlaywrightError):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.goto("about:blank")
    page.context.clear_cookies()


def wait_for_app(page: Page) -> None:
    """Until the page's script has finished, its title is on screen and it is fully drawn."""
    wait_until_drawn(page)
    page.wait_for_selector('[data-testid="stMain"] h1')


def assert_healthy(offline: OfflinePage) -> None:
    """No exception or error box on the page, nothing asked of the network, no error in the
    console and no failed request of the app's own."""
    page = offline.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert offline.external_requests == [], offline.external_requests
    assert offline.errors == [], offline.errors


# Charts drawn on each page, and on each sector's view (its own and the comparison).
PAGE_CHARTS = {
    "/": 1,
    "/market": 1,  # the tariff lines per rate (the sectors' chapters are tables)
    "/market?hs=03": 1,  # fish: months since 2019 (the transport modes are a table)
    "/trade": 1,  # the shares chart is drawn when asked for
    "/trade?view=overview": 2,
    "/trade?view=chapters": 0,
    "/trade?hs=88": 2,  # aircraft: the markets with the longest names
    "/trade?province=QC": 2,
    "/programme": 2,
    "/self-assessment": 0,
    "/sources": 0,
    "/briefing": 0,
}


def wait_for_charts(page: Page, count: int) -> None:
    """Until ``count`` charts are on the page and every one has drawn its SVG."""
    # Every chart is placed under a "chart-<id>" key; Plotly draws into it once loaded.
    charts = page.locator('[class*="st-key-chart-"]')
    expect(charts).to_have_count(count)
    for index in range(count):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_attached()
        expect(chart.locator("g.trace").first).to_be_attached()


MAX_TABS = 60


def focused_key(page: Page) -> str:
    """The key of the widget whose control has the focus; "" on a label's help button."""
    return page.evaluate(
        """() => {
            if (document.activeElement.closest('[data-testid="stTooltipIcon"]')) return '';
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
    wait_until_drawn(page)  # each answer reruns the page: let it land before moving on


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
    page.keyboard.press("Space")  # the first choice: a company, which brings its questions
    wait_until_drawn(page)
    tab_to(page, "question-employees")
    page.keyboard.type(employees)
    page.keyboard.press("Enter")  # the size decides which questions follow
    wait_until_drawn(page)
    tab_to(page, "question-sector")
    page.keyboard.type(sector)
    page.keyboard.press("Enter")
    wait_until_drawn(page)
    choose(page, "services_to_canadian_organizations", "no")
    for question in yes:
        choose(page, question, "yes")
    tab_to(page, "question-submitted")
    page.keyboard.press("Enter")
