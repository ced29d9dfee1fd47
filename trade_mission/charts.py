"""Chart builders: figures from the database in, a ``Chart`` out. Pure: no Streamlit.

Every chart carries a title that states the finding, alt text, a source caption and
``data``: exactly the rows it draws, which pages show as a table and offer as CSV. One
colour-blind-safe palette (Okabe–Ito) is used throughout; a value the page does not
state but implies (a derived figure) is drawn hatched and labelled "estimate", so the
difference never rests on colour alone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

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
# Legends sit above the plot, clear of axis titles, in one wrapping row.
LEGEND_ABOVE = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    figure: go.Figure | dict  # a plain dict once frozen for caching
    data: pd.DataFrame
    alt: str
    caption: str
    # Columns of ``data`` shown in the on-screen table (all when empty): the CSV keeps the
    # raw values and ids, the table shows the same values as the page words them.
    table_columns: tuple[str, ...] = ()
    wide: bool = False  # drawn across the page, its table below (maps need the width)

    def table(self) -> pd.DataFrame:
        """The on-screen table: the drawn rows, indexed by their first column."""
        columns = list(self.table_columns) or list(self.data.columns)
        return self.data[columns].set_index(columns[0])

    def csv(self) -> bytes:
        """The drawn data as UTF-8 CSV (with a byte-order mark, so spreadsheet software
        shows accents correctly)."""
        return self.data.to_csv(index=False).encode("utf-8-sig")

    def frozen(self) -> Chart:
        """The same chart with its figure as a plain dict, for caching between reruns.

        A cached ``go.Figure`` would be rebuilt, and re-validated trace by trace, each
        time it is read back from the cache; a dict is read back at once, and
        ``st.plotly_chart`` and ``go.Figure`` both accept it.
        """
        figure = self.figure
        if isinstance(figure, go.Figure):
            figure = figure.to_plotly_json()
        return replace(self, figure=figure)


def source_caption(source: SourceDocument, years: list[int], lang: str, has_derived: bool) -> str:
    """ "Source: publisher, "title" (figures for 2022, 2024)." plus the estimate note."""
    shown_years = sorted({int(year) for year in years if year is not None and pd.notna(year)})
    if shown_years:
        caption = t(
            "chart.source",
            lang,
            publisher=source.publisher,
            title=source.title,
            years=", ".join(str(year) for year in shown_years),
        )
    else:
        caption = t("chart.source_no_year", lang, publisher=source.publisher, title=source.title)
    if has_derived:
        caption += " " + t("chart.derived_note", lang)
    return caption


AXIS_STYLE = dict(
    showgrid=True,
    gridcolor=GRID_COLOUR,
    zeroline=True,
    zerolinecolor=GRID_COLOUR,
    showline=False,
    ticks="",
    automargin=True,
)


def house_layout(
    height: int = 360, xaxis: dict | None = None, yaxis: dict | None = None, **extra
) -> dict:
    """The house style as one layout dict, for ``go.Figure(data, layout)``.

    Figures are built in one step from plain dicts: Plotly's ``update_*`` calls cost ten
    times more. And no Plotly template: the default one is baked into every figure and
    makes Streamlit's validation of it forty times slower; the styling is all here.
    """
    return {
        "template": "none",
        "height": height,
        "margin": dict(l=10, r=30, t=20, b=10),
        "font": dict(family=FONT_FAMILY, size=15, color=TEXT_COLOUR),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "showlegend": False,
        "separators": ".,",
        "xaxis": {**AXIS_STYLE, **(xaxis or {})},
        "yaxis": {**AXIS_STYLE, **(yaxis or {})},
        **extra,
    }


def bar_marker(derived: list[bool], colour: str = PALETTE["blue"]) -> dict:
    """Solid bars for published values, hatched outlines for derived ones."""
    return dict(
        color=["white" if is_derived else colour for is_derived in derived],
        line=dict(color=colour, width=2),
        # Both pattern colours are explicit, and "overlay" draws the hatch over the
        # background: Streamlit's plotly.js otherwise leaves the background transparent
        # or paints the hatch in the bar's own (white) colour.
        pattern=dict(
            shape=[DERIVED_PATTERN if is_derived else "" for is_derived in derived],
            fgcolor=colour,
            bgcolor=["white" if is_derived else colour for is_derived in derived],
            fillmode="overlay",
            solidity=0.35,
        ),
    )


def wrap_label(text: str, width: int = 26) -> str:
    """A long category label over several lines (Plotly breaks lines only at <br>)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


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
    value_range: tuple[float, float] | None = None,
) -> Chart:
    """A bar per figure, each labelled with the value as written on the page.

    ``value_range`` fixes the value axis (0 to 100 for shares, so bars compare with the
    whole); by default it starts at zero and fits the data.
    """
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
    drawn_categories = [wrap_label(category) for category in shown_categories]
    trace = dict(
        type="bar",
        x=values if horizontal else drawn_categories,
        y=drawn_categories if horizontal else values,
        orientation="h" if horizontal else "v",
        marker=bar_marker(derived),
        text=labels,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{text}<extra></extra>",
    )
    value_axis = dict(title=dict(text=axis_title), rangemode="tozero")
    if value_range is not None:
        value_axis["range"] = list(value_range)
    elif horizontal:  # room to the right for the labels outside the longest bar
        value_axis["range"] = [0, max(values) * 1.35]
    if horizontal:
        layout = house_layout(
            120 + 70 * len(rows),
            xaxis=value_axis,
            yaxis=dict(type="category", autorange="reversed"),
        )
    else:
        layout = house_layout(380, xaxis=dict(type="category"), yaxis=value_axis)
    figure = go.Figure(data=[trace], layout=layout)
    caption = source_caption(source, [row["year"] for row in rows], lang, any(derived))
    shown = (t("column.category", lang), t("column.as_shown", lang), t("column.estimate", lang))
    return Chart(chart_id, title, figure, data, alt, caption, table_columns=shown)


