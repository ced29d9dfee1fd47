"""Query results turned into what a page shows: localised tables and status messages.

Pure functions (data in, data out) so the pages stay thin and the wording is tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission import charts, formatting, maps, queries, timeline
from trade_mission.charts import Chart
from trade_mission.eligibility import QUESTION_FOR, Assessment, Profile
from trade_mission.i18n import t
from trade_mission.queries import Mission, SourceDocument, records


@dataclass(frozen=True)
class StatusMessage:
    kind: str  # "success" while registration is open, "warning" once it has closed
    text: str


def mission_status_message(mission: Mission, as_of: dt.datetime, lang: str) -> StatusMessage:
    """Whether registration is open at ``as_of``, and where the mission stands."""
    status = timeline.mission_status(
        mission.start_date,
        mission.end_date,
        mission.registration_deadline_utc,
        mission.registration_time_zone,
        as_of,
    )
    deadline = formatting.deadline(
        mission.registration_deadline_utc, mission.registration_time_zone, lang
    )
    dates = formatting.date_range(mission.start_date, mission.end_date, lang)
    if status.registration_open:
        return StatusMessage("success", t("status.open", lang, deadline=deadline, dates=dates))
    text = " ".join(
        [
            t("status.closed", lang, deadline=deadline),
            t(f"status.phase.{status.phase}", lang, dates=dates),
            t("status.contact", lang, email=mission.contact_email),
        ]
    )
    return StatusMessage("warning", text)


def programme_table(programme: pd.DataFrame, lang: str) -> pd.DataFrame:
    """City, dates and kind of programming, in date order."""
    return pd.DataFrame(
        {
            t("column.city", lang): programme["city_name"].tolist(),
            t("column.dates", lang): [
                formatting.date_range(row["start_date"], row["end_date"], lang)
                for row in records(programme)
            ],
            t("column.programming", lang): [
                t(f"programme.kind.{kind}", lang) for kind in programme["kind"]
            ],
        }
    )


def sector_cities_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each sector with the cities where its programme runs."""
    return pd.DataFrame(
        {
            t("column.sector", lang): summary["name"].tolist(),
            t("column.cities", lang): summary["cities"].tolist(),
        }
    )


# Self-assessment -------------------------------------------------------------------------------

STATUS_SYMBOLS = {"met": "✓", "not_met": "✗", "unanswered": "?"}
VERDICT_KINDS = {"meets_criteria": "success", "incomplete": "info", "does_not_meet": "error"}


def verdict_message(assessment: Assessment, lang: str) -> StatusMessage:
    """The verdict in words (never colour alone), with the track it was judged on."""
    text = " ".join(
        [
            t(f"eligibility.verdict.{assessment.verdict}", lang),
            t(
                "eligibility.judged_as",
                lang,
                track=t(f"eligibility.track.{assessment.track}", lang),
            ),
        ]
    )
    return StatusMessage(VERDICT_KINDS[assessment.verdict], text)


def status_text(status: str, lang: str) -> str:
    """ "✓ Met", "✗ Not met", "? Unanswered": a symbol and a word, never colour alone."""
    return f"{STATUS_SYMBOLS[status]} {t(f'eligibility.status.{status}', lang)}"


def criteria_table(assessment: Assessment, lang: str) -> pd.DataFrame:
    """Every criterion that applies: its result, what it means and what to do."""
    return pd.DataFrame(
        {
            t("eligibility.column.criterion", lang): [
                t(f"eligibility.title.{result.id}", lang) for result in assessment.criteria
            ],
            t("eligibility.column.result", lang): [
                status_text(result.status, lang) for result in assessment.criteria
            ],
            t("eligibility.column.meaning", lang): [
                result.explanation for result in assessment.criteria
            ],
            t("eligibility.column.next_step", lang): [
                result.next_step or "—" for result in assessment.criteria
            ],
        }
    )


def b2b_message(assessment: Assessment, lang: str) -> str:
    if assessment.b2b_meetings:
        return t("eligibility.b2b.yes", lang)
    if assessment.track == "sme":
        return t("eligibility.b2b.sme_not_yet", lang)
    return t("eligibility.b2b.not_sme", lang)


