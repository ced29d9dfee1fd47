"""The self-assessment: the rules' facts, what its page needs besides the form, and the
trade statistics for the chapters a firm says it exports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from trade_mission.charts.base import Chart
from trade_mission.charts.chapters import chapters_exports_chart
from trade_mission.charts.dollars import chapter_name
from trade_mission.data import annual_trade, mexico, queries
from trade_mission.data.database import Connection, records
from trade_mission.reports.assessment import AssessmentContext, ChapterInMexico, ChapterMarket
from trade_mission.rules.cusma import canadian_treatment
from trade_mission.rules.eligibility import (
    ORGANIZATION_TYPES,
    Assessment,
    Check,
    FormSection,
    MetWhen,
    MissionFacts,
    Profile,
    ProfileError,
    Scope,
    assess,
    parse_profile,
    profile_data_from_form,
    required_fields,
)
from trade_mission.text import formatting, search
from trade_mission.text.i18n import Language, t

# At most this many chapters: the panel stays a table one can read, the chart a few lines.
MAX_EXPORT_CHAPTERS = 6
# The questions about the organization itself, in the order the form asks them; the
# yes/no questions follow, by section.
WHO_QUESTIONS = ("organization_type", "employees", "sector", "representatives")
CHECK_SECTIONS: tuple[FormSection, ...] = ("offer", "plans", "organizations")


def load_facts(con: Connection) -> MissionFacts:
    """What the eligibility rules need, read from the database."""
    mission = queries.mission(con)
    cities = queries.sector_cities(con)
    figures = queries.figures(con, queries.COUNTRY_FIGURES).set_index("figure_id")
    rules = queries.outside_rules(con).set_index("rule_id")
    checks = tuple(
        Check(
            check_id=row.check_id,
            criterion_id=row.criterion_id,
            question=row.question,
            met_when=cast(MetWhen, row.met_when),
            form_section=cast(FormSection, row.form_section),
            applies_to=cast(Scope, row.applies_to),
            outside_rule=row.outside_rule if isinstance(row.outside_rule, str) else None,
        )
        for row in queries.eligibility_checks(con).itertuples()
    )
    return MissionFacts(
        sector_ids=tuple(queries.sector_ids(con)),
        sector_cities={
            str(sector_id): tuple(group["city"])
            for sector_id, group in cities.groupby("sector_id")
        },
        deadline_utc=mission.registration_deadline_utc,
        time_zone=mission.registration_time_zone,
        max_representatives=int(figures.loc["max_representatives", "value"]),
        sme_employee_limit=int(rules.loc["sme_employee_limit", "value"]),
        checks=checks,
    )


@dataclass(frozen=True)
class WhyWeAsk:
    """Why a question is asked: the page's criterion, and any rule from outside the page."""

    criterion: str | None  # the page's words, verbatim
    rule: str | None
    rule_source: str | None


CHAPTER_NUMBER = re.compile(r"[0-9]+")
# A heading, subheading or tariff line: four digits, then pairs, dotted or not (ASCII).
HS_CODE = re.compile(r"([0-9]{2})[0-9]{2}(?:[. ]?[0-9]{2}){0,2}")
# What the search reads of what was typed: the first words, never a page's worth.
SEARCH_MAX_CHARS = 80
# Words that join others and would find half the chapters on their own.
SMALL_WORDS = frozenset(
    {
        "and",
        "of",
        "the",
        "for",
        "with",
        "or",
        "an",
        "in",
        "et",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "pour",
        "avec",
        "ou",
        "en",
        "un",
        "une",
        "au",
        "aux",
    }
)


