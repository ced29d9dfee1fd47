"""The "Trade with Mexico" page: its overview, every chapter, one chapter, the provinces.

Each view is one function of a connection, its choice and the language, so the app's
cache keeps each once per database version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trade_mission.charts.annual_trade import NAFTA_YEAR, two_way_trade_chart
from trade_mission.charts.base import Chart
from trade_mission.charts.chapters import (
    chapter_ranking_chart,
    chapter_trade_chart,
    markets_chart,
)
from trade_mission.charts.dollars import PagePoint, chapter_name
from trade_mission.charts.provinces import province_trend_chart, provinces_chart
from trade_mission.data import annual_trade, mexico, monthly, queries
from trade_mission.data.database import Connection, records
from trade_mission.reports.status import StatusMessage
from trade_mission.rules.releases import annual_years_probably_out
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t

TradeView = Literal["latest", "overview", "chapters", "chapter", "provinces"]
# "latest": the monthly table's latest months, the page's first view; "overview": the
# annual statistics since 1990 (its id kept, so addresses made before still open it).
TRADE_VIEWS: tuple[TradeView, ...] = ("latest", "overview", "chapters", "chapter", "provinces")
# The page's figures drawn on the two-way trade chart, at the year each is about.
PAGE_POINTS = {"bilateral_trade_2024": 2024, "bilateral_trade_1994": NAFTA_YEAR}
# The page's trade figures the overview checks, in the order the page gives them.
OVERVIEW_CHECKS = (
    "mexico_merchandise_partner_rank",
    "bilateral_trade_growth_since_1994",
    "bilateral_trade_2024",
    "bilateral_trade_1994",
    "agrifood_export_market_rank_2024",
    "canada_agrifood_exports_2024",
    "agrifood_share_of_exports_2024",
)
SortKey = Literal[
    "exports",
    "share",
    "cagr_5y",
    "cagr_10y",
    "rank",
    "mexico_share",
    "ratio",
    "gap",
    "mexico_imports",
    "mexico_growth",
    "chapter",
]
SORT_COLUMNS: dict[SortKey, str] = {
    "exports": "exports_to_mexico_cad",
    "share": "share_of_exports_to_mexico_pct",
    "cagr_5y": "cagr_5y_pct",
    "cagr_10y": "cagr_10y_pct",
    "rank": "mexico_rank",
    "mexico_share": "mexico_share_of_chapter_pct",
    "ratio": "representation_ratio",
    "gap": "benchmark_gap_cad",
    # The demand side, from Mexico's own records (INEGI, US dollars): beside Canada's
    # supply and presence, never combined with them into one score.
    "mexico_imports": "mexico_imports_usd_millions",
    "mexico_growth": "mexico_imports_cagr_since_2019_pct",
    "chapter": "hs2",
}


@dataclass(frozen=True)
class TradeIndex:
    """What the page's pickers offer, and the statistics' credit."""

    chapters: dict[str, str]  # hs2 -> "87 · Vehicles ..."
    origins: dict[str, str]  # origin code -> name, all Canada first
    default_chapter: str  # the chapter Canada sells Mexico most of
    default_origin: str  # the province that sells Mexico most
    latest_year: int
    attribution: str
    sectors: dict[str, str]  # sector id -> name
    exported: dt.date  # when the annual files were exported from Trade Data Online


def annual_freshness(
    latest_year: int, exported: dt.date, now: dt.datetime, lang: Language
) -> StatusMessage | None:
    """How old the annual figures are, once a newer year has probably been published."""
    newer = annual_years_probably_out(latest_year, now)
    if not newer:
        return None
    return StatusMessage(
        "warning",
        t(
            "trade.annual_stale",
            lang,
            last=latest_year,
            exported=formatting.date(exported, lang),
            years=formatting.join([str(year) for year in newer], lang),
            count=len(newer),
        ),
    )


def trade_index(con: Connection, lang: Language) -> TradeIndex:
    latest = annual_trade.latest_year(con)
    chapters = annual_trade.chapters(con, lang)
    indicators = annual_trade.chapter_indicators(con, lang)
    provinces = annual_trade.origins_in_year(con, latest, lang)
    return TradeIndex(
        chapters={row.hs2: chapter_name(row.hs2, row.label) for row in chapters.itertuples()},
        origins=dict(zip(*annual_trade.origins(con, lang).to_dict("list").values(), strict=True)),
        default_chapter=str(indicators["hs2"].iloc[0]),
        default_origin=str(provinces["origin_code"].iloc[0]),
        latest_year=latest,
        exported=annual_trade.exported(con),
        attribution=queries.attributions(con, lang)["trade"],
        sectors=queries.sector_names(con, lang),
    )


def checks_by_figure(con: Connection, lang: Language) -> dict[str, dict]:
    """Each figure's check against the statistics (verdict, official_text, basis, note),
    with ``readings``: every reading of a claim read two ways (from 1993 or from 1994),
    each with its year, official_text and verdict; empty for the others."""
    checks = {row.pop("figure_id"): row for row in records(annual_trade.figure_checks(con, lang))}
    for check in checks.values():
        check["readings"] = []
    for reading in records(annual_trade.figure_check_readings(con, lang)):
        checks[reading.pop("figure_id")]["readings"].append(reading)
    return checks


def verdict_text(verdict: str, lang: Language) -> str:
    return t(f"trade.verdict.{verdict}", lang)


def checks_table(
    con: Connection, figure_ids: tuple[str, ...] | None, lang: Language
) -> pd.DataFrame:
    """The page's figures beside their checks: what the page says, what the statistics
    show, the verdict in words, what was computed and what it means."""
    figures = {row["figure_id"]: row for row in records(queries.figures(con, "all", lang))}
    checks = annual_trade.figure_checks(con, lang).set_index("figure_id")
    chosen = figure_ids or tuple(figures)
    rows = []
    for figure_id in chosen:
        figure, check = figures[figure_id], checks.loc[figure_id]
        rows.append(
            {
                t("trade.column.figure", lang): figure["label"],
                t("trade.column.page_says", lang): formatting.figure_value(figure, lang),
                t("trade.column.official", lang): check["official_text"] or "—",
                t("trade.column.verdict", lang): verdict_text(str(check["verdict"]), lang),
                t("trade.column.basis", lang): check["basis"] or "—",
                t("trade.column.note", lang): check["note"],
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class TradeOverview:
    two_way: Chart
    checks: pd.DataFrame
    ranking: Chart


def trade_overview(con: Connection, lang: Language) -> TradeOverview:
    credits = queries.attributions(con, lang)
    attribution = credits["trade"]
    figures = {row["figure_id"]: row for row in records(queries.figures(con, "all", lang))}
    points = [
        PagePoint(
            year=year,
            value=figures[figure_id]["value"],
            label=formatting.figure_value(figures[figure_id], lang),
            is_estimate=bool(figures[figure_id]["is_derived"]),
        )
        for figure_id, year in PAGE_POINTS.items()
    ]
    latest = annual_trade.latest_year(con)
    annual = annual_trade.mexico_trade(con)
    total = annual.loc[annual["year"] == latest, "exports_cad"].iloc[0]
    return TradeOverview(
        two_way=two_way_trade_chart(
            monthly.mexico_trade_years(con), points, attribution, lang, credits["trade_monthly"]
        ).frozen(),
        checks=checks_table(con, OVERVIEW_CHECKS, lang),
        ranking=chapter_ranking_chart(
            annual_trade.chapter_indicators(con, lang), float(total), attribution, lang
        ).frozen(),
    )


@dataclass(frozen=True)
class ChapterTable:
    year: int
    mexico_share_of_all_exports: str  # as the benchmark's explanation writes it
    table: pd.DataFrame  # for reading
    csv: bytes  # every column, values as computed


def chapter_table(
    con: Connection, sector_id: str | None, sort: SortKey, descending: bool, lang: Language
) -> ChapterTable:
    """Every chapter, or a sector's, sorted: what the chapters view shows."""
    indicators = annual_trade.chapter_indicators(con, lang)
    periods = mexico.periods(con)
    demand = mexico.chapter_imports(con, lang).rename(
        columns={
            "chapter": "hs2",
            "imports_full_year": "mexico_imports_usd_millions",
            "cagr_since_2019_pct": "mexico_imports_cagr_since_2019_pct",
        }
    )[["hs2", "mexico_imports_usd_millions", "mexico_imports_cagr_since_2019_pct"]]
    frame = indicators.merge(demand, on="hs2", how="left")
    if sector_id is not None:
        frame = frame[frame["sector_ids"].apply(lambda ids: sector_id in list(ids))]
    frame = frame.sort_values(
        SORT_COLUMNS[sort], ascending=not descending, na_position="last", kind="stable"
    )
    rows = records(frame)
    table = pd.DataFrame(
        {
            t("trade.column.chapter", lang): [chapter_name(r["hs2"], r["label"]) for r in rows],
            # A blank says why it is blank: no exports recorded this year, or none in the
            # year a growth rate starts from.
            t("trade.column.exports_to_mexico_cad", lang): [
                formatting.cad(r["exports_to_mexico_cad"], lang)
                if r["exports_to_mexico_cad"] is not None
                else t("trade.blank.none_recorded", lang)
                for r in rows
            ],
            t("trade.column.share_of_exports_to_mexico", lang): [
                or_why(
                    formatting.percent_or_dash(r["share_of_exports_to_mexico_pct"], lang, 2),
                    r,
                    lang,
                )
                for r in rows
            ],
            t("trade.column.cagr_5y", lang): [
                growth_or_why(r["cagr_5y_pct"], r, 5, lang) for r in rows
            ],
            t("trade.column.cagr_10y", lang): [
                growth_or_why(r["cagr_10y_pct"], r, 10, lang) for r in rows
            ],
            t("trade.column.chapter_mexico_rank", lang): [
                or_why(formatting.rank(r["mexico_rank"], lang), r, lang) for r in rows
            ],
            t("trade.column.chapter_mexico_share", lang): [
                or_why(
                    formatting.percent_or_dash(r["mexico_share_of_chapter_pct"], lang, 2), r, lang
                )
                for r in rows
            ],
            t("trade.column.ratio", lang): [
                or_why(formatting.number_or_dash(r["representation_ratio"], lang, 2), r, lang)
                for r in rows
            ],
            # Short: a benchmark, not a published value; the CSV keeps every digit.
            t("trade.column.gap", lang): [
                formatting.cad_short(r["benchmark_gap_cad"], lang) for r in rows
            ],
            # One column on screen (the table is at the width a desktop allows); two in
            # the CSV.
            t("trade.column.mexico_demand", lang, year=periods.full_year): [
                t(
                    "trade.column.mexico_demand_value",
                    lang,
                    imports=formatting.usd_millions(r["mexico_imports_usd_millions"], lang),
                    growth=formatting.signed_percent(
                        r["mexico_imports_cagr_since_2019_pct"], lang
                    ),
                )
                for r in rows
            ],
        }
    )
    year = annual_trade.latest_year(con)
    share = indicators["mexico_share_of_all_exports_pct"].iloc[0]  # the same on every row
    return ChapterTable(
        year=year,
        mexico_share_of_all_exports=formatting.percent(float(share), lang, 2),
        table=table,
        csv=chapters_csv(rows, queries.sector_names(con, lang), lang, periods.full_year),
    )


