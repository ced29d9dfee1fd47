"""The dashboard's web server: Streamlit's own (``st.App`` around ``app.py``) behind a thin
layer the project owns.

    python server.py [streamlit options, e.g. --server.port 8501 --server.address 0.0.0.0]

``make run`` starts it. It listens on 127.0.0.1 unless ``--server.address`` says otherwise
(.streamlit/config.toml). What the layer adds to Streamlit:

- **Security headers** on every HTTP response (``SECURITY_HEADERS``): a Content-Security-
  Policy that allows only this server (scripts, styles, images, fonts, the websocket) and
  the two constant scripts of ``pages/ui.py`` by their hash; no framing by another site;
  no content sniffing; no referrer sent to other sites.
- **No cache clearing from a browser.** Streamlit's caches are global: one websocket
  ``clear_cache`` message from any viewer empties them for every session (the toolbar
  only hides the button). The layer drops that message before Streamlit sees it.
- **No uploads.** The app has no file uploader, yet Streamlit's upload route accepts files
  into any live session, held in memory until the session ends: a client other than a
  browser could fill the server's memory. The layer answers the route 403 before a byte of
  the body is read, and drops the websocket's ``file_urls_request`` (the request for an
  upload address); ``server.maxUploadSize`` is also set to its smallest (1 MB).
- **No request outside this machine.** Streamlit asks checkip.amazonaws.com for the
  machine's external address (for its start-up banner, and for a browser arriving from an
  unknown host); on a closed network that is a request that should not leave. The server
  never asks (``net_util.get_external_ip`` answers that it does not know).
- **A friendly error** in the page's language instead of Streamlit's error box, which
  offers to send the error to Google or ChatGPT (``client.showErrorLinks`` is off too).
- **No probing for the server.** On a first visit to a page's address (``/trade``),
  Streamlit's frontend asks ``/trade/_stcore/health`` and ``/trade/_stcore/host-config``
  (two 404s) before it finds the server at ``/``. Served at the root, the layer puts one
  constant script first in Streamlit's HTML page (``SERVER_AT_ROOT_SCRIPT``, allowed by its
  hash) that tells the frontend where the server is, through its ``window.__streamlit``
  settings; under a ``server.baseUrlPath`` the page is left as Streamlit sends it.
- **The database download** (``paths.DATABASE_DOWNLOAD``, linked from Sources), streamed from
  the file in blocks: a download button would hold the whole file in the server's memory
  for every click. The route sits at the server's root (a ``server.baseUrlPath`` would
  not apply to it).

Streamlit treats a ``pages/`` folder beside the entry point as a legacy multipage app
until some run has called ``st.navigation``. Until then, a first visitor arriving on a
deep link such as ``/self-assessment`` gets a "Page not found" dialog over the right
page (streamlit/streamlit#8860, #9992). This project's ``pages/`` holds ``st.navigation``
pages only, so the legacy mode is switched off before the server starts.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import re
import stat
import sys
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, BinaryIO

import h11
import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from streamlit import net_util
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from uvicorn.protocols.http.h11_impl import H11Protocol

from pages import ui
from trade_mission import paths
from trade_mission.data import bootstrap
from trade_mission.text import i18n
from trade_mission.text.i18n import t

APP = Path(__file__).resolve().parent / "app.py"
_LOG = logging.getLogger("trade_mission.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def script_hash(script: str) -> str:
    """The CSP source that allows one inline ``<script>`` element, by its content."""
    body = script.removeprefix("<script>").removesuffix("</script>")
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# The inline scripts of Streamlit's own index.html (one sets a flag before its bundle
# loads), read from the installed package so an upgrade keeps them allowed.
STREAMLIT_INDEX = Path(st.__file__).parent / "static" / "index.html"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# Streamlit's frontend looks for its server by asking ``<path>/_stcore/health`` and
# ``<path>/_stcore/host-config`` before ``/_stcore/...``: two 404s on every first visit to a
# page's address. Served at the root, the server is at ``/``; this script, put first in the
# page's head, says so through the frontend's own ``window.__streamlit`` settings.
SERVER_AT_ROOT_SCRIPT = (
    "<script>window.__streamlit = Object.assign({}, window.__streamlit, "
    '{BACKEND_BASE_URL: window.location.origin + "/"});</script>'
)
ALLOWED_SCRIPTS = (
    SERVER_AT_ROOT_SCRIPT,
    *(
        f"<script>{body}</script>"
        for body in INLINE_SCRIPT.findall(STREAMLIT_INDEX.read_text(encoding="utf-8"))
    ),
    *ui.DOCUMENT_LANGUAGE_SCRIPTS.values(),
    *ui.FOCUS_SCRIPTS.values(),
)
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hash(script) for script in ALLOWED_SCRIPTS),
        # Streamlit's components write their styles into the page at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        # st.html draws into an iframe of the page's own origin.
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


# Websocket messages a viewer may not send: emptying every cache, asking where to upload.
REFUSED_MESSAGES = {
    "clear_cache": "ignored a browser's request to clear every cache",
    "file_urls_request": "ignored a browser's request for an upload address",
}
UPLOAD_ROUTE = "/_stcore/upload_file"


def refused_message(data: bytes | None) -> str | None:
    """The log line for a websocket frame a viewer may not send, or None for any other."""
    if not data:
        return None
    message = BackMsg()
    try:
        message.ParseFromString(data)
    except Exception:  # not a BackMsg: Streamlit answers it as it would any bad frame
        return None
    return REFUSED_MESSAGES.get(message.WhichOneof("type") or "")


def is_clear_cache(data: bytes | None) -> bool:
    """Whether a websocket frame is Streamlit's request to empty every cache."""
    return refused_message(data) == REFUSED_MESSAGES["clear_cache"]


