"""Mexico's own trade statistics: INEGI's monthly imports and exports by HS chapter and
transport mode (``data/raw/mexico-trade/``, and any later package ``python -m etl.refresh
--source inegi`` kept in ``data/releases/inegi/<release date>/``).

``read_mexico_trade`` (before the database is opened) finds every package held, reads its
metadata and the README's credit and check figures. ``load_mexico_trade`` (in the new
file) reads each package's chapter file with DuckDB's CSV reader, every field as text, and
refuses by file and line: a header other than INEGI's, a month or flow or mode it does not
know, a value that is not a plain decimal number (a comma, an exponent, a sign, a blank in
an available cell), a confidential cell with a value, a repeated key, a gap between months,
a month after the release, chapters plus unclassified goods that do not add up to their
mode's total or modes that do not add up to the month's national total (to rounding), and,
for the package the README describes, its check figures. Then the newest package holding a
month gives its value, and every value that changed between packages is a revision.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import BuildError
from etl.inegi import PACKAGE_NAME, Package, extract_chapter_file, read_package
from etl.inputs import Inputs
from etl.paths import display_path
from etl.steps.annual_trade import csv_problem

README = "mexico-trade/README.md"
SHIPPED = "mexico-trade/" + PACKAGE_NAME
# Where the refresh keeps INEGI's packages, inside the releases folder.
RELEASES_SUBFOLDER = "inegi"
RETRIEVAL_FILE = "retrieval.json"
HEADER = (
    "PROD_EST",
    "COBERTURA",
    "TIPO",
    "ANIO",
    "MES",
    "CONCEPTO",
    "MTRA",
    "VAL_USD",
    "ESTATUS_CIFRA",
    "ESTATUS",
)
FLOWS = {"Importación": "imports", "Exportación": "exports"}
MODES = {"01": "maritime", "04": "air", "06": "rail", "07": "road", "09": "other"}
MODE_TOTALS = {
    "Marítimo": "01",
    "Aéreo": "04",
    "Ferroviario": "06",
    "Carretero": "07",
    "Otros modos": "09",
}
STATUSES = {
    "Cifras Definitivas.": "definitive",
    "Cifras Ajustadas.": "adjusted",
    "Cifras Revisadas.": "revised",
}
UNCLASSIFIED = "Productos no clasificados"
NATIONAL_TOTALS = ("Importación total", "Exportación total")
# Since 2017 INEGI writes the totals to three decimals: 97 parts each within half a
# thousandth of a million can miss their total by up to 0.0485 (0.008 seen at most).
SUM_TOLERANCE = 0.05
CHECK_TOLERANCE = 0.05  # a README figure is written to one decimal
ATTRIBUTION = re.compile(r'In English: "(?P<text>Source: INEGI[^"]+)"')
NATIONAL = re.compile(
    r"National total \(`Importación total`, sum of the months\):"
    r"(?P<text>[^\n]+(?:\n[^\n-][^\n]*)*)"
)
YEAR_FIGURE = re.compile(r"(?<![\w-])(\d{4}) US\$([\d,]+\.\d) million")
PERIOD_FIGURE = re.compile(r"January to (\w+) (\d{4}) US\$([\d,]+\.\d) million")
CHAPTER_FIGURE = re.compile(
    r"Chapter (\d{2}) \([^)]*\), all modes: (\d{4}) US\$([\d,]+\.\d) million"
)
MODE_FIGURE = re.compile(r"(maritime|air|rail|road|other) ([\d,]+\.\d)")
MODE_YEAR = re.compile(r"- (\d{4}): the five modes' totals")
MONTH_NAMES = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


@dataclass(frozen=True)
class CheckFigure:
    what: str  # how the README states it
    sql: str  # the sum over the described package's rows
    params: tuple
    value: float


@dataclass(frozen=True)
class MexicoTrade:
    attribution: str
    packages: list[Package]  # oldest first
    retrieved: dict[dt.date, tuple[str | None, str | None]]  # release -> (when, from where)
    described: Package  # the shipped package, whose check figures the README gives
    checks: list[CheckFigure]


def number(text: str) -> float:
    return float(text.replace(",", ""))


def read_readme(path: Path) -> tuple[str, list[CheckFigure]]:
    """The README's English credit and the check figures a reader can repeat."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    attribution = ATTRIBUTION.search(text)
    national = NATIONAL.search(text)
    if attribution is None:
        raise BuildError(path, 'no English credit (In English: "Source: INEGI ...")')
    if national is None:
        raise BuildError(path, "no national check figures ('National total (`Importación total`")
    total = (
        "select sum(value) from inegi_package where kind = 'national' and flow = 'imports' "
        "and ref_month between ? and ?"
    )
    checks = [
        CheckFigure(
            f"imports {year}",
            total,
            (dt.date(int(year), 1, 1), dt.date(int(year), 12, 1)),
            number(value),
        )
        for year, value in YEAR_FIGURE.findall(national["text"])
    ]
    for month, year, value in PERIOD_FIGURE.findall(national["text"]):
        if month not in MONTH_NAMES:
            raise BuildError(path, f"check figure for January to {month!r}: not a month")
        checks.append(
            CheckFigure(
                f"imports January to {month} {year}",
                total,
                (dt.date(int(year), 1, 1), dt.date(int(year), MONTH_NAMES[month], 1)),
                number(value),
            )
        )
    for chapter, year, value in CHAPTER_FIGURE.findall(text):
        checks.append(
            CheckFigure(
                f"chapter {chapter} imports {year}",
                "select sum(value) from inegi_package where kind = 'chapter' and flow = 'imports' "
                "and chapter = ? and year(ref_month) = ?",
                (chapter, int(year)),
                number(value),
            )
        )
    mode_year = MODE_YEAR.search(text)
    if mode_year:
        modes = {name: code for code, name in MODES.items()}
        for mode, value in MODE_FIGURE.findall(text[mode_year.end() : mode_year.end() + 300]):
            checks.append(
                CheckFigure(
                    f"{mode} imports {mode_year[1]}",
                    "select sum(value) from inegi_package where kind = 'mode' "
                    "and flow = 'imports' and transport_mode = ? and year(ref_month) = ?",
                    (MODES[modes[mode]], int(mode_year[1])),
                    number(value),
                )
            )
    if len(checks) < 4:
        raise BuildError(path, f"only {len(checks)} check figures found; the build needs them")
    return " ".join(attribution["text"].split()), checks


