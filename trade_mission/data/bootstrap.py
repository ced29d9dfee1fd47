"""Where the database is, and getting one to read, building it first when there is none.

The only module of the app that reaches for the build (``etl``), and only through its
public entry point: the path it writes, and ``build_database`` for a fresh clone or a
damaged file.
"""

from __future__ import annotations

from pathlib import Path

import etl
from trade_mission.data.database import Connection, DatabaseUnavailable, open_snapshot

BuildError = etl.BuildError


def database_path() -> Path:
    """The database the app reads (``TRADE_MISSION_DB``, else data/trade_mission.duckdb)."""
    return etl.database_path()


def is_project_database(path: Path) -> bool:
    """Whether the file at ``path`` is a database this project built (and nothing else)."""
    return etl.is_project_database(path)


def build(path: Path) -> None:
    """Build the database at ``path`` from data/raw and data/curated; raises BuildError."""
    etl.build_database(etl.Inputs.default(), path)


def open_database() -> Connection:
    """A read-only snapshot of the database, built first if it is missing or damaged.

    Exits (status 1) with a one-line message when it cannot be built: an input refused, or
    a file at the path that this project did not build, which is left untouched.
    """
    try:
        return open_snapshot(database_path())
    except DatabaseUnavailable:
        try:
            build(database_path())
            return open_snapshot(database_path())
        except (BuildError, DatabaseUnavailable) as error:
            raise SystemExit(f"error: no usable database: {error}") from None
