"""The programme: when and where it runs, which sectors go where, and the map."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.maps import programme_map
from trade_mission.charts.programme import programme_timeline
from trade_mission.data import queries
from trade_mission.data.database import Connection, records
from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t


@dataclass(frozen=True)
class ProgrammePage:
    mission: Mission
    source: SourceDocument
    timeline: Chart
    map: Chart
    matrix: pd.DataFrame
    activities: list[str]


def sector_city_matrix(
    sectors: pd.DataFrame, sector_cities: pd.DataFrame, programme: pd.DataFrame, lang: Language
) -> pd.DataFrame:
    """Sectors down, host cities across; each cell says whether and when, in words."""
    cells = {}
    for city in records(programme):
        dates = formatting.date_range(city["start_date"], city["end_date"], lang)
        hosted = set(sector_cities.loc[sector_cities["city"] == city["city"], "sector_id"])
        cells[city["city_name"]] = [
            t("programme.matrix.yes", lang, dates=dates) if sector in hosted else "—"
            for sector in sectors["sector_id"]
        ]
    return pd.DataFrame({t("column.sector", lang): sectors["name"].tolist(), **cells})


def programme_page(con: Connection, lang: Language) -> ProgrammePage:
    source = queries.source_document(con, lang)
    programme = queries.programme(con, lang)
    sectors = queries.sectors(con, lang)
    return ProgrammePage(
        mission=queries.mission(con, lang),
        source=source,
        timeline=programme_timeline(programme, source, lang).frozen(),
        map=programme_map(
            queries.states(con),
            queries.cluster_states(con, lang),
            programme,
            source,
            queries.attributions(con, lang),
            lang,
        ).frozen(),
        matrix=sector_city_matrix(
            sectors, queries.sector_cities(con, None, lang), programme, lang
        ),
        activities=queries.programme_activities(con, lang),
    )
