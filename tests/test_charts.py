"""Chart builders: every chart's CSV is exactly the data it draws, and it says its source."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.tools
import pytest

from pages.ui import table_block, table_html
from tests.conftest import html_tables
from trade_mission.charts import maps
from trade_mission.charts.base import LEGEND_WIDTH, Chart, wrap_label
from trade_mission.charts.curated import curated_charts
from trade_mission.charts.programme import programme_timeline
from trade_mission.data import queries
from trade_mission.views.chart_inputs import chart_inputs


def figure_of(chart: Chart) -> go.Figure:
    """The chart's figure, as built or as frozen for caching."""
    return go.Figure(chart.figure)


@pytest.fixture(scope="module")
def inputs(con):
    return chart_inputs(con, "en")


@pytest.fixture(scope="module")
def data(con) -> dict:
    return {
        "figures": queries.figures(con),
        "source": queries.source_document(con),
        "programme": queries.programme(con),
        "states": queries.states(con),
        "clusters": queries.cluster_states(con),
        "sectors": queries.sectors(con),
        "sector_cities": queries.sector_cities(con),
        "attributions": queries.attributions(con),
    }


def read_csv(chart: Chart) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(chart.csv()), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )


def unwrap(label: str) -> str:
    return label.replace("<br>", " ")


def bar_points(chart: Chart) -> list[tuple[str, float]]:
    points = []
    for trace in figure_of(chart).data:
        horizontal = trace.orientation == "h"
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        points += [(unwrap(c), float(v)) for c, v in zip(categories, values, strict=True)]
    return points


def figure_bar_charts(inputs) -> list[Chart]:
    built = []
    for spec in inputs.specs[inputs.specs["kind"] == "figure_bars"].itertuples():
        sector = spec.sector_id if isinstance(spec.sector_id, str) else None
        built += [
            chart
            for chart in curated_charts(inputs, sector, "en")
            if chart.chart_id == spec.chart_id
        ]
    return built


def test_every_figure_chart_draws_exactly_what_its_csv_holds(inputs):
    charts = figure_bar_charts(inputs)
    assert charts
    for chart in charts:
        frame = read_csv(chart)
        csv_points = [
            (c, float(v)) for c, v in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)
        ]
        assert bar_points(chart) == csv_points, chart.chart_id


def test_every_figure_chart_value_is_a_published_database_figure(data, inputs):
    figures = data["figures"].set_index("figure_id")
    for chart in figure_bar_charts(inputs):
        frame = read_csv(chart)
        for figure_id, value in zip(frame["Figure id"], frame["Value"], strict=True):
            assert float(value) == figures.loc[figure_id, "value"]
            assert not figures.loc[figure_id, "is_derived"]


def test_the_creative_parts_read_against_their_published_whole(inputs):
    (composition,) = curated_charts(inputs, "creative_industries", "en")
    assert figure_of(composition).layout.xaxis.range[1] >= 377.8  # the axis runs to the total
    assert sum(value for _, value in bar_points(composition)) < 377.8  # no "the rest" bar
    assert "nearly one-third" in composition.title and "$377.8 million" in composition.title


def test_charts_say_where_their_numbers_come_from(data, inputs):
    for sector_id in [None, *data["sectors"]["sector_id"]]:
        for chart in curated_charts(inputs, sector_id, "en", trade=False):
            assert data["source"].publisher in chart.caption, chart.chart_id
            assert chart.alt and chart.title
        for chart in curated_charts(inputs, sector_id, "en", trade=True):
            assert "Statistics Canada" in chart.caption, chart.chart_id


def test_the_timeline_draws_the_programme_days(data):
    chart = programme_timeline(data["programme"], data["source"], "en")
    frame = read_csv(chart)
    drawn = []
    for trace in figure_of(chart).data:
        for city, base, width in zip(trace.y, trace.base, trace.x, strict=True):
            start = pd.Timestamp(base)
            drawn.append(
                (
                    city,
                    start.date().isoformat(),
                    (start + pd.Timedelta(milliseconds=width) - pd.Timedelta(days=1))
                    .date()
                    .isoformat(),
                )
            )
    expected = list(zip(frame["City"], frame["Start date"], frame["End date"], strict=True))
    assert sorted(drawn) == sorted(expected)
    assert ("Mexico City", "2026-02-15", "2026-02-17") in drawn


