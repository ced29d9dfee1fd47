"""Charts of Mexico's own records (INEGI, millions of US dollars, imports valued FOB, not
seasonally adjusted) and of its tariff schedule.

None of them draws a Canadian number: Statistics Canada's records of the same trade are a
different country's, in another currency and on another basis, shown beside these charts
and never on their axes. Month names come from Babel.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    LEGEND_WIDTH,
    PALETTE,
    Chart,
    Column,
    house_layout,
    tabulate,
    wrap_label,
)
from trade_mission.data.database import records
from trade_mission.data.mexico import MarketPeriods
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t

MODES = ("road", "maritime", "air", "rail", "other")


def market_caption(
    attribution: str, periods: MarketPeriods, first: dt.date, lang: Language
) -> str:
    return t(
        "mexico_market.caption",
        lang,
        attribution=attribution,
        period=formatting.month_span(first, periods.last_month, lang),
        release=formatting.date(periods.release_date, lang),
    )


def imports_months_chart(
    hs2: str,
    name: str,
    months: pd.DataFrame,
    periods: MarketPeriods,
    attribution: str,
    lang: Language,
) -> Chart:
    """One chapter's imports from the world month by month, the latest year's months
    marked apart so they can be read against the same months of the years before."""
    rows = records(months)
    days = [formatting.as_date(row["ref_month"]) for row in rows]
    values = [row["imports_usd_millions"] for row in rows]
    this_year = [index for index, day in enumerate(days) if day.year == periods.ytd_year]
    label = t("mexico_market.series.imports", lang)
    marked = t("mexico_market.series.this_year", lang, year=periods.ytd_year)
    hover = [
        t(
            "common.labelled",
            lang,
            label=formatting.month(day, lang),
            value=formatting.usd_millions(value, lang),
        )
        for day, value in zip(days, values, strict=True)
    ]
    traces = [
        dict(
            type="scatter",
            mode="lines",
            x=[day.isoformat() for day in days],
            y=values,
            name=wrap_label(label, LEGEND_WIDTH),
            line=dict(color=PALETTE["blue"], width=2.5),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        ),
        dict(
            type="scatter",
            mode="markers",
            x=[days[index].isoformat() for index in this_year],
            y=[values[index] for index in this_year],
            name=wrap_label(marked, LEGEND_WIDTH),
            marker=dict(symbol="diamond", size=10, color=PALETTE["vermillion"]),
            customdata=[hover[index] for index in this_year],
            hovertemplate="%{customdata}<extra></extra>",
        ),
    ]
    years = sorted({day.year for day in days})[::-1][::2][::-1]
    highest = max((value for value in values if value is not None), default=1.0)
    figure = go.Figure(
        data=traces,
        layout=house_layout(
            400,
            lang=lang,
            xaxis=dict(
                type="date",
                showgrid=False,
                tickvals=[f"{year}-01-01" for year in years],
                ticktext=[str(year) for year in years],
                range=[
                    (days[0] - dt.timedelta(days=20)).isoformat(),
                    (days[-1] + dt.timedelta(days=20)).isoformat(),
                ],
            ),
            yaxis=dict(
                title=dict(text=t("mexico_market.axis.usd_million", lang)),
                range=[0, highest * 1.15],
            ),
            showlegend=True,
            legend=LEGEND_ABOVE,
        ),
    )
    columns = [
        Column(
            t("monthly.column.month", lang),
            [day.isoformat()[:7] for day in days],
            [formatting.month(day, lang) for day in days],
        ),
        Column(
            t("mexico_market.column.imports", lang),
            [spreadsheet.summed(value) for value in values],
            [formatting.usd_millions(value, lang) for value in values],
        ),
        Column(
            t("mexico_market.column.status", lang),
            [row["figure_status"] for row in rows],
            [t(f"mexico_market.status.{row['figure_status']}", lang) for row in rows],
            in_table=False,
        ),
    ]
    ytd = [values[index] for index in this_year]
    same_months = [
        value
        for day, value in zip(days, values, strict=True)
        if day.year == periods.ytd_year - 1 and day.month <= periods.ytd_months
    ]
    change = (
        (sum(ytd) / sum(same_months) - 1) * 100
        if ytd and same_months and sum(same_months) and None not in ytd + same_months
        else None
    )
    words = dict(
        chapter=name,
        period=formatting.month_span(dt.date(periods.ytd_year, 1, 1), periods.last_month, lang),
        change=formatting.change(change, lang),
        first=formatting.month(days[0], lang),
        last=formatting.month(days[-1], lang),
    )
    return Chart(
        f"mexico_imports_{hs2}",
        t("mexico_market.chart.months.title", lang, **words),
        figure,
        alt=t("mexico_market.chart.months.alt", lang, **words),
        caption=market_caption(attribution, periods, days[0], lang),
        **tabulate(columns),
    )


def modes_chart(
    hs2: str,
    name: str,
    modes: pd.DataFrame,
    periods: MarketPeriods,
    attribution: str,
    lang: Language,
) -> Chart:
    """How one chapter's imports arrived in the last full year: each mode's share."""
    rows = sorted(records(modes), key=lambda row: MODES.index(row["transport_mode"]))
    labels = [t(f"mexico_market.mode.{row['transport_mode']}", lang) for row in rows]
    shares = [row["share_pct"] for row in rows]
    texts = [formatting.percent_or_dash(share, lang, 1) for share in shares]
    figure = go.Figure(
        data=[
            dict(
                type="bar",
                orientation="h",
                x=shares,
                y=labels,
                text=texts,
                textposition="outside",
                cliponaxis=False,
                marker=dict(color=PALETTE["blue"]),
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        ],
        layout=house_layout(
            260,
            lang=lang,
            xaxis=dict(
                title=dict(text=t("mexico_market.axis.share", lang)),
                range=[0, max([*(share or 0 for share in shares), 10]) * 1.4],
                ticksuffix="%" if lang == "en" else "\u00a0%",
            ),
            yaxis=dict(autorange="reversed", showgrid=False),
            margin=dict(l=10, r=40, t=10, b=10),
        ),
    )
    leader = max(rows, key=lambda row: row["share_pct"] or 0) if rows else None
    words = dict(
        chapter=name,
        year=periods.full_year,
        mode=t(f"mexico_market.by_mode.{leader['transport_mode']}", lang) if leader else "—",
        share=formatting.percent_or_dash(leader["share_pct"] if leader else None, lang, 1),
    )
    columns = [
        Column(t("mexico_market.column.mode", lang), labels),
        Column(
            t("mexico_market.column.imports_year", lang, year=periods.full_year),
            [spreadsheet.summed(row["imports_usd_millions"]) for row in rows],
            [formatting.usd_millions(row["imports_usd_millions"], lang) for row in rows],
        ),
        Column(
            t("mexico_market.column.share", lang),
            [spreadsheet.share(share) for share in shares],
            texts,
        ),
    ]
    first = dt.date(periods.full_year, 1, 1)
    full = periods.last_month if periods.full_year == periods.ytd_year else None
    caption = t(
        "mexico_market.caption",
        lang,
        attribution=attribution,
        period=formatting.month_span(first, full or dt.date(periods.full_year, 12, 1), lang),
        release=formatting.date(periods.release_date, lang),
    )
    return Chart(
        f"mexico_modes_{hs2}",
        t("mexico_market.chart.modes.title", lang, **words),
        figure,
        alt=t("mexico_market.chart.modes.alt", lang, **words),
        caption=caption,
        **tabulate(columns),
    )


# The general ad valorem rates, grouped: 26 distinct rates side by side cannot be read, and
# the bounds put 25 % (the README's comparison) at the start of a group.
RATE_BINS = (
    ("exempt", 0.0, 0.0),
    ("under_10", 0.0, 10.0),
    ("from_10", 10.0, 25.0),
    ("from_25", 25.0, 35.0),
    ("from_35", 35.0, 50.0),
    ("from_50", 50.0, float("inf")),
)


def rate_bin(rate_kind: str, pct: float) -> str:
    """The group of an ad valorem rate (``RATE_BINS``): its lower bound in, upper out."""
    if rate_kind == "exempt":
        return "exempt"
    return next(name for name, low, high in RATE_BINS[1:] if low <= pct < high)


def tariff_distribution_chart(
    distribution: pd.DataFrame, schedule_date: dt.date, attribution: str, lang: Language
) -> Chart:
    """How many tariff lines carry a general ad valorem rate in each group, in the
    schedule held and in SNICE's April 2024 count: two counts side by side, never a line
    called "raised". Mixed and specific duties and prohibitions are counted apart."""
    rows = [row for row in records(distribution) if row["rate_kind"] in ("ad_valorem", "exempt")]
    counts = {name: {"now": 0, "then": 0} for name, _, _ in RATE_BINS}
    for row in rows:
        group = counts[rate_bin(row["rate_kind"], row["import_rate_pct"] or 0.0)]
        group["now"] += int(row["lines_now"])
        group["then"] += int(row["lines_2024"])
    labels = [t(f"mexico_market.bin.{name}", lang) for name, _, _ in RATE_BINS]
    then = t("mexico_market.series.lines_2024", lang)
    now = t("mexico_market.series.lines_now", lang, date=formatting.date(schedule_date, lang))
    categories = [wrap_label(label, 14) for label in labels]
    figure = go.Figure(
        data=[
            dict(
                type="bar",
                orientation="h",
                y=categories,
                x=[counts[name][when] for name, _, _ in RATE_BINS],
                name=wrap_label(series, LEGEND_WIDTH),
                marker=marker,
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
            for when, series, marker in (
                ("then", then, dict(color=PALETTE["sky"], pattern=dict(shape="/"))),
                ("now", now, dict(color=PALETTE["blue"])),
            )
        ],
        layout=house_layout(
            480,
            lang=lang,
            barmode="group",
            xaxis=dict(title=dict(text=t("mexico_market.axis.lines", lang))),
            yaxis=dict(
                type="category",
                autorange="reversed",
                showgrid=False,
                title=dict(text=t("mexico_market.axis.rate", lang)),
            ),
            showlegend=True,
            legend=LEGEND_ABOVE,
        ),
    )
    at_25_now = sum(row["lines_now"] for row in rows if (row["import_rate_pct"] or 0) >= 25)
    at_25_then = sum(row["lines_2024"] for row in rows if (row["import_rate_pct"] or 0) >= 25)
    words = dict(
        now=formatting.number(at_25_now, lang),
        then=formatting.number(at_25_then, lang),
        date=formatting.date(schedule_date, lang),
    )
    columns = [
        Column(t("mexico_market.column.rate", lang), labels),
        Column(then, [counts[name]["then"] for name, _, _ in RATE_BINS]),
        Column(now, [counts[name]["now"] for name, _, _ in RATE_BINS]),
    ]
    return Chart(
        "mexico_tariff_rates",
        t("mexico_market.chart.rates.title", lang, **words),
        figure,
        alt=t("mexico_market.chart.rates.alt", lang, **words),
        caption=attribution,
        **tabulate(columns),
    )
