"""Read-only SQL over the mission database.

Every function takes a DuckDB connection (or cursor) first and returns plain data: a
DataFrame for tables, a frozen dataclass for the single-row tables. Values are always
passed as parameters. Text is picked in a language by one join on a ``*_texts`` view
(``marts.sql``); quotes from the page are its English, verbatim, in every language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission.data.database import Connection, records
from trade_mission.text.i18n import Language

ALL_FIGURES = "all"
COUNTRY_FIGURES = "country"


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
    local_time_zone: str
    contact_email: str


@dataclass(frozen=True)
class SourceDocument:
    """The mission page as the database records it: what every quote is from."""

    title: str
    publisher: str
    url: str
    file_name: str
    sha256: str
    line_count: int
    capture_note: str


def _single_row(con: Connection, sql: str, params: list | None = None) -> tuple:
    # fetchall, not fetchone: DuckDB refuses further work on a connection with a result
    # left half-read.
    (row,) = con.execute(sql, params or []).fetchall()
    return row


def mission(con: Connection, lang: Language = "en") -> Mission:
    row = _single_row(
        con,
        """
        select mission.title, mission_texts.lead, mission.start_date, mission.end_date,
            mission.format, mission.registration_deadline_utc,
            mission.registration_deadline_text, mission.registration_time_zone,
            mission.local_time_zone, mission.contact_email
        from mission
        inner join mission_texts on mission_texts.lang = ?
        """,
        [lang],
    )
    values = list(row)
    values[5] = values[5].replace(tzinfo=dt.UTC)
    return Mission(*values)


def source_document(con: Connection, lang: Language = "en") -> SourceDocument:
    row = _single_row(
        con,
        """
        select source_document_texts.title, source_document_texts.publisher,
            source_document.url, source_document.file_name, source_document.sha256,
            source_document.line_count,
            source_document_texts.capture_note
        from source_document
        inner join source_document_texts on source_document_texts.lang = ?
        """,
        [lang],
    )
    return SourceDocument(*row)


def attributions(con: Connection, lang: Language = "en") -> dict[str, str]:
    """Credits for the reference data (map shapes, city coordinates), in ``lang``."""
    rows = con.execute(
        "select dataset, attribution from attribution_texts where lang = ?", [lang]
    ).fetchall()
    return dict(rows)


def sector_names(con: Connection, lang: Language = "en") -> dict[str, str]:
    """Each sector's name in ``lang``, by id, in page order."""
    frame = sectors(con, lang)
    return dict(zip(frame["sector_id"], frame["name"], strict=True))