def read_mexico_trade(inputs: Inputs) -> MexicoTrade:
    """Every package held (the shipped one and those the refresh kept), oldest first."""
    attribution, checks = read_readme(inputs.raw(README))
    shipped = inputs.raw(SHIPPED)
    if not shipped.is_file():
        raise BuildError(shipped, "missing (the README describes it)")
    described = read_package(shipped)
    packages = [described]
    retrieved: dict[dt.date, tuple[str | None, str | None]] = {}
    folder = inputs.releases_dir / RELEASES_SUBFOLDER if inputs.releases_dir else None
    if folder is not None and folder.is_dir():
        for kept in sorted(folder.iterdir()):
            if kept.name.startswith(".") or not kept.is_dir():
                continue  # a refresh's unfinished download, or a stray file
            package = read_package(kept / PACKAGE_NAME)
            if kept.name != package.release_date.isoformat():
                raise BuildError(
                    kept / PACKAGE_NAME,
                    f"kept as {kept.name} but published {package.release_date.isoformat()}",
                )
            retrieved[package.release_date] = read_retrieval(kept / RETRIEVAL_FILE)
            packages.append(package)
    packages.sort(key=lambda package: package.release_date)
    for earlier, later in itertools.pairwise(packages):
        if earlier.release_date == later.release_date:
            raise BuildError(
                later.path,
                f"a second package of {later.release_date.isoformat()} (first: {earlier.path})",
            )
    return MexicoTrade(attribution, packages, retrieved, described, checks)


