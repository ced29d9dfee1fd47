"""Charts of Statistics Canada's monthly trade (table 12-10-0011-01): Canada's exports to
and imports from Mexico month by month, and the shares Mexico, the United States and China
take of Canada's exports and imports.

Values are millions of current dollars as published, customs basis, not seasonally
adjusted; every caption says so, with the period and the release. A value Statistics
Canada flags (preliminary, revised...) is drawn with its own marker and named in words.
Month names come from Babel, never from Plotly, whose dates are English only.
"""

from __future__ import annotations

import datetime as dt

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
from trade_mission.data.database import records
from trade_mission.data.monthly import MonthlyRelease
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t

FLOW_STYLES = {"exports": (PALETTE["orange"], "solid"), "imports": (PALETTE["green"], "dash")}
FLOWS = ("exports", "imports")
PARTNER_ORDER = ("Mexico", "United States", "China")


def share_text(value: float | None, lang: Language) -> str:
    """A computed share, to two decimals: "1.24%", "1,24 %"."""
    return formatting.percent_or_dash(value, lang, 2)


def monthly_caption(
    attribution: str, latest: MonthlyRelease, first: dt.date, lang: Language
) -> str:
    return t(
        "monthly.caption",
        lang,
        attribution=attribution,
        period=formatting.month_span(first, latest.last_month, lang),
        release=formatting.date(latest.release_date, lang),
    )


