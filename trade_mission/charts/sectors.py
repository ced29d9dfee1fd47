"""Charts comparing the five sectors."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    SERIES_COLOURS,
    TEXT_COLOUR,
    Chart,
    house_layout,
    source_caption,
)
from trade_mission.data.queries import SourceDocument
from trade_mission.text.i18n import Language, t

CATEGORY_PATTERNS = {
    "subsector": "",
    "product": "/",
    "process": "x",
    "technology": ".",
    "market": "-",
}
CATEGORY_COLOURS = dict(zip(CATEGORY_PATTERNS, SERIES_COLOURS, strict=False))
# Dark labels on the light fills (orange, pink), white on the dark ones.
CATEGORY_TEXT_COLOURS = {
    category: "white" if colour in ("#0072B2", "#009E73", "#D55E00") else TEXT_COLOUR
    for category, colour in CATEGORY_COLOURS.items()
}


def opportunity_counts_chart(
    counts: pd.DataFrame, sectors: pd.DataFrame, source: SourceDocument, lang: Language
) -> Chart:
    """Opportunities the page names, per sector, stacked by kind (colour and pattern)."""
    names = dict(zip(sectors["sector_id"], sectors["short_name"], strict=True))
    order = sectors["sector_id"].tolist()
    wide = (
        counts.pivot(index="sector_id", columns="category", values="items")
        .reindex(index=order, columns=list(CATEGORY_PATTERNS))
        .fillna(0)
        .astype(int)
    )
    sector_column = t("column.sector", lang)
    data = pd.DataFrame({sector_column: [names[sector] for sector in order]})
    traces = []
    for category in CATEGORY_PATTERNS:
        label = t(f"opportunity.category.{category}", lang)
        values = wide[category].tolist()
        data[label] = values
        traces.append(
            dict(
                type="bar",
                y=data[sector_column].tolist(),
                x=values,
                orientation="h",
                name=label,
                marker=dict(
                    color=CATEGORY_COLOURS[category],
                    pattern=dict(
                        shape=CATEGORY_PATTERNS[category],
                        fgcolor="white",
                        bgcolor=CATEGORY_COLOURS[category],
                        fillmode="overlay",
                        solidity=0.15,
                    ),
                    line=dict(color="white", width=1),
                ),
                text=[str(value) if value else "" for value in values],
                textposition="inside",
                textfont=dict(color=CATEGORY_TEXT_COLOURS[category], size=14),
                hovertemplate="%{y}: %{x} (" + label + ")<extra></extra>",
            )
        )
    data[t("column.total", lang)] = wide.sum(axis=1).tolist()
    figure = go.Figure(
        data=traces,
        layout=house_layout(
            380,
            lang=lang,
            xaxis=dict(title=dict(text=t("chart.opportunity_counts.axis", lang))),
            yaxis=dict(autorange="reversed", type="category"),
            barmode="stack",
            showlegend=True,
            # The legend lists the kinds in the order the bars stack them, left to right.
            legend={**LEGEND_ABOVE, "traceorder": "normal"},
        ),
    )
    totals = wide.sum(axis=1)
    leader = totals.idxmax()
    values = dict(sector=names[leader], items=int(totals[leader]), total=int(totals.sum()))
    caption = (
        source_caption(source, [], lang, has_derived=False)
        + " "
        + t("chart.opportunity_counts.note", lang)
    )
    return Chart(  # wide: its table has a column per kind, too wide to sit beside the chart
        "opportunities_per_sector",
        t("chart.opportunity_counts.title", lang, **values),
        figure,
        data,
        t("chart.opportunity_counts.alt", lang, **values),
        caption,
        wide=True,
    )