def test_the_map_draws_its_cities_and_cluster_states_offline(data):
    chart = maps.mexico_map(
        "map",
        data["states"],
        data["clusters"],
        data["programme"],
        title="t",
        alt="a",
        source=data["source"],
        attributions=data["attributions"],
        lang="en",
    )
    layout = figure_of(chart).layout
    assert "geo" not in layout.to_plotly_json()  # no base map to download
    assert all(trace.type == "scatter" for trace in figure_of(chart).data)
    frame = read_csv(chart)
    cities = frame[frame["Latitude"] != ""]
    drawn = {
        (city, lat, lon)
        for trace in figure_of(chart).data
        if trace.mode == "markers+text"
        for city, lat, lon in zip(trace.text, trace.y, trace.x, strict=True)
    }
    assert drawn == {
        (row.Place, float(row.Latitude), float(row.Longitude)) for row in cities.itertuples()
    }
    hatched = [
        trace
        for trace in figure_of(chart).data
        if trace.fillpattern and trace.fillpattern.shape == "/"
    ]
    assert len(hatched) == 1
    names = dict(zip(data["states"]["state_code"], data["states"]["state_name"], strict=True))
    assert (
        {names[code] for code in hatched[0].meta}
        == set(frame.loc[frame["Latitude"] == "", "Place"])
        == {"Baja California", "Chihuahua", "Nuevo León", "Querétaro"}
    )
    assert "INEGI" in chart.caption and "GeoNames" in chart.caption


def test_the_map_shapes_are_the_states_in_the_database(data):
    chart = maps.mexico_map(
        "map",
        data["states"],
        data["clusters"],
        None,
        title="t",
        alt="a",
        source=data["source"],
        attributions=data["attributions"],
        lang="en",
    )
    shapes = [trace for trace in figure_of(chart).data if trace.fill == "toself"]
    assert sorted(code for trace in shapes for code in trace.meta) == sorted(
        data["states"]["state_code"]
    )
    gaps = sum(int(np.isnan(trace.x).sum()) for trace in shapes)  # one gap after each outline
    outlines = sum(len(maps.outer_rings(json.loads(g))) for g in data["states"]["geometry"])
    assert gaps == outlines


# Trade charts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trade_charts(con) -> dict[str, Chart]:
    """The trade statistics' charts of every view, by chart id."""
    from trade_mission.views.assessment import exports_chart
    from trade_mission.views.sectors import sector_page
    from trade_mission.views.trade import chapter_view, provinces_view, trade_overview

    overview = trade_overview(con, "en")
    chapter = chapter_view(con, "87", "en")
    provinces = provinces_view(con, "QC", "en")
    agrifood = sector_page(con, "agriculture_processed_foods", "en")
    charts = [
        overview.two_way,
        overview.ranking,
        chapter.trade_chart,
        chapter.markets_chart,
        provinces.all_provinces,
        provinces.trend,
        *agrifood.trade.charts,
        agrifood.comparison,
        exports_chart(con, ("03", "04", "88"), "en"),
    ]
    return {chart.chart_id: chart for chart in charts}


def drawn_values(chart: Chart) -> list[list[float]]:
    """The values each data trace draws (the page's markers left out)."""
    figure = chart.figure
    traces = figure["data"] if isinstance(figure, dict) else figure.data
    values = []
    for trace in traces:
        trace = trace if isinstance(trace, dict) else trace.to_plotly_json()
        if trace.get("mode") == "markers":  # a page figure, not the series
            continue
        axis = trace["x"] if trace.get("orientation") == "h" else trace["y"]
        values.append([float(value) for value in axis])
    return values