LANGUAGE_IN_QUERY = re.compile(r"(?:^|&)lang=(en|fr)(?:&|$)")


def page_address(path: str) -> bool:
    """An address of one word or none (``/``, ``/trade``): one Streamlit answers with its
    HTML page, not a file, a route of its own (``/_stcore/...``) or a deeper path."""
    word = path.strip("/")
    return not ("/" in word or "." in word or word.startswith("_"))


def unknown_page(path: str) -> bool:
    """An address of one word that is no page of the app (a typo, an old link): Streamlit
    would show its own English "Page not found" dialog over the first page."""
    return page_address(path) and path.strip("/") not in paths.PAGE_ADDRESSES


def with_server_at_root(html: bytes) -> bytes:
    """Streamlit's page with ``SERVER_AT_ROOT_SCRIPT`` first in its head."""
    head = html.find(b"<head>")
    if head < 0:
        return html
    at = head + len(b"<head>")
    return html[:at] + SERVER_AT_ROOT_SCRIPT.encode("utf-8") + html[at:]


def served_at_root() -> bool:
    return not st.config.get_option("server.baseUrlPath").strip("/")


def is_upload(path: str) -> bool:
    """Whether a request is for Streamlit's upload route, under any base path."""
    return UPLOAD_ROUTE in path


