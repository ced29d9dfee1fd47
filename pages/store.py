"""The app's cached access to the database.

Pages call ``run(<view or query>, *args)`` with a module-level function of
``trade_mission`` that takes a connection first and only reads, such as
``views.overview.overview_page`` or ``data.queries.sectors``. Two caches sit behind it,
both keyed by the database file's signature (inode, modification time, size), so a
rebuild that replaces the file is picked up on the next rerun without restarting the
server:

- ``_snapshot``: one read-only connection per file version (``st.cache_resource``: a
  connection is a resource, shared by every session; queries run on their own cursor,
  which is safe across threads). A rebuild renames a new file over the old one, so a
  snapshot keeps reading the version it opened; the old one is dropped when a newer file
  arrives.
- ``_query``: each query's result per file version and arguments (``st.cache_data``:
  every caller gets its own copy, so a page can never alter what another page sees).

When the file changes, both caches are emptied (``current_version``): nothing of an older
version is read again, and keeping it would grow the server by a few megabytes a rebuild.
A session still reading the old snapshot keeps its own reference until its query ends.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import streamlit as st

from trade_mission.data import bootstrap
from trade_mission.data.database import DatabaseUnavailable, open_snapshot, reader

T = TypeVar("T")
Signature = tuple[str, int, int, int]

# Decks and chart packs built at once, server-wide: each renders its charts with Chromium
# and holds its slides in memory (five at once took the server past 600 MB). A click
# beyond waits its turn, its download button's spinner showing it is being made.
MAX_CONCURRENT_BUILDS = 2
_BUILDS = threading.BoundedSemaphore(MAX_CONCURRENT_BUILDS)
_REBUILD_LOCK = threading.Lock()
_VERSION_LOCK = threading.Lock()
_LOG = logging.getLogger(__name__)
_last_version: list[Signature] = []  # the version the caches hold, once one was read


def signature(path: Path | None = None) -> Signature:
    """What identifies one version of the database file; raises if it is missing."""
    path = path or bootstrap.database_path()
    try:
        stat = os.stat(path)
    except OSError:
        raise DatabaseUnavailable(path, "missing") from None
    return (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def current_version() -> Signature:
    """The database file's signature now; on a new version, the caches of older ones are
    emptied first."""
    version = signature()
    with _VERSION_LOCK:
        if _last_version and _last_version[0] != version:
            _query.clear()
            _snapshot.clear()
        _last_version[:] = [version]
    return version


@st.cache_resource(max_entries=2, show_spinner=False)
def _snapshot(version: Signature) -> duckdb.DuckDBPyConnection:
    """One version of the database file, opened read-only."""
    return open_snapshot(Path(version[0]))


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(module: str, name: str, version: Signature, args: tuple) -> Any:
    """The result of ``<module>.<name>(cursor, *args)`` on one version of the database."""
    cursor = reader(_snapshot(version))
    try:
        return getattr(importlib.import_module(module), name)(cursor, *args)
    finally:
        cursor.close()


def run(query: Callable[..., T], *args: Any) -> T:
    """Run ``query(connection, *args)`` on the current database, cached.

    ``query`` is a module-level function of ``trade_mission`` that only reads.
    """
    return _query(query.__module__, query.__qualname__, readable_version(), args)


def run_uncached(query: Callable[..., T], *args: Any) -> T:
    """Run ``query(connection, *args)`` on the current database without keeping the result:
    for large downloads made when clicked."""
    cursor = reader(_snapshot(readable_version()))
    try:
        return query(cursor, *args)
    finally:
        cursor.close()


def problem() -> DatabaseUnavailable | None:
    """Why the current database cannot be read, or ``None`` when it can."""
    try:
        _snapshot(current_version())
    except DatabaseUnavailable as error:
        return error
    return None


def readable_version() -> Signature:
    """The current version of the file once it can be read: a file replaced by a missing or
    damaged one since the page's first check is rebuilt here (``ensure_database``).
    Raises ``DatabaseUnavailable`` when it cannot be."""
    try:
        version = current_version()
        _snapshot(version)
        return version
    except DatabaseUnavailable:
        remaining = ensure_database()
        if remaining is not None:
            raise remaining from None
        version = current_version()
        _snapshot(version)
        return version


def ensure_database() -> DatabaseUnavailable | None:
    """Build the database when it is missing, unreadable or damaged.

    One session builds while the others wait; returns the problem that remains, if any.
    The build refuses bad input, and a file this project did not build (left untouched):
    that is the remaining problem.
    """
    if problem() is None:
        return None
    with _REBUILD_LOCK:
        if problem() is None:  # another session rebuilt it while this one waited
            return None
        try:
            bootstrap.build(bootstrap.database_path())
        except Exception:  # refused input, or a fault in the build: the user is told it
            # cannot be built, never shown a traceback; the log says why
            _LOG.exception("building the database failed")
        return problem()


def built_in_turn(build: Callable[..., T], *args: Any) -> T:
    """``build(*args)`` once fewer than ``MAX_CONCURRENT_BUILDS`` others are running: for
    the deck and the chart pack, made when their download is clicked."""
    with _BUILDS:
        return build(*args)
