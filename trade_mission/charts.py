"""Chart builders: figures from the database in, a ``Chart`` out. Pure: no Streamlit.

Every chart carries a title that states the finding, alt text, a source caption and
``data``: exactly the rows it draws, which pages show as a table and offer as CSV. One
colour-blind-safe palette (Okabe–Ito) is used throughout; a value the page does not
state but implies (a derived figure) is drawn hatched and labelled "estimate", so the
difference never rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from trade_mission import formatting
from trade_mission.i18n import t
from trade_mission.queries import SourceDocument, records

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour-vision deficiency.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "pink": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
}
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
TEXT_COLOUR = "#1F1F1F"
GRID_COLOUR = "#D9D9D9"
FONT_FAMILY = "Source Sans Pro, Arial, Helvetica, sans-serif"
DERIVED_PATTERN = "/"


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    figure: go.Figure
    data: pd.DataFrame
    alt: str
    caption: str
    # Columns of ``data`` shown in the on-screen table (all when empty): the CSV keeps the
    # raw values and ids, the table shows the same values as the page words them.
    table_columns: tuple[str, ...] = ()

    def table(self) -> pd.DataFrame:
        """The on-screen table: the drawn rows, indexed by their first column."""
        columns = list(self.table_columns) or list(self.data.columns)
        return self.data[columns].set_index(columns[0])

    def csv(self) -> bytes:
        """The drawn data as UTF-8 CSV (with a byte-order mark, so spreadsheet software
        shows accents correctly)."""
        return self.data.to_csv(index=False).encode("utf-8-sig")


def source_caption(source: SourceDocument, years: list[int], lang: str, has_derived: bool) -> str:
    """ "Source: publisher, "title" (figures for 2022, 2024)." plus the estimate note."""
    shown_years = sorted({int(year) for year in years if pd.notna(year)})
    caption = t(
        "chart.source",
        lang,
        publisher=source.publisher,
        title=source.title,
        years=", ".join(str(year) for year in shown_years) or t("chart.no_year", lang),
    )
    if has_derived:
        caption += " " + t("chart.derived_note", lang)
    return caption


def base_layout(figure: go.Figure, height: int = 360) -> go.Figure:
    figure.update_layout(
        height=height,
        margin=dict(l=10, r=30, t=20, b=10),
        font=dict(family=FONT_FAMILY, size=15, color=TEXT_COLOUR),
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=False,
        separators=".,",
    )
    figure.update_xaxes(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, automargin=True)
    figure.update_yaxes(gridcolor=GRID_COLOUR, zerolinecolor=GRID_COLOUR, automargin=True)
    return figure


def bar_marker(derived: list[bool], colour: str = PALETTE["blue"]) -> dict:
    """Solid bars for published values, hatched outlines for derived ones."""
    return dict(
        color=["white" if is_derived else colour for is_derived in derived],
        line=dict(color=colour, width=2),
        pattern=dict(
            shape=[DERIVED_PATTERN if is_derived else "" for is_derived in derived],
            fgcolor=colour,
            solidity=0.35,
        ),
    )


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
    lang: str,
    horizontal: bool = False,
) -> Chart:
    """A bar per figure, each labelled with the value as written on the page."""
    derived = [bool(row["is_derived"]) for row in rows]
    labels = [formatting.figure_value(row, lang) for row in rows]
    shown_categories = [
        t("chart.estimate_category", lang, category=category) if is_derived else category
        for category, is_derived in zip(categories, derived, strict=True)
    ]
    data = pd.DataFrame(
        {
            t("column.category", lang): shown_categories,
            t("column.value", lang): [row["value"] for row in rows],
            t("column.unit", lang): [formatting.unit_name(row["unit"], lang) for row in rows],
            t("column.as_shown", lang): labels,
            t("column.estimate", lang): [
                t("common.yes" if is_derived else "common.no", lang) for is_derived in derived
            ],
            t("column.figure_id", lang): [row["figure_id"] for row in rows],
        }
    )
    values = data[t("column.value", lang)].tolist()
    trace = go.Bar(
        x=values if horizontal else shown_categories,
        y=shown_categories if horizontal else values,
        orientation="h" if horizontal else "v",
        marker=bar_marker(derived),
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{text}<extra></extra>",
    )
    figure = base_layout(go.Figure(trace), height=120 + 70 * len(rows) if horizontal else 380)
    value_axis = dict(title=axis_title, rangemode="tozero")
    category_axis = dict(type="category")
    if horizontal:
        figure.update_xaxes(**value_axis)
        figure.update_yaxes(autorange="reversed", **category_axis)
    else:
        figure.update_yaxes(**value_axis)
        figure.update_xaxes(**category_axis)
    caption = source_caption(source, [row["year"] for row in rows], lang, any(derived))
    shown = (t("column.category", lang), t("column.as_shown", lang), t("column.estimate", lang))
    return Chart(chart_id, title, figure, data, alt, caption, table_columns=shown)


def trade_growth_chart(figures: pd.DataFrame, source: SourceDocument, lang: str) -> Chart:
    """Bilateral trade in 1994 (implied by "twelvefold") against 2024 (published)."""
    rows = figure_rows(figures, ["bilateral_trade_1994", "bilateral_trade_2024"])
    then, now = rows
    return value_bars(
        "bilateral_trade",
        rows,
        [str(then["year"]), str(now["year"])],
        title=t("chart.trade_growth.title", lang),
        alt=t(
            "chart.trade_growth.alt",
            lang,
            then=formatting.figure_value(then, lang),
            now=formatting.figure_value(now, lang),
        ),
        axis_title=formatting.unit_name(now["unit"], lang),
        source=source,
        lang=lang,
    )
