"""One self-assessment result, composed once, for the page and the PDF to render alike.

``assessment_report(profile, assessment, context, lang)`` turns the rules' ``Assessment``
into everything a reader is told: the verdict in words, the criterion-by-criterion table,
business-to-business meetings, where and when, registration, representatives, the page's
advice on applying, costs and travel, and the answers given. Each passage the page states
comes with its verbatim quote. When the firm says what it exports, a market-context panel
from the trade statistics goes with the verdict; it never changes the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.reports.practical import PracticalFact, practical_facts
from trade_mission.reports.programme import programme_lines
from trade_mission.reports.status import MessageKind, StatusMessage
from trade_mission.rules.eligibility import (
    NOT_SURE,
    Assessment,
    MissionFacts,
    Profile,
    Status,
    Verdict,
)
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

STATUS_SYMBOLS: dict[Status, str] = {
    "met": "✓",
    "not_met": "✗",
    "not_sure": "?",
    "unanswered": "…",
}
VERDICT_KINDS: dict[Verdict, MessageKind] = {
    "meets_criteria": "success",
    "incomplete": "info",
    "does_not_meet": "error",
}
# The page's passages on applying, quoted with every result.
ADVICE_NOTICES = ("tailored_application", "incomplete_information", "screening")


@dataclass(frozen=True)
class AssessmentContext:
    """What a report needs from the database besides the assessment itself."""

    mission: Mission
    source: SourceDocument
    facts: MissionFacts
    sector_names: dict[str, str]
    programme: pd.DataFrame
    notices: dict[str, str]
    trade_attribution: str
    mexico_attribution: str  # INEGI's credit, for Mexico's side of the market panel


@dataclass(frozen=True)
class ChapterInMexico:
    """One HS chapter in Mexico's own records (INEGI, US dollars) and tariff schedule."""

    imports_full_year: float | None
    full_year: int
    change_ytd_pct: float | None
    ytd_period: str  # "January to May 2026", in the report's language
    cagr_since_2019_pct: float | None
    lines: int
    lines_25_or_more: int
    highest_rate_pct: float | None
    exclusion_may_apply: bool  # some lines concern dairy, poultry, eggs or sugar


@dataclass(frozen=True)
class ChapterMarket:
    """One HS chapter a firm exports, as the trade statistics show it in their latest year."""

    hs2: str
    name: str  # "03 · Fish, crustaceans and molluscs"
    year: int
    exports_to_mexico_cad: float | None
    cagr_5y_pct: float | None
    cagr_10y_pct: float | None
    mexico_rank: int | None
    representation_ratio: float | None
    benchmark_gap_cad: float | None
    sectors: list[tuple[str, str]]  # (sector name, how much of the chapter is the sector's)
    cities: list[str]  # where those sectors' programme runs
    mexico: ChapterInMexico | None = None  # Mexico's side: its imports and its border


@dataclass(frozen=True)
class MarketPanel:
    """What Mexico buys of what the firm exports: one row per chapter, where each chapter
    falls in the mission, and how every derived number is computed."""

    title: str
    table: pd.DataFrame
    places: list[str]  # "03 · Fish ...: Agriculture and processed foods (...). Programme: ..."
    canada_heading: str  # what ``table`` holds: Canada's record of its sales to Mexico
    mexico_heading: str
    mexico_table: pd.DataFrame | None  # Mexico's imports and general rates, per chapter
    mexico_source: str
    never_changes_verdict: str
    derived: str  # which columns are computed, and how
    source: str


@dataclass(frozen=True)
class HelpLink:
    """Where to get help: a Markdown link on the page; its label and address in the PDF."""

    label: str
    url: str

    @property
    def markdown(self) -> str:
        return f"[{self.label}]({self.url})"


@dataclass(frozen=True)
class AssessmentReport:
    """Everything a result says. An out-of-scope business gets one answer: the verdict,
    why, the criteria and where to turn instead; none of the sections about taking part
    (meetings, dates, registration, representatives, applying)."""

    verdict: StatusMessage
    not_selection: str | None  # when the verdict is not a refusal: meeting is not selection
    not_selection_quote: str | None
    criteria: pd.DataFrame
    b2b: str
    b2b_quote: str
    where: list[str]  # where and when the sector's programme runs, city by city
    registration: StatusMessage
    representatives: list[str]  # warnings
    representatives_quote: str
    advice_quotes: list[str]
    practical: list[PracticalFact]  # costs and travel; none for an out-of-scope business
    answers: pd.DataFrame
    market: MarketPanel | None  # only when the firm chose what it exports
    instead: str | None  # set only for an out-of-scope business: what it can do instead
    help: list[HelpLink]


