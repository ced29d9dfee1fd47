"""Getting a database to read, building it first when a fresh clone has none.

Used by the app's router and the command-line tools; the only place the domain package
reaches for the ETL, and only to bootstrap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from trade_mission import config, queries


def build(path: Path) -> None:
    """Build the database at ``path`` from data/raw and data/curated; raises BuildError."""
    from etl.build import build_database  # the ETL is only needed when building
    from etl.transform import Inputs

    build_database(Inputs.default(), path)


def open_database() -> duckdb.DuckDBPyConnection:
    """A read-only snapshot of the database, built first if it is missing or damaged.

    Exits with a one-line message when it cannot be built.
    """
    from etl.errors import BuildError

    try:
        return queries.open_snapshot(config.db_path())
    except queries.DatabaseUnavailable:
        print("building the database first...", file=sys.stderr)
        try:
            build(config.db_path())
        except BuildError as error:
            raise SystemExit(f"error: cannot build the database: {error}") from None
        return queries.open_snapshot(config.db_path())
