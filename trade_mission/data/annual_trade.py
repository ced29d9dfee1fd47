"""Read-only SQL over Statistics Canada's trade statistics in the mission database.

Values are whole current Canadian dollars on a customs basis, as published; shares,
ranks, growth rates and the opportunity benchmark are derived in ``marts.sql``, where
each formula is written beside its column. Names are in the language asked for.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from trade_mission.data.database import Connection
from trade_mission.text import spreadsheet
from trade_mission.text.i18n import Language

MEXICO = "Mexico"
ALL_CANADA = "CA"


def latest_year(con: Connection) -> int:
    (year,) = con.execute("select max(year) from trade_by_chapter").fetchone() or (None,)
    return int(year)


PERIOD_QUERIES = {
    "chapters": "select min(year), max(year) from trade_by_chapter",
    "provinces": "select min(year), max(year) from trade_by_origin",
}


def exported(con: Connection) -> dt.date:
    """When the annual files were exported from Trade Data Online (``data_releases``)."""
    ((day,),) = con.execute(
        "select max(release_date) from data_releases where dataset = 'trade_by_chapter'"
    ).fetchall()
    return day


def periods(con: Connection) -> dict[str, tuple[int, int]]:
    """The first and last year of each series: by HS chapter and by province."""
    spans = {}
    for name, sql in PERIOD_QUERIES.items():
        ((first, last),) = con.execute(sql).fetchall()
        spans[name] = (int(first), int(last))
    return spans


def mexico_trade(con: Connection) -> pd.DataFrame:
    """Canada's exports to and imports from Mexico, two-way trade and the balance, by year."""
    return con.execute(
        "select year, exports_cad, imports_cad, two_way_cad, balance_cad "
        "from mexico_trade order by year"
    ).df()


