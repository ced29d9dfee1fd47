"""The briefing deck's data, read and drawn in the deck's language."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from trade_mission.charts.annual_trade import sectors_trade_chart
from trade_mission.charts.base import Chart
from trade_mission.charts.curated import ChartInputs, curated_charts
from trade_mission.charts.dollars import chapter_name
from trade_mission.charts.maps import programme_map
from trade_mission.charts.programme import programme_timeline
from trade_mission.data import annual_trade, mexico, queries
from trade_mission.data.database import Connection, records
from trade_mission.reports.briefing_data import (
    BriefingData,
    LatestMonths,
    MarketChapter,
    MarketSlide,
    SectorTradeLine,
)
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t
from trade_mission.views.chart_inputs import chart_inputs
from trade_mission.views.latest_months import latest_months_view, stale_text
from trade_mission.views.sectors import opportunity_groups, sector_trade
from trade_mission.views.trade import checks_by_figure, provinces_view, trade_overview


def months_chart_for_slide(chart: Chart) -> Chart:
    """The monthly chart as the latest-months slide draws it: its credit in the slide's
    footer rather than under the image (the image gets that height, and its axis title
    fits), and the mission's label above the plot, where it covers no month."""
    figure = copy.deepcopy(chart.figure)
    assert isinstance(figure, dict)
    for annotation in figure["layout"].get("annotations", []):
        annotation.update(y=1.0, yanchor="bottom", bgcolor="rgba(255,255,255,0)")
    return dataclasses.replace(chart, figure=figure, beyond_page="")


def market_slide(con: Connection, lang: Language) -> MarketSlide:
    """The mission sectors' chapters in Mexico's own records and at its border."""
    periods = mexico.periods(con)
    attributions = queries.attributions(con, lang)
    imports = {row["chapter"]: row for row in records(mexico.chapter_imports(con, lang))}
    tariffs = {row["chapter"]: row for row in records(mexico.tariff_chapters(con))}
    links = annual_trade.sector_chapters(con, lang)
    chapters = []
    for hs2 in sorted(set(links["hs2"])):
        row, tariff = imports[hs2], tariffs[hs2]
        chapters.append(
            MarketChapter(
                hs2=hs2,
                sector_ids=tuple(links.loc[links["hs2"] == hs2, "sector_id"]),
                line=t(
                    "briefing.market.line",
                    lang,
                    chapter=chapter_name(hs2, str(row["label"])),
                    imports=formatting.usd_millions(row["imports_full_year"], lang),
                    year=periods.full_year,
                    growth=formatting.signed_percent(row["cagr_since_2019_pct"], lang),
                    ytd=formatting.change(row["change_ytd_pct"], lang),
                    count=formatting.number(tariff["lines_25_or_more"], lang),
                    total=formatting.number(tariff["lines"], lang),
                ),
                imports=float(row["imports_full_year"] or 0),
            )
        )
    schedule = formatting.date(
        formatting.as_date(next(iter(tariffs.values()))["schedule_date"]), lang
    )
    release = formatting.date(periods.release_date, lang)
    ytd = formatting.month_span(dt.date(periods.ytd_year, 1, 1), periods.last_month, lang)
    return MarketSlide(
        title=t("briefing.market.title", lang),
        intro=t("briefing.market.intro", lang, year=periods.full_year, ytd=ytd),
        chapters=chapters,
        notes=[
            t(
                "briefing.market.note_source",
                lang,
                attribution=attributions["mexico_trade"],
                release=release,
                last=formatting.month(periods.last_month, lang),
            ),
            t("briefing.market.note_records", lang),
            t(
                "briefing.market.note_tariff",
                lang,
                attribution=attributions["mexico_tariff"],
                date=schedule,
            ),
            t("mexico_market.formula.cagr_short", lang),
        ],
        footer=t("briefing.market.footer", lang, release=release, date=schedule),
    )


def sector_trade_lines(
    con: Connection, inputs: ChartInputs, lang: Language
) -> dict[str, SectorTradeLine]:
    """Each sector's goods trade in one sentence, as its view states it."""
    attribution = inputs.attributions["trade"]
    lines = {}
    for sector_id in queries.sector_ids(con):
        summary = sector_trade(con, inputs, sector_id, lang)
        if summary.coverage == "proxy":
            text = t("briefing.goods_proxy", lang, chapters=summary.chapters)
        else:
            facts = {fact.label: fact.value for fact in summary.facts}
            text = t(
                "briefing.goods_line",
                lang,
                chapters=summary.chapters,
                value=facts[t("trade.metric.exports", lang)],
                year=summary.year,
                rank=facts[t("trade.metric.rank", lang)],
                coverage=summary.coverage_text,
            )
        lines[sector_id] = SectorTradeLine(
            text=text,
            source=t("briefing.note_goods", lang, note=summary.note, attribution=attribution),
        )
    return lines