class ServerLayer:
    """ASGI middleware: the security headers on HTTP responses, and websocket frames
    without ``clear_cache`` requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in SECURITY_HEADERS.items()
        ]
        self.header_names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope.get("method") == "GET"
            and unknown_page(scope.get("path", ""))
        ):
            query = scope.get("query_string", b"").decode("latin-1")
            language = LANGUAGE_IN_QUERY.search(query)
            target = f"/?notice={paths.UNKNOWN_PAGE_NOTICE}"
            if language:
                target += f"&lang={language[1]}"
            redirect = RedirectResponse(target, status_code=302)
            await redirect(scope, receive, self._with_headers(send))
        elif scope["type"] == "http" and is_upload(scope.get("path", "")):
            _LOG.warning("refused an upload: the app takes none")
            refusal = PlainTextResponse("This app takes no uploads.", status_code=403)
            await refusal(scope, receive, self._with_headers(send))
        elif (
            scope["type"] == "http"
            and scope.get("method") == "GET"
            and page_address(scope.get("path", ""))
            and served_at_root()
        ):
            # The page uncompressed (8 KB), so the script can go into it.
            scope["headers"] = [
                (name, value)
                for name, value in scope.get("headers", [])
                if name.lower() != b"accept-encoding"
            ]
            await self.app(scope, receive, self._with_headers(self._pages_at_root(send)))
        elif scope["type"] == "http":
            await self.app(scope, receive, self._with_headers(send))
        elif scope["type"] == "websocket":
            await self.app(scope, self._without_cache_clearing(receive), send)
        else:
            await self.app(scope, receive, send)

    def _with_headers(self, send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in self.header_names
                ]
                message["headers"] = [*kept, *self.headers]
            await send(message)

        return send_with_headers

    @staticmethod
    def _pages_at_root(send: Send) -> Send:
        """Streamlit's HTML page with ``SERVER_AT_ROOT_SCRIPT``; everything else as sent."""
        start: Message | None = None
        body: list[bytes] = []

        async def send_pages_at_root(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                page = headers.get(b"content-type", b"").startswith(b"text/html")
                if page and b"content-encoding" not in headers:
                    start = message
                    return
            elif start is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                html = with_server_at_root(b"".join(body))
                start["headers"] = [
                    (name, str(len(html)).encode("latin-1"))
                    if name.lower() == b"content-length"
                    else (name, value)
                    for name, value in start.get("headers", [])
                ]
                await send(start)
                await send({"type": "http.response.body", "body": html})
                return
            await send(message)

        return send_pages_at_root

    @staticmethod
    def _without_cache_clearing(receive: Receive) -> Receive:
        async def receive_filtered() -> Message:
            while True:
                message = await receive()
                if message["type"] == "websocket.receive":
                    refused = refused_message(message.get("bytes"))
                    if refused is not None:
                        _LOG.warning(refused)
                        continue
                return message

        return receive_filtered


BLOCK = 1 << 20
UNAVAILABLE = "The mission database is not available right now."


def open_regular_file(path: Path) -> BinaryIO | None:
    """``path`` opened for reading if it is a regular file, else None. Opened without
    blocking: a FIFO put at the path would otherwise wait for a writer forever."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        return None
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


async def download_database(request: Request) -> Response:
    """The current database file, streamed. The file is opened once, here, off the event
    loop (nothing a file system does may stall every other answer): a rebuild that renames
    a new file over it meanwhile does not change what this download sends."""
    path = bootstrap.database_path()
    file = await asyncio.to_thread(open_regular_file, path)
    if file is None:
        return PlainTextResponse(UNAVAILABLE, status_code=503)
    # Only the project's own database: TRADE_MISSION_DB may point at any file, and what is
    # there when the app refuses it is nobody's to download. (Checked after opening: a
    # rebuild renaming a new file over it meanwhile puts the project's database there.)
    if not await asyncio.to_thread(bootstrap.is_project_database, path):
        file.close()
        return PlainTextResponse(UNAVAILABLE, status_code=503)
    size = await asyncio.to_thread(lambda: os.fstat(file.fileno()).st_size)

    def blocks() -> Iterator[bytes]:
        with file:
            while block := file.read(BLOCK):
                yield block

    return StreamingResponse(
        blocks(),
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": 'attachment; filename="trade_mission.duckdb"',
            "Content-Length": str(size),
        },
    )


def show_error(error: Exception) -> bool:
    """The page's own error notice, in its language; Streamlit has logged the traceback."""
    lang = i18n.normalise_language(st.session_state.get(ui.LANGUAGE_KEY)) or "en"
    st.error(t("app.unexpected_error", lang), icon=":material/error:")
    return True  # Streamlit's own error box is not shown


def send_400_with_headers(self: H11Protocol, msg: str) -> None:
    """uvicorn's answer to a request it cannot parse, with the security headers every
    other answer carries (uvicorn writes this one itself, before any middleware runs)."""
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"connection", b"close"),
        *(
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in SECURITY_HEADERS.items()
        ),
    ]
    for event in (
        h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
        h11.Data(data=msg.encode("ascii", "replace")),
        h11.EndOfMessage(),
    ):
        self.transport.write(self.conn.send(event))
    self.transport.close()


def no_external_address() -> None:
    """What Streamlit is told when it asks the internet for this machine's address."""
    return None


PagesManager.uses_pages_directory = False
net_util.get_external_ip = no_external_address
# uvicorn (pinned) serves HTTP/1.1 with h11 here; its bad-request answer is its own.
H11Protocol.send_400_response = send_400_with_headers  # type: ignore[method-assign]
app = st.App(
    APP,
    middleware=[Middleware(ServerLayer)],
    routes=[Route(paths.DATABASE_DOWNLOAD, download_database, methods=["GET"])],
    on_script_error=show_error,
)


def main() -> None:
    sys.argv = ["streamlit", "run", str(Path(__file__).resolve()), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
