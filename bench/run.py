"""Benchmarks: ``make bench`` prints a table and writes bench/results.json.

    python bench/run.py [--only NAME ...] [--repeat N]

Each measurement is a function below, registered in ``MEASUREMENTS``; it returns rows of
(name, value, unit, target) that the table shows. Targets come from the issues that set
them; a row without a target is informative.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl import paths
from etl.build import build_database
from etl.inputs import Inputs
from harness.loadgen import rss_mb
from harness.rendering import wait_until_drawn, watch_rendering
from harness.server import CHROMIUM, CHROMIUM_ARGS, AppServer, free_port
from harness.wsclient import AppSession, state

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"
Row = tuple[str, float, str, str]


def measure_etl(workdir: Path, repeat: int) -> list[Row]:
    """Full ETL build (parse, validate, write, swap) in-process, and the command end to end."""
    inside = []
    for attempt in range(repeat):
        report = build_database(Inputs.default(), workdir / f"etl-{attempt}.duckdb")
        inside.append(report.seconds)
    command = []
    for attempt in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "etl", "--db", str(workdir / f"cli-{attempt}.duckdb")],
            cwd=paths.PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        command.append(time.perf_counter() - started)
    size = (workdir / "etl-0.duckdb").stat().st_size / 1e6
    return [
        ("ETL build, median (in process)", statistics.median(inside), "s", "< 2 s"),
        ("ETL command `python -m etl`, median", statistics.median(command), "s", ""),
        (
            "database file (what the app opens and Sources offers to download)",
            size,
            "MB",
            "< 15 MB",
        ),
    ]


def measure_server_start(workdir: Path, repeat: int) -> list[Row]:
    """From starting `streamlit run app.py` to the first `ok` from /_stcore/health."""
    db = workdir / "server.duckdb"
    build_database(Inputs.default(), db)
    timings = []
    for _ in range(repeat):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "server.py", "--server.port", str(port)],
            cwd=paths.PROJECT_ROOT,
            env={**os.environ, paths.DB_ENV_VAR: str(db)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/_stcore/health", timeout=1
                    ) as response:
                        if response.read() == b"ok":
                            break
                except OSError:
                    time.sleep(0.02)
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the server did not become healthy in 60 s")
            timings.append(time.perf_counter() - started)
        finally:
            process.terminate()
            process.wait(timeout=15)
    return [("Start to healthy server, median", statistics.median(timings), "s", "< 3 s")]


PAGES = {
    "overview": ("", {"lang": "en"}),
    "sectors (ICT)": ("sectors", {"lang": "en", "sector": "ict"}),
    "sectors (advanced manufacturing)": (
        "sectors",
        {"lang": "en", "sector": "advanced_manufacturing"},
    ),
    "sectors (agri-food)": ("sectors", {"lang": "en", "sector": "agriculture_processed_foods"}),
    "market (overview)": ("market", {"lang": "en"}),
    "market (chapter 03)": ("market", {"lang": "en", "hs": "03"}),
    "trade (latest months)": ("trade", {"lang": "en"}),
    "trade (since 1990)": ("trade", {"lang": "en", "view": "overview"}),
    "trade (every chapter)": ("trade", {"lang": "en", "view": "chapters"}),
    "trade (chapter 87)": ("trade", {"lang": "en", "hs": "87"}),
    "trade (provinces)": ("trade", {"lang": "en", "province": "QC"}),
    "programme": ("programme", {"lang": "en"}),
    "self-assessment": ("self-assessment", {"lang": "en"}),
    "sources": ("sources", {"lang": "en"}),
    "briefing": ("briefing", {"lang": "en"}),
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def app_server(workdir: Path, name: str, **kwargs) -> AppServer:
    db = workdir / f"{name}.duckdb"
    if not db.exists():
        build_database(Inputs.default(), db)
    return AppServer(db, workdir / f"{name}.log", **kwargs)


def measure_first_render(workdir: Path, repeat: int) -> list[Row]:
    """Headless Chromium, a fresh tab each time: navigation to the page fully drawn (every
    chart, and the last change to the document before a quiet spell), for each page and
    for a bare one-chart Streamlit page served the same way. The bare page is sampled
    between the page's own samples (bare, page, bare, page...), and each page is compared
    with the bare page of its own rounds, so a machine that drifts during the run cannot
    flatter one page against a bare page measured at another time."""
    from playwright.sync_api import sync_playwright

    app = app_server(workdir, "render")
    bare = AppServer(
        workdir / "render.duckdb",
        workdir / "bare.log",
        extra_args=[str(Path(__file__).resolve().parent / "bare_app.py")],
    )
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

            def render(url: str) -> float:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                watch_rendering(page)
                page.goto(url)
                drawn = wait_until_drawn(page)
                page.close()
                return drawn

            render(bare.url)
            render(app.url)  # both servers warm
            all_bare = []
            for name, (path, query) in PAGES.items():
                url = f"{app.url}/{path}?{urlencode(query)}"
                bare_times, page_times = [], []
                for _ in range(repeat):
                    bare_times.append(render(bare.url))
                    page_times.append(render(url))
                all_bare += bare_times
                seconds, bare_time = statistics.median(page_times), statistics.median(bare_times)
                rows.append((f"First render: {name}, median", seconds, "s", ""))
                rows.append(
                    (
                        f"First render: {name} / bare page between",
                        seconds / bare_time,
                        "x",
                        "< 1.3",
                    )
                )
            rows.insert(
                0,
                (
                    "First render: bare one-chart page, median",
                    statistics.median(all_bare),
                    "s",
                    "",
                ),
            )
            browser.close()
    finally:
        app.stop()
        bare.stop()
    return rows


def measure_reruns(workdir: Path, repeat: int) -> list[Row]:
    """Server-side reruns with warm caches, over the websocket: every page, and a widget
    change (the sector picker)."""
    app = app_server(workdir, "reruns")
    rows = []

    async def scenario() -> None:
        async with AppSession(app.url) as session:
            for name, (path, query) in PAGES.items():
                await session.run(path, query)
                times = [(await session.run(path, query)).seconds for _ in range(repeat * 4)]
                rows.append((f"Rerun: {name}, median", statistics.median(times), "s", "< 0.15"))
            opened = await session.run("sectors", {"lang": "en", "sector": "ict"})
            picker = opened.widgets["sector"]
            names = ["ICT", "Agri-food", "Creative industries", "Clean technologies"]
            times = []
            for index in range(repeat * 8):
                choice = state(picker, string_array_value={"data": [names[index % len(names)]]})
                result = await session.run("sectors", {"lang": "en", "sector": "ict"}, [choice])
                times.append(result.seconds)
            rows.append(("Rerun after a sector change, median", statistics.median(times), "s", ""))
            rows.append(("Rerun after a sector change, p95", percentile(times, 0.95), "s", ""))

    try:
        asyncio.run(scenario())
    finally:
        app.stop()
    return rows


def measure_sessions(workdir: Path, repeat: int) -> list[Row]:
    """Server memory with 1 and with 20 open sessions; 10 sessions rerunning at once."""
    app = app_server(workdir, "sessions")
    rows = []

    async def scenario() -> None:
        async with contextlib.AsyncExitStack() as stack:
            sessions = [await stack.enter_async_context(AppSession(app.url)) for _ in range(20)]
            visits = [
                ("sectors", {"lang": "en", "sector": "ict"}),
                ("trade", {"lang": "en"}),
                ("trade", {"lang": "en", "hs": "87"}),
            ]
            for path, query in visits:
                await sessions[0].run(path, query)
            rows.append(("Server memory, 1 session", rss_mb(app.process.pid), "MB", ""))
            for session in sessions[1:]:
                for path, query in visits:
                    await session.run(path, query)
            rows.append(("Server memory, 20 sessions", rss_mb(app.process.pid), "MB", "< 400"))
            together, each = [], []
            for _ in range(repeat):
                started = time.perf_counter()
                results = await asyncio.gather(
                    *(session.run("", {"lang": "en"}) for session in sessions[:10])
                )
                together.append(time.perf_counter() - started)
                each += [result.seconds for result in results]
            rows.append(
                (
                    "10 sessions rerunning at once, all done, median",
                    statistics.median(together),
                    "s",
                    "",
                )
            )
            rows.append(
                ("10 sessions rerunning at once, each, p95", percentile(each, 0.95), "s", "")
            )

    try:
        asyncio.run(scenario())
    finally:
        app.stop()
    return rows


def measure_deck(workdir: Path, repeat: int) -> list[Row]:
    """The briefing deck: full and one-sector, built in-process as the page builds it
    (images rendered in the local Chromium), and the one-sector deck from the command line."""
    from trade_mission.data.database import open_snapshot
    from trade_mission.reports import deck as briefing
    from trade_mission.reports.briefing_data import BriefingOptions
    from trade_mission.views.briefing import load_briefing_data

    db = workdir / "deck.duckdb"
    build_database(Inputs.default(), db)
    data = load_briefing_data(open_snapshot(db), "en")
    sectors = tuple(data.sector_ids)
    rows = []
    for label, options in (
        ("Deck, five sectors, trade, programme, eligibility", BriefingOptions(sectors)),
        ("Deck, five sectors, --no-trade", BriefingOptions(sectors, trade=False)),
        ("Deck, one sector", BriefingOptions(("ict",))),
    ):
        times = []
        for _ in range(max(2, repeat // 2)):
            started = time.perf_counter()
            briefing.build_deck(data, options, dt.date.today())
            times.append(time.perf_counter() - started)
        target = "< 15 s" if len(options.sectors) > 1 else "< 5 s"
        rows.append((f"{label}, median", statistics.median(times), "s", target))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "trade_mission.briefing",
            "--out",
            str(workdir / "deck.pptx"),
            "--sectors",
            "ict",
        ],
        cwd=paths.PROJECT_ROOT,
        env={**os.environ, paths.DB_ENV_VAR: str(db)},
        check=True,
        capture_output=True,
    )
    rows.append(
        ("Deck, one sector, command line end to end", time.perf_counter() - started, "s", "")
    )
    return rows


MEASUREMENTS: dict[str, Callable[[Path, int], list[Row]]] = {
    "etl": measure_etl,
    "server_start": measure_server_start,
    "first_render": measure_first_render,
    "reruns": measure_reruns,
    "sessions": measure_sessions,
    "deck": measure_deck,
}


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks.")
    parser.add_argument("--only", nargs="*", choices=sorted(MEASUREMENTS), default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--pages", nargs="*", choices=sorted(PAGES), default=None, help="first render: only these"
    )
    args = parser.parse_args()
    for name in set(PAGES) - set(args.pages or PAGES):
        del PAGES[name]
    chosen = args.only or list(MEASUREMENTS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            rows += MEASUREMENTS[name](Path(folder), args.repeat)
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement':<{width}}  {'value':>10}  unit  target", flush=True)
    for name, value, unit, target in rows:
        print(f"{name:<{width}}  {value:>10.3f}  {unit:<4}  {target}")
    RESULTS_PATH.write_text(
        json.dumps(
            {
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "results": [
                    {"name": n, "value": round(v, 4), "unit": u, "target": t}
                    for n, v, u, t in rows
                ],
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS_PATH.relative_to(paths.PROJECT_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
