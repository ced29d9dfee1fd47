"""Every figure the page states, checked against its quote, and the figures it implies
(derived, each with its formula)."""

from __future__ import annotations

from dataclasses import dataclass

from etl.csvfiles import Row
from etl.inputs import DERIVED_FIGURES, FIGURES, Inputs
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
    tables: Tables  # figures, figure_inputs


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
        tables={"figures": rows, "figure_inputs": figure_inputs},
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
