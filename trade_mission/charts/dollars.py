"""Drawing Statistics Canada's dollar amounts, shared by the annual trade charts: a
series over the years (scaled to billions or millions, its whole dollars kept in the
table), ranked bars named with their values, the page's own figures as hollow markers
labelled as the page's, and the caption that credits the statistics.

Every value is current Canadian dollars on a customs basis, and every caption says so
with the statistics' attribution. A figure from the mission page drawn against the
official series is a hollow marker, named in the legend as the page's, so the two kinds
of evidence never blur.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    LEGEND_WIDTH,
    PALETTE,
    TEXT_COLOUR,
    Column,
    house_layout,
    wrap_label,
)
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

BILLION = 1e9
MILLION = 1e6
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


def dollar_columns(
    heading: str,
    values: list,
    lang: Language,
    divisor: float = BILLION,
    unit: str = "billion",
    shown: list[str] | None = None,
) -> list[Column]:
    """One dollar series as two columns: whole dollars, written for reading in the table
    (``shown``, or each in full), and the same scaled as drawn, for the CSV only. Their
    headings are the catalog's ``trade.column.<heading>_cad`` and ``<heading>_<unit>``."""
    return [
        Column(
            t(f"trade.column.{heading}_cad", lang),
            values,
            shown if shown is not None else [formatting.cad(value, lang) for value in values],
        ),
        Column(t(f"trade.column.{heading}_{unit}", lang), scaled(values, divisor), in_table=False),
    ]


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


def chapter_name(hs2: str, label: str) -> str:
    """ "87 · Vehicles and parts (other than railway)": a chapter as pickers and charts name it."""
    return f"{hs2} · {label}"
