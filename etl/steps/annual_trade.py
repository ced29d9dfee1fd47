"""Statistics Canada's merchandise trade (data/raw/trade/): Canada's trade with every partner
by HS chapter and by province, the chapters' names, and which chapters stand for each
mission sector.

The small reference files are read and checked in Python (``read_trade_reference``); the
two large files are loaded by DuckDB's own CSV reader, gzip included, into the database
being built and checked there (``load_trade``): types, unique keys, no negative value,
every chapter, partner and province known, the row counts the README gives, and the
README's check figures. A refusal names the file and, where there is one, the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.csvfiles import LINE_KEY, Row
from etl.errors import BuildError
from etl.inputs import (
    HS_CHAPTER_LABELS,
    HS_CHAPTERS,
    ORIGINS,
    PARTNERS,
    SECTOR_CHAPTERS,
    SECTOR_TRADE_NOTES,
    SERVICES_WORDS,
    TRADE_BY_CHAPTER,
    TRADE_BY_ORIGIN,
    TRADE_README,
    Inputs,
)
from etl.page import MONTHS, normalise_space
from etl.steps import Tables
from etl.steps.sections import Sectors, check_sector
from etl.values import stated_value

# How the files name Mexico, all Canada and the site's own total over all partners.
MEXICO = "Mexico"
ALL_CANADA = "CA"
TOTAL_PARTNER = "Total All Countries"
CHAPTER = re.compile(r"^\d{2}$")
CHAPTER_RANGE = re.compile(r"^(?P<first>\d{2})(?:-(?P<last>\d{2}))?$")
ROW_COUNT = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<rows>[\d,]+) \|", re.MULTILINE)
ATTRIBUTION = re.compile(r'Attribute as:\s*"(?P<text>[^"]+)"')
CHECKS = re.compile(
    r"Checks a reader can repeat \((?P<year>\d{4})[^)]*\): Canada's exports to Mexico "
    r"C\$(?P<exports>[\d,]+) and imports from Mexico C\$(?P<imports>[\d,]+) \(province "
    r"file, `CA`\); chapters (?P<first>\d{2}) to (?P<last>\d{2}) together: exports to "
    r"Mexico C\$(?P<chapter_exports>[\d,]+), and Mexico (?P<rank>[a-z]+) among"
)
EXPORTED = re.compile(
    r"exported from that site on (?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4})"
)
WHOLE_NUMBER_TYPES = frozenset({"INTEGER", "BIGINT"})
CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
CONVERSION = re.compile(r'Error when converting column "(\w+)"\. (.+)')
COLUMN_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class TradeFile:
    """One of the two large files: where it is, its columns and types, its key, its years."""

    file_name: str
    table: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type), in file order
    key: tuple[str, ...]
    years: tuple[int, int]

    # The statements that load the file, built from this declaration's constants only
    # (table and column names, DuckDB types); the file's path is a parameter.

    def read_as_text(self) -> str:
        """Every field as text, with its line, into ``<table>_text``."""
        columns = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name, _ in self.columns) + "}"
        return (
            f"create temp table {self.table}_text as "
            "select row_number() over () + 1 as line, * from read_csv(?, header = true, "
            f"auto_detect = false, strict_mode = true, columns = {columns})"
        )

    @staticmethod
    def first_not_whole(name: str, kind: str) -> str:
        """The first line whose ``name`` is neither empty nor a whole decimal number."""
        return (
            f"select line, {name} from {{table}} where {name} is not null "
            f"and (not regexp_full_match({name}, '-?[0-9]+') "
            f"or try_cast({name} as {kind}) is null) order by line limit 1"
        )

    def typed_from_text(self) -> str:
        """``<table>_staging``, typed, from the checked text."""
        casts = ", ".join(f"cast({name} as {kind}) as {name}" for name, kind in self.columns)
        return (
            f"create temp table {self.table}_staging as select line, {casts} "
            f"from {self.table}_text; drop table {self.table}_text"
        )


BY_CHAPTER = TradeFile(
    TRADE_BY_CHAPTER,
    "trade_by_chapter",
    (
        ("year", "INTEGER"),
        ("hs2", "VARCHAR"),
        ("partner", "VARCHAR"),
        ("total_exports_cad", "BIGINT"),
        ("total_imports_cad", "BIGINT"),
    ),
    ("year", "hs2", "partner"),
    (2000, 2024),
)
BY_ORIGIN = TradeFile(
    TRADE_BY_ORIGIN,
    "trade_by_origin",
    (
        ("year", "INTEGER"),
        ("origin_code", "VARCHAR"),
        ("origin", "VARCHAR"),
        ("partner", "VARCHAR"),
        ("total_exports_cad", "BIGINT"),
        ("total_imports_cad", "BIGINT"),
    ),
    ("year", "origin_code", "partner"),
    (1990, 2024),
)


@dataclass(frozen=True)
class TradeReadme:
    """What the trade README states: the credit to print, each file's row count, and
    figures a reader can repeat."""

    attribution: str
    exported: dt.date  # when the files' data were exported from Trade Data Online
    row_counts: dict[str, int]
    check_year: int
    mexico_exports: int
    mexico_imports: int
    check_chapters: tuple[str, ...]
    chapter_exports: int
    chapter_rank: int


@dataclass(frozen=True)
class TradeReference:
    readme: TradeReadme
    chapters: frozenset[str]
    tables: Tables  # hs_chapters, partners, origins, sector_chapters, sector_trade_notes


def chapter_range(text: str) -> tuple[str, ...] | None:
    """ "01-24" as ("01", ..., "24"); "90" as ("90",); ``None`` if it is not a range."""
    match = CHAPTER_RANGE.match(text.strip())
    if not match:
        return None
    first, last = int(match["first"]), int(match["last"] or match["first"])
    if last < first:
        return None
    return tuple(f"{number:02d}" for number in range(first, last + 1))


def read_readme(inputs: Inputs) -> TradeReadme:
    path = inputs.raw(TRADE_README)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    attribution = ATTRIBUTION.search(text)
    checks = CHECKS.search(normalise_space(text))
    if attribution is None:
        raise BuildError(path, 'no attribution (Attribute as: "...")')
    if checks is None:
        raise BuildError(path, "no check figures ('Checks a reader can repeat (...)')")
    exported = EXPORTED.search(normalise_space(text))
    if exported is None or exported["month"] not in MONTHS:
        raise BuildError(path, "no export date ('exported from that site on <date>')")
    rank = stated_value(checks["rank"])
    chapters = chapter_range(f"{checks['first']}-{checks['last']}")
    if rank is None or chapters is None:
        raise BuildError(path, f"cannot read the check figures' rank {checks['rank']!r}")
    counts = {
        match["file"]: int(match["rows"].replace(",", "")) for match in ROW_COUNT.finditer(text)
    }
    for trade_file in (BY_CHAPTER, BY_ORIGIN):
        if Path(trade_file.file_name).name not in counts:
            raise BuildError(path, f"no row count for {Path(trade_file.file_name).name}")

    def number(name: str) -> int:
        return int(checks[name].replace(",", ""))

    return TradeReadme(
        attribution=normalise_space(attribution["text"]),
        exported=dt.date(int(exported["year"]), MONTHS[exported["month"]], int(exported["day"])),
        row_counts=counts,
        check_year=int(checks["year"]),
        mexico_exports=number("exports"),
        mexico_imports=number("imports"),
        check_chapters=chapters,
        chapter_exports=number("chapter_exports"),
        chapter_rank=int(rank),
    )


def read_trade_reference(sectors: Sectors, inputs: Inputs) -> TradeReference:
    """Chapters (as published, with readable names in both languages), partners and
    provinces in French, and each sector's chapters with why they stand for it."""
    published = inputs.read(HS_CHAPTER_LABELS)
    for row in published:
        if not CHAPTER.match(row["hs2"]):
            raise inputs.refuse(HS_CHAPTER_LABELS, row, f"hs2 {row['hs2']!r} is not two digits")
    as_published = {row["hs2"]: row["label_as_published"] for row in published}
    curated = inputs.read(HS_CHAPTERS)
    for row in curated:
        if row["hs2"] not in as_published:
            raise inputs.refuse(HS_CHAPTERS, row, f"chapter {row['hs2']!r} is not in the data")
    missing = sorted(set(as_published) - {row["hs2"] for row in curated})
    if missing:
        raise BuildError(inputs.path(HS_CHAPTERS), "no name for chapter(s) " + ", ".join(missing))
    chapters = frozenset(as_published)

    sector_chapters: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for row in inputs.read(SECTOR_CHAPTERS):
        check_sector(inputs, sectors, SECTOR_CHAPTERS, row)
        expanded = chapter_range(row["chapters"])
        if expanded is None:
            raise inputs.refuse(
                SECTOR_CHAPTERS, row, f"chapters {row['chapters']!r} is not NN or NN-NN"
            )
        for hs2 in expanded:
            if hs2 not in chapters:
                raise inputs.refuse(SECTOR_CHAPTERS, row, f"unknown chapter {hs2!r}")
            if (row["sector_id"], hs2) in seen:
                first = seen[(row["sector_id"], hs2)]
                raise inputs.refuse(
                    SECTOR_CHAPTERS, row, f"chapter {hs2} is already listed on line {first}"
                )
            seen[(row["sector_id"], hs2)] = row[LINE_KEY]
            sector_chapters.append(
                {
                    "sector_id": row["sector_id"],
                    "hs2": hs2,
                    "coverage": row["coverage"],
                    "rationale": row["rationale"],
                    "_chapters": row["chapters"],  # how the translation is keyed
                }
            )
    notes = inputs.read(SECTOR_TRADE_NOTES)
    for row in notes:
        check_sector(inputs, sectors, SECTOR_TRADE_NOTES, row)
    unexplained = sorted(
        {row["sector_id"] for row in sector_chapters} - {r["sector_id"] for r in notes}
    )
    if unexplained:
        raise BuildError(
            inputs.path(SECTOR_TRADE_NOTES),
            "no note on what the chapters stand for in " + ", ".join(unexplained),
        )
    services = inputs.read(SERVICES_WORDS)
    for row in services:
        check_sector(inputs, sectors, SERVICES_WORDS, row)
    return TradeReference(
        readme=read_readme(inputs),
        chapters=chapters,
        tables={
            "hs_chapters": [
                {
                    "hs2": row["hs2"],
                    "label": row["label"],
                    "label_fr": row["label_fr"],
                    "label_as_published": as_published[row["hs2"]],
                    "keywords": row["keywords"],
                    "keywords_fr": row["keywords_fr"],
                }
                for row in sorted(curated, key=lambda row: row["hs2"])
            ],
            "partners": [
                {
                    "partner": row["partner"],
                    "partner_fr": row["partner_fr"],
                    "is_total": row["partner"] == TOTAL_PARTNER,
                }
                for row in inputs.read(PARTNERS)
            ],
            "sector_chapters": sector_chapters,
            "sector_trade_notes": [
                {"sector_id": row["sector_id"], "coverage": row["coverage"], "note": row["note"]}
                for row in notes
            ],
            "services_words": [
                {"word": row["word"], "sector_id": row["sector_id"]} for row in services
            ],
        },
    )