def or_why(written: str, row: dict, lang: Language) -> str:
    """A value, or, where there is none because no exports were recorded, the reason."""
    if written.strip() in ("—", "") and row["exports_to_mexico_cad"] is None:
        return t("trade.blank.no_exports", lang)
    return written


def growth_or_why(value: float | None, row: dict, years: int, lang: Language) -> str:
    """A growth rate, or why it cannot be computed."""
    if value is not None:
        return formatting.signed_percent(value, lang)
    if row["exports_to_mexico_cad"] is None:
        return t("trade.blank.no_exports", lang)
    return t("trade.blank.none_before", lang, years=years)


def chapters_csv(
    rows: list[dict], sectors: dict[str, str], lang: Language, mexico_year: int
) -> bytes:
    """The chapters table for a spreadsheet, headed in ``lang``: every value, whole
    dollars as published, computed percentages and ratios to four decimals."""
    frame = pd.DataFrame(
        {
            t("column.year", lang): [r["year"] for r in rows],
            t("trade.column.chapter", lang): [chapter_name(r["hs2"], r["label"]) for r in rows],
            t("trade.column.exports_to_mexico_cad", lang): [
                r["exports_to_mexico_cad"] for r in rows
            ],
            t("trade.column.imports_from_mexico_cad", lang): [
                r["imports_from_mexico_cad"] for r in rows
            ],
            t("trade.column.exports_world_cad", lang): [r["exports_world_cad"] for r in rows],
            t("trade.column.share_of_exports_to_mexico", lang): [
                spreadsheet.share(r["share_of_exports_to_mexico_pct"]) for r in rows
            ],
            t("trade.column.chapter_mexico_share", lang): [
                spreadsheet.share(r["mexico_share_of_chapter_pct"]) for r in rows
            ],
            t("trade.column.chapter_mexico_rank", lang): [r["mexico_rank"] for r in rows],
            t("trade.column.cagr_5y", lang): [spreadsheet.share(r["cagr_5y_pct"]) for r in rows],
            t("trade.column.cagr_10y", lang): [spreadsheet.share(r["cagr_10y_pct"]) for r in rows],
            t("trade.column.ratio", lang): [
                spreadsheet.share(r["representation_ratio"]) for r in rows
            ],
            t("trade.column.gap_cad", lang): [
                None if r["benchmark_gap_cad"] is None else round(r["benchmark_gap_cad"])
                for r in rows
            ],
            t("trade.column.mexico_imports", lang, year=mexico_year): [
                spreadsheet.summed(r["mexico_imports_usd_millions"]) for r in rows
            ],
            t("trade.column.mexico_growth", lang, year=mexico_year): [
                spreadsheet.share(r["mexico_imports_cagr_since_2019_pct"]) for r in rows
            ],
            t("trade.column.mission_sectors", lang): [
                formatting.join([sectors[s] for s in r["sector_ids"]], lang) for r in rows
            ],
        }
    )
    return spreadsheet.csv_bytes(frame)


