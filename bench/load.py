"""``make load``: 20 sessions doing what people do, for 60 seconds, against the real app;
then what else a deployment goes through: 20 rebuilds of the database it serves, 30
downloads of the database, five decks asked for at the same moment.

    python bench/load.py [--sessions 20] [--seconds 60] [--rebuilds 20] [--downloads 30]
                         [--decks 5]

Prints the summary, writes bench/load.json, and exits 1 when a target is missed: no
error, 95th percentile interaction under 1 s, server memory under 400 MB throughout,
memory back near its baseline once the sessions have closed, and flat (within
``FLAT_MB``) across the rebuilds and across the downloads.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.build import build_database
from etl.inputs import Inputs
from harness.loadgen import Phase, database_downloads, deck_builds, measured, rebuilds, run_load
from harness.server import AppServer
from trade_mission.paths import DATABASE_DOWNLOAD

RESULTS_PATH = Path(__file__).resolve().parent / "load.json"
# Closed sessions are kept this long (seconds) by the load server, so memory can be read
# once they are gone; the app's own setting keeps them 120 s for reconnecting tabs.
SESSION_TTL = 5
# How much the server may hold after 20 rebuilds, or 30 downloads, beyond what it held
# before them: a version it no longer serves, or a file it sent, must not stay in memory.
FLAT_MB = 30
MEMORY_LIMIT_MB = 400


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rebuilds", type=int, default=20)
    parser.add_argument("--downloads", type=int, default=30)
    parser.add_argument("--decks", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "trade_mission.duckdb"
        build_database(Inputs.default(), database)
        server = AppServer(
            database,
            Path(folder) / "streamlit.log",
            extra_env={"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_TTL)},
        )
        pid = server.process.pid

        def rebuild() -> None:
            build_database(Inputs.default(), database)

        async def scenario() -> tuple:
            report = await run_load(server.url, pid, args.sessions, args.seconds, SESSION_TTL + 5)
            built = Phase("rebuilds", args.rebuilds)
            await measured(built, pid, rebuilds(server.url, rebuild, built), SESSION_TTL + 5)
            fetched = Phase("database downloads", args.downloads)
            work = database_downloads(server.url, DATABASE_DOWNLOAD, fetched)
            await measured(fetched, pid, work, 5)
            decks = Phase("decks at once", args.decks)
            await measured(decks, pid, deck_builds(server.url, decks), SESSION_TTL + 5)
            return report, built, fetched, decks

        try:
            report, built, fetched, decks = asyncio.run(scenario())
        finally:
            server.stop()
    phases = (built, fetched, decks)
    summary = report.summary()
    summary["phases"] = {phase.name: phase.summary() for phase in phases}
    errors = [*report.errors, *(error for phase in phases for error in phase.errors)]
    targets = {
        "no errors": errors == [],
        "p95 under 1 s": report.percentile(0.95) < 1.0,
        f"memory under {MEMORY_LIMIT_MB} MB": max(
            report.memory_peak_mb, *(phase.memory_peak_mb for phase in phases)
        )
        < MEMORY_LIMIT_MB,
        "memory back near baseline": report.memory_after_mb < report.memory_baseline_mb + 60,
        "memory flat across rebuilds": built.memory_after_mb < built.memory_before_mb + FLAT_MB,
        "memory flat across downloads": (
            fetched.memory_after_mb < fetched.memory_before_mb + FLAT_MB
        ),
    }
    summary["targets_met"] = targets
    print(json.dumps(summary, indent=2))
    for error in errors[:10]:
        print("error:", error, file=sys.stderr)
    RESULTS_PATH.write_text(json.dumps(summary, indent=2) + "\n")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
