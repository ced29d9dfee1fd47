"""The overview ("Why Mexico"): the mission at a glance, why now, what taking part costs,
and the country-wide figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.curated import curated_charts
from trade_mission.data import queries
from trade_mission.data.database import Connection, records
from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.reports.practical import (
    MissionContext,
    PracticalFact,
    mission_context,
    practical_facts,
)
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t
from trade_mission.views.chart_inputs import chart_inputs
from trade_mission.views.trade import checks_by_figure


@dataclass(frozen=True)
class OverviewPage:
    mission: Mission
    source: SourceDocument
    city_names: list[str]
    sector_names: list[str]
    sector_links: list[tuple[str, str]]  # (sector id, short name)
    programme_table: pd.DataFrame
    sector_table: pd.DataFrame
    figures: list[dict]
    inputs: dict[str, list[dict]]
    checks: dict[str, dict]  # figure id -> its check against the trade statistics
    charts: list[Chart]
    context: MissionContext  # why now: the Prime Minister's visit, the Action Plan
    practical: list[PracticalFact]  # costs and travel


def programme_table(programme: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """City, dates and kind of programming, in date order."""
    return pd.DataFrame(
        {
            t("column.city", lang): programme["city_name"].tolist(),
            t("column.dates", lang): [
                formatting.date_range(row["start_date"], row["end_date"], lang)
                for row in records(programme)
            ],
            t("column.programming", lang): [
                t(f"programme.kind.{kind}", lang) for kind in programme["kind"]
            ],
        }
    )


def sector_cities_table(summary: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """Each sector with the cities where its programme runs."""
    return pd.DataFrame(
        {
            t("column.sector", lang): summary["name"].tolist(),
            t("column.cities", lang): summary["cities"].tolist(),
        }
    )


def overview_page(con: Connection, lang: Language) -> OverviewPage:
    """The overview's data: one cached read per rerun instead of one per query."""
    programme = queries.programme(con, lang)
    summary = queries.sector_summary(con, lang)
    notices = queries.notices(con)
    return OverviewPage(
        mission=queries.mission(con, lang),
        source=queries.source_document(con, lang),
        city_names=programme["city_name"].tolist(),
        sector_names=summary["short_name"].tolist(),
        sector_links=list(zip(summary["sector_id"], summary["short_name"], strict=True)),
        programme_table=programme_table(programme, lang),
        sector_table=sector_cities_table(summary, lang),
        figures=records(queries.figures(con, queries.COUNTRY_FIGURES, lang)),
        inputs=queries.derived_figure_inputs(con, lang),
        checks=checks_by_figure(con, lang),
        charts=[chart.frozen() for chart in curated_charts(chart_inputs(con, lang), None, lang)],
        context=mission_context(notices, lang),
        practical=practical_facts(notices, lang),
    )
