"""Charts of Statistics Canada's trade statistics: Canada–Mexico trade over time, what
Canada sells Mexico, one chapter's trade and markets, and the provinces.

Every value is current Canadian dollars on a customs basis, and every caption says so
with the statistics' attribution. Charts draw dollars scaled to billions or millions; the
data behind each (its table and CSV) keep the whole dollars as published beside the
scaled values drawn. A figure from the mission page drawn against the official series is
a hollow marker, labelled as the page's, so the two kinds of evidence never blur.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    LEGEND_WIDTH,
    PALETTE,
    SERIES_COLOURS,
    TEXT_COLOUR,
    Chart,
    Column,
    house_layout,
    tabulate,
    wrap_label,
)
from trade_mission.data.database import records
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t

BILLION = 1e9
MILLION = 1e6
NAFTA_YEAR = 1994  # in force January 1, 1994
CUSMA_YEAR = 2020.5  # in force July 1, 2020
MEXICO_COLOUR = PALETTE["vermillion"]
OTHER_COLOUR = PALETTE["blue"]
# Each line has its own colour and dash, so no series is told apart by colour alone.
SERIES_STYLES = {
    "two_way": (PALETTE["blue"], "solid"),
    "exports": (PALETTE["orange"], "dash"),
    "imports": (PALETTE["green"], "dot"),
    "balance": (PALETTE["vermillion"], "dashdot"),
}


@dataclass(frozen=True)
class PagePoint:
    """A figure of the mission page drawn against the official series."""

    year: float
    value: float  # in the chart's unit (billions of dollars, as the page writes them)
    label: str  # the page's value as shown ("nearly $56 billion")
    is_estimate: bool  # derived from the page's figures, not stated by it


def trade_caption(attribution: str, years: str, lang: Language) -> str:
    return t("trade.caption", lang, attribution=attribution, years=years)


def scale_for(values: list[float]) -> tuple[float, str]:
    """Billions when the largest value reaches one, else millions: (divisor, unit key)."""
    largest = max((abs(value) for value in values if value is not None), default=0)
    return (BILLION, "billion") if largest >= BILLION else (MILLION, "million")


def scaled(values: list[float | None], divisor: float) -> list[float | None]:
    return [None if value is None else value / divisor for value in values]


def line(
    name: str,
    years: list,
    values: list,
    divisor: float,
    style: tuple[str, str],
    hover: list[str],
    hover_name: str | None = None,
    width: int = 2,
) -> dict:
    """One dollar series over the years, drawn scaled by ``divisor`` in its own (colour,
    dash), each point's value written in ``hover`` under ``hover_name`` (the series'
    name unless given)."""
    colour, dash = style
    return dict(
        type="scatter",
        mode="lines+markers",
        x=years,
        y=scaled(values, divisor),
        name=name,
        line=dict(color=colour, width=width, dash=dash),
        marker=dict(size=5, color=colour),
        customdata=hover,
        hovertemplate="%{x}: %{customdata}<extra>" + (hover_name or name) + "</extra>",
    )


def year_axis(first: int, last: int) -> dict:
    return dict(range=[first - 0.5, last + 0.5], dtick=5, showgrid=False, title=dict(text=""))


# Characters on a line of a ranked bar's name: with its value beneath, a label column a
# phone can afford beside its bars.
RANKED_NAME_WIDTH = 24


def ranked_bars(
    names: list[str],
    values: list,
    labels: list[str],
    lang: Language,
    divisor: float = BILLION,
    colours: list[str] | None = None,
    marker_extra: dict | None = None,
    bold: list[bool] | None = None,
) -> go.Figure:
    """Horizontal bars, largest first, each named with its value on the line beneath
    ("Quebec<br>C$4.37 billion"). A value beside its bar runs off a phone's narrow chart
    whatever room the axis leaves; under the name it is laid out with the names, at any
    width, and the axis (its numbers and title) has nothing left to say, so it is not drawn.
    ``bold`` marks the names to pick out (Mexico among the markets).
    """
    ticks = []
    for name, label, strong in zip(names, labels, bold or [False] * len(names), strict=True):
        tick = f"{wrap_label(name, RANKED_NAME_WIDTH)}<br>{label}"
        ticks.append(f"<b>{tick}</b>" if strong else tick)
    lines = max(tick.count("<br>") + 1 for tick in ticks)
    trace = dict(
        type="bar",
        orientation="h",
        x=scaled(values, divisor),
        y=names,
        marker=dict(color=colours or OTHER_COLOUR, **(marker_extra or {})),
        text=labels,
        textposition="none",
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    return go.Figure(
        data=[trace],
        layout=house_layout(
            40 + (18 * lines + 12) * len(names),
            lang=lang,
            xaxis=dict(
                range=[0, max(values) / divisor * 1.02],
                showticklabels=False,
                showgrid=False,
                zeroline=False,
                title=dict(text=""),
            ),
            yaxis=dict(
                type="category",
                autorange="reversed",
                tickvals=names,
                ticktext=ticks,
                tickfont=dict(size=14),
                showgrid=False,
            ),
        ),
    )


def series_line(
    name: str,
    years: list,
    values: list,
    divisor: float,
    style: tuple[str, str],
    hover_name: str,
    lang: Language,
) -> dict:
    """One series of several compared on a chart, named in the legend above it."""
    hover = [formatting.cad_short(value, lang) for value in values]
    return line(
        wrap_label(name, LEGEND_WIDTH), years, values, divisor, style, hover, hover_name, width=3
    )


def lines_figure(
    traces: list[dict], years: list, unit: str, lang: Language, height: int = 380
) -> go.Figure:
    """Dollar series over the years, from zero, their legend above the plot."""
    return go.Figure(
        data=traces,
        layout=house_layout(
            height,
            lang=lang,
            xaxis=year_axis(years[0], years[-1]),
            yaxis=dict(title=dict(text=t(f"trade.axis.cad_{unit}", lang)), rangemode="tozero"),
            showlegend=True,
            legend=LEGEND_ABOVE,
        ),
    )


def series_columns(
    years: list, columns: dict[str, list], divisor: float, unit: str, lang: Language
) -> list[Column]:
    """The columns of several series: the year, each series in whole dollars (written for
    reading in the table), then each as drawn, scaled (CSV only)."""
    axis = t(f"trade.axis.cad_{unit}", lang)
    return [
        Column(t("column.year", lang), years),
        *(
            Column(name, values, [formatting.cad(value, lang) for value in values])
            for name, values in columns.items()
        ),
        *(
            Column(f"{name} ({axis})", scaled(values, divisor), in_table=False)
            for name, values in columns.items()
        ),
    ]


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


def chapter_name(hs2: str, label: str) -> str:
    """ "87 · Vehicles and parts (other than railway)": a chapter as pickers and charts name it."""
    return f"{hs2} · {label}"


def chapter_ranking_chart(
    indicators: pd.DataFrame, total_exports: float, attribution: str, lang: Language, top: int = 12
) -> Chart:
    """The chapters Canada sold Mexico most of in the latest year."""
    rows = [row for row in records(indicators) if row["exports_to_mexico_cad"]][:top]
    year = rows[0]["year"]
    names = [chapter_name(row["hs2"], row["label"]) for row in rows]
    values = [row["exports_to_mexico_cad"] for row in rows]
    labels = [formatting.cad_short(value, lang) for value in values]
    figure = ranked_bars(names, values, labels, lang)
    shares = [row["share_of_exports_to_mexico_pct"] for row in rows]
    columns = [
        Column(t("trade.column.chapter", lang), names),
        Column(t("trade.column.exports_to_mexico_cad", lang), values, labels),
        Column(
            t("trade.column.exports_to_mexico_billion", lang),
            scaled(values, BILLION),
            in_table=False,
        ),
        Column(
            t("trade.column.share_of_exports_to_mexico", lang),
            [spreadsheet.share(share) for share in shares],
            [formatting.percent_or_dash(share, lang, 1) for share in shares],
        ),
    ]
    leader = rows[0]
    values_for_text = dict(
        chapter=leader["label"],
        value=labels[0],
        share=formatting.percent(leader["share_of_exports_to_mexico_pct"], lang, 1),
        total=formatting.cad_short(total_exports, lang),
        year=year,
        top=len(rows),
    )
    return Chart(
        "chapters_to_mexico",
        t("trade.chart.ranking.title", lang, **values_for_text),
        figure,
        alt=t("trade.chart.ranking.alt", lang, **values_for_text),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


def chapter_trade_chart(
    series: pd.DataFrame, hs2: str, label: str, attribution: str, lang: Language
) -> Chart:
    """One chapter's exports to and imports from Mexico since 2000."""
    rows = records(series)
    years = [row["year"] for row in rows]
    exports = [row["exports_to_mexico_cad"] for row in rows]
    imports = [row["imports_from_mexico_cad"] for row in rows]
    divisor, unit = scale_for([*exports, *imports])
    flows = {"exports": exports, "imports": imports}
    traces = [
        line(
            t(f"trade.series.{flow}", lang),
            years,
            values,
            divisor,
            SERIES_STYLES[flow],
            [formatting.cad_short(value, lang) for value in values],
        )
        for flow, values in flows.items()
    ]
    figure = lines_figure(traces, years, unit, lang)
    headings = {"exports": "exports_to_mexico", "imports": "imports_from_mexico"}
    columns = [
        Column(t("column.year", lang), years),
        *(
            Column(
                t(f"trade.column.{headings[flow]}_cad", lang),
                values,
                [formatting.cad(value, lang) for value in values],
            )
            for flow, values in flows.items()
        ),
        *(
            Column(
                t(f"trade.column.{headings[flow]}_{unit}", lang),
                scaled(values, divisor),
                in_table=False,
            )
            for flow, values in flows.items()
        ),
    ]
    first = next((row for row in rows if row["exports_to_mexico_cad"]), rows[0])
    values = dict(
        chapter=chapter_name(hs2, label),
        first=formatting.cad_short(first["exports_to_mexico_cad"], lang),
        first_year=first["year"],
        last=formatting.cad_short(rows[-1]["exports_to_mexico_cad"], lang),
        last_year=rows[-1]["year"],
        imports=formatting.cad_short(rows[-1]["imports_from_mexico_cad"], lang),
    )
    # A latest year with no exports to Mexico is said in words, not as "—".
    title, alt = (
        ("trade.chart.chapter.title", "trade.chart.chapter.alt")
        if rows[-1]["exports_to_mexico_cad"]
        else ("trade.chart.chapter_none.title", "trade.chart.chapter_none.alt")
    )
    return Chart(
        f"chapter_{hs2}_trade",
        t(title, lang, **values),
        figure,
        alt=t(alt, lang, **values),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(columns),
    )


