"""Read-only SQL over Mexico's own records: INEGI's imports by HS chapter and transport
mode (millions of US dollars, FOB) and the Secretaría de Economía's tariff schedule, with
HS 2022 names.

Nothing here joins Mexico's numbers with Statistics Canada's: they are different
countries' records, in different currencies and bases, shown side by side and never
divided one by the other. Sums, shares and growth are derived in ``marts.sql``
(``mexico_chapter_imports``, ``mexico_national_imports``, ``mexico_chapter_modes``,
``mexico_tariff_chapters``, ``mexico_tariff_distribution``), each formula beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission.data.database import Connection
from trade_mission.text.i18n import Language


@dataclass(frozen=True)
class MarketPeriods:
    """The latest month INEGI's packages hold and the periods compared with it."""

    last_month: dt.date
    release_date: dt.date
    full_year: int  # the last full year held
    ytd_year: int
    ytd_months: int  # January to this month
    status: str  # INEGI's revision status of the latest month


def periods(con: Connection) -> MarketPeriods:
    ((last, release, full_year, ytd_year, ytd_months, status),) = con.execute(
        "select last_month, release_date, full_year, ytd_year, ytd_months, last_month_status "
        "from mexico_market_periods"
    ).fetchall()
    return MarketPeriods(last, release, full_year, ytd_year, ytd_months, status)


CHAPTER_COLUMNS = (
    "imports_full_year, imports_year_before, imports_2019, ytd, ytd_earlier, "
    "change_full_year_pct, change_since_2019_pct, cagr_since_2019_pct, change_ytd_pct"
)
NATIONAL_SQL = "select " + CHAPTER_COLUMNS + " from mexico_national_imports"
CHAPTERS_SQL = (
    "select m.chapter, coalesce(h.label, m.chapter) as label, "
    + CHAPTER_COLUMNS
    + " from mexico_chapter_imports as m "
    "left join hs_chapter_texts as h on h.hs2 = m.chapter and h.lang = ? order by m.chapter"
)


def national_imports(con: Connection) -> dict:
    """Mexico's imports from the world, all goods, as INEGI totals them."""
    frame = con.execute(NATIONAL_SQL).df()
    return frame.to_dict("records")[0]


def chapter_imports(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Every chapter's imports (and unclassified goods'), with growth, named in ``lang``."""
    return con.execute(CHAPTERS_SQL, [lang]).df()


def chapter_months(con: Connection, hs2: str, since: dt.date) -> pd.DataFrame:
    """One chapter's imports from the world month by month since ``since``, all modes,
    with the release each month comes from and its revision status."""
    return con.execute(
        """
        select ref_month, sum(value_usd_millions) as imports_usd_millions,
            bool_or(confidential) as has_confidential, max(release_date) as release_date,
            any_value(figure_status) as figure_status
        from mexico_trade_monthly
        where flow = 'imports' and chapter = ? and ref_month >= ?
        group by ref_month
        order by ref_month
        """,
        [hs2, since],
    ).df()


def chapter_modes(con: Connection, hs2: str) -> pd.DataFrame:
    """How one chapter's imports arrived in the last full year, by transport mode."""
    return con.execute(
        """
        select transport_mode, imports_usd_millions, share_pct
        from mexico_chapter_modes where chapter = ?
        order by imports_usd_millions desc, transport_mode
        """,
        [hs2],
    ).df()


def tariff_chapters(con: Connection) -> pd.DataFrame:
    """Each chapter's tariff lines summed up by general rate (``mexico_tariff_chapters``)."""
    return con.execute("select * from mexico_tariff_chapters order by chapter").df()


def tariff_lines(con: Connection, hs2: str, lang: Language = "en") -> pd.DataFrame:
    """One chapter's tariff lines with their heading's and subheading's names in ``lang``
    (English where the French nomenclature holds none) and the Spanish as published."""
    return con.execute(
        """
        select l.tariff_line, l.heading, l.subheading,
            coalesce(case when ? = 'fr' then h.name_fr end, h.name_en) as heading_name,
            h.name_fr is null and ? = 'fr' as heading_in_english,
            s.name_en as subheading_name_en, s.name_fr as subheading_label_fr,
            l.description_es, l.unit, l.import_rate_as_published, l.import_rate_pct,
            l.rate_kind, l.schedule_date
        from mexico_tariff_lines as l
        left join hs_names as h on h.code = l.heading
        left join hs_names as s on s.code = l.subheading
        where l.chapter = ?
        order by l.tariff_line
        """,
        [lang, lang, hs2],
    ).df()


def tariff_distribution(con: Connection) -> pd.DataFrame:
    """Lines per general rate now and in SNICE's April 2024 count."""
    return con.execute(
        """
        select rate, import_rate_pct, rate_kind, lines_now, lines_2024
        from mexico_tariff_distribution
        order by rate_kind = 'ad_valorem' desc, rate_kind = 'exempt' desc,
            import_rate_pct nulls last, rate
        """
    ).df()


def search_entries(con: Connection) -> pd.DataFrame:
    """Every heading, subheading and tariff line, with the words a search reads: the HS
    names in English and French, and each line's Spanish description."""
    return con.execute(
        """
        select code, level, name_en, name_fr, null as description_es, null as rate
        from hs_names where level in (4, 6)
        union all
        select tariff_line, 8, null, null, description_es, import_rate_as_published
        from mexico_tariff_lines
        order by code
        """
    ).df()


def source_files(con: Connection) -> pd.DataFrame:
    """The files held of Mexico's records, its tariff and the HS names, with checksums."""
    return con.execute(
        "select dataset, file, sha256, bytes from source_files order by dataset, file"
    ).df()


def tariff_lines_all(con: Connection) -> list[tuple[str, str, str]]:
    """Every tariff line as (chapter, line, rate as published), for rules over all lines."""
    return con.execute(
        "select chapter, tariff_line, import_rate_as_published from mexico_tariff_lines "
        "order by tariff_line"
    ).fetchall()