def csv_problem(path: Path, error: duckdb.Error) -> BuildError:
    """DuckDB's CSV error as the build's: the file, the line, and what is wrong there."""
    message = str(error)
    line = CSV_LINE.search(message)
    conversion = CONVERSION.search(message)
    columns = COLUMN_COUNT.search(message)
    if conversion:
        problem = f"{conversion[1]}: {conversion[2].strip()}"
    elif columns:
        problem = f"expected {columns[1]} fields, found {columns[2]} (a cut or damaged row)"
    elif "GZIP" in message.upper():
        problem = "the gzip file ends early or is damaged"
    else:
        problem = message.splitlines()[0]
    return BuildError(path, problem, int(line[1]) if line else None)


def load_file(con: duckdb.DuckDBPyConnection, inputs: Inputs, trade_file: TradeFile) -> Path:
    """Read one file into a staging table (with each row's line) or refuse it.

    Every field is read as text first: DuckDB's own conversion to a number would take
    ``12.5`` (as 13), ``0x10``, ``1_000`` or ``1e3``, and Statistics Canada publishes whole
    dollars. A field that is not empty and not a whole decimal number is refused by its line.
    """
    path = inputs.raw(trade_file.file_name)
    if not path.is_file():
        raise BuildError(path, "missing")
    text = f"{trade_file.table}_text"
    try:
        con.execute(trade_file.read_as_text(), [str(path)])
    except duckdb.Error as error:
        raise csv_problem(path, error) from None
    for name, kind in trade_file.columns:
        if kind in WHOLE_NUMBER_TYPES:
            found = first_row(con, trade_file.first_not_whole(name, kind), text)
            if found:  # an empty field is allowed: the site published no value there
                raise BuildError(path, f"{name}: {found[1]!r} is not a whole number", found[0])
    con.execute(trade_file.typed_from_text())
    return path


