"""The charts the curated layer chooses for each view (``charts`` and ``chart_figures``).

``curated_charts(inputs, sector_id, lang)`` draws, in order, every chart the database
lists for a sector (``None``: the country-wide ones): bar charts of figures, or the map
of a sector's clusters. Pure: the database's rows come in as ``ChartInputs``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.figures import FigureBars, figure_bars
from trade_mission.charts.maps import mexico_map
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t


@dataclass(frozen=True)
class ChartInputs:
    """What the curated charts are drawn from, in one language."""

    source: SourceDocument
    specs: pd.DataFrame  # the charts table
    chart_figures: pd.DataFrame
    figures: pd.DataFrame  # every figure
    states: pd.DataFrame
    clusters: pd.DataFrame
    programme: pd.DataFrame
    sector_cities: pd.DataFrame
    attributions: dict[str, str]


def curated_charts(inputs: ChartInputs, sector_id: str | None, lang: Language) -> list[Chart]:
    """Every chart listed for ``sector_id`` (``None``: country-wide), in order."""
    specs = inputs.specs[
        inputs.specs["sector_id"].isna()
        if sector_id is None
        else inputs.specs["sector_id"] == sector_id
    ]
    built = []
    for spec in specs.itertuples():
        if spec.kind == "figure_bars":
            built.append(figure_bars(bars_spec(inputs, spec), inputs.figures, inputs.source, lang))
        else:
            built.append(cluster_map(inputs, str(spec.chart_id), str(spec.sector_id), lang))
    return built


def bars_spec(inputs: ChartInputs, spec) -> FigureBars:
    links = inputs.chart_figures[inputs.chart_figures["chart_id"] == spec.chart_id]
    return FigureBars(
        chart_id=spec.chart_id,
        bars=tuple(links.loc[links["role"] == "bar", "figure_id"]),
        placeholders={
            row.placeholder: row.figure_id
            for row in links.itertuples()
            if isinstance(row.placeholder, str)
        },
        categories=spec.categories,
        horizontal=bool(spec.horizontal),
        shares=bool(spec.shares),
    )


def cluster_map(inputs: ChartInputs, chart_id: str, sector_id: str, lang: Language) -> Chart:
    """The states where the page places a sector's clusters, and the sector's host cities."""
    clusters = inputs.clusters[inputs.clusters["sector_id"] == sector_id]
    hosts = inputs.sector_cities.loc[inputs.sector_cities["sector_id"] == sector_id, "city"]
    names = clusters["state_name"].tolist()
    values = dict(count=len(names), states=formatting.join(names, lang))
    return mexico_map(
        chart_id,
        inputs.states,
        clusters,
        inputs.programme[inputs.programme["city"].isin(hosts)],
        title=t(f"chart.{chart_id}.title", lang, **values),
        alt=t(f"chart.{chart_id}.alt", lang, **values),
        source=inputs.source,
        attributions=inputs.attributions,
        lang=lang,
    )