@dataclass(frozen=True)
class ChapterChoices:
    """The HS chapters a firm can say it exports, and the words that find each."""

    names: dict[str, str]  # hs2 -> "03 · Fish, crustaceans and molluscs", in the page's language
    words: dict[str, str]  # hs2 -> names and search words in both languages, folded
    services: dict[str, str | None]  # folded word for a service export -> its sector, if any

    def known(self, kept: object) -> list[str]:
        """The chapters a session kept that are still offered, at most the limit: what
        the session holds is never trusted as it is."""
        if not isinstance(kept, list):
            return []
        return [hs2 for hs2 in kept if hs2 in self.names][:MAX_EXPORT_CHAPTERS]

    def options(self, found: list[str], chosen: list[str]) -> list[str]:
        """What the chapter list offers: the matches, then the chapters already chosen (so
        a new search never drops one); with nothing found, every chapter."""
        if not found:
            return list(self.names)
        return [*found, *(hs2 for hs2 in chosen if hs2 not in found)]

    def services_in(self, query: str) -> list[str]:
        """The words typed that name services ("software", "film"), which goods
        statistics do not count."""
        return [word for word in search.words(query) if word in self.services]

    def service_sectors(self, query: str) -> list[str]:
        """The mission sectors those service words belong to, in id order."""
        return sorted(
            {sector for word in self.services_in(query) if (sector := self.services[word])}
        )

    def code_chapter(self, query: str) -> str | None:
        """The chapter of an HS code longer than a chapter's ("8708", "8708.29", "870829",
        "8708.29.99"): its first two digits, when that chapter is offered."""
        match = HS_CODE.fullmatch(query.strip())
        if match is None or match[1] not in self.names:
            return None
        return match[1]

    def find(self, query: str) -> list[str]:
        """The chapters the typed words find, in English or French, as the start of a word
        ("logiciel" finds "logiciels"): any word counts, and only the chapters matching
        the most words are offered, in chapter order ("fruits de mer" finds the seafood
        chapters, not every fruit). A number typed is a chapter number ("3" or "03" finds
        chapter 03 only); only the digits 0 to 9 make a number ("⓵" or "፩" is a word like
        any other, found nowhere). Words for services, single letters and small words
        such as "and" or "de" find nothing."""
        by_code = self.code_chapter(query)
        if by_code is not None:
            return [by_code]
        query_words = search.words(query)
        typed = [word for word in query_words if CHAPTER_NUMBER.fullmatch(word)]
        # A number of more than two digits is no chapter's: it leaves nothing to find.
        numbers = {int(word) if len(word) <= 2 else -1 for word in typed}
        text_words = {
            word
            for word in query_words
            if word not in typed
            and word not in self.services
            and word not in SMALL_WORDS
            and len(word) > 1
        }
        scores = {
            hs2: search.words_starting(words, text_words)
            for hs2, words in self.words.items()
            if not numbers or numbers == {int(hs2)}
        }
        if numbers:  # the chapter typed, if the other words typed are its own
            return [hs2 for hs2, score in scores.items() if score == len(text_words)]
        best = max(scores.values(), default=0)
        return [hs2 for hs2, score in scores.items() if score == best > 0]


@dataclass(frozen=True)
class FormOutcome:
    """What the self-assessment shows for the answers given so far."""

    who: tuple[str, ...]  # the questions about the organization asked, in order
    sections: tuple[tuple[FormSection, tuple[str, ...]], ...]  # yes/no questions asked
    # Blank questions to mark beside them, each with whether the result needs it (the
    # type, a company's size) or is only incomplete without it; none before a result is
    # asked for, and none once the result is complete or not met.
    missing: Mapping[str, bool]
    profile: Profile | None  # the answers as the rules read them, once a result is given
    assessment: Assessment | None
    problem: str | None  # the question whose answer the rules could not use
    type_chosen: bool  # until it is, the type is the only question

    @property
    def needed(self) -> tuple[str, ...]:
        """The blanks without which there is no result."""
        return tuple(name for name, required in self.missing.items() if required)

    @property
    def blank(self) -> tuple[str, ...]:
        """The blanks that leave the result incomplete."""
        return tuple(name for name, required in self.missing.items() if not required)


def form_outcome(
    values: Mapping[str, object],
    submitted: bool,
    facts: MissionFacts,
    as_of: dt.datetime,
    lang: Language,
) -> FormOutcome:
    """The questions to ask for the answers given (``values``, by profile field, as the
    form's widgets hold them), and, once the firm has asked for its result
    (``submitted``), the blanks to mark and the result judged at ``as_of``."""
    organization_type = values.get("organization_type")
    employees = values.get("employees")
    asked = facts.questions_for(
        organization_type if isinstance(organization_type, str) else None,
        employees if isinstance(employees, int) and not isinstance(employees, bool) else None,
    )
    required = required_fields(organization_type)
    # Representatives starts at 1, so it is never blank.
    blanks = {
        name: name in required
        for name in asked
        if submitted and name != "representatives" and values.get(name) is None
    }
    profile: Profile | None = None
    assessment: Assessment | None = None
    problem: str | None = None
    if submitted and not any(blanks.values()):
        try:
            profile = parse_profile(profile_data_from_form(values, facts), facts)
        except ProfileError as error:
            problem = error.field
        else:
            assessment = assess(profile, facts, as_of, lang)
    # A firm that does not meet the criteria is not told its result is incomplete.
    complete = assessment is not None and assessment.verdict != "incomplete"
    return FormOutcome(
        who=tuple(name for name in WHO_QUESTIONS if name in asked),
        sections=tuple(
            (section, questions)
            for section in CHECK_SECTIONS
            if (
                questions := tuple(
                    check.question
                    for check in facts.checks
                    if check.form_section == section and check.question in asked
                )
            )
        ),
        missing={} if complete else blanks,
        profile=profile,
        assessment=assessment,
        problem=problem,
        type_chosen=organization_type in ORGANIZATION_TYPES,
    )


@dataclass(frozen=True)
class AssessmentPage:
    facts: MissionFacts
    context: AssessmentContext
    why: dict[str, WhyWeAsk]  # by question
    chapters: ChapterChoices