def markets_chart(
    markets: pd.DataFrame,
    hs2: str,
    label: str,
    year: int,
    attribution: str,
    lang: Language,
) -> Chart:
    """Canada's largest markets for one chapter, Mexico marked by colour, pattern and name."""
    rows = records(markets)
    names = [f"{row['market_rank']}. {row['name']}" for row in rows]
    values = [row["exports_cad"] for row in rows]
    is_mexico = [row["partner"] == "Mexico" for row in rows]
    divisor, unit = scale_for(values)
    labels = [formatting.cad_short(value, lang) for value in values]
    colours = [MEXICO_COLOUR if mexico else OTHER_COLOUR for mexico in is_mexico]
    # "45.\u00a0Mexico": a wrapped name never leaves its rank alone on a line, and in a
    # table cell "45. Mexico" is not Markdown's numbered list (its number drawn outside
    # the cell, cut to "I5.").
    kept_whole = [name.replace(". ", ".\u00a0", 1) for name in names]
    figure = ranked_bars(
        kept_whole,
        values,
        labels,
        lang,
        divisor,
        colours,
        dict(
            pattern=dict(
                shape=["/" if mexico else "" for mexico in is_mexico],
                fgcolor="white",
                bgcolor=colours,
                fillmode="overlay",
                solidity=0.3,
            )
        ),
        bold=is_mexico,
    )
    columns = [
        Column(t("trade.column.market", lang), names, kept_whole),
        Column(
            t("trade.column.exports_cad", lang),
            values,
            [formatting.cad(value, lang) for value in values],
        ),
        Column(t(f"trade.column.exports_{unit}", lang), scaled(values, divisor), in_table=False),
    ]
    mexico = next((row for row in rows if row["partner"] == "Mexico"), None)
    rank = formatting.ordinal(int(mexico["market_rank"]), lang) if mexico else "—"
    text_values = dict(
        chapter=chapter_name(hs2, label),
        rank=rank,
        year=year,
        value=formatting.cad_short(mexico["exports_cad"], lang) if mexico else "—",
        leader=rows[0]["name"],
    )
    # A year Canada sold Mexico none of the chapter: said in words, not as "—".
    title, alt = (
        ("trade.chart.markets.title", "trade.chart.markets.alt")
        if mexico
        else ("trade.chart.markets_none.title", "trade.chart.markets_none.alt")
    )
    return Chart(
        f"chapter_{hs2}_markets",
        t(title, lang, **text_values),
        figure,
        alt=t(alt, lang, **text_values),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


def provinces_chart(origins: pd.DataFrame, year: int, attribution: str, lang: Language) -> Chart:
    """Which provinces and territories sell Mexico the most."""
    rows = [row for row in records(origins) if row["exports_to_mexico_cad"]]
    names = [row["name"] for row in rows]
    values = [row["exports_to_mexico_cad"] for row in rows]
    labels = [formatting.cad_short(value, lang) for value in values]
    figure = ranked_bars(names, values, labels, lang)
    shares = [row["mexico_share_pct"] for row in rows]
    ranks = [row["mexico_rank"] for row in rows]
    columns = [
        Column(t("trade.column.origin", lang), names),
        Column(
            t("trade.column.exports_to_mexico_cad", lang),
            values,
            [formatting.cad(value, lang) for value in values],
        ),
        Column(
            t("trade.column.exports_to_mexico_billion", lang),
            scaled(values, BILLION),
            in_table=False,
        ),
        Column(
            t("trade.column.mexico_share", lang),
            [spreadsheet.share(share) for share in shares],
            [formatting.percent_or_dash(share, lang, 2) for share in shares],
        ),
        Column(
            t("trade.column.mexico_rank", lang),
            ranks,
            [formatting.rank(rank, lang) for rank in ranks],
        ),
    ]
    text_values = dict(leader=rows[0]["name"], value=labels[0], year=year, count=len(rows))
    return Chart(
        "provinces_to_mexico",
        t("trade.chart.provinces.title", lang, **text_values),
        figure,
        alt=t("trade.chart.provinces.alt", lang, **text_values),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


def province_trend_chart(
    series: pd.DataFrame, origin_code: str, name: str, attribution: str, lang: Language
) -> Chart:
    """One province's (or all Canada's) exports to Mexico since 1990."""
    rows = records(series)
    years = [row["year"] for row in rows]
    exports = [row["exports_to_mexico_cad"] for row in rows]
    divisor, unit = scale_for(exports)
    trace = line(
        t("trade.series.exports", lang),
        years,
        exports,
        divisor,
        SERIES_STYLES["exports"],
        [formatting.cad_short(value, lang) for value in exports],
    )
    figure = go.Figure(
        data=[trace],
        layout=house_layout(
            360,
            lang=lang,
            xaxis=year_axis(years[0], years[-1]),
            yaxis=dict(title=dict(text=t(f"trade.axis.cad_{unit}", lang)), rangemode="tozero"),
        ),
    )
    columns = [
        Column(t("column.year", lang), years),
        Column(
            t("trade.column.exports_to_mexico_cad", lang),
            exports,
            [formatting.cad(value, lang) for value in exports],
        ),
        Column(
            t(f"trade.column.exports_to_mexico_{unit}", lang),
            scaled(exports, divisor),
            in_table=False,
        ),
    ]
    first = next((row for row in rows if row["exports_to_mexico_cad"]), rows[0])
    values = dict(
        origin=name,
        first=formatting.cad_short(first["exports_to_mexico_cad"], lang),
        first_year=first["year"],
        last=formatting.cad_short(rows[-1]["exports_to_mexico_cad"], lang),
        last_year=rows[-1]["year"],
    )
    return Chart(
        f"province_{origin_code.lower()}_trend",
        t("trade.chart.province.title", lang, **values),
        figure,
        alt=t("trade.chart.province.alt", lang, **values),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(columns),
    )


def page_marker_traces(page_points: list[PagePoint], lang: Language) -> list[dict]:
    """Hollow markers for the page's figures, each named in the legend as the page's: a
    legend entry never lands on a line or another label, whatever the chart's width."""
    traces = []
    for point in page_points:
        kind = "trade.page_estimate" if point.is_estimate else "trade.page_figure"
        label = t(kind, lang, value=point.label)
        traces.append(
            dict(
                type="scatter",
                mode="markers",
                x=[point.year],
                y=[point.value],
                name=wrap_label(label, LEGEND_WIDTH),
                marker=dict(
                    symbol="circle-open" if point.is_estimate else "diamond-open",
                    size=15,
                    color=TEXT_COLOUR,
                    line=dict(width=2.5, color=TEXT_COLOUR),
                ),
                hovertemplate=label.replace("$", "&#36;") + "<extra></extra>",
                showlegend=True,
            )
        )
    return traces


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
        Column(
            t("trade.column.exports_to_mexico_cad", lang),
            exports,
            [formatting.cad(value, lang) for value in exports],
        ),
        Column(
            t("trade.column.exports_to_mexico_billion", lang),
            scaled(exports, BILLION),
            in_table=False,
        ),
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


CHAPTER_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def chapters_exports_chart(
    series: pd.DataFrame, labels: dict[str, str], attribution: str, lang: Language
) -> Chart:
    """Canada's exports to Mexico of a few chapters since 2000, one line each (each with
    its own colour and dash), in the order ``labels`` gives them."""
    hs2s = [hs2 for hs2 in labels if (series["hs2"] == hs2).any()]
    rows_of = {hs2: records(series[series["hs2"] == hs2]) for hs2 in hs2s}
    divisor, unit = scale_for(
        [row["exports_to_mexico_cad"] for rows in rows_of.values() for row in rows]
    )
    traces, series = [], {}
    years: list[int] = sorted({row["year"] for rows in rows_of.values() for row in rows})
    for index, hs2 in enumerate(hs2s):
        by_year = {row["year"]: row["exports_to_mexico_cad"] for row in rows_of[hs2]}
        values = [by_year.get(year) for year in years]
        name = chapter_name(hs2, labels[hs2])
        style = (
            SERIES_COLOURS[index % len(SERIES_COLOURS)],
            CHAPTER_DASHES[index % len(CHAPTER_DASHES)],
        )
        traces.append(series_line(name, years, values, divisor, style, hs2, lang))
        series[name] = values
    figure = lines_figure(traces, years, unit, lang, height=400)
    latest = {name: values[-1] for name, values in series.items()}
    top = max(latest, key=lambda name: latest[name] or 0)
    # The first year the leading chapter sold Mexico anything (years of none are NULL).
    first_year, first = next(
        ((year, value) for year, value in zip(years, series[top], strict=True) if value),
        (years[0], None),
    )
    values_text = dict(
        chapters=formatting.join(list(series), lang),
        top=top,
        value=formatting.cad_short(latest[top], lang),
        first_year=first_year,
        year=years[-1],
        first=formatting.cad_short(first, lang),
    )
    # "none": not one of the chapters sold Mexico anything in the latest year.
    key = "none" if not latest[top] else ("one" if len(series) == 1 else "many")
    return Chart(
        "your_chapters_trade",
        t(f"trade.chart.your_chapters.title_{key}", lang, **values_text),
        figure,
        alt=t("trade.chart.your_chapters.alt", lang, **values_text),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(series_columns(years, series, divisor, unit, lang)),
    )