def registration_message(assessment: Assessment, mission: Mission, lang: str) -> StatusMessage:
    deadline = formatting.deadline(
        mission.registration_deadline_utc, mission.registration_time_zone, lang
    )
    if assessment.registration_open:
        return StatusMessage(
            "success", t("eligibility.registration.open", lang, deadline=deadline)
        )
    return StatusMessage(
        "warning",
        t("eligibility.registration.closed", lang, deadline=deadline, email=mission.contact_email),
    )


def sector_programme_lines(
    cities: tuple[str, ...], programme: pd.DataFrame, lang: str
) -> list[str]:
    """Where and when the sector's programme runs, city by city."""
    lines = []
    for row in records(programme):
        if row["city"] in cities:
            dates = formatting.date_range(row["start_date"], row["end_date"], lang)
            kind = t(f"programme.kind.{row['kind']}", lang)
            city = row["city_name"]
            lines.append(t("eligibility.where_line", lang, city=city, dates=dates, kind=kind))
    return lines


def answer_text(value: object, lang: str) -> str:
    if value is True:
        return t("common.yes", lang)
    if value is False:
        return t("common.no", lang)
    if value is None:
        return t("eligibility.not_answered", lang)
    return str(value)


def answers_table(
    assessment: Assessment, profile: Profile, sector_names: dict[str, str], lang: str
) -> pd.DataFrame:
    """The answers given to the questions that applied, as the summary records them."""
    asked = {"organization_type", "sector", "representatives"} | {
        QUESTION_FOR[result.id] for result in assessment.criteria
    }
    if profile.organization_type == "company":
        asked.add("employees")
    answers = {name: value for name, value in profile.to_json().items() if name in asked}
    shown = {
        "organization_type": t(
            f"eligibility.question.organization_type.{profile.organization_type}", lang
        ),
        "sector": (
            sector_names.get(profile.sector)
            or (t("eligibility.question.sector.other", lang) if profile.sector else None)
        ),
    }
    questions, values = [], []
    for name, value in answers.items():
        questions.append(t(f"eligibility.question.{name}.label", lang))
        values.append(answer_text(shown.get(name, value), lang))
    return pd.DataFrame(
        {
            t("eligibility.column.question", lang): questions,
            t("eligibility.column.answer", lang): values,
        }
    )


# Sectors -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    rejected: bool  # the address asked for something that is not a choice


def choose(requested: list[str], allowed: list[str], current: str | None = None) -> Choice:
    """What an address parameter picks among ``allowed``.

    The last value wins when the key is repeated; anything not allowed (a typo, a script,
    a very long string) is rejected, and the current choice or the first one stays.
    """
    fallback = current if current in allowed else allowed[0]
    if not requested:
        return Choice(fallback, False)
    value = requested[-1]
    if value in allowed:
        return Choice(value, False)
    return Choice(fallback, True)


# The bar charts each sector's section supports (see charts.FIGURE_CHARTS); advanced
# manufacturing states one number, so it gets the map of its clusters instead.
SECTOR_FIGURE_CHARTS = {
    "creative_industries": ("creative_composition_2022", "creative_exports_2021_2022"),
    "agriculture_processed_foods": ("agrifood_trade_2024", "agrifood_shares_2024"),
    "ict": ("ict_turnover_2023_2024", "ict_digital_adoption"),
    "clean_technologies": ("clean_targets_2030",),
}