def first_row(
    con: duckdb.DuckDBPyConnection, statement: str, table: str, params: list | None = None
) -> tuple | None:
    """The first row a check finds in the staging ``table``, if any."""
    rows = con.execute(statement.format(table=table), params or []).fetchall()
    return rows[0] if rows else None


def check_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    trade_file: TradeFile,
    expected_rows: int,
    origin_codes: list[str],
) -> None:
    """What a good file must be: the rows the README counts, one row per key, values that
    are not negative, the years its name gives, every chapter, partner and province known."""
    table = trade_file.table + "_staging"
    (count,) = first_row(con, "select count(*) from {table}", table) or (0,)
    if count != expected_rows:
        raise BuildError(
            path,
            f"{count:,} rows, but the README counts {expected_rows:,}: the file is "
            "incomplete, or not the one the README describes",
        )
    keys = ", ".join(trade_file.key)
    duplicate = first_row(
        con,
        "select max(line), min(line), "
        + keys
        + " from {table} group by "
        + keys
        + " having count(*) > 1 order by 1 limit 1",
        table,
    )
    if duplicate:
        shown = ", ".join(
            f"{name}={value}" for name, value in zip(trade_file.key, duplicate[2:], strict=True)
        )
        raise BuildError(path, f"duplicate {shown} (first on line {duplicate[1]})", duplicate[0])
    first_year, last_year = trade_file.years
    checks: list[tuple[str, str, list]] = [
        (
            "select line, year from {table} where year is null or year not between ? and ? "
            "order by line limit 1",
            f"year {{1}} is outside {first_year} to {last_year}",
            [first_year, last_year],
        ),
        (
            "select line, least(total_exports_cad, total_imports_cad) from {table} "
            "where total_exports_cad < 0 or total_imports_cad < 0 order by line limit 1",
            "negative value {1}",
            [],
        ),
        (
            "select line, partner from {table} where partner is null "
            "or partner not in (select partner from partners) order by line limit 1",
            "partner {1!r} has no French name in partners.csv",
            [],
        ),
    ]
    if "hs2" in trade_file.key:
        checks.append(
            (
                "select line, hs2 from {table} where hs2 is null "
                "or hs2 not in (select hs2 from hs_chapters) order by line limit 1",
                "unknown chapter {1!r}",
                [],
            )
        )
    else:
        checks.append(
            (
                "select line, origin_code from {table} where origin_code is null "
                "or not list_contains(?, origin_code) order by line limit 1",
                "unknown province or territory {1!r} (not in origins.csv)",
                [origin_codes],
            )
        )
    for statement, problem, params in checks:
        found = first_row(con, statement, table, params)
        if found:
            raise BuildError(path, problem.format(*found), found[0])


