"""Concurrent sessions doing what people do, against a running app; used by the short load
test in ``make test`` and by ``make load`` (the full run).

Each session, until the time is up, with a pause to read between clicks: opens the
overview, opens a sector, switches sector with the picker, downloads that chart's CSV,
fills in the self-assessment (with the chapters it exports) and submits it, opens the trade
page and one chapter of it,
opens the programme, and searches the sources.
Every step is timed; an exception, an unavailable database, a failed download or a timeout
counts as an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import statistics
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness.wsclient import RUN_TIMEOUT, AppSession, state
from trade_mission.text.i18n import t

SECTORS = {
    "advanced_manufacturing": "Advanced manufacturing",
    "agriculture_processed_foods": "Agri-food",
    "clean_technologies": "Clean technologies",
    "creative_industries": "Creative industries",
    "ict": "ICT",
}
YES_NO = ("commercialized_offering", "registered_in_canada", "canadian_economic_benefit")
PLANS = ("mexico_in_international_plan", "resources_committed", "market_research_done")
SEARCHES = ("exports", "2024", "ICT", "agri-food", "million")
CHAPTERS = ("87", "84", "02", "03", "88", "85", "10", "22")
# What firms say they export in the self-assessment, as the chapter picker names them; one
# had no exports to Mexico in the latest year.
EXPORTS = (
    "03 · Fish, crustaceans and molluscs",
    "06 · Live plants and cut flowers",
    "88 · Aircraft, spacecraft and their parts",
    "85 · Electrical machinery and equipment",
)


@dataclass
class LoadReport:
    sessions: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    memory_baseline_mb: float = 0.0
    memory_peak_mb: float = 0.0
    memory_after_mb: float = 0.0

    @property
    def interactions(self) -> int:
        return len(self.latencies)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else 0.0

    def summary(self) -> dict:
        return {
            "sessions": self.sessions,
            "seconds": round(self.seconds, 1),
            "interactions": self.interactions,
            "errors": len(self.errors),
            "median_ms": round(self.median * 1000, 1),
            "p95_ms": round(self.percentile(0.95) * 1000, 1),
            "max_ms": round(max(self.latencies, default=0) * 1000, 1),
            "memory_baseline_mb": round(self.memory_baseline_mb, 1),
            "memory_peak_mb": round(self.memory_peak_mb, 1),
            "memory_after_mb": round(self.memory_after_mb, 1),
            "p95_ms_by_step": {
                step: round(sorted(times)[int(0.95 * (len(times) - 1))] * 1000, 1)
                for step, times in sorted(self.by_step.items())
            },
        }


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def think(rng: random.Random, pause: tuple[float, float]) -> None:
    """A person reads before the next click."""
    await asyncio.sleep(rng.uniform(*pause))


async def timed(report: LoadReport, step: str, action) -> object:
    started = time.perf_counter()
    try:
        result = await action
    except Exception as error:  # a timeout or a dropped connection is an error, not a crash
        report.errors.append(f"{step}: {type(error).__name__}: {error}")
        return None
    elapsed = time.perf_counter() - started
    report.latencies.append(elapsed)
    report.by_step.setdefault(step, []).append(elapsed)
    if getattr(result, "ok", True) is False:
        report.errors.append(f"{step}: {result.exceptions}")
    unavailable = t("app.database_unavailable", "en", command="make db")
    if unavailable in getattr(result, "errors", ()):
        report.errors.append(f"{step}: the database was unavailable")
    return result


class TimeUp(Exception):
    """The session's time or its clicks are over: it stops between two clicks."""


