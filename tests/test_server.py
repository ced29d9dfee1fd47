"""The server as a security reviewer checks it: where it listens, what every response
tells the browser, and what a viewer's websocket may not do."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.testing.v1 import AppTest

import server
from harness.server import AppServer
from harness.wsclient import AppSession, run_sync
from tests.conftest import digest
from trade_mission.paths import DATABASE_DOWNLOAD
from trade_mission.text.i18n import t

# The server itself, started as `make run` starts it: not in `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("server")
    instance = AppServer(built_db, folder / "streamlit.log")
    yield instance
    instance.stop()


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (Linux's /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_server_listens_on_this_machine_only(app):
    # 0100007F is 127.0.0.1 in /proc's byte order; every interface would be 00000000.
    assert listening_addresses(app.port) == {"0100007F"}


@pytest.mark.parametrize("path", ["/", "/sources", "/_stcore/health", "/favicon.png"])
def test_every_response_carries_the_security_headers(app, path):
    with urllib.request.urlopen(app.url + path, timeout=60) as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert (
        "script-src 'self' 'sha256-" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/", "/market?hs=03"])
def test_a_page_tells_the_frontend_its_server_is_at_the_root(app, path):
    """So a first visit to ``/market`` does not probe ``/market/_stcore/health`` (two 404s
    in the console), even from a browser that asks for a compressed page."""
    request = urllib.request.Request(app.url + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        assert int(response.headers["Content-Length"]) == len(body)
        policy = response.headers["Content-Security-Policy"]
    head = body.index(b"<head>") + len(b"<head>")
    assert body[head:].startswith(server.SERVER_AT_ROOT_SCRIPT.encode())
    assert server.script_hash(server.SERVER_AT_ROOT_SCRIPT) in policy


def test_a_viewer_cannot_empty_the_caches_or_reset_sessions(app):
    """Streamlit's clear_cache message empties every cache and the sender's session state;
    the server drops it. The session keeps the language it chose."""

    async def scenario() -> list[str]:
        async with AppSession(app.url) as session:
            chosen = await session.run("", {"lang": "fr"})
            request = BackMsg()
            request.clear_cache = True
            await session.socket.send(request.SerializeToString())
            after = await session.run("")  # no ?lang=: the session's own choice applies
            return [*chosen.exceptions, *after.exceptions, *after.texts]

    texts = run_sync(scenario())
    assert t("overview.title", "fr") in "\n".join(texts)
    assert "ignored a browser's request to clear every cache" in app.log_path.read_text()


def test_a_request_uvicorn_cannot_parse_gets_the_security_headers_too(app):
    host, port = app.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(b"NOT AN HTTP REQUEST\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    assert head.startswith("http/1.1 400")
    assert "content-security-policy: default-src 'self'" in head
    assert "x-frame-options: deny" in head and "x-content-type-options: nosniff" in head


def test_uploads_are_refused_before_their_body_is_read(app):
    """The app has no uploader: Streamlit's upload route answers 403 with the security
    headers, and a websocket's request for an upload address is dropped."""
    host, port = app.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    # A 40 MB upload announced: the answer comes before a byte of it is sent.
    connection.putrequest("PUT", "/_stcore/upload_file/some-session/some-file")
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(40_000_000))
    connection.endheaders()
    refused = connection.getresponse()
    assert refused.status == 403
    assert refused.getheader("X-Frame-Options") == "DENY"
    connection.close()

    async def scenario() -> list[str]:
        async with AppSession(app.url) as session:
            first = await session.run("", {"lang": "en"})
            ask = BackMsg()
            ask.file_urls_request.request_id = "1"
            ask.file_urls_request.file_names.append("big.bin")
            await session.socket.send(ask.SerializeToString())
            after = await session.run("", {"lang": "en"})
            return [*first.exceptions, *after.exceptions]

    assert run_sync(scenario()) == []
    log = app.log_path.read_text()
    assert "refused an upload" in log and "ignored a browser's request for an upload" in log


def test_a_fifo_behind_the_database_is_refused_without_stalling_the_server(built_db, tmp_path):
    """The download route opens the file off the event loop and serves only a regular
    file: a FIFO at the path gets 503 at once, and the server keeps answering."""
    database = tmp_path / "trade_mission.duckdb"
    database.write_bytes(built_db.read_bytes())
    fifo_server = AppServer(database, tmp_path / "streamlit.log")
    try:
        database.unlink()
        os.mkfifo(database)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(fifo_server.url + DATABASE_DOWNLOAD, timeout=30)
        assert refused.value.code == 503
        with urllib.request.urlopen(fifo_server.url + "/_stcore/health", timeout=30) as health:
            assert health.status == 200
    finally:
        fifo_server.stop()


def failing_page() -> None:
    import streamlit as st

    import server

    st.session_state["lang"] = "fr"
    try:
        raise RuntimeError("a query failed")
    except RuntimeError as error:
        server.show_error(error)


def test_a_failed_page_says_so_in_its_language_without_links_to_third_parties():
    at = AppTest.from_function(failing_page).run()
    assert [error.value for error in at.error] == [t("app.unexpected_error", "fr")]
    assert "google" not in at.error[0].value.lower()
    assert server.show_error(RuntimeError()) is True  # Streamlit's own box is not drawn


def test_the_database_download_streams_the_file_being_served(app, built_db):
    with urllib.request.urlopen(app.url + DATABASE_DOWNLOAD, timeout=60) as response:
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="trade_mission.duckdb"'
        )
        assert int(response.headers["Content-Length"]) == built_db.stat().st_size
        body = response.read()
    assert hashlib.sha256(body).hexdigest() == digest(built_db)


def test_a_file_that_is_not_the_projects_database_is_never_offered_for_download(tmp_path):
    """TRADE_MISSION_DB pointed at someone's notes: the app refuses the file, and so does
    the download route (503, nothing of the file sent)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("private notes\n")
    server = AppServer(notes, tmp_path / "streamlit.log")
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.url + DATABASE_DOWNLOAD, timeout=60)
        assert refused.value.code == 503
        assert b"private" not in refused.value.read()
    finally:
        server.stop()
    assert notes.read_text() == "private notes\n"


class Listener:
    """A TCP port that records every connection: the proxy the server is told to use for
    any request it makes outside this machine."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = self.socket.accept()
                self.connections += 1
                connection.close()


def test_serving_a_network_makes_no_request_outside_this_machine(built_db, tmp_path):
    """Served on every interface (where Streamlit would look up the machine's external
    address), a start and a visit ask nothing of the internet."""
    proxy = Listener()
    address = f"http://127.0.0.1:{proxy.port}"
    server = AppServer(
        built_db,
        tmp_path / "streamlit.log",
        extra_env={
            "STREAMLIT_SERVER_ADDRESS": "0.0.0.0",
            "HTTP_PROXY": address,
            "HTTPS_PROXY": address,
            "NO_PROXY": "127.0.0.1,localhost",
        },
    )
    try:
        assert run_sync(visit(server.url)) == []
    finally:
        server.stop()
        proxy.socket.close()
    assert proxy.connections == 0
    assert "External URL" not in (tmp_path / "streamlit.log").read_text()


async def visit(url: str) -> list[str]:
    async with AppSession(url) as session:
        return (await session.run("", {"lang": "en"})).exceptions