def load_trade(
    con: duckdb.DuckDBPyConnection, inputs: Inputs, reference: TradeReference
) -> dict[str, int]:
    """Load, check and keep the two trade files; the row count of each table it fills."""
    readme = reference.readme
    french = {row["origin_code"]: row for row in inputs.read(ORIGINS)}
    counts = {}
    for trade_file in (BY_CHAPTER, BY_ORIGIN):
        path = load_file(con, inputs, trade_file)
        expected = readme.row_counts[Path(trade_file.file_name).name]
        check_file(con, path, trade_file, expected, sorted(french))
        counts[trade_file.table] = expected
    origin_path = inputs.raw(BY_ORIGIN.file_name)
    names = con.execute(
        "select origin_code, count(distinct origin), min(origin) from trade_by_origin_staging "
        "group by origin_code order by origin_code"
    ).fetchall()
    for code, distinct, _ in names:
        if distinct != 1:
            raise BuildError(origin_path, f"origin_code {code} has {distinct} different names")
    for code in sorted(set(french) - {code for code, _, _ in names}):
        raise inputs.refuse(ORIGINS, french[code], f"{code} is not in the province file")
    con.executemany(
        "insert into origins (origin_code, origin, origin_fr) values (?, ?, ?)",
        [(code, name, french[code]["origin_fr"]) for code, _, name in names],
    )
    con.execute(
        "insert into trade_by_chapter select year, hs2, partner, total_exports_cad, "
        "total_imports_cad from trade_by_chapter_staging order by year, hs2, partner"
    )
    con.execute(
        "insert into trade_by_origin select year, origin_code, origin, partner, "
        "total_exports_cad, total_imports_cad from trade_by_origin_staging "
        "order by year, origin_code, partner"
    )
    con.execute("drop table trade_by_chapter_staging; drop table trade_by_origin_staging")
    check_readme_figures(con, inputs, readme)
    counts["origins"] = len(names)
    return counts


