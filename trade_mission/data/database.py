"""Opening one version of the database, read-only.

The build never writes the file in place: it writes a new file and renames it over the
old one. So a snapshot (``open_snapshot``) attaches the file it finds read-only and keeps
reading that version, even after a rebuild has replaced the path; the app opens the new
one on its next rerun. Nothing is copied into memory: DuckDB reads the pages queries need.
A file that is missing, unreadable or lacks the tables the app needs raises
``DatabaseUnavailable``; so does a damaged one (cut short by a full disk or a bad copy):
opening reads every column of every table once (about 0.1 s), and DuckDB checks each
block it reads against its checksum.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd

# The tables and views a usable database must have; a file without them is from elsewhere.
REQUIRED_TABLES = frozenset(
    {
        "build_info",
        "source_document",
        "attributions",
        "mission",
        "sectors",
        "sector_cities",
        "programme",
        "programme_activities",
        "opportunities",
        "companies",
        "states",
        "cities",
        "cluster_states",
        "figures",
        "figure_inputs",
        "charts",
        "chart_figures",
        "headline_figures",
        "eligibility_criteria",
        "outside_rules",
        "eligibility_checks",
        "notices",
        "hs_chapters",
        "partners",
        "trade_by_chapter",
        "origins",
        "trade_by_origin",
        "sector_chapters",
        "sector_trade_notes",
        "figure_checks",
        "figure_check_readings",
        "figure_texts",
        "chapter_mexico",
        "chapter_indicators",
        "origin_mexico",
        "sector_trade",
        "services_words",
        "trade_monthly_series",
        "trade_monthly",
        "trade_monthly_revisions",
        "data_releases",
        "mexico_trade_monthly",
        "mexico_trade_totals",
        "mexico_tariff_lines",
        "hs_names",
        "mexico_market_periods",
        "mexico_chapter_imports",
        "monthly_comparisons",
        "monthly_shares",
        "mexico_trade_years",
        "monthly_annual_agreement",
    }
)
Connection = duckdb.DuckDBPyConnection
SNAPSHOT = "snapshot"  # the attached database's name, and every reader's default
# DuckDB keeps the pages it has read, up to its memory limit (by default most of the
# machine's memory), and each query may use every core; the app's queries are small and
# many sessions share one server, so a snapshot gets a modest share of both.
MEMORY_LIMIT = "96MB"
THREADS = 2
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": MEMORY_LIMIT,
    "threads": THREADS,
    # Never reach the network for an extension, whatever file is put at the path.
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class DatabaseUnavailable(Exception):
    """The database file is missing or is not a mission database."""

    def __init__(self, path: Path, reason: Literal["missing", "unreadable", "damaged"]):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def open_snapshot(path: Path) -> Connection:
    """The database at ``path``, attached read-only; raises ``DatabaseUnavailable``."""
    if not Path(path).is_file():
        raise DatabaseUnavailable(Path(path), "missing")
    # An in-memory connection that attaches the file, rather than duckdb.connect(path):
    # DuckDB shares one instance per path within a process, which would keep serving the
    # old file after a rebuild replaced it.
    con = duckdb.connect(":memory:", config=CONFIG)
    try:
        con.execute("attach ? as snapshot (read_only)", [str(path)])
        con.execute("use snapshot")
        tables = con.execute(
            "select table_name, table_type from information_schema.tables where table_catalog = ?",
            [SNAPSHOT],
        ).fetchall()
    except duckdb.Error:
        con.close()
        raise DatabaseUnavailable(Path(path), "unreadable") from None
    if not {name for name, _ in tables} >= REQUIRED_TABLES:
        con.close()
        raise DatabaseUnavailable(Path(path), "unreadable")
    try:
        for name, kind in tables:
            if kind == "BASE TABLE":
                con.table(name).aggregate("count(*), sum(hash(columns(*)))").fetchall()
    except duckdb.Error:
        con.close()
        raise DatabaseUnavailable(Path(path), "damaged") from None
    return con


def reader(con: Connection) -> Connection:
    """A cursor of a snapshot for one thread's queries, reading the attached database."""
    cursor = con.cursor()
    cursor.execute("use snapshot")
    return cursor


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, with SQL NULL as ``None`` (pandas would give NaN or NaT)."""
    names = [str(name) for name in frame.columns]
    if not names:
        return [{} for _ in range(len(frame))]
    # Each column's Python values at once: to_dict("records") boxes them one at a time,
    # at two to three times the cost, and gives the same values.
    columns = [frame.iloc[:, index].tolist() for index in range(len(names))]
    return [
        {name: None if _missing(value) else value for name, value in zip(names, row, strict=True)}
        for row in zip(*columns, strict=True)
    ]


def _missing(value: object) -> bool:
    # A list (a list column) is a value; None, NaN, NaT and pandas' NA (a nullable integer
    # column's NULL) are not.
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))