def test_every_trade_chart_draws_the_scaled_columns_of_its_csv(trade_charts):
    for chart in trade_charts.values():
        frame = pd.read_csv(io.BytesIO(chart.csv()), encoding="utf-8-sig")
        scaled = [column for column in frame.columns if "billion" in column or "million" in column]
        drawn = drawn_values(chart)
        assert drawn, chart.chart_id
        for values in drawn:
            assert any(
                frame[column].tolist() == pytest.approx(values) for column in scaled
            ) or any(
                (frame[column] / 1e9).tolist() == pytest.approx(values)
                for column in frame.columns
                if column.endswith("(C$)")
            ), chart.chart_id


def test_trade_charts_say_they_are_official_canadian_dollars(trade_charts):
    for chart in trade_charts.values():
        assert "Statistics Canada" in chart.caption
        assert "Current Canadian dollars, customs basis" in chart.caption
        assert chart.alt and chart.title


def test_the_two_way_chart_shows_the_pages_figures_as_the_pages(trade_charts):
    chart = trade_charts["canada_mexico_trade"]
    markers = [trace for trace in chart.figure["data"] if trace.get("mode") == "markers"]
    assert [(trace["x"][0], trace["y"][0]) for trace in markers] == [
        (2024, 56.0),
        (1994, pytest.approx(56 / 12)),
    ]
    # Named as the page's in the legend, where no label can land on a line or another.
    assert [trace["name"] for trace in markers] == [
        "The page: nearly $56 billion",
        "Implied by the page: ≈ $4.7<br>billion (estimate)",  # wrapped for a phone
    ]
    assert all(trace["showlegend"] for trace in markers)
    labels = [note["text"] for note in chart.figure["layout"]["annotations"]]
    assert labels == ["NAFTA (1994)", "CUSMA (July 2020)"]


def test_mexico_is_marked_among_the_markets_by_more_than_colour(trade_charts):
    chart = trade_charts["chapter_87_markets"]
    (bars,) = chart.figure["data"]
    mexico = [index for index, name in enumerate(bars["y"]) if name.endswith("Mexico")]
    assert len(mexico) == 1
    assert bars["marker"]["pattern"]["shape"][mexico[0]] == "/"
    assert set(bars["marker"]["pattern"]["shape"]) == {"/", ""}


def test_tables_write_every_amount_for_reading_and_leave_the_scaled_ones_to_the_csv(
    trade_charts,
):
    for chart in trade_charts.values():
        table = chart.table()
        assert not [
            column for column in table.columns if "billion)" in column or "million)" in column
        ], chart.chart_id
        assert set(table.columns) <= set(chart.data.columns), chart.chart_id
        numeric = [
            column for column in table.columns if pd.api.types.is_numeric_dtype(chart.data[column])
        ]
        assert numeric, chart.chart_id
        for column in numeric:
            assert all(isinstance(cell, str) for cell in table[column]), (chart.chart_id, column)
            if column.endswith("(C$)"):
                written = [cell.lstrip("−") for cell in table[column] if cell != "—"]
                assert all(cell.startswith("C$") for cell in written), (chart.chart_id, column)


def test_a_chapters_legend_entry_wraps_once_to_the_legend_width(trade_charts):
    names = [trace["name"] for trace in trade_charts["your_chapters_trade"].figure["data"]]
    assert "04 · Dairy, eggs, honey and<br>other edible animal products" in names
    assert all(len(part) <= LEGEND_WIDTH for name in names for part in name.split("<br>")), names


def test_no_chart_table_cell_reads_as_a_markdown_list(trade_charts):
    """A cell "45. Mexico" is drawn as a numbered list, its number outside the cell and
    cut ("I5."): the tables beside the charts keep such labels as text."""
    numbered = re.compile(r"^\s*\d+[.)] ")
    for chart in trade_charts.values():
        table = chart.table().reset_index()
        cells = [str(cell) for column in table.columns for cell in table[column]]
        assert not [cell for cell in cells if numbered.match(cell)], chart.chart_id


