"""Opening the database read-only, as an in-memory snapshot.

``open_snapshot`` copies the database file into memory so readers never hold the file
open: a rebuild can replace it at any moment. A file that is missing, unreadable or
lacks the tables the app needs raises ``DatabaseUnavailable``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd

# The tables and views a usable database must have; a file without them is from elsewhere.
REQUIRED_TABLES = frozenset(
    {
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
        "eligibility_criteria",
        "outside_rules",
        "eligibility_checks",
        "notices",
        "sector_summary",
        "opportunity_counts",
        "figure_texts",
    }
)
Connection = duckdb.DuckDBPyConnection


class DatabaseUnavailable(Exception):
    """The database file is missing or is not a mission database."""

    def __init__(self, path: Path, reason: Literal["missing", "unreadable"]):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def open_snapshot(path: Path) -> Connection:
    """An in-memory copy of the database at ``path``; raises ``DatabaseUnavailable``."""
    if not Path(path).is_file():
        raise DatabaseUnavailable(Path(path), "missing")
    con = duckdb.connect(":memory:")
    try:
        con.execute("attach ? as source_file (read_only)", [str(path)])
        con.execute("copy from database source_file to memory")
        con.execute("detach source_file")
        present = {
            row[0]
            for row in con.execute("select table_name from information_schema.tables").fetchall()
        }
    except duckdb.Error:
        con.close()
        raise DatabaseUnavailable(Path(path), "unreadable") from None
    if not present >= REQUIRED_TABLES:
        con.close()
        raise DatabaseUnavailable(Path(path), "unreadable")
    return con


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, with SQL NULL as ``None`` (pandas would give NaN or NaT)."""
    return [
        {str(key): (None if _missing(value) else value) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _missing(value: object) -> bool:
    # NaN is the one value not equal to itself; NaT and NA are caught by pandas.
    return value is None or value != value or value is pd.NaT or value is pd.NA
