"""A stand-in for INEGI's download address on 127.0.0.1, and packages in INEGI's layout
built from the shipped one, for the refresh's tests. Nothing here reaches the internet."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from etl import paths
from etl.inegi import PACKAGE_NAME

SHIPPED = paths.RAW_DIR / "mexico-trade" / PACKAGE_NAME
CHAPTER_MEMBER = "conjunto_de_datos/bcmm_mtra_capitulo_mensual_tr_cifra_2012_2026.csv"
METADATA_MEMBER = "metadatos/metadatos_bcmm_mtra_mensual_2012_2026.txt"
# How long a trickling answer goes on at most: far beyond any timeout a test sets.
TRICKLE_BOUND_SECONDS = 60


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    location: str | None = None  # a redirect's target
    trickle: bool = False  # one byte at a time, slowly, for as long as it is let


@dataclass
class FakeInegi:
    reply: Reply = field(default_factory=Reply)
    url: str = ""
    requests: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


@contextmanager
def fake_inegi(reply: Reply) -> Iterator[FakeInegi]:
    state = FakeInegi(reply)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests += 1
            self.send_response(state.reply.status)
            if state.reply.location:
                self.send_header("Location", state.reply.location)
            self.send_header("Content-Type", "application/zip")
            self.send_header(
                "Content-Length", str(10_000_000 if state.reply.trickle else len(state.reply.body))
            )
            self.end_headers()
            if state.reply.trickle:
                started = time.monotonic()
                while (
                    not state.stop.is_set() and time.monotonic() - started < TRICKLE_BOUND_SECONDS
                ):
                    try:
                        self.wfile.write(b"P")
                        self.wfile.flush()
                    except OSError:
                        return
                    state.stop.wait(0.2)
                return
            self.wfile.write(state.reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/{PACKAGE_NAME}"
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()


def package(
    modified: str = "2026-07-22",
    period_end: str = "2026-05-31",
    edit: Callable[[list[str]], list[str]] | None = None,
) -> bytes:
    """The shipped package with its metadata's publication day and period end replaced,
    and its chapter file's lines passed through ``edit``."""
    with zipfile.ZipFile(SHIPPED) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    metadata = members[METADATA_MEMBER].decode("utf-8")
    metadata = re.sub(r"Modified: \d{4}-\d{2}-\d{2}", f"Modified: {modified}", metadata)
    metadata = re.sub(
        r"Temporal: 2012-01-01-\d{4}-\d{2}-\d{2}", f"Temporal: 2012-01-01-{period_end}", metadata
    )
    members[METADATA_MEMBER] = metadata.encode("utf-8")
    if edit is not None:
        lines = members[CHAPTER_MEMBER].decode("utf-8").splitlines(keepends=True)
        members[CHAPTER_MEMBER] = "".join(edit(lines)).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def add_june_and_revise_april(lines: list[str]) -> list[str]:
    """June 2026 as a copy of May, and April 2026's fish imports by road (with its mode's
    and the nation's totals) one million dollars higher: a new month and a revision."""
    june = [line.replace(",2026,05,", ",2026,06,") for line in lines if ",2026,05," in line]
    revised = []
    for line in lines:
        if ",Importación,2026,04," in line and (
            '"Capítulo 03 Pescados, crustáceos y moluscos",07,' in line
            or ",Carretero,07," in line
            or ",Importación total,," in line
        ):
            fields = line.rstrip("\n").split(",")
            fields[-3] = f"{float(fields[-3]) + 1.0:.6f}"
            line = ",".join(fields) + "\n"
        revised.append(line)
    return [*revised, *june]
