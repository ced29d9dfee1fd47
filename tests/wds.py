"""A stand-in for Statistics Canada's Web Data Service on 127.0.0.1, and answers in its
documented shape built from the shipped release, for the refresh's tests. Nothing here
reaches the internet."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from etl import paths

SHIPPED = paths.RAW_DIR / "trade-monthly" / "canada-trade-monthly-12100011.csv"
SHIPPED_RELEASE = "2026-09-03T08:30"
# How long a "slow" answer holds the connection at most: far beyond any timeout a test sets.
SLOW_ANSWER_BOUND = 60


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"[]"
    slow: bool = False  # hold the connection open without answering
    trickle: bool = False  # answer a byte at a time, for as long as it is let
    location: str | None = None  # a redirect's target


@dataclass
class FakeWds:
    """Answers every POST with ``reply``; keeps the request bodies it was sent."""

    reply: Reply = field(default_factory=Reply)
    requests: list[Any] = field(default_factory=list)  # decoded JSON, as sent
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""


@contextmanager
def fake_wds(reply: Reply | None = None) -> Iterator[FakeWds]:
    state = FakeWds(reply or Reply())

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            state.requests.append(json.loads(self.rfile.read(length) or b"null"))
            if state.reply.slow:
                state.release.wait(SLOW_ANSWER_BOUND)
                return
            self.send_response(state.reply.status)
            if state.reply.location:
                self.send_header("Location", state.reply.location)
            self.send_header("Content-Type", "application/json")
            length = 10_000_000 if state.reply.trickle else len(state.reply.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if state.reply.trickle:
                for _ in range(int(SLOW_ANSWER_BOUND / 0.2)):
                    if state.release.is_set():
                        return
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        return
                    state.release.wait(0.2)
                return
            self.wfile.write(state.reply.body)

        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # A short poll: shutdown() waits for the loop to look, half a second by default.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def shipped_series() -> dict[str, list[tuple[str, str]]]:
    """The shipped release's values by vector: [(YYYY-MM, value as text), ...]."""
    series: dict[str, list[tuple[str, str]]] = {}
    with SHIPPED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            series.setdefault(row["vector"], []).append(
                (row["ref_month"], row["value_cad_millions"])
            )
    return series


def data_point(month: str, value: object, release_time: str, **extra: object) -> dict:
    return {
        "refPer": f"{month}-01",
        "refPer2": "",
        "refPerRaw": f"{month}-01",
        "refPerRaw2": "",
        "value": value,
        "decimals": 1,
        "scalarFactorCode": 6,
        "symbolCode": 0,
        "statusCode": 0,
        "securityLevelCode": 0,
        "releaseTime": release_time,
        "frequencyCode": 6,
        **extra,
    }


def element(vector: str, points: list[dict]) -> dict:
    return {
        "status": "SUCCESS",
        "object": {
            "responseStatusCode": 0,
            "productId": 12100011,
            "coordinate": "1.1.1.0.0.0.0.0.0.0",
            "vectorId": int(vector.removeprefix("v")),
            "vectorDataPoint": points,
        },
    }


def next_month(month: str) -> str:
    day = dt.date.fromisoformat(month + "-01")
    return f"{day.year + day.month // 12}-{day.month % 12 + 1:02d}"


def answer(
    latest: int = 24,
    new_month: str | None = "2026-08",
    release_time: str = "2026-10-07T08:30",
    revised: dict[tuple[str, str], float] | None = None,
    flags: dict[tuple[str, str], dict] | None = None,
    held_release: str = SHIPPED_RELEASE,
) -> list[dict]:
    """An answer for every shipped vector's latest ``latest`` months, in the documented
    shape: the shipped values (released at ``held_release``, September 3, 2026, unless
    told otherwise), then ``new_month`` (one more month, 10 % above the last, released at
    ``release_time``); ``revised`` sets (vector, month) to a new value released at
    ``release_time``; ``flags`` adds codes to a point."""
    elements = []
    for vector, values in shipped_series().items():
        held = [(month, float(value), held_release) for month, value in values]
        if new_month is not None:
            assert new_month == next_month(held[-1][0])
            held.append((new_month, round(held[-1][1] * 1.1, 1), release_time))
        points = []
        for month, value, released in held[-latest:]:
            if revised and (vector, month) in revised:
                value, released = revised[(vector, month)], release_time
            points.append(
                data_point(month, value, released, **((flags or {}).get((vector, month), {})))
            )
        elements.append(element(vector, points))
    return elements


def body(elements: object) -> bytes:
    return json.dumps(elements).encode("utf-8")
