"""When a Streamlit page has finished drawing, for the browser tests, screenshots and benchmarks.

The script-state attribute turns ``notRunning`` as soon as the server has sent the page, but
the browser is still drawing: widgets such as radios and download buttons are loaded on
demand and appear a few hundred milliseconds later, and Plotly takes one to two seconds
more, during which nothing in the document changes. A test that starts pressing Tab, or
runs axe, at ``notRunning`` sometimes meets a half-drawn page. So the page records when
its document last changed, and counts as drawn once its script has finished, no element is
still a loading skeleton, every chart (each sits in a container keyed ``chart-<id>``) has
drawn its traces, and nothing has changed for a short quiet spell.
"""

from __future__ import annotations

from playwright.sync_api import Page

NOT_RUNNING = '[data-testid="stApp"][data-test-script-state="notRunning"]'
QUIET_MS = 400

RECORD_CHANGES = """
window.__lastChange = 0;
new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {childList: true, subtree: true, characterData: true});
"""
DRAWN = """
quiet => {
    // A lazily loaded element (a table, a download button) shows a skeleton until it arrives.
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    for (const chart of document.querySelectorAll('[class*="st-key-chart-"]')) {
        if (!chart.querySelector('.main-svg g.trace')) return false;
    }
    return window.__lastChange > 0 && performance.now() - window.__lastChange > quiet;
}
"""


def watch_rendering(page: Page) -> None:
    """Record document changes on every page ``page`` opens from now on (before ``goto``)."""
    page.add_init_script(RECORD_CHANGES)


def wait_until_drawn(page: Page, quiet_ms: int = QUIET_MS) -> float:
    """Until the script has finished, every chart is drawn and the document has been still
    for ``quiet_ms``.

    Returns when the last change happened, in seconds since navigation started.
    """
    if page.evaluate("typeof window.__lastChange") == "undefined":
        raise RuntimeError("call watch_rendering(page) before opening the page")
    page.wait_for_selector(NOT_RUNNING)
    page.wait_for_function(DRAWN, arg=quiet_ms, polling=50)
    return page.evaluate("window.__lastChange") / 1000
