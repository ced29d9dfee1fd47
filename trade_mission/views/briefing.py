"""The briefing deck's data, read and drawn in the deck's language."""

from __future__ import annotations

from trade_mission.charts.curated import curated_charts
from trade_mission.charts.maps import programme_map
from trade_mission.charts.programme import programme_timeline
from trade_mission.data import queries
from trade_mission.data.database import Connection
from trade_mission.reports.deck import BriefingData
from trade_mission.text.i18n import Language
from trade_mission.views.charts import chart_inputs
from trade_mission.views.sectors import comparison_chart, opportunity_groups


def load_briefing_data(con: Connection, lang: Language) -> BriefingData:
    """Everything the deck and the chart pack show, with names and labels in ``lang``."""
    inputs = chart_inputs(con, lang)
    sector_ids = queries.sector_ids(con)
    opportunities = queries.opportunities(con, None, lang)
    return BriefingData(
        mission=queries.mission(con, lang),
        source=inputs.source,
        sectors=queries.sectors(con, lang),
        figures=inputs.figures,
        inputs=queries.derived_figure_inputs(con, lang),
        programme=inputs.programme,
        sector_cities=inputs.sector_cities,
        opportunities={
            sector_id: opportunity_groups(
                opportunities[opportunities["sector_id"] == sector_id], lang
            )
            for sector_id in sector_ids
        },
        companies=queries.companies(con),
        criteria=queries.eligibility_criteria(con, lang),
        notices=queries.notices(con),
        attributions=inputs.attributions,
        activities=queries.programme_activities(con, lang),
        country_charts=[chart.frozen() for chart in curated_charts(inputs, None, lang)],
        sector_charts={
            sector_id: [chart.frozen() for chart in curated_charts(inputs, sector_id, lang)]
            for sector_id in sector_ids
        },
        comparison=comparison_chart(con, lang).frozen(),
        timeline=programme_timeline(inputs.programme, inputs.source, lang).frozen(),
        programme_map=programme_map(
            inputs.states,
            inputs.clusters,
            inputs.programme,
            inputs.source,
            inputs.attributions,
            lang,
        ).frozen(),
    )