def assessment_page(con: Connection, lang: Language) -> AssessmentPage:
    facts = load_facts(con)
    criteria = queries.eligibility_criteria(con, lang).set_index("criterion_id")
    rules = queries.outside_rules(con, lang).set_index("rule_id")
    why = {}
    for check in facts.checks:
        rule = rules.loc[check.outside_rule] if check.outside_rule else None
        why[check.question] = WhyWeAsk(
            criterion=str(criteria.loc[check.criterion_id, "quote"]),
            rule=None if rule is None else str(rule["rule"]),
            rule_source=None if rule is None else str(rule["source"]),
        )
    sme = rules.loc["sme_employee_limit"]
    why["employees"] = WhyWeAsk(None, str(sme["rule"]), str(sme["source"]))
    chapters = annual_trade.chapters(con, lang)
    return AssessmentPage(
        facts=facts,
        context=AssessmentContext(
            mission=queries.mission(con, lang),
            source=queries.source_document(con, lang),
            facts=facts,
            sector_names=queries.sector_names(con, lang),
            programme=queries.programme(con, lang),
            notices=queries.notices(con),
            trade_attribution=queries.attributions(con, lang)["trade"],
            mexico_attribution=queries.attributions(con, lang)["mexico_trade"],
        ),
        why=why,
        chapters=ChapterChoices(
            names={row.hs2: chapter_name(row.hs2, row.label) for row in chapters.itertuples()},
            words={
                row.hs2: search.fold(row.words)
                for row in annual_trade.chapter_words(con).itertuples()
            },
            services=annual_trade.services_words(con),
        ),
    )


def chapter_markets(con: Connection, hs2s: tuple[str, ...], lang: Language) -> list[ChapterMarket]:
    """The chosen chapters in the trade statistics' latest year, in the order chosen, each
    with the mission sectors it stands for and the cities where their programme runs.
    Chapters the statistics do not carry are left out."""
    indicators = {row["hs2"]: row for row in records(annual_trade.chapter_indicators(con, lang))}
    in_mexico = in_mexico_records(con, lang)
    links = annual_trade.sector_chapters(con, lang)
    sector_names = queries.sector_names(con, lang)
    cities = queries.sector_cities(con, lang=lang)
    markets = []
    for hs2 in hs2s:
        row = indicators.get(hs2)
        if row is None:
            continue
        chapter_links = links[links["hs2"] == hs2]
        sector_ids = list(chapter_links["sector_id"])
        markets.append(
            ChapterMarket(
                hs2=hs2,
                name=chapter_name(hs2, row["label"]),
                year=int(row["year"]),
                exports_to_mexico_cad=row["exports_to_mexico_cad"],
                cagr_5y_pct=row["cagr_5y_pct"],
                cagr_10y_pct=row["cagr_10y_pct"],
                mexico_rank=row["mexico_rank"],
                representation_ratio=row["representation_ratio"],
                benchmark_gap_cad=row["benchmark_gap_cad"],
                sectors=[
                    (sector_names[link.sector_id], t(f"market.coverage.{link.coverage}", lang))
                    for link in chapter_links.itertuples()
                ],
                cities=list(
                    dict.fromkeys(cities.loc[cities["sector_id"].isin(sector_ids), "city_name"])
                ),
                mexico=in_mexico.get(hs2),
            )
        )
    return markets


def in_mexico_records(con: Connection, lang: Language) -> dict[str, ChapterInMexico]:
    """Every chapter's imports in Mexico's own records and its lines at Mexico's border."""
    periods = mexico.periods(con)
    ytd_period = formatting.month_span(dt.date(periods.ytd_year, 1, 1), periods.last_month, lang)
    tariffs = {row["chapter"]: row for row in records(mexico.tariff_chapters(con))}
    exclusion = {
        chapter
        for chapter, line, rate in mexico.tariff_lines_all(con)
        if canadian_treatment(line, rate) == "exclusion_may_apply"
    }
    found = {}
    for row in records(mexico.chapter_imports(con, lang)):
        tariff = tariffs.get(row["chapter"])
        if tariff is None:
            continue
        found[row["chapter"]] = ChapterInMexico(
            imports_full_year=row["imports_full_year"],
            full_year=periods.full_year,
            change_ytd_pct=row["change_ytd_pct"],
            ytd_period=ytd_period,
            cagr_since_2019_pct=row["cagr_since_2019_pct"],
            lines=int(tariff["lines"]),
            lines_25_or_more=int(tariff["lines_25_or_more"]),
            highest_rate_pct=tariff["highest_rate_pct"],
            exclusion_may_apply=row["chapter"] in exclusion,
        )
    return found


def exports_chart(con: Connection, hs2s: tuple[str, ...], lang: Language) -> Chart:
    """The chosen chapters' exports to Mexico since the statistics begin."""
    names = {row.hs2: row.label for row in annual_trade.chapters(con, lang).itertuples()}
    return chapters_exports_chart(
        annual_trade.chapters_exports(con, list(hs2s)),
        {hs2: names[hs2] for hs2 in hs2s if hs2 in names},
        queries.attributions(con, lang)["trade"],
        lang,
    ).frozen()