def read_retrieval(path: Path) -> tuple[str | None, str | None]:
    """When and from where the refresh fetched a package (``retrieval.json``)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BuildError(path, f"cannot read the retrieval record: {error}") from None
    if not isinstance(record, dict):
        raise BuildError(path, "the retrieval record is not an object")
    when, where = record.get("retrieved_at"), record.get("url")
    if not isinstance(when, str) or not isinstance(where, str):
        raise BuildError(path, "the retrieval record needs 'retrieved_at' and 'url' as text")
    return when, where


STAGE_TEXT_TEMPLATE = """
create or replace temp table inegi_text as
select row_number() over () + 1 as line, *
from read_csv(?, header = true, all_varchar = true, delim = ',', quote = '"',
              escape = '"', strict_mode = true, null_padding = false, auto_detect = false,
              columns = {columns})
"""
# Each check: a query giving the first line at fault and what is there, and the problem.
TEXT_CHECK_TEMPLATES = (
    (
        "select line, cobertura from inegi_text where cobertura is distinct from 'Nacional'",
        "COBERTURA {!r} is not 'Nacional'",
    ),
    (
        "select line, tipo from inegi_text where tipo not in ('Importación', 'Exportación') "
        "or tipo is null",
        "TIPO {!r} is neither 'Importación' nor 'Exportación'",
    ),
    (
        "select line, anio from inegi_text "
        "where not coalesce(regexp_full_match(anio, '[0-9]{{4}}'), false)",
        "ANIO {!r} is not a year",
    ),
    (
        "select line, mes from inegi_text "
        "where not coalesce(regexp_full_match(mes, '0[1-9]|1[0-2]'), false)",
        "MES {!r} is not a month 01 to 12",
    ),
    (
        "select line, estatus_cifra from inegi_text "
        "where estatus_cifra not in ('Disponible', 'Confidencial') or estatus_cifra is null",
        "ESTATUS_CIFRA {!r} is neither 'Disponible' nor 'Confidencial'",
    ),
    (
        "select line, val_usd from inegi_text where estatus_cifra = 'Disponible' "
        "and not coalesce(regexp_full_match(val_usd, '[0-9]+(\\.[0-9]+)?'), false)",
        "VAL_USD {!r} is not a plain decimal number (digits and one point: no comma, "
        "exponent, sign or blank)",
    ),
    (
        "select line, val_usd from inegi_text where estatus_cifra = 'Confidencial' "
        "and val_usd is not null",
        "VAL_USD {!r} is given for a confidential cell",
    ),
    (
        "select line, estatus from inegi_text "
        "where estatus not in ({statuses}) or estatus is null",
        "ESTATUS {!r} is not one of INEGI's revision statuses",
    ),
    (
        "select line, concepto from inegi_text where not ("
        "coalesce(regexp_full_match(concepto, 'Capítulo [0-9]{{2}} .+'), false) "
        "or concepto in ({concepts}))",
        "CONCEPTO {!r} is not a chapter, a mode or a total",
    ),
    (
        "select line, mtra from inegi_text where concepto like 'Capítulo%' "
        "and substr(concepto, 10, 2) not between '01' and '97'",
        "CONCEPTO {!r} names a chapter HS does not have",
    ),
    (
        "select line, coalesce(mtra, '(empty)') from inegi_text "
        "where (concepto in ('Importación total', 'Exportación total') and mtra is not null) "
        "or (concepto not in ('Importación total', 'Exportación total') "
        "and (mtra is null or mtra not in ({modes})))",
        "MTRA {} is not a transport mode here",
    ),
    (
        "select line, concepto from inegi_text where concepto in ({mode_totals}) "
        "and mtra is distinct from case concepto {mode_cases} end",
        "the mode total {!r} is given under another mode's code",
    ),
    (
        "select line, concepto from inegi_text where concepto like '% total' "
        "and substr(concepto, 1, 11) <> substr(tipo, 1, 11)",
        "the national total {!r} is given under the other flow",
    ),
)
TYPED_TEMPLATE = """
create or replace temp table inegi_package as
select line,
       make_date(cast(anio as integer), cast(mes as integer), 1) as ref_month,
       case tipo when 'Importación' then 'imports' else 'exports' end as flow,
       case when concepto like 'Capítulo%' then 'chapter'
            when concepto = 'Productos no clasificados' then 'unclassified'
            when concepto like '% total' then 'national' else 'mode' end as kind,
       case when concepto like 'Capítulo%' then substr(concepto, 10, 2)
            when concepto = 'Productos no clasificados' then 'unclassified' end as chapter,
       case mtra {mode_names} end as transport_mode,
       cast(val_usd as double) as value,
       estatus_cifra = 'Confidencial' as confidential,
       case estatus {status_names} end as figure_status