def monthly_trade_chart(
    months: pd.DataFrame,
    mission: tuple[dt.date, dt.date],
    latest: MonthlyRelease,
    latest_12: tuple[dt.date, dict[str, float | None]],
    attribution: str,
    lang: Language,
) -> Chart:
    """Canada's exports to and imports from Mexico month by month, the mission's week
    marked; the title gives the latest 12 months (``latest_12``: their first month, and the
    change of each flow on the same months a year earlier)."""
    period_first, changes = latest_12
    rows = records(months)
    by_flow = {flow: [row for row in rows if row["flow"] == flow] for flow in FLOWS}
    month_days = [formatting.as_date(row["ref_month"]) for row in by_flow["exports"]]
    x = [day.isoformat() for day in month_days]
    traces = []
    for flow in FLOWS:
        colour, dash = FLOW_STYLES[flow]
        name = t(f"monthly.series.{flow}", lang)
        traces.append(
            dict(
                type="scatter",
                mode="lines+markers",
                x=x,
                y=[row["value_cad_millions"] for row in by_flow[flow]],
                name=name,
                line=dict(color=colour, width=2.5, dash=dash),
                marker=dict(size=4, color=colour),
                customdata=[
                    t(
                        "common.labelled",
                        lang,
                        label=formatting.month(row["ref_month"], lang),
                        value=formatting.cad_millions(row["value_cad_millions"], lang),
                    )
                    for row in by_flow[flow]
                ],
                hovertemplate="%{customdata}<extra>" + name + "</extra>",
            )
        )
    flagged = [row for row in rows if row["status_code"] or row["symbol_code"]]
    if flagged:
        label = t("monthly.series.flagged", lang)
        traces.append(
            dict(
                type="scatter",
                mode="markers",
                x=[formatting.as_date(row["ref_month"]).isoformat() for row in flagged],
                y=[row["value_cad_millions"] for row in flagged],
                name=label,
                marker=dict(symbol="circle-open", size=12, color=TEXT_COLOUR, line=dict(width=2)),
                customdata=[
                    formatting.statcan_flag(row["status_code"], row["symbol_code"], lang)
                    for row in flagged
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    start, end = mission
    highest = max(row["value_cad_millions"] for row in rows)
    # Every other year, counted back from the latest, is labelled: eight years side by side
    # run together on a phone ("20192020 2021...").
    years = sorted({day.year for day in month_days})[::-1][::2][::-1]
    figure = go.Figure(
        data=traces,
        layout=house_layout(
            420,
            lang=lang,
            xaxis=dict(
                type="date",
                showgrid=False,
                tickvals=[f"{year}-01-01" for year in years],
                ticktext=[str(year) for year in years],
                range=[
                    (month_days[0] - dt.timedelta(days=20)).isoformat(),
                    (month_days[-1] + dt.timedelta(days=20)).isoformat(),
                ],
            ),
            yaxis=dict(
                title=dict(text=t("monthly.axis.cad_million", lang)),
                range=[0, highest * 1.18],
            ),
            showlegend=True,
            legend=LEGEND_ABOVE,
            shapes=[
                dict(
                    type="rect",
                    x0=start.isoformat(),
                    x1=(end + dt.timedelta(days=1)).isoformat(),
                    yref="paper",
                    y0=0,
                    y1=1,
                    fillcolor="rgba(110,110,110,0.25)",
                    layer="below",
                    line=dict(width=0),
                )
            ],
            annotations=[
                dict(
                    x=start.isoformat(),
                    yref="paper",
                    y=0.99,
                    text=t("monthly.mission_marker", lang),
                    showarrow=False,
                    xanchor="right",
                    xshift=-4,
                    font=dict(size=13, color=TEXT_COLOUR),
                    bgcolor="rgba(255,255,255,0.85)",
                )
            ],
        ),
    )
    flags = {
        formatting.as_date(row["ref_month"]): formatting.statcan_flag(
            row["status_code"], row["symbol_code"], lang
        )
        for row in flagged
    }
    releases = [formatting.as_date(row["release_date"]) for row in by_flow["exports"]]
    columns = [
        Column(
            t("monthly.column.month", lang),
            [day.isoformat()[:7] for day in month_days],
            [formatting.month(day, lang) for day in month_days],
        ),
        *[
            Column(
                t(f"monthly.column.{flow}", lang),
                [spreadsheet.plain_number(row["value_cad_millions"], 1) for row in by_flow[flow]],
                [
                    formatting.cad_millions(row["value_cad_millions"], lang)
                    for row in by_flow[flow]
                ],
            )
            for flow in FLOWS
        ],
        Column(
            t("monthly.column.flags", lang),
            [flags.get(day, "") for day in month_days],
            in_table=bool(flags),
        ),
        Column(
            t("monthly.column.release", lang),
            [day.isoformat() for day in releases],
            [formatting.date(day, lang) for day in releases],
            in_table=False,
        ),
    ]
    values = dict(
        period=formatting.month_span_from(period_first, latest.last_month, lang),
        last=formatting.month(latest.last_month, lang),
        exports=formatting.change(changes.get("exports"), lang),
        imports=formatting.change(changes.get("imports"), lang),
        first=formatting.month(month_days[0], lang),
        flagged=len(flagged),
    )
    alt = t("monthly.chart.months.alt", lang, **values)
    if flagged:
        alt += " " + t("monthly.chart.months.alt_flagged", lang, **values)
    return Chart(
        "mexico_monthly_trade",
        t("monthly.chart.months.title", lang, **values),
        figure,
        alt=alt,
        caption=monthly_caption(attribution, latest, month_days[0], lang),
        **tabulate(columns),
    )


def partner_shares_chart(
    shares: pd.DataFrame,
    latest_12: pd.DataFrame,
    period_first: dt.date,
    latest: MonthlyRelease,
    attribution: str,
    lang: Language,
) -> Chart:
    """Each partner's share of Canada's exports and imports by year, one panel a partner
    (each on its own scale, stated on its axis), with the latest 12 months marked."""
    rows = records(shares)
    recent = {(row["partner"], row["flow"]): row for row in records(latest_12)}
    names = {row["partner"]: row["name"] for row in rows}
    partners = [partner for partner in PARTNER_ORDER if partner in names]
    years = sorted({row["year"] for row in rows})
    last_year = years[-1]
    twelve = formatting.month_span(period_first, latest.last_month, lang)
    twelve_label = t(
        "monthly.latest_12_label", lang, last=formatting.month(latest.last_month, lang)
    )
    gap = 0.09
    height = (1 - gap * (len(partners) - 1)) / len(partners)
    traces: list[dict] = []
    layout_axes: dict[str, dict] = {}
    annotations = []
    suffix = "\u202f%" if lang == "fr" else "%"
    for index, partner in enumerate(partners):
        axis = "" if index == 0 else str(index + 1)
        top = 1 - index * (height + gap)
        highest = 0.0
        for flow in FLOWS:
            colour, dash = FLOW_STYLES[flow]
            series = [row for row in rows if row["partner"] == partner and row["flow"] == flow]
            label = t(f"monthly.series.share_{flow}", lang)
            values = [row["share_pct"] for row in series]
            highest = max(highest, *values)
            traces.append(
                dict(
                    type="scatter",
                    mode="lines",
                    x=[row["year"] for row in series],
                    y=values,
                    name=label,
                    legendgroup=flow,
                    showlegend=index == 0,
                    line=dict(color=colour, width=2.5, dash=dash),
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                    customdata=[
                        t(
                            "common.labelled",
                            lang,
                            label=f"{names[partner]}, {row['year']}",
                            value=share_text(row["share_pct"], lang),
                        )
                        for row in series
                    ],
                    hovertemplate="%{customdata}<extra>" + label + "</extra>",
                )
            )
            point = recent.get((partner, flow))
            if point is not None and point["share_pct"] is not None:
                highest = max(highest, point["share_pct"])
                marker = t(f"monthly.series.latest_{flow}", lang)
                traces.append(
                    dict(
                        type="scatter",
                        mode="markers",
                        x=[last_year + 1],
                        y=[point["share_pct"]],
                        name=marker,
                        legendgroup=f"{flow}-latest",
                        showlegend=index == 0,
                        marker=dict(
                            symbol="diamond",
                            size=11,
                            color=colour,
                            line=dict(width=1, color=TEXT_COLOUR),
                        ),
                        xaxis=f"x{axis}",
                        yaxis=f"y{axis}",
                        customdata=[
                            f"{names[partner]}, {twelve}: {share_text(point['share_pct'], lang)}"
                        ],
                        hovertemplate="%{customdata}<extra></extra>",
                    )
                )
        layout_axes[f"xaxis{axis}"] = dict(
            range=[years[0] - 0.5, last_year + 1.6],
            dtick=5,
            showgrid=False,
            anchor=f"y{axis}",
            domain=[0, 1],
            showticklabels=index == len(partners) - 1,
            automargin=True,
        )
        layout_axes[f"yaxis{axis}"] = dict(
            range=[0, highest * 1.2],
            domain=[max(0.0, round(top - height, 4)), round(top, 4)],
            anchor=f"x{axis}",
            ticksuffix=suffix,
            showgrid=True,
            gridcolor="#D9D9D9",
            automargin=True,
            nticks=4,
        )
        annotations.append(
            dict(
                text=f"<b>{names[partner]}</b>",
                xref="paper",
                yref="paper",
                x=0,
                y=top,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=14, color=TEXT_COLOUR),
            )
        )
    layout = house_layout(
        200 * len(partners) + 120,
        lang=lang,
        showlegend=True,
        legend=dict(LEGEND_ABOVE, y=1.04),
        annotations=annotations,
    )
    layout.update(layout_axes)
    layout["margin"] = dict(l=10, r=30, t=60, b=10)
    figure = go.Figure(data=traces, layout=layout)

    periods = [str(year) for year in years] + [twelve_label]
    columns = [Column(t("monthly.column.period", lang), periods)]
    for partner in partners:
        for flow in FLOWS:
            by_year = {
                row["year"]: row["share_pct"]
                for row in rows
                if row["partner"] == partner and row["flow"] == flow
            }
            point = recent.get((partner, flow))
            values = [by_year.get(year) for year in years] + [
                point["share_pct"] if point else None
            ]
            columns.append(
                Column(
                    t(f"monthly.column.share_{flow}", lang, partner=names[partner]),
                    [spreadsheet.share(value) for value in values],
                    [formatting.percent_or_dash(value, lang, 2) for value in values],
                )
            )
    exports, imports = (recent.get(("Mexico", flow)) or {} for flow in FLOWS)
    values_text = dict(
        period=formatting.month_span_from(period_first, latest.last_month, lang),
        exports=share_text(exports.get("share_pct"), lang),
        earlier=share_text(exports.get("earlier_share_pct"), lang),
        imports=share_text(imports.get("share_pct"), lang),
        first=years[0],
        last=last_year,
    )
    return Chart(
        "partner_shares",
        t("monthly.chart.shares.title", lang, **values_text),
        figure,
        alt=t("monthly.chart.shares.alt", lang, **values_text),
        caption=monthly_caption(attribution, latest, dt.date(years[0], 1, 1), lang),
        **tabulate(columns),
    )
