"""Read-only SQL over the mission database.

Every function takes a DuckDB connection (or cursor) first and returns plain data:
a DataFrame for tables, a frozen dataclass for the single-row tables. Values are always
passed as parameters. ``open_snapshot`` copies the database file into memory so readers
never hold the file open: a rebuild can replace it at any moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

# The tables a usable database must have; a file without them is from elsewhere.
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
        "eligibility_criteria",
        "notices",
        "sector_summary",
        "opportunity_counts",
        "figure_texts",
    }
)


class DatabaseUnavailable(Exception):
    """The database file is missing or is not a mission database."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason  # "missing" or "unreadable"
        super().__init__(f"{path}: {reason}")


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts, with SQL NULL as ``None`` (pandas would give NaN or NaT)."""
    return [
        {key: (None if _missing(value) else value) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _missing(value: object) -> bool:
    # NaN is the one value not equal to itself; NaT and NA are caught by pandas.
    return value is None or value != value or value is pd.NaT or value is pd.NA


def open_snapshot(path: Path) -> duckdb.DuckDBPyConnection:
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


@dataclass(frozen=True)
class Mission:
    title: str
    lead: str
    start_date: dt.date
    end_date: dt.date
    format: str
    registration_deadline_utc: dt.datetime  # aware, UTC
    registration_deadline_text: str
    registration_time_zone: str
    contact_email: str


@dataclass(frozen=True)
class SourceDocument:
    title: str
    publisher: str
    url: str
    file_name: str
    sha256: str
    line_count: int
    capture_note: str


def _single_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple:
    # fetchall, not fetchone: DuckDB refuses further work on a connection with a result
    # left half-read.
    (row,) = con.execute(sql, params or []).fetchall()
    return row


def mission(con: duckdb.DuckDBPyConnection, lang: str = "en") -> Mission:
    row = _single_row(
        con,
        """
        select title, case when ? = 'fr' then lead_fr else lead end, start_date, end_date,
            format, registration_deadline_utc, registration_deadline_text,
            registration_time_zone, contact_email
        from mission
        """,
        [lang],
    )
    values = list(row)
    values[5] = values[5].replace(tzinfo=dt.UTC)
    return Mission(*values)


def source_document(con: duckdb.DuckDBPyConnection, lang: str = "en") -> SourceDocument:
    row = _single_row(
        con,
        """
        select title, publisher, url, file_name, sha256, line_count,
            case when ? = 'fr' then capture_note_fr else capture_note end
        from source_document
        """,
        [lang],
    )
    return SourceDocument(*row)


def attributions(con: duckdb.DuckDBPyConnection, lang: str = "en") -> dict[str, str]:
    """Credits for the map shapes and city coordinates, in ``lang``."""
    rows = con.execute(
        "select dataset, case when ? = 'fr' then attribution_fr else attribution end"
        " from attributions",
        [lang],
    ).fetchall()
    return dict(rows)


def sectors(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """The five sectors in page order, named in ``lang``."""
    return con.execute(
        """
        select sector_id,
            case when ? = 'fr' then name_fr else name end as name,
            case when ? = 'fr' then short_name_fr else short_name end as short_name,
            sort_order
        from sectors
        order by sort_order
        """,
        [lang, lang],
    ).df()


def sector_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        row[0]
        for row in con.execute("select sector_id from sectors order by sort_order").fetchall()
    ]


def sector_cities(
    con: duckdb.DuckDBPyConnection, sector_id: str | None = None, lang: str = "en"
) -> pd.DataFrame:
    """Host cities per sector, Mexico City (core programming, first dates) first.

    ``city`` is the city's id (its English name); ``city_name`` is its name in ``lang``.
    """
    return con.execute(
        """
        select sector_cities.sector_id, sector_cities.city,
            case when ? = 'fr' then cities.city_fr else cities.city end as city_name,
            programme.start_date, programme.end_date, programme.kind
        from sector_cities
        inner join programme on programme.city = sector_cities.city
        inner join cities on cities.city = sector_cities.city
        inner join sectors on sectors.sector_id = sector_cities.sector_id
        where ? is null or sector_cities.sector_id = ?
        order by sectors.sort_order, programme.start_date, sector_cities.city
        """,
        [lang, sector_id, sector_id],
    ).df()


def programme(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """Where and when the programme runs; ``city_name`` is the city's name in ``lang``."""
    return con.execute(
        """
        select programme.city,
            case when ? = 'fr' then cities.city_fr else cities.city end as city_name,
            programme.start_date, programme.end_date, programme.kind,
            programme.quote, cities.state, cities.latitude, cities.longitude
        from programme
        inner join cities on cities.city = programme.city
        order by programme.start_date, programme.city
        """,
        [lang],
    ).df()


def programme_activities(con: duckdb.DuckDBPyConnection, lang: str = "en") -> list[str]:
    rows = con.execute(
        "select case when ? = 'fr' then text_fr else text end"
        " from programme_activities order by activity_no",
        [lang],
    ).fetchall()
    return [row[0] for row in rows]


