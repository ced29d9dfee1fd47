"""The sector explorer: one sector's view, and the comparison of all five."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.annual_trade import sectors_trade_chart
from trade_mission.charts.base import Chart
from trade_mission.charts.curated import ChartInputs, curated_charts
from trade_mission.charts.dollars import chapter_name
from trade_mission.data import annual_trade, queries
from trade_mission.data.database import Connection, records
from trade_mission.data.queries import SourceDocument
from trade_mission.reports.programme import programme_lines
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t
from trade_mission.views.chart_inputs import chart_inputs
from trade_mission.views.trade import Fact, checks_by_figure

# The kinds of opportunity, in the order a sector's view lists them.
OPPORTUNITY_CATEGORIES = ("subsector", "product", "process", "technology", "market")
LEADING_CHAPTERS = 5


@dataclass(frozen=True)
class SectorTrade:
    """What the trade statistics say about a sector, and how much of it they can say."""

    coverage: str  # "whole", "most" or "proxy"
    coverage_text: str
    note: str  # what the chapters can and cannot stand for
    chapters: str  # "01–24"
    year: int
    facts: list[Fact]  # the chapters together; none for a proxy
    charts: list[Chart]  # none for a proxy
    leading: list[tuple[str, str]]  # (hs2, "87 · Vehicles ...") with most exports to Mexico
    table: pd.DataFrame  # each chapter: exports to Mexico, Mexico's rank, how much is the sector's
    # Why the chapters stand for the sector, when one reason covers them all (the table then
    # leaves its "why" column out rather than repeat it on every row).
    shared_rationale: str | None


@dataclass(frozen=True)
class SectorPage:
    sector_id: str
    name: str
    source: SourceDocument
    where: list[str]
    figures: list[dict]
    inputs: dict[str, list[dict]]
    checks: dict[str, dict]  # figure id -> its check against the trade statistics
    charts: list[Chart]  # of the page's own figures
    trade: SectorTrade
    opportunities: list[tuple[str, list[dict]]]
    companies: list[str]
    companies_role: str | None
    companies_quote: str | None
    comparison: Chart
    comparison_table: pd.DataFrame
    sector_links: list[tuple[str, str]]


def opportunity_groups(
    opportunities: pd.DataFrame, lang: Language
) -> list[tuple[str, list[dict]]]:
    """Opportunities by kind (sub-sectors first), each item with its source sentence."""
    by_category: dict[str, list[dict]] = {}
    for row in records(opportunities[["category", "item", "quote", "line"]]):
        by_category.setdefault(row.pop("category"), []).append(row)
    return [
        (t(f"opportunity.category.{category}", lang), by_category[category])
        for category in OPPORTUNITY_CATEGORIES
        if category in by_category
    ]


def sector_trade(
    con: Connection, inputs: ChartInputs, sector_id: str, lang: Language
) -> SectorTrade:
    notes = annual_trade.sector_trade_notes(con, lang).set_index("sector_id")
    coverage = str(notes.loc[sector_id, "coverage"])
    links = annual_trade.sector_chapters(con, lang)
    links = links[links["sector_id"] == sector_id]
    indicators = annual_trade.chapter_indicators(con, lang).set_index("hs2")
    year = annual_trade.latest_year(con)
    mine = (
        indicators.loc[links["hs2"]]
        .reset_index()
        .sort_values("exports_to_mexico_cad", ascending=False, na_position="last")
    )
    facts = []
    if coverage != "proxy":
        sectors = annual_trade.sector_indicators(con)
        (latest,) = records(sectors[sectors["sector_id"] == sector_id])
        facts = [
            Fact(
                t("trade.metric.exports", lang),
                formatting.cad_short(latest["exports_to_mexico_cad"], lang),
            ),
            Fact(
                t("trade.metric.cagr_10y", lang),
                formatting.signed_percent(latest["cagr_10y_pct"], lang),
                t("trade.meaning.growth", lang, years=10),
            ),
            Fact(t("trade.metric.rank", lang), formatting.rank(latest["mexico_rank"], lang)),
        ]
    rationale = dict(zip(links["hs2"], links["rationale"], strict=True))
    kinds = dict(zip(links["hs2"], links["coverage"], strict=True))
    rows = records(mine)
    table = pd.DataFrame(
        {
            t("trade.column.chapter", lang): [
                chapter_name(row["hs2"], row["label"]) for row in rows
            ],
            t("trade.column.exports_to_mexico_cad", lang): [
                formatting.cad(row["exports_to_mexico_cad"], lang) for row in rows
            ],
            t("trade.column.chapter_mexico_rank", lang): [
                formatting.rank(row["mexico_rank"], lang) for row in rows
            ],
            t("trade.column.in_the_sector", lang): [
                t(f"trade.coverage.{kinds[row['hs2']]}", lang) for row in rows
            ],
            t("trade.column.why", lang): [rationale[row["hs2"]] for row in rows],
        }
    )
    reasons = set(rationale.values())
    shared = reasons.pop() if len(reasons) == 1 else None
    if shared is not None:
        table = table.drop(columns=t("trade.column.why", lang))
    return SectorTrade(
        coverage=coverage,
        coverage_text=t(f"trade.sector_coverage.{coverage}", lang),
        note=str(notes.loc[sector_id, "note"]),
        chapters=formatting.chapter_ranges(links["hs2"].tolist()),
        year=year,
        facts=facts,
        charts=[]
        if coverage == "proxy"
        else [chart.frozen() for chart in curated_charts(inputs, sector_id, lang, trade=True)],
        leading=[
            (row["hs2"], chapter_name(row["hs2"], row["label"]))
            for row in rows[:LEADING_CHAPTERS]
            if row["exports_to_mexico_cad"]
        ],
        table=table,
        shared_rationale=shared,
    )


def comparison_table(con: Connection, inputs: ChartInputs, lang: Language) -> pd.DataFrame:
    """Each sector's host cities and goods trade with Mexico, marked by how much of the
    sector its chapters stand for. A sector whose chapters are only a proxy gets no total,
    as on its own view: "—", and its coverage says why."""
    summary = queries.sector_summary(con, lang)
    notes = annual_trade.sector_trade_notes(con, lang).set_index("sector_id")
    year = annual_trade.latest_year(con)
    indicators = {row["sector_id"]: row for row in records(annual_trade.sector_indicators(con))}
    rows = []
    for sector in records(summary):
        coverage = str(notes.loc[sector["sector_id"], "coverage"])
        latest = {} if coverage == "proxy" else indicators[sector["sector_id"]]
        chapters = inputs.sector_chapters.loc[
            inputs.sector_chapters["sector_id"] == sector["sector_id"], "hs2"
        ].tolist()
        rows.append(
            {
                t("column.sector", lang): sector["name"],
                t("column.cities", lang): sector["cities"],
                t("trade.column.chapters", lang): formatting.chapter_ranges(chapters),
                t("trade.column.stands_for", lang): t(f"trade.sector_coverage.{coverage}", lang),
                t("trade.column.exports_in_year", lang, year=year): formatting.cad(
                    latest.get("exports_to_mexico_cad"), lang
                ),
                t("trade.column.cagr_10y", lang): formatting.signed_percent(
                    latest.get("cagr_10y_pct"), lang
                ),
                t("trade.metric.rank", lang): formatting.rank(latest.get("mexico_rank"), lang),
            }
        )
    return pd.DataFrame(rows)


def sector_page(con: Connection, sector_id: str, lang: Language) -> SectorPage:
    """One sector's view and the comparison of all five, in one cached read."""
    summary = queries.sector_summary(con, lang)
    names = dict(zip(summary["sector_id"], summary["name"], strict=True))
    cities = queries.sector_cities(con, sector_id, lang)
    companies = queries.companies(con, sector_id)
    inputs = chart_inputs(con, lang)
    coverage = dict(
        zip(
            *annual_trade.sector_trade_notes(con, lang)[["sector_id", "coverage"]]
            .to_dict("list")
            .values(),
            strict=True,
        )
    )
    return SectorPage(
        sector_id=sector_id,
        name=names[sector_id],
        source=queries.source_document(con, lang),
        where=programme_lines(tuple(cities["city"]), queries.programme(con, lang), lang),
        figures=records(queries.figures(con, sector_id, lang)),
        inputs=queries.derived_figure_inputs(con, lang),
        checks=checks_by_figure(con, lang),
        charts=[chart.frozen() for chart in curated_charts(inputs, sector_id, lang, trade=False)],
        trade=sector_trade(con, inputs, sector_id, lang),
        opportunities=opportunity_groups(queries.opportunities(con, sector_id, lang), lang),
        companies=companies["company"].tolist(),
        companies_role=companies["role"].iloc[0] if len(companies) else None,
        companies_quote=companies["quote"].iloc[0] if len(companies) else None,
        comparison=sectors_trade_chart(
            inputs.sector_trade, names, coverage, inputs.attributions["trade"], lang
        ).frozen(),
        comparison_table=comparison_table(con, inputs, lang),
        sector_links=list(zip(summary["sector_id"], summary["short_name"], strict=True)),
    )
