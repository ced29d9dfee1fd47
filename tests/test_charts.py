"""Chart builders: the CSV a chart offers is exactly the data it draws."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from trade_mission import charts, queries
from trade_mission.charts import Chart


@pytest.fixture(scope="module")
def figures(con) -> pd.DataFrame:
    return queries.figures(con)


@pytest.fixture(scope="module")
def source(con) -> queries.SourceDocument:
    return queries.source_document(con)


def drawn_points(chart: Chart) -> list[tuple]:
    """(category, value) pairs as the figure draws them."""
    points = []
    for trace in chart.figure.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        points += list(zip(categories, values, strict=True))
    return points


def csv_points(chart: Chart) -> list[tuple]:
    frame = pd.read_csv(io.BytesIO(chart.csv()), encoding="utf-8-sig", dtype=str)
    return [
        (category, float(value))
        for category, value in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)
    ]


def test_trade_growth_chart_draws_what_its_csv_holds(figures, source):
    chart = charts.trade_growth_chart(figures, source, "en")
    assert drawn_points(chart) == csv_points(chart)
    assert [point[1] for point in drawn_points(chart)] == pytest.approx([56 / 12, 56])


def test_derived_bars_are_hatched_and_labelled_not_only_coloured(figures, source):
    chart = charts.trade_growth_chart(figures, source, "en")
    bar = chart.figure.data[0]
    assert list(bar.marker.pattern.shape) == ["/", ""]
    assert "(estimate)" in bar.x[0]
    assert "estimates implied by the page" in chart.caption


def test_charts_say_where_their_numbers_come_from(figures, source):
    chart = charts.trade_growth_chart(figures, source, "en")
    assert source.publisher in chart.caption
    assert "1994" in chart.caption and "2024" in chart.caption
    assert "$4.7 billion" in chart.alt and "$56 billion" in chart.alt
    assert chart.title