from inegi_text
"""


def quoted(values) -> str:
    """Constants of this module as SQL literals (never a file's contents)."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


# The statements are composed once, here, from this module's constants: INEGI's column
# names, codes and words. Everything read from a package reaches SQL as a parameter.
STAGE_TEXT = STAGE_TEXT_TEMPLATE.format(
    columns="{" + ", ".join(f"'{name.lower()}': 'varchar'" for name in HEADER) + "}"
)
TEXT_CHECKS = tuple(
    (
        sql.format(
            statuses=quoted(STATUSES),
            concepts=quoted(
                [UNCLASSIFIED, *MODE_TOTALS, "Importación total", "Exportación total"]
            ),
            modes=quoted(MODES),
            mode_totals=quoted(MODE_TOTALS),
            mode_cases=" ".join(
                f"when '{name}' then '{code}'" for name, code in MODE_TOTALS.items()
            ),
        )
        + " order by line limit 1",
        problem,
    )
    for sql, problem in TEXT_CHECK_TEMPLATES
)
ANY_TEXT_PROBLEM = (
    "select line from inegi_text where "
    + " or ".join(
        "coalesce("
        + sql.split(" where ", 1)[1].removesuffix(" order by line limit 1")
        + ", false)"
        for sql, _ in TEXT_CHECKS
    )
    + " limit 1"
)
TYPED = TYPED_TEMPLATE.format(
    mode_names=" ".join(f"when '{code}' then '{name}'" for code, name in MODES.items()),
    status_names=" ".join(f"when '{text}' then '{name}'" for text, name in STATUSES.items()),
)


def first(con: duckdb.DuckDBPyConnection, sql: str, params: tuple | dict = ()) -> tuple | None:
    """The first row a check finds, if any."""
    rows = con.execute(sql, params if isinstance(params, dict) else list(params)).fetchmany(1)
    return rows[0] if rows else None


def only(con: duckdb.DuckDBPyConnection, sql: str, params: tuple = ()) -> tuple:
    """The one row an aggregate query gives."""
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None, "an aggregate query gives one row"
    return row


def stage_package(con: duckdb.DuckDBPyConnection, package: Package) -> None:
    """The package's chapter file as the typed staging table ``inegi_package``, or
    ``BuildError``."""
    with tempfile.TemporaryDirectory(prefix="inegi-") as folder:
        csv_path = extract_chapter_file(package, Path(folder))
        with csv_path.open("rb") as handle:
            header = handle.readline().decode("utf-8", "replace").strip().lstrip("\ufeff")
        if tuple(header.split(",")) != HEADER:
            raise BuildError(
                package.path,
                f"{package.chapter_member}: header {header[:200]!r} is not INEGI's",
                1,
            )
        try:
            con.execute(STAGE_TEXT, [str(csv_path)])
        except duckdb.Error as error:
            refusal = csv_problem(package.path, error)
            raise BuildError(
                package.path, f"{package.chapter_member}: {refusal.problem}", refusal.line
            ) from None
    # One pass over the rows finds whether any check fails; only then is each check run
    # to name the first line at fault and what is wrong with it.
    if first(con, ANY_TEXT_PROBLEM) is not None:
        for sql, problem in TEXT_CHECKS:
            found = first(con, sql)
            if found:
                text = problem.format(found[1] if found[1] is None else found[1][:80])
                raise BuildError(package.path, f"{package.chapter_member}: {text}", found[0])
    con.execute(TYPED)
    check_package(con, package)


def check_package(con: duckdb.DuckDBPyConnection, package: Package) -> None:
    """Keys, months and sums of one staged package."""

    def refuse(problem: str, line: int | None = None) -> BuildError:
        return BuildError(package.path, f"{package.chapter_member}: {problem}", line)

    duplicate = first(
        con,
        "select min(line), max(line), ref_month, flow, coalesce(chapter, kind), "
        "coalesce(transport_mode, 'all') from inegi_package "
        "group by ref_month, flow, kind, chapter, transport_mode having count(*) > 1 "
        "order by 2 limit 1",
    )
    if duplicate:
        raise refuse(
            f"a second row for {duplicate[2]:%Y-%m} {duplicate[3]} {duplicate[4]} "
            f"{duplicate[5]} (first on line {duplicate[0]})",
            duplicate[1],
        )
    start, end, months = only(
        con, "select min(ref_month), max(ref_month), count(distinct ref_month) from inegi_package"
    )
    if start is None:
        raise refuse("no rows")
    expected = (end.year - start.year) * 12 + end.month - start.month + 1
    if months != expected:
        missing = first(
            con,
            "select m from (select unnest(generate_series(?::date, ?::date, interval 1 month))"
            "::date as m) where m not in (select ref_month from inegi_package) order by m limit 1",
            (start, end),
        )
        gap = f"{missing[0]:%Y-%m}" if missing else "a month"
        raise refuse(f"months are not contiguous: {gap} is missing")
    last_day = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1) - dt.timedelta(days=1)
    if last_day > package.period_end or last_day >= package.release_date:
        raise refuse(
            f"months up to {end:%Y-%m}, after the period the package covers "
            f"({package.period_end.isoformat()}) or its release "
            f"({package.release_date.isoformat()})",
        )
    uneven = first(
        con,
        "select ref_month, flow, count(*) from inegi_package "
        "where kind in ('chapter', 'unclassified') "
        "group by ref_month, flow, transport_mode having count(*) <> (select count(*) from "
        "(select distinct chapter from inegi_package where chapter is not null)) "
        "order by 1 limit 1",
    )
    if uneven:
        raise refuse(f"{uneven[0]:%Y-%m} {uneven[1]}: a mode lists {uneven[2]} chapters, not all")
    # Chapters and unclassified goods add up to their mode's total; a confidential cell
    # (no value) can only leave the sum short of it.
    mode_sum = first(
        con,
        """
        with parts as (
            select ref_month, flow, transport_mode, sum(value) as parts,
                   bool_or(confidential) as has_confidential
            from inegi_package where kind in ('chapter', 'unclassified')
            group by ref_month, flow, transport_mode)
        select m.line, m.ref_month, m.flow, m.transport_mode, m.value, p.parts
        from inegi_package m join parts p using (ref_month, flow, transport_mode)
        where m.kind = 'mode' and (m.value is null or p.parts > m.value + $tolerance
              or (not p.has_confidential and p.parts < m.value - $tolerance))
        order by m.line limit 1
        """,
        {"tolerance": SUM_TOLERANCE},
    )
    if mode_sum:
        raise refuse(
            f"{mode_sum[1]:%Y-%m} {mode_sum[2]} by {mode_sum[3]}: the chapters and unclassified "
            f"goods add up to {mode_sum[5]:.6f}, the mode's total is {mode_sum[4]}",
            mode_sum[0],
        )
    national = first(
        con,
        """
        with modes as (
            select ref_month, flow, sum(value) as modes, count(*) as n
            from inegi_package where kind = 'mode' group by ref_month, flow)
        select t.line, t.ref_month, t.flow, t.value, m.modes, m.n
        from inegi_package t left join modes m using (ref_month, flow)
        where t.kind = 'national' and (m.n is distinct from $modes or t.value is null
              or abs(t.value - m.modes) > $tolerance)
        order by t.line limit 1
        """,
        {"tolerance": SUM_TOLERANCE, "modes": len(MODES)},
    )
    if national:
        raise refuse(
            f"{national[1]:%Y-%m} {national[2]}: the national total {national[3]} is not the "
            f"sum of the {national[5] or 0} modes' totals ({national[4]})",
            national[0],
        )
    missing_total = first(
        con,
        "select ref_month, flow from (select distinct ref_month, flow from inegi_package) "
        "where (ref_month, flow) not in (select ref_month, flow from inegi_package "
        "where kind = 'national') order by 1 limit 1",
    )
    if missing_total:
        raise refuse(f"{missing_total[0]:%Y-%m} {missing_total[1]}: no national total")


