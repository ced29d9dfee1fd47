"""Charts of Canada–Mexico trade in the annual statistics: two-way trade since 1990
(with the monthly table's full years after the annual files' last), and the mission
sectors' goods exported to Mexico, each against the page's own figures where it states
them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    PALETTE,
    TEXT_COLOUR,
    Chart,
    Column,
    house_layout,
    tabulate,
)
from trade_mission.charts.dollars import (
    BILLION,
    MILLION,
    SERIES_STYLES,
    PagePoint,
    dollar_columns,
    line,
    lines_figure,
    page_marker_traces,
    scaled,
    series_columns,
    series_line,
    trade_caption,
    year_axis,
)
from trade_mission.data.database import records
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

NAFTA_YEAR = 1994  # in force January 1, 1994
CUSMA_YEAR = 2020.5  # in force July 1, 2020


def two_way_trade_chart(
    series: pd.DataFrame,
    page_points: list[PagePoint],
    attribution: str,
    lang: Language,
    monthly_attribution: str = "",
) -> Chart:
    """Two-way trade, exports, imports and the balance since 1990, with NAFTA and CUSMA
    marked and the page's own figures drawn against the line.

    ``series`` holds the annual files' years and, after them, the full years of the monthly
    table (``source`` 'trade_monthly', credited with ``monthly_attribution``): those are
    drawn with square markers, written in millions as that table publishes them, and
    named in the caption, so a reader sees where one product ends and the other begins."""
    rows = records(series)
    years = [row["year"] for row in rows]
    from_monthly = [row.get("source") == "trade_monthly" for row in rows]
    columns = {
        "two_way": [row["two_way_cad"] for row in rows],
        "exports": [row["exports_cad"] for row in rows],
        "imports": [row["imports_cad"] for row in rows],
        "balance": [row["balance_cad"] for row in rows],
    }

    def amount(value: float | None, monthly: bool) -> str:
        """Whole dollars shortened, or the monthly table's millions to one decimal."""
        if monthly and value is not None:
            return formatting.cad_millions(value / MILLION, lang)
        return formatting.cad_short(value, lang)

    def whole(value: float | None, monthly: bool) -> str:
        if monthly and value is not None:
            return formatting.cad_millions(value / MILLION, lang)
        return formatting.cad(value, lang)

    traces = []
    for name, values in columns.items():
        trace = line(
            t(f"trade.series.{name}", lang),
            years,
            values,
            BILLION,
            SERIES_STYLES[name],
            [amount(value, monthly) for value, monthly in zip(values, from_monthly, strict=True)],
            width=3 if name == "two_way" else 2,
        )
        trace["marker"] = dict(
            trace["marker"],
            symbol=["square" if monthly else "circle" for monthly in from_monthly],
            size=[9 if monthly else 5 for monthly in from_monthly],
        )
        traces.append(trace)
    markers = page_marker_traces(page_points, lang)
    traces += markers
    lows = [value for value in columns["balance"] if value is not None]
    highs = [value for value in columns["two_way"] if value is not None]
    layout = house_layout(
        460,
        lang=lang,
        xaxis=year_axis(years[0], years[-1]),
        yaxis=dict(
            title=dict(text=t("trade.axis.cad_billion", lang)),
            zeroline=True,
            range=[min(lows) / BILLION * 1.15, max(highs) / BILLION * 1.25],
        ),
        showlegend=True,
        legend=LEGEND_ABOVE,
        shapes=[
            dict(
                type="line",
                x0=x,
                x1=x,
                yref="paper",
                y0=0,
                y1=1,
                line=dict(color="#6E6E6E", width=1.5, dash="dot"),
            )
            for x in (NAFTA_YEAR, CUSMA_YEAR)
        ],
        annotations=[
            *(
                dict(
                    x=x,
                    yref="paper",
                    # CUSMA's label lower than NAFTA's: on a phone the two would meet.
                    y=height,
                    yanchor="top",
                    text=t(key, lang),
                    showarrow=False,
                    xanchor=anchor,
                    xshift=4 if anchor == "left" else -4,
                    font=dict(size=13, color=TEXT_COLOUR),
                    bgcolor="rgba(255,255,255,0.85)",
                )
                for x, key, anchor, height in (
                    (NAFTA_YEAR, "trade.nafta", "left", 1.0),
                    (CUSMA_YEAR, "trade.cusma", "right", 0.9),
                )
            ),
        ],
    )
    figure = go.Figure(data=traces, layout=layout)
    page_values = {point.year: point for point in page_points}
    monthly_release = next(
        (row["release_date"] for row in rows if row.get("source") == "trade_monthly"), None
    )
    product = [
        t("trade.product.monthly", lang, release=formatting.date(row["release_date"], lang))
        if monthly
        else t("trade.product.annual", lang)
        for row, monthly in zip(rows, from_monthly, strict=True)
    ]
    table_columns = [
        Column(t("column.year", lang), years),
        *[
            Column(
                t(f"trade.column.{name}_cad", lang),
                values,
                [
                    whole(value, monthly)
                    for value, monthly in zip(values, from_monthly, strict=True)
                ],
            )
            for name, values in columns.items()
        ],
        Column(
            t("trade.column.two_way_billion", lang),
            scaled(columns["two_way"], BILLION),
            in_table=False,
        ),
        Column(
            t("trade.column.page_value", lang),
            [page_values[year].label if year in page_values else "" for year in years],
            in_table=False,
        ),
        Column(t("trade.column.product", lang), product, in_table=monthly_release is not None),
    ]
    latest, first = rows[-1], rows[0]
    base = next(row for row in rows if row["year"] == NAFTA_YEAR - 1)
    text_values = dict(
        total=amount(latest["two_way_cad"], from_monthly[-1]),
        year=latest["year"],
        multiple=formatting.number(latest["two_way_cad"] / base["two_way_cad"], lang, 1),
        base=base["year"],
        exports=amount(latest["exports_cad"], from_monthly[-1]),
        imports=amount(latest["imports_cad"], from_monthly[-1]),
        first=first["year"],
    )
    caption = trade_caption(attribution, f"{first['year']}–{latest['year']}", lang)
    alt = t("trade.chart.two_way.alt", lang, **text_values)
    if monthly_release is not None:
        monthly_years = [
            year for year, monthly in zip(years, from_monthly, strict=True) if monthly
        ]
        shown = dict(
            years=formatting.join([str(year) for year in monthly_years], lang),
            last_annual=max(
                year for year, monthly in zip(years, from_monthly, strict=True) if not monthly
            ),
            release=formatting.date(monthly_release, lang),
            attribution=monthly_attribution,
        )
        caption = " ".join(
            [
                trade_caption(attribution, f"{first['year']}–{shown['last_annual']}", lang),
                t("trade.chart.two_way.monthly_years", lang, **shown),
            ]
        )
        alt += " " + t("trade.chart.two_way.alt_monthly", lang, **shown)
    return Chart(
        "canada_mexico_trade",
        t("trade.chart.two_way.title", lang, **text_values),
        figure,
        alt=alt,
        caption=caption,
        **tabulate(table_columns),
    )


