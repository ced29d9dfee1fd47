"""Chart images for the deck and the chart pack: the app's own Plotly figures rendered to
PNG by Plotly's exporter (Kaleido) in the local Chromium.

plotly.js comes from the installed plotly package and MathJax is off, and the browser is
started with ``OFFLINE_CHROMIUM_FLAGS`` (every background service off, every host name
mapped to nowhere), so it neither fetches nor resolves anything. When no browser can
render (none installed, or it fails or times out), ``ImageExportUnavailable`` says so and
the deck shows each chart's data as text instead; any other failure is a bug and is
raised as it is.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import choreographer.errors
import kaleido
import plotly.graph_objects as go
from choreographer.browsers import Chromium

from trade_mission.charts.base import Chart

IMAGE_SCALE = 3  # three image pixels per CSS pixel: crisp on a projector
RENDER_TIMEOUT_SECONDS = 90
_LOG = logging.getLogger(__name__)


# What a missing, crashed or stuck browser raises through Kaleido and its browser driver.
# A figure that plotly.js refuses (kaleido.errors.KaleidoError) is a bug, not among them.
BROWSER_FAILURES = (
    choreographer.errors.BrowserFailedError,
    choreographer.errors.BrowserDepsError,
    choreographer.errors.ChromeNotFoundError,
    choreographer.errors.BrowserClosedError,
    choreographer.errors.ChannelClosedError,
    TimeoutError,
)


class ImageExportUnavailable(RuntimeError):
    """Chart images cannot be made here (no Chromium, or it failed or timed out)."""


# Where Debian's chromium package puts the browser (`make browser` installs it);
# CHROMIUM_PATH chooses another. The browser tests launch the same one.
DEBIAN_CHROMIUM = "/usr/bin/chromium"


# What keeps a headless Chromium from reaching beyond the machine. Without them, one deck
# asked DNS for Google's update, sync and account hosts (and the default search engine's)
# dozens of times. The resolver rule answers every name but localhost with "not found"
# before any query is sent; the proxy (a closed port here) catches a request to a literal
# address, loopback excepted as Chromium always excepts it; the rest switch off the
# services that would try (updates, translation, metrics, safe browsing, time queries,
# DNS prefetch, pings). The browser tests and the benchmark
# launch Chromium with the same flags (`harness/server.py`).
OFFLINE_CHROMIUM_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--dns-prefetch-disable",
    "--no-pings",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--disable-features=OptimizationHints,Translate,MediaRouter,DialMediaRouteProvider,"
    "NetworkTimeServiceQuerying,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
    "InterestFeedContentSuggestions,SafeBrowsing,DnsOverHttps,AsyncDns",
)


class OfflineChromium(Chromium):
    """Choreographer's Chromium, started with ``OFFLINE_CHROMIUM_FLAGS`` after its own."""

    def get_cli(self) -> list[str]:
        return [*super().get_cli(), *OFFLINE_CHROMIUM_FLAGS]


def chromium_path() -> str | None:
    """Debian's Chromium (or ``CHROMIUM_PATH``), else whatever Chrome is on the PATH."""
    configured = os.environ.get("CHROMIUM_PATH", DEBIAN_CHROMIUM)
    if Path(configured).is_file():
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pngs(
    figures: list[tuple[go.Figure, int, int]], scale: int = IMAGE_SCALE
) -> list[bytes]:
    """PNG images of Plotly figures (width and height in CSS pixels), rendered together.

    One headless Chromium for the whole batch, started offline (``OfflineChromium``);
    plotly.js comes from the installed plotly package and MathJax is off.
    """
    browser = chromium_path()
    if browser is None:
        raise ImageExportUnavailable("no Chromium to render chart images")

    async def render() -> list[bytes]:
        # One tab: each extra tab loads plotly.js again, which costs more than it saves.
        async with kaleido.Kaleido(
            n=1,
            mathjax=False,
            path=browser,
            timeout=RENDER_TIMEOUT_SECONDS,
            browser_cls=OfflineChromium,
        ) as exporter:
            return await asyncio.gather(
                *(
                    exporter.calc_fig(
                        figure,
                        opts=dict(format="png", width=width, height=height, scale=scale),
                    )
                    for figure, width, height in figures
                )
            )

    try:
        # In a thread of its own: the caller's thread may already run an event loop.
        with ThreadPoolExecutor(max_workers=1) as worker:
            return list(worker.submit(asyncio.run, render()).result())
    except BROWSER_FAILURES as error:
        _LOG.warning("chart images could not be rendered: %s", error)
        raise ImageExportUnavailable(
            f"the browser could not render chart images ({error})"
        ) from error


def for_export(chart: Chart) -> go.Figure:
    """The chart's figure as it is on screen, with a little more room at the edges."""
    figure = go.Figure(chart.figure)
    figure.update_layout(margin=dict(l=20, r=40, t=30, b=20))
    return figure


def chart_height(chart: Chart) -> int:
    """Pixels to render a chart at for the chart pack: maps need more height."""
    return 760 if chart.wide else 620