def check_readme_figures(con: duckdb.DuckDBPyConnection, trade: MexicoTrade, readme: Path) -> None:
    for figure in trade.checks:
        (found,) = only(con, figure.sql, figure.params)
        if found is None or abs(found - figure.value) > CHECK_TOLERANCE:
            raise BuildError(
                readme,
                f"check figure {figure.what}: the README says {figure.value:,.1f}, the package "
                f"gives {'nothing' if found is None else format(found, ',.1f')}",
            )


REVISIONS = """
insert into mexico_trade_revisions
with ordered as (
    select ref_month, flow, chapter, transport_mode, value, confidential, release_date,
           lag(value) over w as earlier_value,
           lag(confidential) over w as earlier_confidential,
           lag(release_date) over w as earlier_release
    from inegi_every where kind in ('chapter', 'unclassified')
    window w as (partition by ref_month, flow, chapter, transport_mode
                 order by release_date))
select ref_month, flow, chapter, transport_mode, earlier_value, value,
       earlier_release, release_date
from ordered
where earlier_release is not null
  and (earlier_confidential <> confidential
       or abs(coalesce(value, 0) - coalesce(earlier_value, 0)) > 0.0000005)
order by ref_month, flow, chapter, transport_mode, release_date
"""
NEWEST_PACKAGE_MONTHLY = """
insert into mexico_trade_monthly
select ref_month, flow, chapter, transport_mode, value, confidential, figure_status,
       release_date
from inegi_every where kind in ('chapter', 'unclassified')
qualify row_number() over (
    partition by ref_month, flow, chapter, transport_mode order by release_date desc) = 1
order by ref_month, flow, chapter, transport_mode
"""
SINGLE_PACKAGE_MONTHLY = """
insert into mexico_trade_monthly
select ref_month, flow, chapter, transport_mode, value, confidential, figure_status,
       release_date
from inegi_every where kind in ('chapter', 'unclassified')
order by ref_month, flow, chapter, transport_mode
"""


