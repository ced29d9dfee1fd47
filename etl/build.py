"""The build: every step in order, then one DuckDB file written atomically.

``prepare`` runs the steps of ``etl.steps`` that read the page and the small files (each
a plain function of the page, the inputs and earlier results) and returns every row they
give. ``write`` creates the schema in the new file, inserts those rows, loads and checks
the two large trade files with DuckDB's CSV reader, computes every figure's check against
them, and creates the views. ``build_database`` does both in a temporary file beside the
target and moves it over the target with one ``os.replace``, so readers see either the old
file or the new one, never half of one; a refused build leaves the previous file
byte-identical. Readers that have the old file open keep reading it until they reopen
(the app reopens when the file changes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import rawfiles
from etl.errors import BuildError
from etl.inputs import Inputs
from etl.page import PageCapture
from etl.paths import ETL_DIR, display_path
from etl.steps import Tables
from etl.steps.annual_trade import (
    BY_CHAPTER,
    BY_ORIGIN,
    TradeReference,
    load_trade,
    read_trade_reference,
)
from etl.steps.charts import read_charts, read_headlines
from etl.steps.checks import (
    CheckSpec,
    check_derived_currencies,
    compute_checks,
    read_check_specs,
)
from etl.steps.criteria import read_criteria
from etl.steps.figures import read_figures
from etl.steps.geo import read_places
from etl.steps.mexico_tariff import (
    HS_FOLDER,
    TARIFF_FOLDER,
    read_hs_names,
    read_tariff,
    schedule_path,
)
from etl.steps.mexico_trade import MexicoTrade, load_mexico_trade, read_mexico_trade
from etl.steps.mexico_trade import release_rows as mexico_release_rows
from etl.steps.mission import read_mission, read_source_document
from etl.steps.monthly import Monthly, check_against_annual, read_monthly, release_rows
from etl.steps.opportunities import read_opportunities
from etl.steps.sections import read_sections, read_sectors
from etl.steps.translations import translate
from etl.target import build_info_row, check_replaceable, write_manifest

SCHEMA_PATH = ETL_DIR / "schema.sql"
MARTS_PATH = ETL_DIR / "marts.sql"
# DuckDB's smallest block (its default is 256 KiB): forty small tables each fill a block of
# their own, and at 16 KiB the file is a third of the size (10 MB instead of 33 MB) for
# the app to open and check, and for a reader to download.
BLOCK_SIZE = 16_384
CREATE_TABLE = re.compile(r"^create table (\w+)", re.MULTILINE)


def table_names() -> tuple[str, ...]:
    """Every table of ``schema.sql``, in the order it declares them (parents first)."""
    return tuple(CREATE_TABLE.findall(SCHEMA_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Prepared:
    """Everything checked before the database is opened."""

    tables: Tables  # rows for the tables the steps fill
    trade: TradeReference  # what ``load_trade`` needs
    monthly: Monthly  # every monthly release, for the check against the annual files
    mexico: MexicoTrade  # INEGI's packages, loaded in the new file
    checks: list[CheckSpec]
    check_notes_fr: dict[str, str]  # figure id -> the French of its check's note


def prepare(inputs: Inputs) -> Prepared:
    """Parse, curate and validate the page and the small files, or raise ``BuildError``."""
    rawfiles.verify(inputs.raw_dir)  # every raw file as recorded, before anything reads it
    page = PageCapture.load(inputs.source)
    sections = read_sections(page, inputs)
    sectors = read_sectors(page, sections, inputs)
    places = read_places(page, sectors, inputs)
    figures = read_figures(page, sectors, inputs)
    trade = read_trade_reference(sectors, inputs)
    monthly = read_monthly(inputs)
    mexico = read_mexico_trade(inputs)
    checks = read_check_specs(inputs, figures.tables["figures"], trade.chapters)
    check_derived_currencies(
        inputs, figures.tables["figures"], figures.tables["figure_inputs"], checks
    )
    coverage = {row["sector_id"]: row["coverage"] for row in trade.tables["sector_trade_notes"]}
    tables: Tables = {
        **sections.tables,
        **sectors.tables,
        **places.tables,
        **read_source_document(page, sections, inputs),
        **read_mission(page, sections, sectors, places, inputs),
        **read_opportunities(page, sectors, inputs),
        **figures.tables,
        **read_charts(sectors, figures.tables["figures"], coverage, inputs),
        **read_headlines(figures.tables["figures"], inputs),
        **read_criteria(page, sections, inputs),
        **trade.tables,
        **monthly.tables,
        **read_tariff(inputs),
        **read_hs_names(inputs),
    }
    tables["attributions"] = [
        *places.tables["attributions"],
        {"dataset": "trade", "attribution": trade.readme.attribution},
        {"dataset": "trade_monthly", "attribution": monthly.readme.attribution},
        {"dataset": "mexico_trade", "attribution": mexico.attribution},
        {
            "dataset": "mexico_tariff",
            "attribution": TARIFF_ATTRIBUTION.format(
                date=formatting_date(schedule_path(inputs)[1])
            ),
        },
        {"dataset": "hs_names", "attribution": HS_NAMES_ATTRIBUTION},
    ]
    tables["data_releases"] = [
        *data_releases(tables, trade, monthly, inputs),
        *mexico_release_rows(mexico),
        tariff_release_row(inputs),
    ]
    tables["source_files"] = source_files(inputs, mexico)
    tables["build_info"] = [build_info_row()]
    translated, notes_fr = translate(
        tables, figures.derived, {spec.figure_id: spec.note for spec in checks}, inputs
    )
    return Prepared(translated, trade, monthly, mexico, checks, notes_fr)


TARIFF_ATTRIBUTION = (
    "Source: Secretaría de Economía (Mexico), SNICE, Tarifa de la LIGIE, fracciones "
    "arancelarias ({date})."
)
HS_NAMES_ATTRIBUTION = (
    "HS 2022 names: UN Comtrade, via the datasets/harmonized-system data package; in "
    "French: Combined Nomenclature 2026, © European Union, EU Vocabularies / Publications "
    "Office of the European Union."
)


def source_files(inputs: Inputs, mexico: MexicoTrade) -> list[dict]:
    """Every file Mexico's records, its tariff and the HS names are read from, hashed."""
    files = [("mexico_trade", package.path) for package in mexico.packages]
    files += [("mexico_tariff", path) for path in sorted(inputs.raw(TARIFF_FOLDER).glob("*.xlsx"))]
    files += [
        ("hs_names", path)
        for path in sorted(inputs.raw(HS_FOLDER).rglob("*"))
        if path.is_file() and path.suffix in (".csv", ".json", ".yaml")
    ]
    rows = []
    for dataset, path in files:
        data = path.read_bytes()
        rows.append(
            {
                "dataset": dataset,
                "file": display_path(path),
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
            }
        )
    return rows


