"""Which charts each view draws, and the page's figures each one draws or names.

Kinds: ``figure_bars`` (the page's own figures as bars), ``cluster_map`` (a sector's
cluster states), ``two_way_trade`` (Canada–Mexico trade since 1990, country-wide) and
``sector_trade`` (a sector's chapters exported to Mexico since 2000). A trade chart may
mark page figures against the official line (role ``marker``): each must be in dollars
and have a year. A ``sector_trade`` chart is refused for a sector whose chapters are only a
proxy for it: a line of those chapters would be read as the sector's trade.

A figure derived from the page's figures (an estimate) is never drawn as a bar nor put in
a title (role ``value``): it stays a labelled metric. A ``figure_bars`` chart draws the
parts of one published whole, its ``total`` value: every bar in the total's unit and year,
and together no more than it. So no chart sets unrelated measures on one axis.
"""

from __future__ import annotations

from etl.csvfiles import LINE_KEY, Row
from etl.errors import BuildError
from etl.inputs import CHART_FIGURES, CHARTS, HEADLINE_FIGURES, Inputs
from etl.steps import Tables
from etl.steps.sections import Sectors, check_sector

TRADE_KINDS = ("two_way_trade", "sector_trade")


def check_parts_of_total(
    inputs: Inputs, chart: Row, bars: list[Row], total: Row | None, figures: dict[str, Row]
) -> None:
    """A figure_bars chart's bars are parts of its total: same unit and year, no more."""
    if not bars:
        raise inputs.refuse(CHARTS, chart, f"no bar for it in {CHART_FIGURES.file_name}")
    if total is None:
        raise inputs.refuse(
            CHARTS,
            chart,
            f"no total for it in {CHART_FIGURES.file_name}: a figure_bars chart draws the "
            "parts of one published whole (role value, placeholder total)",
        )
    whole = figures[total["figure_id"]]
    for bar in bars:
        part = figures[bar["figure_id"]]
        if (part["unit"], part["year"]) != (whole["unit"], whole["year"]):
            raise inputs.refuse(
                CHART_FIGURES,
                bar,
                f"{bar['figure_id']!r} ({part['unit']}, {part['year']}) is not a part of "
                f"{total['figure_id']!r} ({whole['unit']}, {whole['year']}): "
                "one chart draws one measure",
            )
    if sum(figures[bar["figure_id"]]["value"] for bar in bars) > whole["value"]:
        raise inputs.refuse(
            CHART_FIGURES, total, f"the bars add up to more than {total['figure_id']!r}"
        )


# A slide shows at most this many figures: more and none of them is read.
MAX_HEADLINES = 6


def read_headlines(figures: list[Row], inputs: Inputs) -> Tables:
    """``headline_figures``: published, country-wide figures, ranked 1, 2, 3… with no gap,
    at most ``MAX_HEADLINES``."""
    by_id = {row["figure_id"]: row for row in figures}
    rows = inputs.read(HEADLINE_FIGURES)
    if not rows:
        raise BuildError(
            inputs.path(HEADLINE_FIGURES),
            "no headline figure: the Overview and the deck's first figure slide need at "
            "least one (rank 1 is drawn largest)",
        )
    for row in rows:
        figure = by_id.get(row["figure_id"])
        if figure is None:
            raise inputs.refuse(HEADLINE_FIGURES, row, f"unknown figure_id {row['figure_id']!r}")
        if figure["is_derived"] or figure["sector_id"] is not None:
            raise inputs.refuse(
                HEADLINE_FIGURES, row, "a headline is a published, country-wide figure"
            )
    for expected, row in enumerate(sorted(rows, key=lambda row: row["rank"]), start=1):
        if row["rank"] != expected or expected > MAX_HEADLINES:
            raise inputs.refuse(
                HEADLINE_FIGURES,
                row,
                f"rank {row['rank']}: ranks run 1, 2, 3… to at most {MAX_HEADLINES}, "
                "with no gap or repeat",
            )
    return {
        "headline_figures": [{"figure_id": row["figure_id"], "rank": row["rank"]} for row in rows]
    }


def read_charts(
    sectors: Sectors, figures: list[Row], coverage: dict[str, str], inputs: Inputs
) -> Tables:
    """``charts`` and ``chart_figures``, every id and every pairing checked."""
    by_id = {row["figure_id"]: row for row in figures}
    charts = inputs.read(CHARTS)
    kinds = {row["chart_id"]: row["kind"] for row in charts}
    for row in charts:
        check_sector(inputs, sectors, CHARTS, row)
        if row["kind"] == "two_way_trade" and row["sector_id"] is not None:
            raise inputs.refuse(CHARTS, row, "two_way_trade is a country-wide chart")
        if row["kind"] in ("sector_trade", "cluster_map") and row["sector_id"] is None:
            raise inputs.refuse(CHARTS, row, f"a {row['kind']} chart belongs to a sector")
        if (
            row["kind"] == "sector_trade"
            and coverage.get(row["sector_id"]) != "whole"
            and (coverage.get(row["sector_id"]) != "most")
        ):
            raise inputs.refuse(
                CHARTS,
                row,
                f"the chapters of {row['sector_id']!r} are only a proxy for it "
                "(sector_trade_notes.csv): a chart of them would mislead",
            )
    links = inputs.read(CHART_FIGURES)
    bars: dict[str, list[Row]] = {}
    totals: dict[str, Row] = {}
    for row in links:
        if row["chart_id"] not in kinds:
            raise inputs.refuse(CHART_FIGURES, row, f"unknown chart_id {row['chart_id']!r}")
        figure = by_id.get(row["figure_id"])
        if figure is None:
            raise inputs.refuse(CHART_FIGURES, row, f"unknown figure_id {row['figure_id']!r}")
        kind = kinds[row["chart_id"]]
        if row["role"] == "value" and row["placeholder"] is None:
            raise inputs.refuse(CHART_FIGURES, row, "a value needs the placeholder it fills")
        if row["role"] in ("bar", "value") and figure["is_derived"]:
            raise inputs.refuse(
                CHART_FIGURES,
                row,
                f"{row['figure_id']!r} is an estimate derived from the page's figures: "
                "show it as a labelled metric, not as a bar or in a chart's title",
            )
        if row["role"] == "marker":
            if kind not in TRADE_KINDS:
                raise inputs.refuse(CHART_FIGURES, row, "only trade charts mark page figures")
            if figure["unit"] != "$ billion" or figure["year"] is None:
                raise inputs.refuse(
                    CHART_FIGURES, row, "a marker must be a dollar figure with a year"
                )
        if row["role"] == "bar":
            if kind != "figure_bars":
                raise inputs.refuse(CHART_FIGURES, row, "only figure_bars charts draw bars")
            bars.setdefault(row["chart_id"], []).append(row)
        if row["role"] == "value" and row["placeholder"] == "total":
            totals[row["chart_id"]] = row
    for row in charts:
        if row["kind"] == "figure_bars":
            check_parts_of_total(
                inputs, row, bars.get(row["chart_id"], []), totals.get(row["chart_id"]), by_id
            )
    positions: dict[str | None, int] = {}
    chart_rows = []
    for row in charts:
        positions[row["sector_id"]] = positions.get(row["sector_id"], 0) + 1
        chart_rows.append(
            {
                "chart_id": row["chart_id"],
                "sector_id": row["sector_id"],
                "position": positions[row["sector_id"]],
                "kind": row["kind"],
                "horizontal": row["horizontal"] == "yes",
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