@dataclass(frozen=True)
class FigureChart:
    """A bar chart of figures, described rather than coded.

    ``bars`` are the figure ids drawn, in order. Title and alt text are the catalog's
    ``chart.<catalog>.title`` and ``.alt``, filled from ``placeholders`` (name -> figure id,
    each written as the page states it). Categories are the figures' years, or their
    labels ``chart.<catalog>.<figure id>``. ``shares`` draws percentages on a 0 to 100%
    scale, horizontally.
    """

    chart_id: str
    catalog: str
    bars: tuple[str, ...]
    placeholders: dict[str, str]
    categories: str = "labels"  # or "years"
    horizontal: bool = False
    shares: bool = False


FIGURE_CHARTS = {
    chart.chart_id: chart
    for chart in (
        FigureChart(
            "bilateral_trade",
            "trade_growth",
            ("bilateral_trade_1994", "bilateral_trade_2024"),
            dict(
                multiple="bilateral_trade_growth_since_1994",
                then="bilateral_trade_1994",
                now="bilateral_trade_2024",
            ),
            categories="years",
        ),
        FigureChart(
            "creative_composition_2022",
            "creative_composition",
            (
                "audiovisual_exports_2022",
                "live_performance_exports_2022",
                "interactive_digital_media_exports_2022",
                "creative_exports_other_2022",
            ),
            dict(
                total="creative_exports_2022",
                audiovisual="audiovisual_exports_2022",
                live="live_performance_exports_2022",
                interactive="interactive_digital_media_exports_2022",
                share="audiovisual_share_2022",
                other="creative_exports_other_2022",
            ),
            horizontal=True,
        ),
        FigureChart(
            "creative_exports_2021_2022",
            "creative_growth",
            ("creative_exports_2021", "creative_exports_2022"),
            dict(
                growth="creative_export_growth_2022",
                then="creative_exports_2021",
                now="creative_exports_2022",
            ),
            categories="years",
        ),
        FigureChart(
            "agrifood_trade_2024",
            "agrifood_trade",
            ("canada_agrifood_exports_2024", "mexico_agrifood_imports_2024"),
            dict(
                canada="canada_agrifood_exports_2024",
                imports="mexico_agrifood_imports_2024",
                share="canada_share_of_mexico_agrifood_imports_2024",
            ),
        ),
        FigureChart(
            "agrifood_shares_2024",
            "agrifood_shares",
            ("agrifood_share_of_exports_2024", "canada_share_of_mexico_agrifood_imports_2024"),
            dict(
                exports="agrifood_share_of_exports_2024",
                imports="canada_share_of_mexico_agrifood_imports_2024",
            ),
            shares=True,
        ),
        FigureChart(
            "ict_turnover_2023_2024",
            "ict_turnover",
            ("ict_turnover_2023", "ict_turnover_2024"),
            dict(growth="ict_growth_rate_2024", then="ict_turnover_2023", now="ict_turnover_2024"),
            categories="years",
        ),
        FigureChart(
            "ict_digital_adoption",
            "ict_digital",
            ("internet_use_share", "digital_adoption_share"),
            dict(
                internet="internet_use_share",
                digital="digital_adoption_share",
                users="internet_users",
            ),
            shares=True,
        ),
        FigureChart(
            "clean_targets_2030",
            "clean_targets",
            ("ghg_reduction_target_2030", "clean_energy_target_2030"),
            dict(ghg="ghg_reduction_target_2030", clean="clean_energy_target_2030"),
            shares=True,
        ),
    )
}