def sector_charts(
    sector_id: str,
    figures: pd.DataFrame,
    source: SourceDocument,
    lang: str,
    *,
    states: pd.DataFrame,
    cluster_states: pd.DataFrame,
    programme: pd.DataFrame,
    sector_cities: pd.DataFrame,
    attributions: dict[str, str],
) -> list[Chart]:
    """The charts that fit what the page says about one sector.

    A sector whose section gives a single number gets no bar chart (its number is shown
    as a metric); advanced manufacturing gets the map of its aerospace clusters.
    """
    if sector_id in SECTOR_FIGURE_CHARTS:
        return [
            charts.figure_chart(chart_id, figures, source, lang)
            for chart_id in SECTOR_FIGURE_CHARTS[sector_id]
        ]
    if sector_id == "advanced_manufacturing":
        clusters = cluster_states[cluster_states["sector_id"] == sector_id]
        hosts = programme[programme["city"].isin(sector_cities["city"])]
        names = clusters["state_name"].tolist()
        values = dict(count=len(names), states=formatting.join(names, lang))
        return [
            maps.mexico_map(
                "aerospace_clusters",
                states,
                clusters,
                hosts,
                title=t("chart.clusters.title", lang, **values),
                alt=t("chart.clusters.alt", lang, **values),
                source=source,
                attributions=attributions,
                lang=lang,
            )
        ]
    return []


def opportunity_groups(opportunities: pd.DataFrame, lang: str) -> list[tuple[str, list[dict]]]:
    """Opportunities by kind (sub-sectors first), each item with its source sentence."""
    by_category: dict[str, list[dict]] = {}
    for row in opportunities[["category", "item", "quote", "line"]].to_dict("records"):
        by_category.setdefault(row.pop("category"), []).append(row)
    return [
        (t(f"opportunity.category.{category}", lang), by_category[category])
        for category in charts.CATEGORY_PATTERNS
        if category in by_category
    ]


def comparison_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
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


# Programme ---------------------------------------------------------------------------------------