async def one_visit(
    session: AppSession,
    report: LoadReport,
    rng: random.Random,
    pause: tuple[float, float],
    over: Callable[[], bool] = lambda: False,
) -> None:
    """One visitor's path through the pages; ``over`` is asked before each click."""
    lang = {"lang": "en"}

    async def step(name: str, action):
        if over():
            action.close()  # the step never starts
            raise TimeUp
        result = await timed(report, name, action)
        await think(rng, pause)
        return result

    await step("overview", session.run("", lang))
    sector, other = rng.sample(list(SECTORS), 2)
    opened = await step("sector", session.run("sectors", {**lang, "sector": sector}))
    if opened is None or "sector" not in opened.widgets:
        return
    picker = state(opened.widgets["sector"], string_array_value={"data": [SECTORS[other]]})
    query = {**lang, "sector": sector}
    switched = await step("switch sector", session.run("sectors", query, [picker]))
    if switched is not None and switched.downloads:
        url = rng.choice(list(switched.downloads.values()))
        await step("download", asyncio.to_thread(session.download, url))
    form = await step("self-assessment", session.run("self-assessment", lang))
    if form is not None:
        await step("submit", submit_assessment(session, form.widgets, rng))
    await step("trade", session.run("trade", lang))
    await step("trade chapter", session.run("trade", {**lang, "hs": rng.choice(CHAPTERS)}))
    await step("programme", session.run("programme", lang))
    sources = await step("sources", session.run("sources", lang))
    if sources is not None and "figure-search" in sources.widgets:
        search = state(sources.widgets["figure-search"], string_value=rng.choice(SEARCHES))
        await step("search", session.run("sources", lang, [search]))


async def submit_assessment(session: AppSession, widgets: dict[str, str], rng: random.Random):
    """A company of 10 to 900 employees, answering mostly yes, that exports one or two
    chapters: the result carries the market panel. As in the browser, choosing the type
    brings the size question, and the size the questions for that size."""
    answer = lambda name, value: state(widgets[f"question-{name}"], string_value=value)  # noqa: E731
    yes, no = t("assessment.choice.yes"), t("assessment.choice.no")
    who = [answer("organization_type", t("eligibility.question.organization_type.company"))]
    shown = await session.run("self-assessment", {"lang": "en"}, who)  # the size question
    if not shown.ok:
        return shown
    widgets = {**widgets, **shown.widgets}
    who.append(state(widgets["question-employees"], int_value=rng.randint(10, 900)))
    shown = await session.run("self-assessment", {"lang": "en"}, who)  # the rest, for that size
    if not shown.ok:
        return shown
    widgets = {**widgets, **shown.widgets}
    states = [
        *who,
        answer("services_to_canadian_organizations", no),
        *[answer(name, yes if rng.random() < 0.9 else no) for name in (*YES_NO, *PLANS)],
        state(
            widgets["question-exports"],
            string_array_value={"data": rng.sample(EXPORTS, rng.randint(1, 2))},
        ),
        state(widgets["question-submitted"], trigger_value=True),
    ]
    result = await session.run("self-assessment", {"lang": "en"}, states)
    if result.ok and t("market.title") not in result.texts:
        result.exceptions.append("the market panel is missing from the result")
    return result


async def session_loop(
    url: str,
    report: LoadReport,
    deadline: float,
    clicks: float,
    seed: int,
    pause: tuple[float, float],
) -> None:
    rng = random.Random(seed)
    own = [0]  # this session's clicks, answered or failed

    def over() -> bool:
        own[0] += 1
        return time.monotonic() > deadline or own[0] > clicks

    try:
        async with AppSession(url) as session:
            await think(rng, (0, pause[1]))  # people do not all arrive at once
            while time.monotonic() < deadline:
                await one_visit(session, report, rng, pause, over)
    except TimeUp:
        pass
    except Exception as error:
        report.errors.append(f"session {seed}: {type(error).__name__}: {error}")


async def sample_memory(pid: int, report: LoadReport, stop: asyncio.Event) -> None:
    while not stop.is_set():
        report.memory_peak_mb = max(report.memory_peak_mb, rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def run_load(
    url: str,
    pid: int,
    sessions: int,
    seconds: float,
    settle: float,
    pause: tuple[float, float] = (2.0, 6.0),
    clicks: float = math.inf,
) -> LoadReport:
    """``sessions`` concurrent sessions for ``seconds``, or until each has made ``clicks``
    clicks; memory before, at peak, after.

    ``settle`` is how long to wait after the sessions close before reading memory again
    (the server keeps a closed session for its disconnectedSessionTTL). ``pause`` is the
    range of seconds a person spends reading between two clicks.
    """
    report = LoadReport(sessions, seconds)
    async with AppSession(url) as warm_up:  # caches warm, as for any visitor but the first
        await one_visit(warm_up, LoadReport(1, 0), random.Random(0), (0, 0))
    report.memory_baseline_mb = rss_mb(pid)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(pid, report, stop))
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(session_loop(url, report, deadline, clicks, seed, pause) for seed in range(sessions))
    )
    stop.set()
    await sampler
    await asyncio.sleep(settle)
    report.memory_after_mb = rss_mb(pid)
    return report