def formatting_date(date: dt.date) -> str:
    """A date as the English credit writes it: April 20, 2026."""
    return f"{date:%B} {date.day}, {date.year}"


def tariff_release_row(inputs: Inputs) -> dict:
    """The tariff schedule held, as a row of ``data_releases``: dated by its schedule."""
    path, date = schedule_path(inputs)
    return {
        "dataset": "mexico_tariff_lines",
        "release_date": date,
        "reference_period_end": None,
        "retrieved_at": None,
        "source": display_path(path),
    }


def data_releases(
    tables: Tables, trade: TradeReference, monthly: Monthly, inputs: Inputs
) -> list[dict]:
    """How current each dataset is: the page (its capture carries no date), the two annual
    files (the date of their export from Trade Data Online), each monthly release."""
    (source,) = tables["source_document"]
    annual = [
        {
            "dataset": table,
            "release_date": trade.readme.exported,
            "reference_period_end": dt.date(last_year, 12, 31),
            "retrieved_at": None,
            "source": display_path(inputs.raw(file_name)),
        }
        for table, file_name, (_, last_year) in (
            ("trade_by_chapter", BY_CHAPTER.file_name, BY_CHAPTER.years),
            ("trade_by_origin", BY_ORIGIN.file_name, BY_ORIGIN.years),
        )
    ]
    page = {
        "dataset": "mission_page",
        "release_date": None,
        "reference_period_end": None,
        "retrieved_at": None,
        "source": source["url"],
    }
    return [page, *annual, *release_rows(monthly)]