@dataclass(frozen=True)
class Fact:
    """One number of a view, with its label, as a metric card shows it."""

    label: str
    value: str
    help: str | None = None  # what the measure means, in plain words, where it is not plain


@dataclass(frozen=True)
class SectorLink:
    sector_id: str
    name: str
    coverage: str  # in words
    rationale: str


@dataclass(frozen=True)
class ChapterView:
    hs2: str
    name: str
    year: int
    facts: list[Fact]
    sectors: list[SectorLink]
    trade_chart: Chart
    markets_chart: Chart
    ranks: pd.DataFrame


def chapter_view(con: Connection, hs2: str, lang: Language) -> ChapterView:
    """One chapter: its numbers this year, the sectors it stands for, its trade with Mexico
    since 2000, Canada's largest markets for it, and Mexico's rank year by year."""
    attribution = queries.attributions(con, lang)["trade"]
    year = annual_trade.latest_year(con)
    indicators = annual_trade.chapter_indicators(con, lang).set_index("hs2")
    row = records(indicators.loc[[hs2]].reset_index())[0]
    label = str(row["label"])
    facts = [
        Fact(
            t("trade.metric.exports", lang),
            formatting.cad_short(row["exports_to_mexico_cad"], lang),
        ),
        Fact(
            t("trade.metric.share", lang),
            formatting.percent_or_dash(row["share_of_exports_to_mexico_pct"], lang, 2),
        ),
        Fact(
            t("trade.metric.rank", lang),
            formatting.rank(row["mexico_rank"], lang),
        ),
        Fact(
            t("trade.metric.mexico_share", lang),
            formatting.percent_or_dash(row["mexico_share_of_chapter_pct"], lang, 2),
        ),
        Fact(
            t("trade.metric.cagr_5y", lang),
            formatting.signed_percent(row["cagr_5y_pct"], lang),
            t("trade.meaning.growth", lang, years=5),
        ),
        Fact(
            t("trade.metric.cagr_10y", lang),
            formatting.signed_percent(row["cagr_10y_pct"], lang),
            t("trade.meaning.growth", lang, years=10),
        ),
        Fact(
            t("trade.metric.ratio", lang),
            formatting.number_or_dash(row["representation_ratio"], lang, 2),
            t("trade.meaning.ratio", lang),
        ),
        Fact(
            t("trade.metric.gap", lang),
            formatting.cad_short(row["benchmark_gap_cad"], lang),
            t("trade.meaning.gap", lang),
        ),
    ]
    sector_rows = annual_trade.sector_chapters(con, lang)
    names = queries.sector_names(con, lang)
    sectors = [
        SectorLink(
            sector_id=link.sector_id,
            name=names[link.sector_id],
            coverage=t(f"trade.coverage.{link.coverage}", lang),
            rationale=link.rationale,
        )
        for link in sector_rows[sector_rows["hs2"] == hs2].itertuples()
    ]
    series = annual_trade.chapter_series(con, hs2)
    ranks = pd.DataFrame(
        {
            t("column.year", lang): series["year"].tolist(),
            t("trade.column.chapter_mexico_rank", lang): [
                formatting.rank(row["mexico_rank"], lang) for row in records(series)
            ],
        }
    )
    return ChapterView(
        hs2=hs2,
        name=chapter_name(hs2, label),
        year=year,
        facts=facts,
        sectors=sectors,
        trade_chart=chapter_trade_chart(series, hs2, label, attribution, lang).frozen(),
        markets_chart=markets_chart(
            annual_trade.chapter_top_markets(con, hs2, year, lang),
            hs2,
            label,
            year,
            attribution,
            lang,
        ).frozen(),
        ranks=ranks,
    )


