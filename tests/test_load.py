"""A short load run in every `make test`: sessions doing what people do, all at once.

`make load` runs the full one (20 sessions for 60 seconds, bench/load.py) and reports the
figures; this one only checks that concurrent sessions get answers, without errors. Each
session makes a fixed number of clicks, so a slow machine takes longer rather than failing;
the time bound only stops a server that has stopped answering.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.loadgen import run_load
from harness.server import AppServer
from harness.wsclient import run_sync

SESSIONS = 8
CLICKS = 3  # the overview, a sector, another sector: each session's first three clicks
SECONDS = 180  # bound: eight sessions' three clicks take about 10 s on a loaded 2-core machine
PAUSE = (0.3, 1.0)  # short reading pauses


@pytest.fixture(scope="module")
def app(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("load")
    database = folder / "trade_mission.duckdb"
    shutil.copy(built_db, database)
    server = AppServer(database, folder / "streamlit.log")
    yield server
    server.stop()


@pytest.mark.load
def test_concurrent_sessions_all_get_answers(app):
    report = run_sync(
        run_load(app.url, app.process.pid, SESSIONS, SECONDS, 0.0, PAUSE, clicks=CLICKS)
    )
    summary = report.summary()
    assert report.errors == [], report.errors[:5]
    assert report.interactions == SESSIONS * CLICKS, summary
    assert report.memory_peak_mb < 400, summary