def sectors(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """The five sectors in page order, named in ``lang``."""
    return con.execute(
        """
        select sectors.sector_id, sector_texts.name, sector_texts.short_name,
            sectors.sort_order
        from sectors
        inner join sector_texts
            on sector_texts.sector_id = sectors.sector_id and sector_texts.lang = ?
        order by sectors.sort_order
        """,
        [lang],
    ).df()


def sector_ids(con: Connection) -> list[str]:
    return [
        row[0]
        for row in con.execute("select sector_id from sectors order by sort_order").fetchall()
    ]


def sector_cities(
    con: Connection, sector_id: str | None = None, lang: Language = "en"
) -> pd.DataFrame:
    """Host cities per sector, Mexico City (core programming, first dates) first.

    ``city`` is the city's id (its English name); ``city_name`` is its name in ``lang``.
    """
    return con.execute(
        """
        select sector_cities.sector_id, sector_cities.city, city_texts.name as city_name,
            programme.start_date, programme.end_date, programme.kind
        from sector_cities
        inner join programme on programme.city = sector_cities.city
        inner join city_texts on city_texts.city = sector_cities.city and city_texts.lang = ?
        inner join sectors on sectors.sector_id = sector_cities.sector_id
        where ? is null or sector_cities.sector_id = ?
        order by sectors.sort_order, programme.start_date, sector_cities.city
        """,
        [lang, sector_id, sector_id],
    ).df()


def programme(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Where and when the programme runs; ``city_name`` is the city's name in ``lang``."""
    return con.execute(
        """
        select programme.city, city_texts.name as city_name, programme.start_date,
            programme.end_date, programme.kind, programme.quote, cities.state,
            cities.latitude, cities.longitude
        from programme
        inner join cities on cities.city = programme.city
        inner join city_texts on city_texts.city = programme.city and city_texts.lang = ?
        order by programme.start_date, programme.city
        """,
        [lang],
    ).df()


def programme_activities(con: Connection, lang: Language = "en") -> list[str]:
    rows = con.execute(
        "select text from programme_activity_texts where lang = ? order by activity_no",
        [lang],
    ).fetchall()
    return [row[0] for row in rows]


def figures(con: Connection, scope: str = ALL_FIGURES, lang: Language = "en") -> pd.DataFrame:
    """Figures, published first in page order, then derived.

    ``scope`` is ``"all"``, ``"country"`` (figures about Mexico or the relationship as a
    whole, with no sector) or a sector id. Labels and formulas are in ``lang``; quotes
    are the page's English, verbatim.
    """
    return con.execute(
        """
        select figure_id, sector_id, label, value, unit, year, qualifier, value_text, quote,
            line, is_derived, formula, display_decimals, section, source_url
        from figure_details
        where lang = ? and (? = 'all' or (? = 'country' and sector_id is null)
            or sector_id = ?)
        order by is_derived, line nulls last, figure_id
        """,
        [lang, scope, scope, scope],
    ).df()


def derived_figure_inputs(con: Connection, lang: Language = "en") -> dict[str, list[dict]]:
    """For each derived figure, the published figures it is computed from (with quotes)."""
    frame = con.execute(
        """
        select figure_inputs.figure_id as derived_figure_id, figure_details.figure_id,
            figure_details.sector_id, figure_details.label, figure_details.value,
            figure_details.unit, figure_details.year, figure_details.qualifier,
            figure_details.value_text, figure_details.quote, figure_details.line,
            figure_details.is_derived, figure_details.formula, figure_details.display_decimals,
            figure_details.section, figure_details.source_url
        from figure_inputs
        inner join figure_details
            on figure_details.figure_id = figure_inputs.input_figure_id
            and figure_details.lang = ?
        order by figure_inputs.figure_id, figure_details.line, figure_details.figure_id
        """,
        [lang],
    ).df()
    grouped: dict[str, list[dict]] = {}
    for row in records(frame):
        grouped.setdefault(row.pop("derived_figure_id"), []).append(row)
    return grouped


def charts(con: Connection) -> pd.DataFrame:
    """The charts each view draws, by sector (country-wide ones first), in order."""
    return con.execute(
        """
        select chart_id, sector_id, kind, horizontal
        from charts
        order by sector_id nulls first, position
        """
    ).df()


def chart_figures(con: Connection) -> pd.DataFrame:
    """Every chart's figures: its bars in order, and the figures its title names."""
    return con.execute(
        """
        select chart_id, figure_id, role, placeholder
        from chart_figures
        order by chart_id, position
        """
    ).df()


def headline_figures(con: Connection) -> list[str]:
    """The country-wide figures a briefing leads with, most important first."""
    rows = con.execute("select figure_id from headline_figures order by rank").fetchall()
    return [figure_id for (figure_id,) in rows]


def opportunities(
    con: Connection, sector_id: str | None = None, lang: Language = "en"
) -> pd.DataFrame:
    """Opportunities the page names, named in ``lang``, each with its English quote."""
    return con.execute(
        """
        select opportunities.sector_id, opportunities.category,
            opportunity_texts.name as item, opportunities.origin, opportunities.quote,
            opportunities.line
        from opportunities
        inner join opportunity_texts
            on opportunity_texts.sector_id = opportunities.sector_id
            and opportunity_texts.category = opportunities.category
            and opportunity_texts.item = opportunities.item
            and opportunity_texts.lang = ?
        inner join sectors on sectors.sector_id = opportunities.sector_id
        where ? is null or opportunities.sector_id = ?
        order by sectors.sort_order, opportunities.line, opportunities.item
        """,
        [lang, sector_id, sector_id],
    ).df()


def companies(con: Connection, sector_id: str | None = None) -> pd.DataFrame:
    return con.execute(
        """
        select sector_id, company, role, quote
        from companies
        where ? is null or sector_id = ?
        order by sector_id, company
        """,
        [sector_id, sector_id],
    ).df()


def cluster_states(con: Connection, lang: Language = "en") -> pd.DataFrame:
    return con.execute(
        """
        select cluster_states.sector_id, cluster_texts.name as cluster,
            cluster_states.state_code, states.state_name, cluster_states.quote
        from cluster_states
        inner join states on states.state_code = cluster_states.state_code
        inner join cluster_texts
            on cluster_texts.sector_id = cluster_states.sector_id
            and cluster_texts.cluster = cluster_states.cluster
            and cluster_texts.lang = ?
        order by states.state_name
        """,
        [lang],
    ).df()


def states(con: Connection) -> pd.DataFrame:
    return con.execute(
        "select state_code, state_name, geometry from states order by state_code"
    ).df()


def eligibility_criteria(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Each criterion: ``text`` in ``lang``, ``quote`` as the page states it (English)."""
    return con.execute(
        """
        select eligibility_criteria.criterion_id, eligibility_criteria.section_id,
            eligibility_criteria.parent_id, eligibility_criteria.applies_to, criterion_texts.text,
            eligibility_criteria.text as quote, eligibility_criteria.line
        from eligibility_criteria
        inner join criterion_texts
            on criterion_texts.criterion_id = eligibility_criteria.criterion_id
            and criterion_texts.lang = ?
        order by eligibility_criteria.line
        """,
        [lang],
    ).df()


def eligibility_checks(con: Connection) -> pd.DataFrame:
    """What the self-assessment asks for each criterion, in the order it asks."""
    return con.execute(
        """
        select eligibility_checks.check_id, eligibility_checks.criterion_id,
            eligibility_checks.question, eligibility_checks.met_when,
            eligibility_checks.form_section, eligibility_checks.outside_rule,
            eligibility_criteria.applies_to
        from eligibility_checks
        inner join eligibility_criteria
            on eligibility_criteria.criterion_id = eligibility_checks.criterion_id
        order by eligibility_checks.sort_order
        """
    ).df()


def outside_rules(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Rules the self-assessment applies that the page does not state, with their source."""
    return con.execute(
        """
        select outside_rules.rule_id, outside_rules.value, outside_rule_texts.rule,
            outside_rule_texts.source
        from outside_rules
        inner join outside_rule_texts
            on outside_rule_texts.rule_id = outside_rules.rule_id
            and outside_rule_texts.lang = ?
        order by outside_rules.rule_id
        """,
        [lang],
    ).df()


def notices(con: Connection) -> dict[str, str]:
    return dict(con.execute("select notice_id, text from notices order by line").fetchall())


def sector_summary(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """The five sectors in page order, named in ``lang``, with their host cities."""
    return con.execute(
        """
        select sectors.sector_id, sector_texts.name, sector_texts.short_name,
            sectors.sort_order, sector_host_cities.cities
        from sectors
        inner join sector_texts
            on sector_texts.sector_id = sectors.sector_id and sector_texts.lang = ?
        left join sector_host_cities
            on sector_host_cities.sector_id = sectors.sector_id
            and sector_host_cities.lang = ?
        order by sectors.sort_order
        """,
        [lang, lang],
    ).df()