def sector_trade_chart(
    chart_id: str,
    series: pd.DataFrame,
    sector: str,
    chapters: str,
    page_points: list[PagePoint],
    attribution: str,
    lang: Language,
) -> Chart:
    """A sector's chapters exported to Mexico since 2000, with the page's figure for the
    sector drawn against the line."""
    rows = records(series)
    years = [row["year"] for row in rows]
    exports = [row["exports_to_mexico_cad"] for row in rows]
    trace = line(
        t("trade.series.exports", lang),
        years,
        exports,
        BILLION,
        SERIES_STYLES["exports"],
        [formatting.cad_short(value, lang) for value in exports],
    )
    markers = page_marker_traces(page_points, lang)
    figure = go.Figure(
        data=[trace, *markers],
        layout=house_layout(
            380,
            lang=lang,
            xaxis=year_axis(years[0], years[-1]),
            yaxis=dict(
                title=dict(text=t("trade.axis.cad_billion", lang)),
                range=[0, max(value for value in exports if value) / BILLION * 1.3],
            ),
            showlegend=bool(markers),
            legend=LEGEND_ABOVE,
        ),
    )
    page_values = {point.year: point for point in page_points}
    columns = [
        Column(t("column.year", lang), years),
        *dollar_columns("exports_to_mexico", exports, lang),
        Column(
            t("trade.column.page_value", lang),
            [page_values[year].label if year in page_values else "" for year in years],
        ),
    ]
    first, last = rows[0], rows[-1]
    values = dict(
        sector=sector,
        chapters=chapters,
        first=formatting.cad_short(first["exports_to_mexico_cad"], lang),
        first_year=first["year"],
        last=formatting.cad_short(last["exports_to_mexico_cad"], lang),
        last_year=last["year"],
    )
    return Chart(
        chart_id,
        t("trade.chart.sector.title", lang, **values),
        figure,
        alt=" ".join(
            [
                t("trade.chart.sector.alt", lang, **values),
                *[
                    t(
                        "trade.chart.marked",
                        lang,
                        mark=t(
                            "trade.page_estimate" if point.is_estimate else "trade.page_figure",
                            lang,
                            value=point.label,
                        ),
                        year=int(point.year),
                    )
                    for point in page_points
                ],
            ]
        ),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(columns),
    )


