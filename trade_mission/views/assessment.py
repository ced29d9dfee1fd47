"""The self-assessment: the rules' facts, and what its page needs besides the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from trade_mission.data import queries
from trade_mission.data.database import Connection
from trade_mission.reports.assessment import AssessmentContext
from trade_mission.rules.eligibility import Check, FormSection, MetWhen, MissionFacts, Scope
from trade_mission.text.i18n import Language


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


@dataclass(frozen=True)
class AssessmentPage:
    facts: MissionFacts
    context: AssessmentContext
    why: dict[str, WhyWeAsk]  # by question


def assessment_page(con: Connection, lang: Language) -> AssessmentPage:
    facts = load_facts(con)
    sectors = queries.sectors(con, lang)
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
    return AssessmentPage(
        facts=facts,
        context=AssessmentContext(
            mission=queries.mission(con, lang),
            source=queries.source_document(con, lang),
            facts=facts,
            sector_names=dict(zip(sectors["sector_id"], sectors["name"], strict=True)),
            programme=queries.programme(con, lang),
            notices=queries.notices(con),
        ),
        why=why,
    )