def sector_city_matrix(
    sectors: pd.DataFrame, sector_cities: pd.DataFrame, programme: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """Sectors down, host cities across; each cell says whether and when, in words."""
    cells = {}
    for city in records(programme):
        dates = formatting.date_range(city["start_date"], city["end_date"], lang)
        hosted = set(sector_cities.loc[sector_cities["city"] == city["city"], "sector_id"])
        cells[city["city_name"]] = [
            t("programme.matrix.yes", lang, dates=dates) if sector in hosted else "—"
            for sector in sectors["sector_id"]
        ]
    return pd.DataFrame({t("column.sector", lang): sectors["name"].tolist(), **cells})


# Sources -----------------------------------------------------------------------------------------


def figures_table(figures: pd.DataFrame, sector_names: dict[str, str], lang: str) -> pd.DataFrame:
    """Every figure as the sources page lists it: as stated, with its quote or formula.

    The CSV download keeps every database column (ids, units, raw values); this table is
    for reading.
    """
    rows = []
    for row in records(figures):
        rows.append(
            {
                t("column.figure", lang): row["label"],
                t("column.as_shown", lang): formatting.figure_value(row, lang),
                t("column.year", lang): "" if row["year"] is None else str(row["year"]),
                t("column.sector", lang): sector_names.get(row["sector_id"])
                or t("sources.country_wide", lang),
                t("column.derived", lang): t(
                    "common.yes" if row["is_derived"] else "common.no", lang
                ),
                t("column.quote_or_formula", lang): row["formula"]
                if row["is_derived"]
                else row["quote"],
                t("column.line", lang): "" if row["line"] is None else str(row["line"]),
            }
        )
    return pd.DataFrame(rows)


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of ``query`` appears somewhere (any case, any column)."""
    words = query.casefold().split()
    if not words:
        return table
    text = table.astype(str).agg(" ".join, axis=1).str.casefold()
    keep = text.apply(lambda row: all(word in row for word in words))
    return table[keep]


# Charts as pages ask for them -------------------------------------------------------------
# Each takes a connection first, like the queries, so ``store.run`` caches the built chart
# for the life of a database version: building a figure costs more than drawing it.


def overview_chart(con, lang: str) -> Chart:
    """Bilateral trade in 1994 and 2024."""
    return charts.figure_chart(
        "bilateral_trade",
        queries.figures(con, queries.COUNTRY_FIGURES, lang),
        queries.source_document(con, lang),
        lang,
    ).frozen()


def sector_charts_for(con, sector_id: str, lang: str) -> list[Chart]:
    """The charts of one sector, from the database."""
    built = sector_charts(
        sector_id,
        queries.figures(con, sector_id, lang),
        queries.source_document(con, lang),
        lang,
        states=queries.states(con),
        cluster_states=queries.cluster_states(con, lang),
        programme=queries.programme(con, lang),
        sector_cities=queries.sector_cities(con, sector_id, lang),
        attributions=queries.attributions(con, lang),
    )
    return [chart.frozen() for chart in built]


def comparison_chart(con, lang: str) -> Chart:
    """Opportunities named per sector, all five."""
    return charts.opportunity_counts_chart(
        queries.opportunity_counts(con),
        queries.sectors(con, lang),
        queries.source_document(con, lang),
        lang,
    ).frozen()


def programme_charts(con, lang: str) -> tuple[Chart, Chart]:
    """The programme's timeline and the map of host cities and cluster states."""
    source = queries.source_document(con, lang)
    programme = queries.programme(con, lang)
    clusters = queries.cluster_states(con, lang)
    timeline = charts.programme_timeline(programme, source, lang)
    atlas = maps.programme_map(
        queries.states(con), clusters, programme, source, queries.attributions(con, lang), lang
    )
    return timeline.frozen(), atlas.frozen()


# Everything a page shows, in one cached read -------------------------------------------------


@dataclass(frozen=True)
class OverviewPage:
    mission: Mission
    source: SourceDocument
    city_names: list[str]
    sector_names: list[str]
    sector_links: list[tuple[str, str]]  # (sector id, short name)
    programme_table: pd.DataFrame
    sector_table: pd.DataFrame
    figures: list[dict]
    inputs: dict[str, list[dict]]
    chart: Chart


def overview_page(con, lang: str) -> OverviewPage:
    """The overview's data: one cached read per rerun instead of one per query."""
    programme = queries.programme(con, lang)
    summary = queries.sector_summary(con, lang)
    return OverviewPage(
        mission=queries.mission(con, lang),
        source=queries.source_document(con, lang),
        city_names=programme["city_name"].tolist(),
        sector_names=summary["short_name"].tolist(),
        sector_links=list(zip(summary["sector_id"], summary["short_name"], strict=True)),
        programme_table=programme_table(programme, lang),
        sector_table=sector_cities_table(summary, lang),
        figures=records(queries.figures(con, queries.COUNTRY_FIGURES, lang)),
        inputs=queries.derived_figure_inputs(con, lang),
        chart=overview_chart(con, lang),
    )


@dataclass(frozen=True)
class SectorPage:
    sector_id: str
    name: str
    source: SourceDocument
    where: list[str]
    figures: list[dict]
    inputs: dict[str, list[dict]]
    charts: list[Chart]
    opportunities: list[tuple[str, list[dict]]]
    companies: list[str]
    companies_role: str | None
    companies_quote: str | None
    comparison: Chart
    comparison_table: pd.DataFrame
    sector_links: list[tuple[str, str]]


def sector_page(con, sector_id: str, lang: str) -> SectorPage:
    """One sector's view and the comparison of all five, in one cached read."""
    summary = queries.sector_summary(con, lang)
    names = dict(zip(summary["sector_id"], summary["name"], strict=True))
    cities = queries.sector_cities(con, sector_id, lang)
    companies = queries.companies(con, sector_id)
    return SectorPage(
        sector_id=sector_id,
        name=names[sector_id],
        source=queries.source_document(con, lang),
        where=sector_programme_lines(tuple(cities["city"]), queries.programme(con, lang), lang),
        figures=records(queries.figures(con, sector_id, lang)),
        inputs=queries.derived_figure_inputs(con, lang),
        charts=sector_charts_for(con, sector_id, lang),
        opportunities=opportunity_groups(queries.opportunities(con, sector_id, lang), lang),
        companies=companies["company"].tolist(),
        companies_role=companies["role"].iloc[0] if len(companies) else None,
        companies_quote=companies["quote"].iloc[0] if len(companies) else None,
        comparison=comparison_chart(con, lang),
        comparison_table=comparison_table(summary, lang),
        sector_links=list(zip(summary["sector_id"], summary["short_name"], strict=True)),
    )