COVERAGE_DASH = {"whole": "solid", "most": "dash"}


def sectors_trade_chart(
    sector_trade: pd.DataFrame,
    names: dict[str, str],
    coverage: dict[str, str],
    attribution: str,
    lang: Language,
) -> Chart:
    """The sectors whose chapters stand for them (whole or most), compared by their goods
    exported to Mexico since 2000. Sectors whose chapters are only a proxy are not drawn,
    and the caption says so."""
    drawn = [sector for sector in names if coverage.get(sector) in COVERAGE_DASH]
    left_out = [names[sector] for sector in names if sector not in drawn]
    traces, series = [], {}
    years: list[int] = []
    colours = iter((PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["pink"]))
    latest = {}
    for sector_id in drawn:
        rows = records(sector_trade[sector_trade["sector_id"] == sector_id])
        years = [row["year"] for row in rows]
        values = [row["exports_to_mexico_cad"] for row in rows]
        latest[sector_id] = rows[-1]
        label = f"{names[sector_id]} ({t(f'trade.sector_coverage.{coverage[sector_id]}', lang)})"
        style = (next(colours), COVERAGE_DASH[coverage[sector_id]])
        traces.append(series_line(label, years, values, BILLION, style, names[sector_id], lang))
        series[label] = values
    figure = lines_figure(traces, years, "billion", lang)
    ranked = sorted(latest.items(), key=lambda item: -item[1]["exports_to_mexico_cad"])
    values_text = dict(
        year=years[-1],
        sectors=formatting.join(
            [
                t(
                    "trade.chart.sectors.item",
                    lang,
                    sector=names[sector_id],
                    value=formatting.cad_short(row["exports_to_mexico_cad"], lang),
                )
                for sector_id, row in ranked
            ],
            lang,
        ),
        left_out=formatting.join(left_out, lang),
    )
    caption = " ".join(
        [
            trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
            t("trade.chart.sectors.left_out", lang, **values_text),
        ]
    )
    return Chart(
        "sectors_trade",
        t("trade.chart.sectors.title", lang, **values_text),
        figure,
        alt=t("trade.chart.sectors.alt", lang, **values_text),
        caption=caption,
        **tabulate(series_columns(years, series, BILLION, "billion", lang)),
    )
