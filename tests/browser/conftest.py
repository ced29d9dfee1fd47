"""Browser tests: the real app served on localhost, driven in headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``; ``make test`` installs it). Without it the
browser tests skip on a workstation but fail under ``CI=true``: CI never skips them.
Every page is opened with all requests outside localhost blocked and recorded, so a
chart or font that needs the internet shows up as a failure here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.rendering import wait_until_drawn, watch_rendering
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, AppServer, in_ci

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


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


class OfflinePage:
    """A page whose requests outside localhost are blocked and remembered."""

    def __init__(self, page: Page):
        self.page = page
        self.external_requests: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(locale="en-CA", viewport={"width": 1400, "height": 1000})
    page = OfflinePage(context.new_page())
    watch_rendering(page.page)
    yield page
    context.close()


def wait_for_app(page: Page) -> None:
    """Until the page's script has finished, its title is on screen and it is fully drawn."""
    wait_until_drawn(page)
    page.wait_for_selector('[data-testid="stMain"] h1')