def test_a_frozen_chart_reaches_the_browser_as_it_was_built(data, inputs, trade_charts, con):
    """The page hands ``st.plotly_chart`` a frozen figure without validating it again
    (``Chart.drawn``): the JSON sent must be what validating the figure would send."""
    from trade_mission.views.market import market_chapter, market_overview

    chapter = market_chapter(con, "03", "en")
    charts = [
        *curated_charts(inputs, None, "en"),
        programme_timeline(data["programme"], data["source"], "en"),
        *trade_charts.values(),
        market_overview(con, "en").border_chart,
        chapter.months_chart,
        chapter.modes_chart,
    ]
    for chart in charts:
        frozen = chart.frozen()
        assert isinstance(frozen.figure, dict)
        validated = plotly.tools.return_figure_from_figure_or_data(frozen.figure, True)
        sent = plotly.tools.return_figure_from_figure_or_data(frozen.drawn(), True)
        assert json.loads(plotly.io.to_json(sent)) == json.loads(plotly.io.to_json(validated))


@pytest.mark.parametrize(
    "label, wrapped",
    [
        (
            "La page\u00a0: près de 56\u00a0milliards\u00a0$",
            "La page\u00a0: près de<br>56\u00a0milliards\u00a0$",
        ),
        ("45.\u00a0Mexico", "45.\u00a0Mexico"),
    ],
)
def test_a_wrapped_label_breaks_only_at_plain_spaces(label, wrapped):
    assert wrap_label(label, 20) == wrapped


def test_a_table_is_text_with_its_headers_marked_and_a_missing_value_blank():
    """What ``pages.ui.table`` writes: the cells as text (a "<b>" shows as typed), the years
    or names leading each row as row headers, and no "None" or "nan" for a missing value."""
    frame = pd.DataFrame(
        {"Value": ["<b>1</b> & 2", None], "Share": [np.nan, "5%"]},
        index=pd.Index(["2024", "2025"], name="Year"),
    )
    body = table_html(frame)
    assert "<b>" not in body and "&lt;b&gt;1&lt;/b&gt; &amp; 2" in body
    assert body.count('<th scope="row">') == 2 and body.count('<th scope="col">') == 3
    (shown,) = html_tables(body)
    assert shown.index.name == "Year" and list(shown.index) == ["2024", "2025"]
    assert shown.loc["2025", "Value"] == "" and shown.loc["2024", "Share"] == ""
    assert shown.loc["2024", "Value"] == "<b>1</b> & 2"


def test_a_table_too_wide_for_a_phone_stacks_there_with_each_value_named():
    """A table wider than a phone's screen is one table that stacks there (``stacks``),
    each value after its column's name in the page's language, an empty value left out; a
    long one adds a copy that folds on a phone, saying how many rows, read once by tests."""
    wide = pd.DataFrame(
        {"Exportations du Canada": ["4,37 G$", ""], "Importations du Mexique": ["1 G$", "2 G$"]},
        index=pd.Index(["Chapitre 03 Poissons", "Chapitre 87 Véhicules"], name="Chapitre"),
    )
    body = table_block(wide, "fr")
    assert body.startswith('<table class="data-table stacks">') and "<details" not in body
    assert body.count('data-label="Exportations du Canada\u00a0:"') == 2
    assert '<td data-label="Exportations du Canada\u00a0:"></td>' in body  # hidden, empty
    long = pd.concat([wide] * 10)
    body = table_block(long, "en")
    assert body.count("<table") == 2 and body.count('class="data-table stacks"') == 1
    assert "<summary>The table (20 rows)</summary>" in body
    assert '<details class="table-fold">' in body.split('class="data-table stacks"')[0]
    (shown,) = html_tables(body)
    assert shown.shape == (20, 2)
    assert table_block(long, "en", folded=True).count("<table") == 1
    narrow = pd.DataFrame({"Rate": ["5%"]}, index=pd.Index(["0306"], name="Heading"))
    assert table_block(narrow, "en") == table_html(narrow)