def figure_checks(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Every figure's check against the statistics, its words in ``lang``."""
    return con.execute(
        """
        select figure_checks.figure_id, figure_checks.verdict, figure_checks.official_value,
            figure_check_texts.official_text, figure_check_texts.basis, figure_check_texts.note
        from figure_checks
        inner join figure_check_texts
            on figure_check_texts.figure_id = figure_checks.figure_id
            and figure_check_texts.lang = ?
        """,
        [lang],
    ).df()


def figure_check_readings(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """The readings of claims with more than one (a growth from 1993 or from 1994)."""
    return con.execute(
        """
        select figure_check_readings.figure_id, figure_check_readings.reading,
            figure_check_readings.year, figure_check_readings.official_value,
            figure_check_readings.verdict, figure_check_reading_texts.official_text,
            figure_check_reading_texts.basis
        from figure_check_readings
        inner join figure_check_reading_texts
            on figure_check_reading_texts.figure_id = figure_check_readings.figure_id
            and figure_check_reading_texts.reading = figure_check_readings.reading
            and figure_check_reading_texts.lang = ?
        order by figure_check_readings.figure_id, figure_check_readings.reading
        """,
        [lang],
    ).df()


def chapters(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """The HS chapters that carry data, with their names and search words in ``lang``."""
    return con.execute(
        """
        select hs_chapters.hs2, hs_chapter_texts.label, hs_chapter_texts.keywords,
            hs_chapters.label_as_published
        from hs_chapters
        inner join hs_chapter_texts
            on hs_chapter_texts.hs2 = hs_chapters.hs2 and hs_chapter_texts.lang = ?
        where hs_chapters.hs2 in (select distinct hs2 from trade_by_chapter)
        order by hs_chapters.hs2
        """,
        [lang],
    ).df()


def services_words(con: Connection) -> dict[str, str | None]:
    """Words for exports that are services, each with its mission sector (or None)."""
    rows = con.execute("select word, sector_id from services_words order by word").fetchall()
    return {str(word): sector_id for word, sector_id in rows}


def chapter_words(con: Connection) -> pd.DataFrame:
    """Each chapter that carries data, with every word a reader might search it by: its
    number, and its name and search words in English and in French."""
    return con.execute(
        """
        select hs_chapter_texts.hs2,
            string_agg(hs_chapter_texts.label || ' ' || hs_chapter_texts.keywords, ' '
                order by hs_chapter_texts.lang) as words
        from hs_chapter_texts
        where hs_chapter_texts.hs2 in (select distinct hs2 from trade_by_chapter)
        group by hs_chapter_texts.hs2
        order by hs_chapter_texts.hs2
        """
    ).df()


def chapter_indicators(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Every chapter in the latest year: exports to Mexico, shares, growth, rank and the
    opportunity benchmark, with the mission sectors each chapter stands for."""
    return con.execute(
        """
        with sectors_of as (
            select hs2, list(sector_id order by sector_id) as sector_ids
            from sector_chapters
            group by hs2
        )
        select chapter_indicators.*, hs_chapter_texts.label,
            coalesce(sectors_of.sector_ids, []) as sector_ids
        from chapter_indicators
        inner join hs_chapter_texts
            on hs_chapter_texts.hs2 = chapter_indicators.hs2 and hs_chapter_texts.lang = ?
        left join sectors_of on sectors_of.hs2 = chapter_indicators.hs2
        order by chapter_indicators.exports_to_mexico_cad desc nulls last,
            chapter_indicators.hs2
        """,
        [lang],
    ).df()


def chapter_series(con: Connection, hs2: str) -> pd.DataFrame:
    """One chapter, every year: exports to and imports from Mexico, Mexico's rank among
    Canada's markets for it and its share of Canada's exports of it."""
    return con.execute(
        """
        select year, exports_to_mexico_cad, imports_from_mexico_cad, exports_world_cad,
            mexico_share_of_chapter_pct, mexico_rank
        from chapter_mexico
        where hs2 = ?
        order by year
        """,
        [hs2],
    ).df()


def chapters_exports(con: Connection, hs2s: list[str]) -> pd.DataFrame:
    """Several chapters' exports to Mexico, every year (one row per chapter and year)."""
    return con.execute(
        """
        select hs2, year, exports_to_mexico_cad
        from chapter_mexico
        where list_contains(?, hs2)
        order by hs2, year
        """,
        [hs2s],
    ).df()


def chapter_top_markets(
    con: Connection, hs2: str, year: int, lang: Language = "en", limit: int = 8
) -> pd.DataFrame:
    """Canada's largest markets for one chapter in ``year``, with Mexico's row added when it
    is not among them."""
    return con.execute(
        """
        with markets as (
            select trade_by_chapter.partner, trade_by_chapter.exports_cad,
                rank() over (order by trade_by_chapter.exports_cad desc) as market_rank
            from trade_by_chapter
            inner join partners on partners.partner = trade_by_chapter.partner
            where trade_by_chapter.hs2 = ? and trade_by_chapter.year = ?
                and not partners.is_total and trade_by_chapter.exports_cad > 0
        )
        select markets.partner, partner_texts.name, markets.exports_cad, markets.market_rank
        from markets
        inner join partner_texts
            on partner_texts.partner = markets.partner and partner_texts.lang = ?
        where markets.market_rank <= ? or markets.partner = ?
        order by markets.market_rank, markets.partner
        """,
        [hs2, year, lang, limit, MEXICO],
    ).df()


def origins(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """The provinces and territories (all Canada first), named in ``lang``."""
    return con.execute(
        """
        select origins.origin_code, origin_texts.name
        from origins
        inner join origin_texts
            on origin_texts.origin_code = origins.origin_code and origin_texts.lang = ?
        order by origins.origin_code <> ?, origin_texts.name
        """,
        [lang, ALL_CANADA],
    ).df()


def origins_in_year(con: Connection, year: int, lang: Language = "en") -> pd.DataFrame:
    """Each province's and territory's exports to Mexico in ``year``, Mexico's share of its
    exports and Mexico's rank among its markets (all Canada left out)."""
    return con.execute(
        """
        select origin_mexico.origin_code, origin_texts.name,
            origin_mexico.exports_to_mexico_cad, origin_mexico.exports_world_cad,
            origin_mexico.mexico_share_pct, origin_mexico.mexico_rank
        from origin_mexico
        inner join origin_texts
            on origin_texts.origin_code = origin_mexico.origin_code and origin_texts.lang = ?
        where origin_mexico.year = ? and origin_mexico.origin_code <> ?
        order by origin_mexico.exports_to_mexico_cad desc nulls last, origin_texts.name
        """,
        [lang, year, ALL_CANADA],
    ).df()


def origin_series(con: Connection, origin_code: str) -> pd.DataFrame:
    """One province's (or all Canada's) exports to Mexico, every year since 1990."""
    return con.execute(
        """
        select year, exports_to_mexico_cad, imports_from_mexico_cad, exports_world_cad,
            mexico_share_pct, mexico_rank
        from origin_mexico
        where origin_code = ?
        order by year
        """,
        [origin_code],
    ).df()


def sector_chapters(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Each sector's chapters, how much of the chapter is the sector's, and why."""
    return con.execute(
        """
        select sector_chapters.sector_id, sector_chapters.hs2, hs_chapter_texts.label,
            sector_chapters.coverage, sector_chapter_texts.rationale
        from sector_chapters
        inner join hs_chapter_texts
            on hs_chapter_texts.hs2 = sector_chapters.hs2 and hs_chapter_texts.lang = ?
        inner join sector_chapter_texts
            on sector_chapter_texts.sector_id = sector_chapters.sector_id
            and sector_chapter_texts.hs2 = sector_chapters.hs2
            and sector_chapter_texts.lang = ?
        order by sector_chapters.sector_id, sector_chapters.hs2
        """,
        [lang, lang],
    ).df()


def sector_trade_notes(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """How much of each sector its chapters stand for (whole, most, proxy), in words."""
    return con.execute(
        """
        select sector_trade_notes.sector_id, sector_trade_notes.coverage,
            sector_trade_note_texts.note
        from sector_trade_notes
        inner join sector_trade_note_texts
            on sector_trade_note_texts.sector_id = sector_trade_notes.sector_id
            and sector_trade_note_texts.lang = ?
        """,
        [lang],
    ).df()


def sector_trade(con: Connection) -> pd.DataFrame:
    """Each sector's chapters exported to Mexico by year, Mexico's rank for them, and how
    much of the sector they stand for."""
    return con.execute(
        "select sector_id, year, exports_to_mexico_cad, mexico_rank, coverage, chapters "
        "from sector_trade order by sector_id, year"
    ).df()


def sector_indicators(con: Connection) -> pd.DataFrame:
    """Each sector in the latest year, by ``sector_id``: its chapters' exports to Mexico,
    Mexico's rank, their ten-year growth (derived, ``etl/marts.sql``) and coverage."""
    return con.execute(
        "select sector_id, year, exports_to_mexico_cad, mexico_rank, cagr_10y_pct, coverage "
        "from sector_indicators order by sector_id"
    ).df()


def table_csv(con: Connection, table: str) -> bytes:
    """One of the tables the sources page offers, whole, as UTF-8 CSV (with a byte-order
    mark for spreadsheets). ``table`` must be one of ``DOWNLOADABLE_TABLES``."""
    if table not in DOWNLOADABLE_TABLES:
        raise ValueError(f"{table!r} is not offered for download")
    frame = con.execute(DOWNLOADABLE_TABLES[table]).df()
    return spreadsheet.csv_bytes(frame)


# The trade tables offered as CSV, each with the query that reads it in a stable order.
DOWNLOADABLE_TABLES = {
    "figure_checks": "select * from figure_checks order by figure_id",
    "figure_check_readings": "select * from figure_check_readings order by figure_id, reading",
    "hs_chapters": "select * from hs_chapters order by hs2",
    "sector_chapters": "select * from sector_chapters order by sector_id, hs2",
    "trade_by_chapter": "select * from trade_by_chapter order by year, hs2, partner",
    "trade_by_origin": "select * from trade_by_origin order by year, origin_code, partner",
    "trade_monthly": "select * from trade_monthly order by ref_month, vector",
    "trade_monthly_revisions": "select * from trade_monthly_revisions "
    "order by release, ref_month, partner, flow",
    "data_releases": "select * from data_releases order by dataset, release_date",
    "mexico_trade_monthly": "select * from mexico_trade_monthly "
    "order by ref_month, flow, chapter, transport_mode",
    "mexico_trade_revisions": "select * from mexico_trade_revisions "
    "order by release, ref_month, flow, chapter, transport_mode",
    "mexico_tariff_lines": "select * from mexico_tariff_lines order by tariff_line",
    "mexico_tariff_levels_2024": "select * from mexico_tariff_levels_2024 "
    "order by rate_kind, import_rate_pct, import_rate_as_published",
    "hs_names": "select * from hs_names order by code",
    "source_files": "select * from source_files order by dataset, file",
}
