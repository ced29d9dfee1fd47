"""The programme's timeline: one bar per host city, from its first to its last day."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    PALETTE,
    TEXT_COLOUR,
    Chart,
    house_layout,
    source_caption,
)
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t


def programme_timeline(programme: pd.DataFrame, source: SourceDocument, lang: Language) -> Chart:
    """One bar per host city from its first to its last day, labelled with dates and kind."""
    rows = []
    for row in programme.itertuples():
        start, end = pd.Timestamp(row.start_date), pd.Timestamp(row.end_date)
        rows.append(
            {
                t("column.city", lang): row.city_name,
                t("column.programming", lang): t(f"programme.kind.{row.kind}", lang),
                t("column.start_date", lang): start.date().isoformat(),
                t("column.end_date", lang): end.date().isoformat(),
                t("column.dates", lang): formatting.date_range(start.date(), end.date(), lang),
                "kind": row.kind,
            }
        )
    data = pd.DataFrame(rows)
    traces = []
    for kind, colour in (("core", PALETTE["blue"]), ("sector", PALETTE["orange"])):
        part = data[data["kind"] == kind]
        if part.empty:
            continue
        starts = pd.to_datetime(part[t("column.start_date", lang)])
        # A day's bar runs from its midnight to the next one: the end date is inclusive.
        ends = pd.to_datetime(part[t("column.end_date", lang)]) + pd.Timedelta(days=1)
        traces.append(
            dict(
                type="bar",
                y=part[t("column.city", lang)].tolist(),
                base=[stamp.isoformat() for stamp in starts],
                x=[
                    (end - start) / pd.Timedelta(milliseconds=1)
                    for start, end in zip(starts, ends, strict=True)
                ],
                orientation="h",
                marker=dict(color=colour, line=dict(color=colour, width=1)),
                text=part[t("column.programming", lang)].tolist(),
                customdata=part[t("column.dates", lang)].tolist(),
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white" if kind == "core" else TEXT_COLOUR, size=15),
                name=t(f"programme.kind.{kind}", lang),
                hovertemplate="%{y}: %{customdata} (%{text})<extra></extra>",
            )
        )
    days = pd.date_range(programme["start_date"].min(), programme["end_date"].max(), freq="D")
    layout = house_layout(
        300,
        lang=lang,
        xaxis=dict(
            type="date",
            range=[days[0].isoformat(), (days[-1] + pd.Timedelta(days=1)).isoformat()],
            # One label per day, centred under it.
            tickvals=[(day + pd.Timedelta(hours=12)).isoformat() for day in days],
            ticktext=[
                formatting.day_label(day, lang, with_month=day.month != days[0].month)
                for day in days
            ],
            # The month, once, under the days (they carry only their number).
            title=dict(text=formatting.month_year(days[0], lang)),
            showgrid=False,
        ),
        yaxis=dict(autorange="reversed", type="category"),
        showlegend=True,
        barmode="overlay",
        legend=LEGEND_ABOVE,
    )
    figure = go.Figure(data=traces, layout=layout)
    data = data.drop(columns="kind")
    core = programme[programme["kind"] == "core"]
    sector = programme[programme["kind"] == "sector"]
    values = dict(
        core_cities=formatting.join(core["city_name"].tolist(), lang),
        core_dates=formatting.date_range(core["start_date"].min(), core["end_date"].max(), lang),
        sector_cities=formatting.join(sector["city_name"].tolist(), lang),
        sector_dates=formatting.date_range(
            sector["start_date"].min(), sector["end_date"].max(), lang
        ),
    )
    caption = source_caption(source, [programme["start_date"].min().year], lang)
    shown = (t("column.city", lang), t("column.dates", lang), t("column.programming", lang))
    return Chart(
        "programme_timeline",
        t("chart.timeline.title", lang, **values),
        figure,
        data,
        t("chart.timeline.alt", lang, **values),
        caption,
        table_columns=shown,
        beyond_page="",
    )
