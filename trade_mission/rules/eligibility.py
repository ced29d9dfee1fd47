"""The self-assessment: does an organization meet the criteria the page publishes?

``assess(profile, facts, as_of)`` is pure: a validated ``Profile``, the ``MissionFacts``
read from the database, and an instant in; an ``Assessment`` out. What it checks is data:

- the criteria are the page's (``eligibility_criteria``), each applying to ``everyone``,
  ``companies`` or ``large_businesses_and_organizations``;
- the checks (``eligibility_checks``) say which question answers each criterion without
  sub-criteria, and the answer that meets it; a criterion the page leaves to the Trade
  Commissioner Service is asked through questions from ``outside_rules``, with their source;
- the track: a company with fewer employees than the SME limit (``outside_rules``) is an
  ``sme``, otherwise a ``large_business``; any other organization is an ``organization``.
  A track answers the criteria of the scopes in ``TRACK_SCOPES``: a large business is a
  company, so both of the page's lists apply to it;
- a yes/no question is answered ``true``, ``false``, ``"not_sure"`` or not at all; "not
  sure" is its own status, with advice on how to find out;
- verdict: ``does_not_meet`` if any check is not met, else ``incomplete`` if any is
  unanswered or not sure, else ``meets_criteria`` (which is not selection);
- the questions asked: each track's checks (``questions_for``), so an association is
  never asked its employee count, nor an SME the large organizations' questions;
- B2B meetings: only an ``sme`` that meets the criteria;
- registration: open until the deadline (``timeline.registration_open``);
- representatives: more than the page's maximum is a warning, not a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from trade_mission.rules import timeline
from trade_mission.text.i18n import DEFAULT_LANGUAGE, Language, t

OrganizationType = Literal[
    "company", "trade_association", "chamber_of_commerce", "other_organization"
]
Track = Literal["sme", "large_business", "organization"]
Scope = Literal["everyone", "companies", "large_businesses_and_organizations"]
Status = Literal["met", "not_met", "not_sure", "unanswered"]
Verdict = Literal["meets_criteria", "incomplete", "does_not_meet"]
MetWhen = Literal["yes", "no", "mission_sector"]
FormSection = Literal["who", "offer", "plans", "organizations"]

ORGANIZATION_TYPES: tuple[OrganizationType, ...] = get_args(OrganizationType)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
TRACK_SCOPES: dict[Track, frozenset[Scope]] = {
    "sme": frozenset({"everyone", "companies"}),
    "large_business": frozenset({"everyone", "companies", "large_businesses_and_organizations"}),
    "organization": frozenset({"everyone", "large_businesses_and_organizations"}),
}
OTHER_SECTOR = "other"
NotSure = Literal["not_sure"]
NOT_SURE: NotSure = "not_sure"
Answer = bool | NotSure | None
# A form's three answers to a yes/no question.
FORM_CHOICES: dict[str, Answer] = {"yes": True, "no": False, "not_sure": NOT_SURE}
PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,60}")


def track_for(organization_type: str, employees: int, sme_employee_limit: int) -> Track:
    """A company under the SME limit is an SME, else a large business; any other type of
    organization is an organization."""
    if organization_type != "company":
        return "organization"
    return "sme" if employees < sme_employee_limit else "large_business"


class ProfileError(ValueError):
    """An answer the self-assessment cannot use; ``field`` names it."""

    def __init__(self, field_name: str, problem: str):
        self.field = field_name
        self.problem = problem
        super().__init__(f"{field_name}: {problem}")


@dataclass(frozen=True)
class Check:
    """One thing the self-assessment checks: the question that answers a criterion."""

    check_id: str
    criterion_id: str
    question: str
    met_when: MetWhen
    form_section: FormSection
    applies_to: Scope
    outside_rule: str | None


@dataclass(frozen=True)
class MissionFacts:
    """What the rules need from the database."""

    sector_ids: tuple[str, ...]
    sector_cities: Mapping[str, tuple[str, ...]]  # Mexico City (core programming) first
    deadline_utc: dt.datetime
    time_zone: str
    max_representatives: int
    sme_employee_limit: int
    checks: tuple[Check, ...]

    def checks_for(self, track: Track) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.applies_to in TRACK_SCOPES[track])

    def questions_for(
        self, organization_type: str | None, employees: int | None
    ) -> tuple[str, ...]:
        """The fields the form asks an organization of this type (and size), in order.

        Before the type is known, only the type; a company is asked its size, and the
        large organizations' questions once its size is past the SME limit (until it gives
        one, it is asked as an SME)."""
        if organization_type not in ORGANIZATION_TYPES:
            return ("organization_type",)
        is_company = organization_type == "company"
        track = track_for(organization_type, employees or 0, self.sme_employee_limit)
        asked = {check.question for check in self.checks_for(track)}
        return tuple(
            name
            for name in self.profile_fields
            if name in asked
            or name in ("organization_type", "sector", "representatives")
            or (name == "employees" and is_company)
        )

    @property
    def yes_no_questions(self) -> tuple[str, ...]:
        """The questions answered yes, no or not at all, in the order the form asks them."""
        return tuple(check.question for check in self.checks if check.met_when != "mission_sector")

    @property
    def profile_fields(self) -> tuple[str, ...]:
        return (
            "organization_type",
            "employees",
            "sector",
            *self.yes_no_questions,
            "representatives",
        )


@dataclass(frozen=True)
class Profile:
    organization_type: OrganizationType
    employees: int | None = None
    sector: str | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)
    representatives: int = 1

    def track(self, sme_employee_limit: int) -> Track:
        assert self.employees is not None or self.organization_type != "company"
        return track_for(self.organization_type, self.employees or 0, sme_employee_limit)

    def answer(self, question: str) -> Answer:
        return self.answers.get(question)

    def to_json(self) -> dict:
        return {
            "organization_type": self.organization_type,
            "employees": self.employees,
            "sector": self.sector,
            **dict(self.answers),
            "representatives": self.representatives,
        }


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: Status
    explanation: str
    next_step: str  # what to do about a gap; empty when met

    def to_json(self) -> dict:
        text = f"{self.explanation} {self.next_step}".strip()
        return {"id": self.id, "status": self.status, "explanation": text}


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    track: Track
    b2b_meetings: bool
    registration_open: bool
    cities: tuple[str, ...]
    criteria: tuple[CheckResult, ...]
    warnings: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict,
            "track": self.track,
            "b2b_meetings": self.b2b_meetings,
            "registration_open": self.registration_open,
            "cities": list(self.cities),
            "criteria": [criterion.to_json() for criterion in self.criteria],
            "warnings": list(self.warnings),
        }


def _whole_number(field_name: str, value: object, minimum: int) -> int:
    # JSON true/false are Python ints; a count must be a real whole number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(field_name, f"must be a whole number, not {json.dumps(value)}")
    if value < minimum:
        raise ProfileError(field_name, f"must be {minimum} or more, not {value}")
    return value


# The answers no result can be given without, and who must give them: ``parse_profile``
# refuses a profile without them; every other blank only leaves the result incomplete.
REQUIRED_FIELDS: dict[str, str] = {
    "organization_type": "everyone",
    "employees": "company",
}


def required_fields(organization_type: object) -> tuple[str, ...]:
    """The fields a profile of this type must answer: the type, and a company's size."""
    return tuple(
        name
        for name, who in REQUIRED_FIELDS.items()
        if who == "everyone" or who == organization_type
    )