ALL_FIGURES = "all"
COUNTRY_FIGURES = "country"


def figures(
    con: duckdb.DuckDBPyConnection, scope: str = ALL_FIGURES, lang: str = "en"
) -> pd.DataFrame:
    """Figures, published first in page order, then derived.

    ``scope`` is ``"all"``, ``"country"`` (figures about Mexico or the relationship as a
    whole, with no sector) or a sector id. Labels and formulas are in ``lang``; quotes
    are the page's English, verbatim.
    """
    return con.execute(
        """
        select figures.figure_id, figures.sector_id, figure_texts.label, figures.value,
            figures.unit, figures.year, figures.qualifier, figures.value_text, figures.quote,
            figures.line, figures.is_derived, figure_texts.formula, figures.display_decimals
        from figures
        inner join figure_texts
            on figure_texts.figure_id = figures.figure_id and figure_texts.lang = ?
        where ? = 'all' or (? = 'country' and figures.sector_id is null)
            or figures.sector_id = ?
        order by figures.is_derived, figures.line nulls last, figures.figure_id
        """,
        [lang, scope, scope, scope],
    ).df()


def figure_inputs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select figure_id, input_figure_id from figure_inputs order by figure_id, input_figure_id"
    ).df()


def derived_figure_inputs(
    con: duckdb.DuckDBPyConnection, lang: str = "en"
) -> dict[str, list[dict]]:
    """For each derived figure, the published figures it is computed from (with quotes)."""
    frame = con.execute(
        """
        select figure_inputs.figure_id as derived_figure_id, figures.figure_id,
            figures.sector_id, figure_texts.label, figures.value, figures.unit, figures.year,
            figures.qualifier, figures.value_text, figures.quote, figures.line,
            figures.is_derived, figure_texts.formula, figures.display_decimals
        from figure_inputs
        inner join figures on figures.figure_id = figure_inputs.input_figure_id
        inner join figure_texts
            on figure_texts.figure_id = figures.figure_id and figure_texts.lang = ?
        order by figure_inputs.figure_id, figures.line, figures.figure_id
        """,
        [lang],
    ).df()
    grouped: dict[str, list[dict]] = {}
    for row in records(frame):
        grouped.setdefault(row.pop("derived_figure_id"), []).append(row)
    return grouped


def opportunities(
    con: duckdb.DuckDBPyConnection, sector_id: str | None = None, lang: str = "en"
) -> pd.DataFrame:
    """Opportunities the page names, named in ``lang``, each with its English quote."""
    return con.execute(
        """
        select opportunities.sector_id, opportunities.category,
            case when ? = 'fr' then opportunities.item_fr else opportunities.item end as item,
            opportunities.origin, opportunities.quote, opportunities.line
        from opportunities
        inner join sectors on sectors.sector_id = opportunities.sector_id
        where ? is null or opportunities.sector_id = ?
        order by sectors.sort_order, opportunities.line, opportunities.item
        """,
        [lang, sector_id, sector_id],
    ).df()


def companies(con: duckdb.DuckDBPyConnection, sector_id: str | None = None) -> pd.DataFrame:
    return con.execute(
        """
        select sector_id, company, role, quote
        from companies
        where ? is null or sector_id = ?
        order by sector_id, company
        """,
        [sector_id, sector_id],
    ).df()


def cluster_states(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    return con.execute(
        """
        select cluster_states.sector_id,
            case when ? = 'fr' then cluster_states.cluster_fr else cluster_states.cluster end
                as cluster,
            cluster_states.state_code, states.state_name, cluster_states.quote
        from cluster_states
        inner join states on states.state_code = cluster_states.state_code
        order by states.state_name
        """,
        [lang],
    ).df()


def states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select state_code, state_name, geometry from states order by state_code"
    ).df()


def eligibility_criteria(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """Each criterion: ``text`` in ``lang``, ``quote`` as the page states it (English)."""
    return con.execute(
        """
        select criterion_id, parent_id, applies_to,
            case when ? = 'fr' then text_fr else text end as text, text as quote, line
        from eligibility_criteria
        order by line
        """,
        [lang],
    ).df()


def notices(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select notice_id, text from notices order by line").fetchall())


def sector_summary(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """Per sector, in ``lang``: opportunities, figures, companies and host cities."""
    return con.execute(
        """
        select sector_id,
            case when ? = 'fr' then name_fr else name end as name,
            case when ? = 'fr' then short_name_fr else short_name end as short_name,
            sort_order, opportunities, published_figures, derived_figures, named_companies,
            case when ? = 'fr' then cities_fr else cities end as cities
        from sector_summary
        order by sort_order
        """,
        [lang, lang, lang],
    ).df()


def opportunity_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """
        select opportunity_counts.sector_id, opportunity_counts.category, opportunity_counts.items
        from opportunity_counts
        inner join sectors on sectors.sector_id = opportunity_counts.sector_id
        order by sectors.sort_order, opportunity_counts.category
        """
    ).df()