def load_mexico_trade(
    con: duckdb.DuckDBPyConnection, inputs: Inputs, trade: MexicoTrade
) -> dict[str, int]:
    """Stage, check and merge every package; the row count of each table it fills."""
    for number, package in enumerate(trade.packages):
        stage_package(con, package)
        if package is trade.described:
            check_readme_figures(con, trade, inputs.raw(README))
        if number == 0:
            con.execute(
                "create temp table inegi_every as "
                "select *, ?::date as release_date from inegi_package",
                [package.release_date],
            )
        else:
            con.execute(
                "insert into inegi_every select *, ? from inegi_package", [package.release_date]
            )
    # The newest package holding a month gives its value; with one package held (every
    # clone's case) that is every row, and the window that picks it is skipped.
    con.execute(SINGLE_PACKAGE_MONTHLY if len(trade.packages) == 1 else NEWEST_PACKAGE_MONTHLY)
    con.execute(
        """
        insert into mexico_trade_totals
        select ref_month, flow, coalesce(transport_mode, 'all'), value, figure_status,
               release_date
        from inegi_every where kind in ('mode', 'national')
        qualify row_number() over (
            partition by ref_month, flow, transport_mode order by release_date desc) = 1
        order by ref_month, flow, transport_mode
        """
    )
    # A revision: the value of a month in a package differs from the one in the package
    # before it that also held that month (or it became, or stopped being, confidential).
    if len(trade.packages) > 1:  # one package revises nothing
        con.execute(REVISIONS)
    con.execute("drop table inegi_every; drop table inegi_package; drop table inegi_text")
    return {
        name: only(con, f"select count(*) from {name}")[0]
        for name in ("mexico_trade_monthly", "mexico_trade_totals", "mexico_trade_revisions")
    }


def release_rows(trade: MexicoTrade) -> list[dict]:
    """Each INEGI package held, as a row of ``data_releases``."""
    rows = []
    for package in trade.packages:
        when, where = trade.retrieved.get(package.release_date, (None, None))
        rows.append(
            {
                "dataset": "mexico_trade_monthly",
                "release_date": package.release_date,
                "reference_period_end": package.period_end,
                "retrieved_at": dt.datetime.fromisoformat(when).replace(tzinfo=None)
                if when
                else None,
                "source": where or display_path(package.path),
            }
        )
    return rows