def parse_profile(data: object, facts: MissionFacts) -> Profile:
    """A ``Profile`` from decoded JSON (or form answers); ``ProfileError`` names the bad field."""
    if not isinstance(data, dict):
        raise ProfileError("profile", "must be a JSON object of answers")
    for key in data:
        if key not in facts.profile_fields:
            # A plain key as it is; anything else (empty, spaces, line breaks) quoted, so
            # the message stays one readable line.
            named = key if PLAIN_KEY.fullmatch(key) else json.dumps(key)
            raise ProfileError(named, "is not a known field")
    organization_type = data.get("organization_type")
    for name in required_fields(organization_type):
        if data.get(name) is None:
            who = REQUIRED_FIELDS[name]
            raise ProfileError(
                name, "is required" if who == "everyone" else f"is required for a {who}"
            )
    if organization_type not in ORGANIZATION_TYPES:
        allowed = ", ".join(ORGANIZATION_TYPES)
        raise ProfileError("organization_type", f"must be one of {allowed}")
    employees = data.get("employees")
    if employees is not None:
        employees = _whole_number("employees", employees, 0)
    sector = data.get("sector")
    choices = (*facts.sector_ids, OTHER_SECTOR)
    if sector is not None and sector not in choices:
        raise ProfileError("sector", f"must be one of {', '.join(choices)}")
    answers: dict[str, Answer] = {}
    for name in facts.yes_no_questions:
        value = data.get(name)
        if value is not None and not isinstance(value, bool) and value != NOT_SURE:
            raise ProfileError(
                name, f'must be true, false, "{NOT_SURE}" or null, not {json.dumps(value)}'
            )
        answers[name] = value
    representatives = data.get("representatives")
    representatives = (
        1 if representatives is None else _whole_number("representatives", representatives, 1)
    )
    return Profile(
        cast(OrganizationType, organization_type), employees, sector, answers, representatives
    )