def check_readme_figures(
    con: duckdb.DuckDBPyConnection, inputs: Inputs, readme: TradeReadme
) -> None:
    """The figures the README says a reader can repeat must come out of the data."""
    readme_path = inputs.raw(TRADE_README)
    exports, imports = con.execute(
        "select exports_cad, imports_cad from trade_by_origin "
        "where year = ? and origin_code = ? and partner = ?",
        [readme.check_year, ALL_CANADA, MEXICO],
    ).fetchone() or (None, None)
    chapter_rows = con.execute(
        """
        with partner_exports as (
            select trade_by_chapter.partner, sum(trade_by_chapter.exports_cad) as exports
            from trade_by_chapter
            inner join partners on partners.partner = trade_by_chapter.partner
            where trade_by_chapter.year = ? and list_contains(?, trade_by_chapter.hs2)
                and not partners.is_total
            group by trade_by_chapter.partner
        )
        select exports, rank() over (order by exports desc nulls last), partner
        from partner_exports
        qualify partner = ?
        """,
        [readme.check_year, list(readme.check_chapters), MEXICO],
    ).fetchall()
    chapter_exports, chapter_rank = chapter_rows[0][:2] if chapter_rows else (None, None)
    found = {
        "exports to Mexico": (exports, readme.mexico_exports),
        "imports from Mexico": (imports, readme.mexico_imports),
        f"chapters {readme.check_chapters[0]} to {readme.check_chapters[-1]} exported to Mexico": (
            chapter_exports,
            readme.chapter_exports,
        ),
        "Mexico's rank for those chapters": (chapter_rank, readme.chapter_rank),
    }
    for name, (actual, expected) in found.items():
        if actual != expected:
            raise BuildError(
                readme_path,
                f"the data give {name} in {readme.check_year} as {actual}, but the README's "
                f"check figure is {expected}: the files are not the ones the README describes",
            )
