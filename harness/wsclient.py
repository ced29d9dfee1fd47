"""A Streamlit session over the websocket, as a browser tab would hold one.

The load test, the fault tests and the benchmarks use it to run the real app (every rerun
executes the page script on the server) without the cost of a browser per session. It
speaks Streamlit's own protocol: a ``BackMsg`` asks for a rerun with a page, a query
string and widget values; ``ForwardMsg``s stream back until ``script_finished``.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection
from websockets.typing import Origin, Subprotocol

from trade_mission.text.i18n import LANGUAGES, t

RUN_TIMEOUT = 60
# What the server shows instead of Streamlit's error box (server.py): a failed run.
UNEXPECTED_ERROR = frozenset(t("app.unexpected_error", lang) for lang in LANGUAGES)


@dataclass
class RunResult:
    seconds: float
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # key -> widget id
    downloads: dict[str, str] = field(default_factory=dict)  # key -> media URL
    deferred: dict[str, str] = field(default_factory=dict)  # key -> file id, built on click
    texts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No exception on the page. (Error boxes are listed in ``errors``: some carry a
        verdict, such as "You do not meet the published criteria", not a failure.)"""
        return not self.exceptions


def widget_key(widget_id: str) -> str | None:
    """The user key of a widget id such as ``$$ID-<hash>-question-sector``."""
    if widget_id.startswith("$$ID-"):
        parts = widget_id.split("-", 2)
        return parts[2] if len(parts) == 3 and parts[2] != "None" else None
    return None


class AppSession:
    """One websocket session; ``await run(...)`` reruns the script and collects its output."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        host = urlparse(self.base_url)
        self.ws_url = f"ws://{host.netloc}/_stcore/stream"
        self._socket: ClientConnection | None = None
        self.session_id = ""  # the server's, from its first answer
        self.widget_states: dict[str, WidgetState] = {}

    async def __aenter__(self) -> AppSession:
        self._socket = await websockets.connect(
            self.ws_url,
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(self.base_url),
            max_size=None,
            open_timeout=RUN_TIMEOUT,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    @property
    def socket(self) -> ClientConnection:
        """The open connection: a session is used inside ``async with``."""
        if self._socket is None:
            raise RuntimeError("the session is not open: use it in `async with`")
        return self._socket

    async def run(
        self,
        page: str = "",
        query: dict[str, str] | list[tuple[str, str]] | None = None,
        widgets: Sequence[WidgetState] = (),
    ) -> RunResult:
        """Rerun ``page`` (its URL path, "" for the default) with the given query and
        widget values; widgets not given keep the values they had."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = urlencode(query or {}, doseq=True)
        for state in widgets:
            self.widget_states[state.id] = state
        message.rerun_script.widget_states.widgets.extend(self.widget_states.values())
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        result = RunResult(0.0)
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), RUN_TIMEOUT)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session" and forward.new_session.initialize.session_id:
                self.session_id = forward.new_session.initialize.session_id
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._collect(forward.delta.new_element, result)
            elif kind == "script_finished":
                break
        result.seconds = time.perf_counter() - started
        # Trigger values (button clicks) last one run only, as in a browser.
        for widget_id in [i for i, s in self.widget_states.items() if s.HasField("trigger_value")]:
            del self.widget_states[widget_id]
        return result

    def _collect(self, element, result: RunResult) -> None:
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind == "exception":
            result.exceptions.append(f"{body.type}: {body.message}")
        elif kind == "alert" and body.format == Alert.ERROR:
            result.errors.append(body.body)
            if body.body in UNEXPECTED_ERROR:
                result.exceptions.append(f"the page failed: {body.body}")
        if kind in ("markdown", "alert", "heading", "caption"):
            result.texts.append(getattr(body, "body", ""))
        widget_id = getattr(body, "id", "")
        key = widget_key(widget_id) if isinstance(widget_id, str) else None
        if key:
            result.widgets[key] = widget_id
            if kind == "download_button" and body.url:
                result.downloads[key] = body.url
            elif kind == "download_button" and body.deferred_file_id:
                result.deferred[key] = body.deferred_file_id

    async def click_download(self, file_id: str, timeout: float = RUN_TIMEOUT * 3) -> bytes:
        """Click a download button whose file is made on click (a deck): the server runs
        its callable, answers with the file's address, and the file is fetched."""
        message = BackMsg()
        message.backend_operation_request.request_id = uuid.uuid4().hex
        message.backend_operation_request.session_id = self.session_id
        message.backend_operation_request.deferred_file.file_id = file_id
        await self.socket.send(message.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), timeout)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            response = forward.backend_operation_response
            if (
                forward.WhichOneof("type") == "backend_operation_response"
                and response.request_id == message.backend_operation_request.request_id
            ):
                if response.error_msg:
                    raise RuntimeError(f"the download failed: {response.error_msg}")
                return await asyncio.to_thread(self.download, response.deferred_file.url)

    def download(self, url: str) -> bytes:
        """GET a download button's file, as the browser does on a click."""
        with urllib.request.urlopen(self.base_url + url, timeout=RUN_TIMEOUT) as response:
            return response.read()


def state(widget_id: str, **value) -> WidgetState:
    """A widget value, e.g. ``state(id, int_value=2)`` or ``state(id, trigger_value=True)``."""
    return WidgetState(id=widget_id, **value)


def run_sync(coroutine):
    """Run a coroutine to completion from synchronous code, in a thread of its own: the
    caller's thread may already run an event loop (Playwright's sync API keeps one)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()