def profile_data_from_form(values: Mapping[str, object], facts: MissionFacts) -> dict:
    """Form widget values as profile data: choices to answers, blanks left out, and only
    the questions the organization's type is asked (answers kept from another type are
    not part of its profile)."""
    data: dict[str, object] = {}
    employees = values.get("employees")
    asked = facts.questions_for(
        cast(str | None, values.get("organization_type")),
        employees if isinstance(employees, int) else None,
    )
    for name in asked:
        value = values.get(name)
        if name in facts.yes_no_questions:
            value = FORM_CHOICES.get(value) if isinstance(value, str) else None
        if value is not None:
            data[name] = value
    return data


def check_status(check: Check, profile: Profile, facts: MissionFacts) -> Status:
    if check.met_when == "mission_sector":
        if profile.sector is None:
            return "unanswered"
        return "met" if profile.sector in facts.sector_ids else "not_met"
    answer = profile.answer(check.question)
    if answer is None:
        return "unanswered"
    if answer == NOT_SURE:
        return "not_sure"
    return "met" if answer is (check.met_when == "yes") else "not_met"


def explain(check: Check, status: Status, lang: Language) -> CheckResult:
    """What a status means for a check, and what to do about a gap."""
    if status in ("unanswered", "not_sure"):
        question = t(f"eligibility.question.{check.question}.label", lang)
        next_step = (
            t("eligibility.unanswered_next", lang)
            if status == "unanswered"
            else t(f"eligibility.criterion.{check.check_id}.find_out", lang)  # how to find out
        )
        return CheckResult(
            check.check_id, status, t(f"eligibility.{status}", lang, question=question), next_step
        )
    explanation = t(f"eligibility.criterion.{check.check_id}.{status}", lang)
    next_step = "" if status == "met" else t(f"eligibility.criterion.{check.check_id}.next", lang)
    return CheckResult(check.check_id, status, explanation, next_step)


def assess(
    profile: Profile,
    facts: MissionFacts,
    as_of: dt.datetime | dt.date,
    lang: Language = DEFAULT_LANGUAGE,
) -> Assessment:
    """Check ``profile`` against every criterion that applies to its track."""
    track = profile.track(facts.sme_employee_limit)
    results = [
        explain(check, check_status(check, profile, facts), lang)
        for check in facts.checks_for(track)
    ]
    statuses = {result.status for result in results}
    verdict: Verdict = (
        "does_not_meet"
        if "not_met" in statuses
        else "incomplete"
        if statuses & {"unanswered", "not_sure"}
        else "meets_criteria"
    )
    warnings = []
    if profile.representatives > facts.max_representatives:
        warnings.append(
            t(
                "eligibility.warning.too_many_representatives",
                lang,
                maximum=facts.max_representatives,
                planned=profile.representatives,
            )
        )
    if profile.representatives > 1:
        warnings.append(t("eligibility.warning.one_representative_elements", lang))
    return Assessment(
        verdict=verdict,
        track=track,
        b2b_meetings=track == "sme" and verdict == "meets_criteria",
        registration_open=timeline.registration_open(facts.deadline_utc, facts.time_zone, as_of),
        cities=tuple(facts.sector_cities.get(profile.sector or "", ())),
        criteria=tuple(results),
        warnings=tuple(warnings),
    )
