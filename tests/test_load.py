"""A short load run in every `make test`: 20 sessions doing what people do, all at once.

`make load` runs the same for 60 seconds (bench/load.py) and reports the figures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.server import AppServer
from tests.loadgen import run_load
from tests.wsclient import run_sync

SESSIONS = 20
SECONDS = 20
PAUSE = (2.0, 6.0)  # seconds a person reads between two clicks


@pytest.fixture(scope="module")
def app(built_db: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("load")
    database = folder / "trade_mission.duckdb"
    shutil.copy(built_db, database)
    server = AppServer(database, folder / "streamlit.log")
    yield server
    server.stop()


@pytest.mark.load
def test_twenty_sessions_at_once(app):
    report = run_sync(run_load(app.url, app.process.pid, SESSIONS, SECONDS, 3.0, PAUSE))
    summary = report.summary()
    assert report.errors == [], report.errors[:5]
    assert report.interactions >= SESSIONS * 3, summary
    assert report.percentile(0.95) < 1.0, summary
    assert report.memory_peak_mb < 400, summary
    assert report.memory_after_mb < report.memory_baseline_mb + 60, summary