def latest_months(con: Connection, lang: Language) -> tuple[LatestMonths, list]:
    """The "Latest months" slide, and the trade page's monthly charts for the chart pack."""
    view = latest_months_view(con, lang)
    twelve = t(
        "monthly.latest_12_label", lang, last=formatting.month(view.latest.last_month, lang)
    )
    facts = [
        *[
            (
                t("briefing.latest_fact", lang, label=fact.label, period=twelve),
                fact.value,
                fact.short,
            )
            for fact in view.facts[:2]
        ],
        *[
            (
                t("briefing.latest_fact", lang, label=fact.label, period=view.year_to_date_span),
                fact.value,
                fact.short,
            )
            for fact in view.year_to_date
        ],
        (
            t("briefing.latest_fact", lang, label=view.facts[2].label, period=twelve),
            view.facts[2].value,
            view.facts[2].short,
        ),
    ]
    exact = [
        t("briefing.note_fact", lang, label=label, value=value, comparison=fact.comparison)
        for (label, value, _), fact in zip(
            facts, [*view.facts[:2], *view.year_to_date, view.facts[2]], strict=True
        )
    ]
    notes = [
        t("briefing.note_latest", lang, as_of=view.as_of),
        t("monthly.not_adjusted", lang),
        *exact,
        t("monthly.change.explanation", lang),
        view.since_mission,
        view.revisions,
        t("trade.attribution", lang, attribution=view.attribution),
    ]
    slide = LatestMonths(
        title=t(
            "briefing.latest_title", lang, last=formatting.month(view.latest.last_month, lang)
        ),
        stale_title=t(
            "briefing.latest_title_stale",
            lang,
            last=formatting.month(view.latest.last_month, lang),
        ),
        facts=facts,
        chart=months_chart_for_slide(view.months_chart),
        notes=notes,
        last_month=view.latest.last_month,
        stale_note=stale_text(view.latest, lang),
        footer=t(
            "briefing.latest_footer",
            lang,
            release=formatting.date(view.latest.release_date, lang),
        ),
    )
    return slide, [view.months_chart, view.shares_chart]


def load_briefing_data(con: Connection, lang: Language) -> BriefingData:
    """Everything the deck and the chart pack show, with names and labels in ``lang``."""
    inputs = chart_inputs(con, lang)
    sector_ids = queries.sector_ids(con)
    opportunities = queries.opportunities(con, None, lang)
    names = dict(zip(inputs.sectors["sector_id"], inputs.sectors["name"], strict=True))
    coverage = dict(
        zip(
            *annual_trade.sector_trade_notes(con, lang)[["sector_id", "coverage"]]
            .to_dict("list")
            .values(),
            strict=True,
        )
    )
    overview = trade_overview(con, lang)
    drawn = queries.chart_figures(con)
    provinces = provinces_view(con, "CA", lang)
    latest, monthly_charts = latest_months(con, lang)
    return BriefingData(
        mission=queries.mission(con, lang),
        source=inputs.source,
        sectors=inputs.sectors,
        figures=inputs.figures,
        inputs=queries.derived_figure_inputs(con, lang),
        programme=inputs.programme,
        sector_cities=inputs.sector_cities,
        opportunities={
            sector_id: opportunity_groups(
                opportunities[opportunities["sector_id"] == sector_id], lang
            )
            for sector_id in sector_ids
        },
        companies=queries.companies(con),
        criteria=queries.eligibility_criteria(con, lang),
        notices=queries.notices(con),
        attributions=inputs.attributions,
        activities=queries.programme_activities(con, lang),
        country_charts=[chart.frozen() for chart in curated_charts(inputs, None, lang)],
        sector_charts={
            sector_id: [
                chart.frozen() for chart in curated_charts(inputs, sector_id, lang, trade=False)
            ]
            for sector_id in sector_ids
        },
        sector_trade_charts={
            sector_id: [
                chart.frozen() for chart in curated_charts(inputs, sector_id, lang, trade=True)
            ]
            for sector_id in sector_ids
        },
        sector_trade_lines=sector_trade_lines(con, inputs, lang),
        checks=checks_by_figure(con, lang),
        trade_attribution=inputs.attributions["trade"],
        comparison=sectors_trade_chart(
            inputs.sector_trade, names, coverage, inputs.attributions["trade"], lang
        ).frozen(),
        trade_page_charts=[overview.ranking, provinces.all_provinces],
        headlines=queries.headline_figures(con),
        chart_figures={
            chart_id: group["figure_id"].tolist() for chart_id, group in drawn.groupby("chart_id")
        },
        timeline=programme_timeline(inputs.programme, inputs.source, lang).frozen(),
        programme_map=programme_map(
            inputs.states,
            inputs.clusters,
            inputs.programme,
            inputs.source,
            inputs.attributions,
            lang,
        ).frozen(),
        latest_months=latest,
        monthly_charts=monthly_charts,
        market=market_slide(con, lang),
    )
