"""The sector explorer: one sector's view, and the comparison of all five."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.curated import curated_charts
from trade_mission.charts.sectors import CATEGORY_PATTERNS, opportunity_counts_chart
from trade_mission.data import queries
from trade_mission.data.database import Connection, records
from trade_mission.data.queries import SourceDocument
from trade_mission.reports.assessment import programme_lines
from trade_mission.text.i18n import Language, t
from trade_mission.views.charts import chart_inputs
from trade_mission.views.trade import checks_by_figure


@dataclass(frozen=True)
class SectorPage:
    sector_id: str
    name: str
    source: SourceDocument
    where: list[str]
    figures: list[dict]
    inputs: dict[str, list[dict]]
    checks: dict[str, dict]  # figure id -> its check against the trade statistics
    charts: list[Chart]
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
        for category in CATEGORY_PATTERNS
        if category in by_category
    ]


def comparison_table(summary: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """What the page gives about each sector, side by side."""
    return pd.DataFrame(
        {
            t("column.sector", lang): summary["name"].tolist(),
            t("column.cities", lang): summary["cities"].tolist(),
            t("column.opportunities", lang): summary["opportunities"].astype(int).tolist(),
            t("column.published_figures", lang): summary["published_figures"].astype(int).tolist(),
            t("column.derived_figures", lang): summary["derived_figures"].astype(int).tolist(),
            t("column.named_companies", lang): summary["named_companies"].astype(int).tolist(),
        }
    )


def comparison_chart(con: Connection, lang: Language) -> Chart:
    """Opportunities named per sector, all five."""
    return opportunity_counts_chart(
        queries.opportunity_counts(con),
        queries.sectors(con, lang),
        queries.source_document(con, lang),
        lang,
    )


def sector_page(con: Connection, sector_id: str, lang: Language) -> SectorPage:
    """One sector's view and the comparison of all five, in one cached read."""
    summary = queries.sector_summary(con, lang)
    names = dict(zip(summary["sector_id"], summary["name"], strict=True))
    cities = queries.sector_cities(con, sector_id, lang)
    companies = queries.companies(con, sector_id)
    return SectorPage(
        sector_id=sector_id,
        name=names[sector_id],
        source=queries.source_document(con, lang),
        where=programme_lines(tuple(cities["city"]), queries.programme(con, lang), lang),
        figures=records(queries.figures(con, sector_id, lang)),
        inputs=queries.derived_figure_inputs(con, lang),
        checks=checks_by_figure(con, lang),
        charts=[
            chart.frozen() for chart in curated_charts(chart_inputs(con, lang), sector_id, lang)
        ],
        opportunities=opportunity_groups(queries.opportunities(con, sector_id, lang), lang),
        companies=companies["company"].tolist(),
        companies_role=companies["role"].iloc[0] if len(companies) else None,
        companies_quote=companies["quote"].iloc[0] if len(companies) else None,
        comparison=comparison_chart(con, lang).frozen(),
        comparison_table=comparison_table(summary, lang),
        sector_links=list(zip(summary["sector_id"], summary["short_name"], strict=True)),
    )
