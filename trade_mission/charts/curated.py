"""The charts the curated layer chooses for each view (``charts`` and ``chart_figures``).

``curated_charts(inputs, sector_id, lang)`` draws, in order, every chart the database
lists for a sector (``None``: the country-wide ones): bar charts of the page's figures,
the map of a sector's clusters, Canada–Mexico trade since 1990, or a sector's chapters
exported to Mexico since 2000, trade charts with the page's own figures marked against
the official line. Pure: the database's rows come in as ``ChartInputs``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.annual_trade import sector_trade_chart, two_way_trade_chart
from trade_mission.charts.base import Chart
from trade_mission.charts.dollars import PagePoint
from trade_mission.charts.figures import FigureBars, figure_bars
from trade_mission.charts.maps import mexico_map
from trade_mission.data.database import records
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
    sectors: pd.DataFrame  # ids and names
    # Canada-Mexico trade by year: the annual files', then the monthly table's full years
    mexico_trade: pd.DataFrame
    sector_trade: pd.DataFrame  # each sector's chapters exported to Mexico, by year
    sector_chapters: pd.DataFrame  # which chapters stand for each sector


TRADE_KINDS = ("two_way_trade", "sector_trade")


def curated_charts(
    inputs: ChartInputs, sector_id: str | None, lang: Language, trade: bool | None = None
) -> list[Chart]:
    """Every chart listed for ``sector_id`` (``None``: country-wide), in order; only the
    trade charts when ``trade`` is true, only the page's own when it is false."""
    specs = inputs.specs[
        inputs.specs["sector_id"].isna()
        if sector_id is None
        else inputs.specs["sector_id"] == sector_id
    ]
    built = []
    for spec in specs.itertuples():
        if trade is not None and (spec.kind in TRADE_KINDS) != trade:
            continue
        if spec.kind == "figure_bars":
            built.append(figure_bars(bars_spec(inputs, spec), inputs.figures, inputs.source, lang))
        elif spec.kind == "cluster_map":
            built.append(cluster_map(inputs, str(spec.chart_id), str(spec.sector_id), lang))
        elif spec.kind == "two_way_trade":
            built.append(
                two_way_trade_chart(
                    inputs.mexico_trade,
                    page_points(inputs, str(spec.chart_id), lang),
                    inputs.attributions["trade"],
                    lang,
                    inputs.attributions["trade_monthly"],
                )
            )
        else:
            built.append(sector_trade(inputs, str(spec.chart_id), str(spec.sector_id), lang))
    return built


def page_points(inputs: ChartInputs, chart_id: str, lang: Language) -> list[PagePoint]:
    """The page's figures a trade chart marks, each at its own year."""
    links = inputs.chart_figures
    marked = links[(links["chart_id"] == chart_id) & (links["role"] == "marker")]
    figures = {row["figure_id"]: row for row in records(inputs.figures)}
    return [
        PagePoint(
            year=int(figures[figure_id]["year"]),
            value=float(figures[figure_id]["value"]),
            label=formatting.figure_value(figures[figure_id], lang),
            is_estimate=bool(figures[figure_id]["is_derived"]),
        )
        for figure_id in marked["figure_id"]
    ]


def sector_trade(inputs: ChartInputs, chart_id: str, sector_id: str, lang: Language) -> Chart:
    series = inputs.sector_trade[inputs.sector_trade["sector_id"] == sector_id]
    chapters = inputs.sector_chapters.loc[
        inputs.sector_chapters["sector_id"] == sector_id, "hs2"
    ].tolist()
    names = dict(zip(inputs.sectors["sector_id"], inputs.sectors["name"], strict=True))
    return sector_trade_chart(
        chart_id,
        series,
        names[sector_id],
        formatting.chapter_ranges(chapters),
        page_points(inputs, chart_id, lang),
        inputs.attributions["trade"],
        lang,
    )


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
        horizontal=bool(spec.horizontal),
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