def figure_chart(chart_id: str, figures: pd.DataFrame, source: SourceDocument, lang: str) -> Chart:
    """The chart ``FIGURE_CHARTS[chart_id]`` describes, drawn from ``figures``."""
    spec = FIGURE_CHARTS[chart_id]
    rows = figure_rows(figures, list(spec.bars))
    named = figure_rows(figures, list(spec.placeholders.values()))
    values = {
        name: formatting.figure_value(row, lang)
        for name, row in zip(spec.placeholders, named, strict=True)
    }
    if spec.categories == "years":
        categories = [str(row["year"]) for row in rows]
    else:
        categories = [t(f"chart.{spec.catalog}.{figure_id}", lang) for figure_id in spec.bars]
    unit = "percent" if spec.shares else rows[-1]["unit"]
    return value_bars(
        spec.chart_id,
        rows,
        categories,
        title=t(f"chart.{spec.catalog}.title", lang, **values),
        alt=t(f"chart.{spec.catalog}.alt", lang, **values),
        axis_title=formatting.unit_name(unit, lang),
        source=source,
        lang=lang,
        horizontal=spec.horizontal or spec.shares,
        value_range=(0, 100) if spec.shares else None,
    )


def programme_timeline(programme: pd.DataFrame, source: SourceDocument, lang: str) -> Chart:
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
        xaxis=dict(
            type="date",
            range=[days[0].isoformat(), (days[-1] + pd.Timedelta(days=1)).isoformat()],
            # One label per day, centred under it.
            tickvals=[(day + pd.Timedelta(hours=12)).isoformat() for day in days],
            ticktext=[formatting.day_label(day, lang) for day in days],
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
    caption = source_caption(source, [programme["start_date"].min().year], lang, has_derived=False)
    shown = (t("column.city", lang), t("column.dates", lang), t("column.programming", lang))
    return Chart(
        "programme_timeline",
        t("chart.timeline.title", lang, **values),
        figure,
        data,
        t("chart.timeline.alt", lang, **values),
        caption,
        table_columns=shown,
    )


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
    counts: pd.DataFrame, sectors: pd.DataFrame, source: SourceDocument, lang: str
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