# What a deployment goes through besides visitors: rebuilds, downloads, decks. ---------------


@dataclass
class Phase:
    """One kind of work repeated ``count`` times, and the server's memory around it."""

    name: str
    count: int
    seconds: float = 0.0
    memory_before_mb: float = 0.0
    memory_peak_mb: float = 0.0
    memory_after_mb: float = 0.0
    errors: list[str] = field(default_factory=list)
    timings: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "count": self.count,
            "seconds": round(self.seconds, 1),
            "errors": len(self.errors),
            "max_s": round(max(self.timings, default=0), 2),
            "memory_before_mb": round(self.memory_before_mb, 1),
            "memory_peak_mb": round(self.memory_peak_mb, 1),
            "memory_after_mb": round(self.memory_after_mb, 1),
        }


async def measured(phase: Phase, pid: int, work, settle: float) -> Phase:
    """Run ``work`` (a coroutine) while sampling the server's memory; read it again
    ``settle`` seconds after."""
    phase.memory_before_mb = phase.memory_peak_mb = rss_mb(pid)
    report = LoadReport(0, 0)
    report.memory_peak_mb = phase.memory_peak_mb
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(pid, report, stop))
    started = time.perf_counter()
    try:
        await work
    except Exception as error:
        phase.errors.append(f"{phase.name}: {type(error).__name__}: {error}")
    phase.seconds = time.perf_counter() - started
    stop.set()
    await sampler
    await asyncio.sleep(settle)
    phase.memory_peak_mb = max(report.memory_peak_mb, rss_mb(pid))
    phase.memory_after_mb = rss_mb(pid)
    return phase


async def rebuilds(url: str, rebuild, phase: Phase) -> None:
    """``rebuild()`` (which replaces the served file) ``phase.count`` times, a visitor
    reading each new version on two pages."""
    async with AppSession(url) as session:
        for _ in range(phase.count):
            started = time.perf_counter()
            await asyncio.to_thread(rebuild)
            for page, query in (("", {"lang": "en"}), ("trade", {"lang": "en", "hs": "87"})):
                result = await session.run(page, query)
                if not result.ok:
                    phase.errors.append(f"after a rebuild, {page or 'overview'}: {result}")
            phase.timings.append(time.perf_counter() - started)


def fetch(address: str) -> bytes:
    with urllib.request.urlopen(address, timeout=RUN_TIMEOUT) as response:
        return response.read()


async def database_downloads(url: str, path: str, phase: Phase, at_once: int = 5) -> None:
    """The database downloaded ``phase.count`` times, ``at_once`` at a time."""
    gate = asyncio.Semaphore(at_once)

    async def one() -> None:
        async with gate:
            started = time.perf_counter()
            data = await asyncio.to_thread(fetch, url + path)
            phase.timings.append(time.perf_counter() - started)
            if data[8:12] != b"DUCK":  # a DuckDB file's magic bytes
                phase.errors.append(f"a download of {len(data)} bytes is not a DuckDB file")

    await asyncio.gather(*(one() for _ in range(phase.count)))


async def deck_builds(url: str, phase: Phase) -> None:
    """``phase.count`` people clicking "download the deck" at the same moment."""

    async def one() -> None:
        async with AppSession(url) as session:
            page = await session.run("briefing", {"lang": "en"})
            started = time.perf_counter()
            deck = await session.click_download(page.deferred["briefing-download"])
            phase.timings.append(time.perf_counter() - started)
            if not deck.startswith(b"PK"):  # a .pptx is a zip file
                phase.errors.append(f"a deck of {len(deck)} bytes is not a .pptx")

    await asyncio.gather(*(one() for _ in range(phase.count)))
