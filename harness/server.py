"""The app served for real on a free localhost port, and Chromium's settings here.

Used by the browser tests, the screenshot script and the benchmarks, so all three run
the app exactly as ``make run`` does.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from etl import paths
from trade_mission.reports.images import DEBIAN_CHROMIUM, OFFLINE_CHROMIUM_FLAGS

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", DEBIAN_CHROMIUM))
# The deck's offline flags: without them Chromium asks DNS for Google's hosts at start.
# The app is served on 127.0.0.1, which they leave reachable.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", *OFFLINE_CHROMIUM_FLAGS]
SERVER_START_TIMEOUT = 60


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """The app as ``make run`` serves it (``server.py``), on a free port; ready once
    it says so and answers its health check. ``extra_args`` serves another script with
    ``streamlit run`` instead (the benchmarks' bare page)."""

    def __init__(
        self,
        db_path: Path,
        log_path: Path,
        extra_env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
    ):
        self.db_path = db_path  # the database it serves
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {**os.environ, paths.DB_ENV_VAR: str(db_path), **(extra_env or {})}
        self.process = subprocess.Popen(
            [
                sys.executable,
                *(["-m", "streamlit", "run", *extra_args] if extra_args else ["server.py"]),
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
            ],
            cwd=paths.PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self._wait_until_ready()

    def _pump(self) -> None:
        assert self.process.stdout is not None  # opened with stdout=PIPE
        with self.log_path.open("w") as log:
            for line in self.process.stdout:
                log.write(line)
                log.flush()
                self._lines.put(line)
        self._lines.put(None)

    def _wait_until_ready(self) -> None:
        while True:
            try:
                line = self._lines.get(timeout=SERVER_START_TIMEOUT)
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"the app did not start; see {self.log_path}") from None
            if line is None:
                raise RuntimeError(f"the app exited at start; see {self.log_path}")
            if "Local URL" in line or "You can now view" in line:
                break
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=10) as response:
            if response.read() != b"ok":
                raise RuntimeError("the app's health check did not answer ok")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