def status_text(status: Status, lang: Language) -> str:
    """ "✓ Met", "✗ Not met", "? Not sure", "… Unanswered": a symbol and a word, never
    colour alone. Its spaces do not break, so "✓ Satisfait" and "✗ Non satisfait" stay on
    one line in a narrow column."""
    word = t(f"eligibility.status.{status}", lang).replace(" ", "\u00a0")
    return f"{STATUS_SYMBOLS[status]}\u00a0{word}"


def is_out_of_scope(assessment: Assessment) -> bool:
    """The page puts the business out of scope: nothing else it could do makes it fit."""
    return any(
        result.id == "in_scope" and result.status == "not_met" for result in assessment.criteria
    )


def verdict_message(assessment: Assessment, lang: Language) -> StatusMessage:
    """The verdict in words (never colour alone), with the track it was judged on."""
    if is_out_of_scope(assessment):
        return StatusMessage(
            "error",
            " ".join(
                [t("eligibility.verdict.out_of_scope", lang), t("eligibility.out_of_scope", lang)]
            ),
        )
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


def criteria_table(assessment: Assessment, lang: Language) -> pd.DataFrame:
    """Every criterion that applies: its result, what it means and what to do. For a
    business out of scope, only the criterion that decides it: the others would ask it to
    answer questions that no longer matter."""
    results = [
        result
        for result in assessment.criteria
        if not is_out_of_scope(assessment) or result.id == "in_scope"
    ]
    return pd.DataFrame(
        {
            t("eligibility.column.criterion", lang): [
                t(f"eligibility.title.{result.id}", lang) for result in results
            ],
            t("eligibility.column.result", lang): [
                status_text(result.status, lang) for result in results
            ],
            t("eligibility.column.meaning", lang): [result.explanation for result in results],
            # Out of scope, what to do instead has its own section below: said once.
            t("eligibility.column.next_step", lang): [
                t("eligibility.criterion.in_scope.next_below", lang)
                if is_out_of_scope(assessment)
                else result.next_step or "—"
                for result in results
            ],
        }
    )


def b2b_message(assessment: Assessment, lang: Language) -> str:
    if is_out_of_scope(assessment):
        return t("eligibility.b2b.out_of_scope", lang)
    if assessment.b2b_meetings:
        return t("eligibility.b2b.yes", lang)
    if assessment.track == "sme":
        return t("eligibility.b2b.sme_not_yet", lang)
    return t("eligibility.b2b.not_sme", lang)


def registration_message(
    assessment: Assessment, mission: Mission, lang: Language
) -> StatusMessage:
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


def help_links(mission: Mission, lang: Language) -> list[HelpLink]:
    """The Trade Commissioner Service, the Business Benefits Finder and the mission's team,
    which the advice names."""
    return [
        HelpLink(t("links.tcs", lang), t("links.tcs_url", lang)),
        HelpLink(t("links.benefits_finder", lang), t("links.benefits_finder_url", lang)),
        HelpLink(
            t("links.team", lang, email=mission.contact_email), f"mailto:{mission.contact_email}"
        ),
    ]


def answer_text(value: object, lang: Language) -> str:
    if value is True:
        return t("common.yes", lang)
    if value is False:
        return t("common.no", lang)
    if value == NOT_SURE:
        return t("assessment.choice.not_sure", lang)
    if value is None:
        return t("eligibility.not_answered", lang)
    return str(value)


def answers_table(
    assessment: Assessment, profile: Profile, context: AssessmentContext, lang: Language
) -> pd.DataFrame:
    """The answers given to the questions that applied, as the summary records them."""
    asked = context.facts.questions_for(profile.organization_type, profile.employees)
    shown = {
        "organization_type": t(
            f"eligibility.question.organization_type.{profile.organization_type}", lang
        ),
        "sector": (
            context.sector_names.get(profile.sector or "")
            or (t("eligibility.question.sector.other", lang) if profile.sector else None)
        ),
    }
    questions, values = [], []
    for name in context.facts.profile_fields:
        if name in asked:
            questions.append(t(f"eligibility.question.{name}.label", lang))
            values.append(answer_text(shown.get(name, profile.to_json().get(name)), lang))
    return pd.DataFrame(
        {
            t("eligibility.column.question", lang): questions,
            t("eligibility.column.answer", lang): values,
        }
    )


