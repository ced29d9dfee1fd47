"""Benchmarks: ``make bench`` prints a table and writes bench/results.json.

    python bench/run.py [--only NAME ...] [--repeat N]

Each measurement is a function below, registered in ``MEASUREMENTS``; it returns rows of
(name, value, unit, target) that the table shows. Targets come from the issues that set
them; a row without a target is informative.
"""

from __future__ import annotations

import argparse
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.build import build_database
from etl.transform import Inputs
from tests.browser.server import free_port
from trade_mission import config

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
            cwd=config.PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        command.append(time.perf_counter() - started)
    return [
        ("ETL build, median (in process)", statistics.median(inside), "s", "< 1 s"),
        ("ETL command `python -m etl`, median", statistics.median(command), "s", ""),
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
            [sys.executable, "scripts/serve.py", "--server.port", str(port)],
            cwd=config.PROJECT_ROOT,
            env={**os.environ, config.DB_ENV_VAR: str(db)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    with urllib.request.urlopen(
                        f"http://localhost:{port}/_stcore/health", timeout=1
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


MEASUREMENTS: dict[str, Callable[[Path, int], list[Row]]] = {
    "etl": measure_etl,
    "server_start": measure_server_start,
}


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks.")
    parser.add_argument("--only", nargs="*", choices=sorted(MEASUREMENTS), default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    chosen = args.only or list(MEASUREMENTS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            rows += MEASUREMENTS[name](Path(folder), args.repeat)
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement':<{width}}  {'value':>10}  unit  target")
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
    print(f"wrote {RESULTS_PATH.relative_to(config.PROJECT_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
