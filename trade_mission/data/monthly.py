"""Read-only SQL over Statistics Canada's monthly trade (table 12-10-0011-01) and over
``data_releases``, how current every dataset is.

Monthly values are millions of current Canadian dollars exactly as published (one
decimal), on a customs basis, not seasonally adjusted. Sums, shares and changes are
derived in ``marts.sql`` (``monthly_comparisons``, ``monthly_shares``,
``mexico_trade_years``, ``monthly_annual_agreement``), each formula beside its column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission.data.database import Connection
from trade_mission.text.i18n import Language

MEXICO = "Mexico"


@dataclass(frozen=True)
class MonthlyRelease:
    """The newest monthly release held, and the last month the table holds."""

    release_date: dt.date
    last_month: dt.date  # the first day of the month
    first_month: dt.date


def newest_release(con: Connection) -> MonthlyRelease:
    ((release, first, last),) = con.execute(
        "select max(release_date), min(ref_month), max(ref_month) from trade_monthly"
    ).fetchall()
    return MonthlyRelease(release_date=release, last_month=last, first_month=first)


def data_releases(con: Connection) -> pd.DataFrame:
    """Every release held of every dataset, newest monthly release last."""
    return con.execute(
        """
        select dataset, release_date, reference_period_end, retrieved_at, source
        from data_releases
        order by case dataset when 'mission_page' then 1 when 'trade_by_chapter' then 2
            when 'trade_by_origin' then 3 else 4 end, release_date
        """
    ).df()


def partner_months(con: Connection, since: dt.date, partner: str = MEXICO) -> pd.DataFrame:
    """One partner's exports and imports, month by month from ``since``, with each value's
    release and Statistics Canada's flags (0: none)."""
    return con.execute(
        """
        select ref_month, flow, value_cad_millions::double as value_cad_millions,
            release_date, status_code, symbol_code
        from trade_monthly
        where partner = ? and ref_month >= ?
        order by ref_month, flow
        """,
        [partner, since],
    ).df()


def comparisons(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Each period (latest 12 months, year to date, since the mission) per partner and
    flow, against the same months a year earlier, partners named in ``lang``."""
    return con.execute(
        """
        select monthly_comparisons.period, monthly_comparisons.first_month,
            monthly_comparisons.last_month, monthly_comparisons.months,
            monthly_comparisons.partner, monthly_partner_texts.name,
            monthly_comparisons.flow,
            monthly_comparisons.value_cad_millions::double as value_cad_millions,
            monthly_comparisons.earlier_cad_millions::double as earlier_cad_millions,
            monthly_comparisons.change_pct, monthly_comparisons.share_pct,
            monthly_comparisons.earlier_share_pct
        from monthly_comparisons
        inner join monthly_partner_texts
            on monthly_partner_texts.partner = monthly_comparisons.partner
            and monthly_partner_texts.lang = ?
        order by monthly_comparisons.sort_order, monthly_partner_texts.sort_order,
            monthly_comparisons.flow
        """,
        [lang],
    ).df()


def shares(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Each partner's share of Canada's exports and imports by full calendar year."""
    return con.execute(
        """
        select monthly_shares.year, monthly_shares.partner, monthly_partner_texts.name,
            monthly_shares.flow, monthly_shares.value_cad_millions::double as value_cad_millions,
            monthly_shares.all_countries_cad_millions::double as all_countries_cad_millions,
            monthly_shares.share_pct
        from monthly_shares
        inner join monthly_partner_texts
            on monthly_partner_texts.partner = monthly_shares.partner
            and monthly_partner_texts.lang = ?
        order by monthly_partner_texts.sort_order, monthly_shares.flow, monthly_shares.year
        """,
        [lang],
    ).df()


def revisions(con: Connection, lang: Language = "en") -> pd.DataFrame:
    """Every value a later release changed, newest release first, then by month."""
    return con.execute(
        """
        select trade_monthly_revisions.ref_month, trade_monthly_revisions.partner,
            monthly_partner_texts.name, trade_monthly_revisions.flow,
            trade_monthly_revisions.earlier_value::double as earlier_value,
            trade_monthly_revisions.value::double as value,
            trade_monthly_revisions.earlier_release, trade_monthly_revisions.release
        from trade_monthly_revisions
        inner join monthly_partner_texts
            on monthly_partner_texts.partner = trade_monthly_revisions.partner
            and monthly_partner_texts.lang = ?
        order by trade_monthly_revisions.release desc, trade_monthly_revisions.ref_month,
            monthly_partner_texts.sort_order, trade_monthly_revisions.flow
        """,
        [lang],
    ).df()


def annual_agreement(con: Connection, partner: str = MEXICO) -> pd.DataFrame:
    """The monthly table's twelve months against Trade Data Online's annual totals, each
    year as the newest release holding all of it published it."""
    return con.execute(
        """
        select year, flow, release_date,
            monthly_cad_millions::double as monthly_cad_millions, annual_cad, difference_pct
        from monthly_annual_agreement
        where partner = ?
        qualify row_number() over (partition by year, flow order by release_date desc) = 1
        order by year, flow
        """,
        [partner],
    ).df()


def mexico_trade_years(con: Connection) -> pd.DataFrame:
    """Canada–Mexico trade by year: the annual files' years, then the later full years of
    the monthly table, with the product each year comes from."""
    return con.execute(
        "select year, exports_cad, imports_cad, two_way_cad, balance_cad, source, release_date "
        "from mexico_trade_years order by year"
    ).df()
