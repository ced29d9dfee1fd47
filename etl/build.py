"""Writing the tables into one DuckDB file, atomically.

The database is built in a temporary file beside the target and moved over it with one
``os.replace``, so readers see either the old file or the new one, never half of one; a
failed build leaves the previous file byte-identical. Readers that have the old file
open keep reading it until they reopen (the app reopens when the file changes).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import BuildError
from etl.transform import Inputs, build_tables
from trade_mission.config import ETL_DIR

SCHEMA_PATH = ETL_DIR / "schema.sql"
MARTS_PATH = ETL_DIR / "marts.sql"
# Load order: a table comes after every table its foreign keys point at.
LOAD_ORDER = (
    "source_document",
    "attributions",
    "sections",
    "bullets",
    "mission",
    "sectors",
    "cities",
    "sector_cities",
    "programme",
    "programme_activities",
    "opportunities",
    "companies",
    "states",
    "cluster_states",
    "figures",
    "figure_inputs",
    "eligibility_criteria",
    "notices",
)


@dataclass(frozen=True)
class BuildReport:
    path: Path
    row_counts: dict[str, int]
    seconds: float

    def lines(self) -> list[str]:
        width = max(len(name) for name in self.row_counts)
        rows = [f"{name:<{width}}  {count:>4} rows" for name, count in self.row_counts.items()]
        return [*rows, f"built {self.path} in {self.seconds:.2f} s"]


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]]) -> dict[str, int]:
    """Create the schema and insert every table's rows; the row count of each table."""
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    counts = {}
    for name in LOAD_ORDER:
        rows = tables[name]
        if rows:
            # One multi-row insert per table (executemany costs a round trip per row). Table
            # and column names come from LOAD_ORDER and the code's own row keys, quoted;
            # every value is a parameter.
            columns = [column for column in rows[0] if not column.startswith("_")]
            row_placeholder = "(" + ", ".join("?" for _ in columns) + ")"
            statement = "insert into {table} ({columns}) values {rows}".format(
                table=quote_identifier(name),
                columns=", ".join(quote_identifier(column) for column in columns),
                rows=", ".join(row_placeholder for _ in rows),
            )
            con.execute(statement, [row[column] for row in rows for column in columns])
        counts[name] = len(rows)
    con.execute(MARTS_PATH.read_text(encoding="utf-8"))
    return counts


def build_database(inputs: Inputs, target: Path) -> BuildReport:
    """Validate every input, then replace ``target`` with a freshly built database.

    Raises ``BuildError`` (and leaves ``target`` untouched) when an input is refused.
    """
    started = time.perf_counter()
    tables = build_tables(inputs)
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".building", dir=target.parent
        )
    except OSError as error:
        raise BuildError(target, f"cannot write here: {error.strerror}") from None
    os.close(handle)
    temporary = Path(temporary_name)
    temporary.unlink()  # DuckDB refuses an existing empty file; it only needs the name.
    try:
        con = duckdb.connect(str(temporary))
        try:
            counts = load(con, tables)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(temporary, target)
    except duckdb.Error as error:
        raise BuildError(target, f"the database refused the data: {error}") from None
    except OSError as error:
        raise BuildError(target, f"cannot write the database: {error.strerror}") from None
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildReport(target, counts, time.perf_counter() - started)