@dataclass(frozen=True)
class ProvincesView:
    year: int
    all_provinces: Chart
    origin_code: str
    facts: str  # the chosen province this year, in one sentence
    trend: Chart


def provinces_view(con: Connection, origin_code: str, lang: Language) -> ProvincesView:
    attribution = queries.attributions(con, lang)["trade"]
    year = annual_trade.latest_year(con)
    names = dict(zip(*annual_trade.origins(con, lang).to_dict("list").values(), strict=True))
    series = annual_trade.origin_series(con, origin_code)
    latest = records(series[series["year"] == year])
    facts = ""
    if latest and latest[0]["exports_to_mexico_cad"] is not None:
        row = latest[0]
        facts = t(
            "trade.province_facts",
            lang,
            origin=names[origin_code],
            year=year,
            value=formatting.cad_short(row["exports_to_mexico_cad"], lang),
            share=formatting.percent_or_dash(row["mexico_share_pct"], lang, 2),
            rank=formatting.rank(row["mexico_rank"], lang),
        )
    return ProvincesView(
        year=year,
        all_provinces=provinces_chart(
            annual_trade.origins_in_year(con, year, lang), year, attribution, lang
        ).frozen(),
        origin_code=origin_code,
        facts=facts,
        trend=province_trend_chart(
            series, origin_code, names[origin_code], attribution, lang
        ).frozen(),
    )
