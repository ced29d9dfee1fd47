"""Bar charts of the page's own figures, drawn as the curated chart specs describe.

Which figures a chart draws, and which it names in its title, is data
(``data/curated/charts.csv`` and ``chart_figures.csv``, checked by the build: the bars are
the published parts of one published whole, never an estimate); the catalogs give each
chart's title and alt text as ``chart.<chart id>.title`` and ``.alt``, filled with the
named figures as the page states them, and short category labels as
``chart.<chart id>.<figure id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import PALETTE, Chart, house_layout, source_caption, wrap_label
from trade_mission.data.database import records
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t


@dataclass(frozen=True)
class FigureBars:
    """A bar chart of figures: the bars it draws (figure ids, in order), the figures its
    title names (placeholder -> figure id), and how it is drawn."""

    chart_id: str
    bars: tuple[str, ...]
    placeholders: dict[str, str]
    horizontal: bool


def figure_rows(figures: pd.DataFrame, figure_ids: list[str]) -> list[dict]:
    """The rows of ``figures`` for ``figure_ids``, in that order; KeyError if one is absent."""
    by_id = {row["figure_id"]: row for row in records(figures)}
    return [by_id[figure_id] for figure_id in figure_ids]


def value_bars(
    chart_id: str,
    rows: list[dict],
    categories: list[str],
    *,
    title: str,
    alt: str,
    axis_title: str,
    source: SourceDocument,
    lang: Language,
    horizontal: bool = False,
    whole: float,
) -> Chart:
    """A bar per figure, each labelled with the value as written on the page, on an axis
    that runs to the ``whole`` they are parts of, so each bar reads against it."""
    labels = [formatting.figure_value(row, lang) for row in rows]
    data = pd.DataFrame(
        {
            t("column.category", lang): categories,
            t("column.value", lang): [row["value"] for row in rows],
            t("column.unit", lang): [formatting.unit_name(row["unit"], lang) for row in rows],
            t("column.as_shown", lang): labels,
            t("column.figure_id", lang): [row["figure_id"] for row in rows],
        }
    )
    values = data[t("column.value", lang)].tolist()
    drawn_categories = [wrap_label(category) for category in categories]
    trace = dict(
        type="bar",
        x=values if horizontal else drawn_categories,
        y=drawn_categories if horizontal else values,
        orientation="h" if horizontal else "v",
        marker=dict(color=PALETTE["blue"]),
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{text}<extra></extra>",
    )
    value_axis: dict[str, Any] = dict(title=dict(text=axis_title), rangemode="tozero")
    # To the whole, with room beyond the longest bar for its label.
    value_axis["range"] = [0, max(whole, max(values) * 1.35)]
    if horizontal:
        layout = house_layout(
            120 + 70 * len(rows),
            lang=lang,
            xaxis=value_axis,
            yaxis=dict(type="category", autorange="reversed"),
        )
    else:
        layout = house_layout(380, lang=lang, xaxis=dict(type="category"), yaxis=value_axis)
    figure = go.Figure(data=[trace], layout=layout)
    caption = source_caption(source, [row["year"] for row in rows], lang)
    shown = (t("column.category", lang), t("column.as_shown", lang))
    return Chart(chart_id, title, figure, data, alt, caption, table_columns=shown, beyond_page="")


def figure_bars(
    spec: FigureBars, figures: pd.DataFrame, source: SourceDocument, lang: Language
) -> Chart:
    """The chart ``spec`` describes, drawn from ``figures``."""
    rows = figure_rows(figures, list(spec.bars))
    named = figure_rows(figures, list(spec.placeholders.values()))
    values = {
        name: formatting.figure_value(row, lang)
        for name, row in zip(spec.placeholders, named, strict=True)
    }
    categories = [t(f"chart.{spec.chart_id}.{figure_id}", lang) for figure_id in spec.bars]
    unit = rows[-1]["unit"]
    (whole,) = figure_rows(figures, [spec.placeholders["total"]])
    return value_bars(
        spec.chart_id,
        rows,
        categories,
        title=t(f"chart.{spec.chart_id}.title", lang, **values),
        alt=t(f"chart.{spec.chart_id}.alt", lang, **values),
        axis_title=formatting.unit_name(unit, lang),
        source=source,
        lang=lang,
        horizontal=spec.horizontal,
        whole=float(whole["value"]),
    )
