"""What every chart shares: the ``Chart`` object, the palette and the house style.

Every chart carries a title that states the finding, alt text, a source caption and
``data``: exactly the rows it draws, which pages show as a table and offer as CSV. One
colour-blind-safe palette (Okabe–Ito) is used throughout, and no series is told apart by
colour alone. A value the page does not state but implies (a derived figure) is never a
bar: it appears only as a hollow marker labelled "estimate" against an official series.
Chart builders are pure: no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from trade_mission.data.queries import SourceDocument
from trade_mission.text import spreadsheet
from trade_mission.text.i18n import Language, t

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
# Legends sit above the plot, clear of axis titles, in one wrapping row.
LEGEND_ABOVE = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)
# Characters on a legend entry's line: Plotly never wraps one, and a longer entry runs off
# a phone's screen.
LEGEND_WIDTH = 30


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
    # ``data`` with its values written for reading ("C$8.66 billion"), when they are not
    # already; same rows and columns.
    display: pd.DataFrame | None = None
    # What the chart owes beyond the mission page, for a deck whose footer already credits
    # the page: its whole caption when unset (the trade statistics' charts), nothing for a
    # chart of the page's own figures, the map's sources for the map.
    beyond_page: str | None = None

    @property
    def credit(self) -> str:
        return self.caption if self.beyond_page is None else self.beyond_page

    def table(self) -> pd.DataFrame:
        """The on-screen table: the drawn rows, indexed by their first column, as text (a
        year leads its row as a label, never as a number to format)."""
        source = self.data if self.display is None else self.display
        columns = list(self.table_columns) or list(source.columns)
        frame = source[columns].set_index(columns[0])
        frame.index = frame.index.map(str)
        return frame

    def csv(self) -> bytes:
        """The drawn data as UTF-8 CSV (with a byte-order mark, so spreadsheet software
        shows accents correctly)."""
        return spreadsheet.csv_bytes(self.data)

    def frozen(self) -> Chart:
        """The same chart with its figure as a plain dict, for caching between reruns.

        A cached ``go.Figure`` would be rebuilt, and re-validated trace by trace, each
        time it is read back from the cache; a dict is read back at once (``drawn`` gives
        it to ``st.plotly_chart``).
        """
        figure = self.figure
        if isinstance(figure, go.Figure):
            figure = figure.to_plotly_json()
        return replace(self, figure=figure)

    def drawn(self) -> go.Figure:
        """The figure for ``st.plotly_chart``. A frozen figure was validated when it was
        built as a ``go.Figure``: it is wrapped again without validating (given the dict,
        ``st.plotly_chart`` would validate it trace by trace at every rerun, 5 to 10 ms a
        chart). The JSON sent to the browser is the same."""
        if isinstance(self.figure, go.Figure):
            return self.figure
        return go.Figure(self.figure, _validate=False)


def source_caption(source: SourceDocument, years: list[int], lang: Language) -> str:
    """ "Source: publisher, "title" (figures for 2022, 2024)."."""
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
    return caption


AXIS_STYLE = dict(
    showgrid=True,
    gridcolor=GRID_COLOUR,
    zeroline=True,
    zerolinecolor=GRID_COLOUR,
    showline=False,
    ticks="",
    automargin=True,
    # Labels stay level: on a phone Plotly would turn crowded years 30 to 90 degrees.
    tickangle=0,
    # Clear of the axes, so the first year never touches the "0" in the corner.
    ticklabelstandoff=8,
)


def house_layout(
    height: int = 360,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    lang: Language = "en",
    **extra,
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
        # Decimal point and thousands separator on the axes: "1,234.5" / "1 234,5".
        "separators": ".," if lang == "en" else ", ",
        "xaxis": {**AXIS_STYLE, **(xaxis or {})},
        "yaxis": {**AXIS_STYLE, **(yaxis or {})},
        **extra,
    }


def wrap_label(text: str, width: int = 26) -> str:
    """A long label over lines of at most ``width`` characters (Plotly breaks lines only at
    <br>), broken at plain spaces only: "56 milliards $" and "45. Mexico" keep their
    no-break spaces whole. A word longer than ``width`` stays whole on its line."""
    lines: list[str] = []
    for word in filter(None, text.split(" ")):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines) or text


@dataclass(frozen=True)
class Column:
    """One column of what a chart draws: its heading, its values as drawn or published
    (the CSV), the same values as a reader reads them (the on-screen table; the values
    themselves when ``None``), and whether the on-screen table shows it."""

    heading: str
    values: list
    shown: list[str] | None = None
    in_table: bool = True


def tabulate(columns: list[Column]) -> dict:
    """A chart's ``data``, ``display`` and ``table_columns`` from its columns, by name: no
    column is picked or overwritten by position. The first column names the rows."""
    data = pd.DataFrame({column.heading: column.values for column in columns})
    display = pd.DataFrame(
        {
            column.heading: column.values if column.shown is None else column.shown
            for column in columns
        }
    )
    shown = tuple(column.heading for column in columns if column.in_table)
    return {"data": data, "display": display, "table_columns": shown}
