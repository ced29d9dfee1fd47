"""The curated charts' inputs, read from the database in one language."""

from __future__ import annotations

from trade_mission.charts.curated import ChartInputs
from trade_mission.data import annual_trade, monthly, queries
from trade_mission.data.database import Connection
from trade_mission.text.i18n import Language


def chart_inputs(con: Connection, lang: Language) -> ChartInputs:
    return ChartInputs(
        source=queries.source_document(con, lang),
        specs=queries.charts(con),
        chart_figures=queries.chart_figures(con),
        figures=queries.figures(con, queries.ALL_FIGURES, lang),
        states=queries.states(con),
        clusters=queries.cluster_states(con, lang),
        programme=queries.programme(con, lang),
        sector_cities=queries.sector_cities(con, None, lang),
        attributions=queries.attributions(con, lang),
        sectors=queries.sectors(con, lang),
        mexico_trade=monthly.mexico_trade_years(con),
        sector_trade=annual_trade.sector_trade(con),
        sector_chapters=annual_trade.sector_chapters(con, lang),
    )