def mexico_table(markets: list[ChapterMarket], lang: Language) -> pd.DataFrame | None:
    """Mexico's imports of each chapter and the general rates at its border."""
    held = [market for market in markets if market.mexico is not None]
    if not held:
        return None
    first = held[0].mexico
    assert first is not None
    rows = []
    for market in held:
        mexico = market.mexico
        assert mexico is not None
        rows.append(
            {
                t("market.column.chapter", lang): market.name,
                t("market.mexico.imports", lang, year=first.full_year): formatting.usd_millions(
                    mexico.imports_full_year, lang
                ),
                t("market.mexico.ytd", lang, period=first.ytd_period): formatting.signed_percent(
                    mexico.change_ytd_pct, lang
                ),
                t("market.mexico.since_2019", lang): formatting.signed_percent(
                    mexico.cagr_since_2019_pct, lang
                ),
                t("market.mexico.rates", lang): t(
                    "market.mexico.rates_value",
                    lang,
                    count=formatting.number(mexico.lines_25_or_more, lang),
                    total=formatting.number(mexico.lines, lang),
                    highest=formatting.percent_or_dash(mexico.highest_rate_pct, lang, 0),
                ),
                t("market.mexico.canada", lang): t(
                    "mexico_market.canada.exclusion_may_apply"
                    if mexico.exclusion_may_apply
                    else "mexico_market.canada.duty_free",
                    lang,
                ),
            }
        )
    return pd.DataFrame(rows)


def market_panel(
    markets: list[ChapterMarket],
    attribution: str,
    lang: Language,
    mexico_attribution: str = "",
) -> MarketPanel | None:
    """The market-context panel for the chapters a firm exports; None when it chose none."""
    if not markets:
        return None
    year = markets[0].year
    table = pd.DataFrame(
        {
            t("market.column.chapter", lang): [market.name for market in markets],
            t("market.column.exports", lang, year=year): [
                formatting.cad_short(market.exports_to_mexico_cad, lang) for market in markets
            ],
            t("market.column.growth", lang): [
                " / ".join(
                    formatting.signed_percent(value, lang)
                    for value in (market.cagr_5y_pct, market.cagr_10y_pct)
                )
                for market in markets
            ],
            t("market.column.rank", lang): [
                formatting.rank(market.mexico_rank, lang) for market in markets
            ],
            t("market.column.ratio", lang): [
                formatting.number_or_dash(market.representation_ratio, lang, 2)
                for market in markets
            ],
            t("market.column.gap", lang): [
                formatting.cad_short(market.benchmark_gap_cad, lang) for market in markets
            ],
        }
    )
    places = []
    for market in markets:
        if not market.sectors:
            places.append(t("market.place.none", lang, chapter=market.name))
            continue
        sectors = formatting.join(
            [
                t("market.place.sector", lang, sector=sector, coverage=coverage)
                for sector, coverage in market.sectors
            ],
            lang,
        )
        places.append(
            t(
                "market.place.line",
                lang,
                chapter=market.name,
                sectors=sectors,
                cities=formatting.join(market.cities, lang),
            )
        )
    return MarketPanel(
        title=t("market.title", lang),
        table=table,
        places=places,
        canada_heading=t("market.canada_heading", lang),
        mexico_heading=t("market.mexico.heading", lang),
        mexico_table=mexico_table(markets, lang),
        mexico_source=t("market.mexico.source", lang, attribution=mexico_attribution),
        never_changes_verdict=t("market.never_changes_verdict", lang),
        derived=t("market.derived", lang, year=year),
        source=t("market.source", lang, attribution=attribution, year=year),
    )


def assessment_report(
    profile: Profile,
    assessment: Assessment,
    context: AssessmentContext,
    lang: Language,
    markets: list[ChapterMarket] | None = None,
) -> AssessmentReport:
    refused = assessment.verdict == "does_not_meet"
    out_of_scope = is_out_of_scope(assessment)
    notices = context.notices
    return AssessmentReport(
        verdict=verdict_message(assessment, lang),
        not_selection=None if refused else t("eligibility.not_selection", lang),
        not_selection_quote=None if refused else notices["limited_places"],
        criteria=criteria_table(assessment, lang),
        b2b=b2b_message(assessment, lang),
        b2b_quote=notices["b2b_smes_only"],
        where=programme_lines(assessment.cities, context.programme, lang),
        registration=registration_message(assessment, context.mission, lang),
        representatives=list(assessment.warnings),
        representatives_quote=notices["representatives"],
        advice_quotes=[notices[notice_id] for notice_id in ADVICE_NOTICES],
        practical=[] if out_of_scope else practical_facts(notices, lang),
        answers=answers_table(assessment, profile, context, lang),
        market=market_panel(
            markets or [], context.trade_attribution, lang, context.mexico_attribution
        ),
        instead=t("eligibility.criterion.in_scope.next", lang) if out_of_scope else None,
        help=help_links(context.mission, lang),
    )