@dataclass(frozen=True)
class BuildReport:
    path: Path
    row_counts: dict[str, int]
    seconds: float

    def lines(self) -> list[str]:
        width = max(len(name) for name in self.row_counts)
        rows = [f"{name:<{width}}  {count:>7,} rows" for name, count in self.row_counts.items()]
        return [*rows, f"built {self.path} in {self.seconds:.2f} s"]


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> None:
    """Insert ``rows`` into table ``name`` in one statement."""
    if rows:
        # One statement per table, each column passed as one list and unnested side by
        # side: a parameter per value (or executemany, a round trip per row) costs seconds
        # on the larger tables. Table and column names come from schema.sql and the steps'
        # own row keys, quoted; every value is a parameter.
        columns = [column for column in rows[0] if not column.startswith("_")]
        statement = "insert into {table} ({columns}) select {values}".format(
            table=quote_identifier(name),
            columns=", ".join(quote_identifier(column) for column in columns),
            values=", ".join(f"unnest(${number})" for number in range(1, len(columns) + 1)),
        )
        con.execute(statement, [[row[column] for row in rows] for column in columns])


def write(con: duckdb.DuckDBPyConnection, prepared: Prepared, inputs: Inputs) -> dict[str, int]:
    """Fill a new database: the schema, the steps' rows, the trade files, the figure checks
    and the views. Row counts by table, in schema order; ``BuildError`` for refused trade data."""
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    counts = {}
    for name in table_names():  # parents before the tables that refer to them
        if name in prepared.tables:
            insert(con, name, prepared.tables[name])
            counts[name] = len(prepared.tables[name])
    counts |= load_trade(con, inputs, prepared.trade)
    counts |= load_mexico_trade(con, inputs, prepared.mexico)
    checks = compute_checks(
        con, inputs, prepared.checks, prepared.tables["figures"], prepared.check_notes_fr
    )
    for name, rows in checks.items():
        insert(con, name, rows)
        counts[name] = len(rows)
    con.execute(MARTS_PATH.read_text(encoding="utf-8"))
    check_against_annual(con, prepared.monthly)  # reads the monthly_annual_agreement view
    return {name: counts[name] for name in table_names()}


def build_database(inputs: Inputs, target: Path) -> BuildReport:
    """Validate every input, then replace ``target`` with a freshly built database.

    Raises ``BuildError`` (and leaves ``target`` untouched) when an input is refused, or
    when ``target`` is a file this project did not build (``etl.target``).
    """
    started = time.perf_counter()
    target = Path(target)
    check_replaceable(target)
    prepared = prepare(inputs)
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
        con = duckdb.connect(str(temporary), config={"default_block_size": str(BLOCK_SIZE)})
        try:
            counts = write(con, prepared, inputs)
            con.execute("checkpoint")
        except BaseException:
            # The file is deleted below: closing it need not first write out what was
            # loaded (tens of megabytes once a trade file is in).
            with contextlib.suppress(duckdb.Error):
                con.execute("pragma disable_checkpoint_on_shutdown")
            raise
        finally:
            con.close()
        write_manifest(target, temporary)
        os.replace(temporary, target)
    except duckdb.Error as error:
        raise BuildError(target, f"the database refused the data: {error}") from None
    except OSError as error:
        raise BuildError(target, f"cannot write the database: {error.strerror}") from None
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildReport(target, counts, time.perf_counter() - started)
