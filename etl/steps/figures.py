"""Every figure the page states, checked against its quote; the figures it implies
(derived, each with its formula); and which chart draws which figure."""

from __future__ import annotations

from dataclasses import dataclass

from etl.csvfiles import LINE_KEY, Row
from etl.inputs import CHART_FIGURES, CHARTS, DERIVED_FIGURES, FIGURES, Inputs
from etl.page import PageCapture, normalise_space
from etl.steps import Tables
from etl.steps.sections import Sectors, check_sector
from etl.values import ExpressionError, evaluate, expression_names, stated_value, unit_mismatch

VALUE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class DerivedText:
    """How a derived figure is computed, in words and with its numbers, for its formula."""

    figure_id: str
    description: str
    arithmetic: str  # "56 ÷ 12 ≈ 4.7"


@dataclass(frozen=True)
class Figures:
    ids: frozenset[str]
    derived: tuple[DerivedText, ...]
    tables: Tables  # figures, figure_inputs, charts, chart_figures


def read_figures(page: PageCapture, sectors: Sectors, inputs: Inputs) -> Figures:
    published = inputs.read(FIGURES)
    rows = []
    values: dict[str, float] = {}
    for row in published:
        check_sector(inputs, sectors, FIGURES, row)
        rows.append(published_figure(page, inputs, row))
        values[row["figure_id"]] = row["value"]
    figure_inputs = []
    derived = []
    for row in inputs.read(DERIVED_FIGURES):
        check_sector(inputs, sectors, DERIVED_FIGURES, row)
        if row["figure_id"] in values:
            raise inputs.refuse(DERIVED_FIGURES, row, "figure_id is also a published figure")
        try:
            names = expression_names(row["expression"])
            value, arithmetic = evaluate(row["expression"], values)
        except ExpressionError as error:
            raise inputs.refuse(DERIVED_FIGURES, row, str(error)) from None
        shown = f"{arithmetic} ≈ {value:.{row['decimals']}f}"
        rows.append(
            {
                "figure_id": row["figure_id"],
                "sector_id": row["sector_id"],
                "label": row["label"],
                "value": value,
                "unit": row["unit"],
                "year": row["year"],
                "qualifier": None,
                "value_text": None,
                "quote": None,
                "line": None,
                "is_derived": True,
                "formula": f"{row['description']}: {shown}",
                "display_decimals": row["decimals"],
            }
        )
        derived.append(DerivedText(row["figure_id"], row["description"], shown))
        figure_inputs += [{"figure_id": row["figure_id"], "input_figure_id": n} for n in names]
    ids = frozenset(row["figure_id"] for row in rows)
    return Figures(
        ids=ids,
        derived=tuple(derived),
        tables={
            "figures": rows,
            "figure_inputs": figure_inputs,
            **read_charts(sectors, ids, inputs),
        },
    )


def published_figure(page: PageCapture, inputs: Inputs, row: Row) -> Row:
    """A figure's row once its quote is found and states its value, in its unit."""
    located = page.locate(row["quote"])
    if located is None:
        raise inputs.refuse(
            FIGURES, row, f"quote not found in {page.path.name}: {row['quote'][:80]!r}"
        )
    quote = normalise_space(located.text)
    value_text = normalise_space(row["value_text"])
    stated = stated_value(value_text)
    if value_text not in quote:
        raise inputs.refuse(FIGURES, row, f"value_text {value_text!r} is not in its quote")
    if row["qualifier"] and f"{row['qualifier']} {value_text}" not in quote:
        raise inputs.refuse(
            FIGURES, row, f"the quote does not say {row['qualifier']} {value_text!r}"
        )
    if stated is None:
        raise inputs.refuse(FIGURES, row, f"value_text {value_text!r} states no number")
    if abs(stated - row["value"]) > VALUE_TOLERANCE * max(1.0, abs(stated)):
        raise inputs.refuse(
            FIGURES,
            row,
            f"value {row['value']:g} does not appear in its quote, which states "
            f"{value_text!r} ({stated:g})",
        )
    mismatch = unit_mismatch(value_text, row["unit"])
    if mismatch:
        raise inputs.refuse(FIGURES, row, mismatch)
    if row["year"] is not None and not 1900 <= row["year"] <= 2100:
        raise inputs.refuse(FIGURES, row, f"year {row['year']} is out of range")
    return {
        "figure_id": row["figure_id"],
        "sector_id": row["sector_id"],
        "label": row["label"],
        "value": row["value"],
        "unit": row["unit"],
        "year": row["year"],
        "qualifier": row["qualifier"],
        "value_text": value_text,
        "quote": located.text,
        "line": located.line,
        "is_derived": False,
        "formula": None,
        "display_decimals": None,
    }


def read_charts(sectors: Sectors, figure_ids: frozenset[str], inputs: Inputs) -> Tables:
    """Which charts the pages draw, and the figures each draws (bars, in file order) or
    names in its title (values); every id must exist."""
    charts = inputs.read(CHARTS)
    for row in charts:
        check_sector(inputs, sectors, CHARTS, row)
        if row["kind"] == "figure_bars" and row["categories"] is None:
            raise inputs.refuse(CHARTS, row, "a figure_bars chart needs categories")
    chart_ids = {row["chart_id"] for row in charts}
    links = inputs.read(CHART_FIGURES)
    bars: dict[str, int] = {}
    for row in links:
        if row["chart_id"] not in chart_ids:
            raise inputs.refuse(CHART_FIGURES, row, f"unknown chart_id {row['chart_id']!r}")
        if row["figure_id"] not in figure_ids:
            raise inputs.refuse(CHART_FIGURES, row, f"unknown figure_id {row['figure_id']!r}")
        if row["role"] == "value" and row["placeholder"] is None:
            raise inputs.refuse(CHART_FIGURES, row, "a value needs the placeholder it fills")
        if row["role"] == "bar":
            bars[row["chart_id"]] = bars.get(row["chart_id"], 0) + 1
    for row in charts:
        if row["kind"] == "figure_bars" and not bars.get(row["chart_id"]):
            raise inputs.refuse(CHARTS, row, f"no bar for it in {CHART_FIGURES.file_name}")
    sector_charts: dict[str | None, int] = {}
    chart_rows = []
    for row in charts:
        sector_charts[row["sector_id"]] = sector_charts.get(row["sector_id"], 0) + 1
        chart_rows.append(
            {
                "chart_id": row["chart_id"],
                "sector_id": row["sector_id"],
                "position": sector_charts[row["sector_id"]],
                "kind": row["kind"],
                "categories": row["categories"],
                "horizontal": row["horizontal"] == "yes",
                "shares": row["shares"] == "yes",
            }
        )
    return {
        "charts": chart_rows,
        "chart_figures": [
            {
                "chart_id": row["chart_id"],
                "figure_id": row["figure_id"],
                "role": row["role"],
                "placeholder": row["placeholder"],
                "position": row[LINE_KEY],
            }
            for row in links
        ],
    }
