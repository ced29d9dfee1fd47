"""The self-assessment: does an organization meet the criteria the page publishes?

``assess(profile, facts, as_of)`` is pure: a validated ``Profile``, the ``MissionFacts``
read from the database, and an instant in; an ``Assessment`` out. The rules, from the
page (criterion texts come from the ``eligibility_criteria`` table):

- track: a company with fewer than 500 employees is an ``sme`` (Canada's SME definition),
  500 or more a ``large_business``; associations, chambers and other organizations are
  ``organization``;
- everyone: ``in_scope`` (firms providing services to Canadian organizations are out);
- companies: ``sector``, the four export-readiness criteria, and Trade Commissioner
  Service client eligibility, asked as ``registered_in_canada`` and
  ``canadian_economic_benefit``;
- large businesses and organizations: ``strategic_alignment``, ``fosters_partnerships``,
  ``demonstrated_value`` (for organizations, with ``in_scope``, the whole test);
- verdict: ``does_not_meet`` if any applicable criterion is not met, else ``incomplete``
  if any is unanswered, else ``meets_criteria`` (which is not selection);
- B2B meetings: only an ``sme`` that meets the criteria;
- registration: open until the deadline (``timeline.registration_open``);
- representatives: more than the page's maximum is a warning, not a failure.

Also a command line: ``python -m trade_mission.eligibility PROFILE.json [--as-of ISO-8601]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trade_mission import bootstrap, queries, timeline
from trade_mission.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,60}")
SME_EMPLOYEE_LIMIT = 500  # fewer than 500 employees: Canada's definition of an SME
ORGANIZATION_TYPES = ("company", "trade_association", "chamber_of_commerce", "other_organization")
OTHER_SECTOR = "other"
ANSWER_FIELDS = (
    "services_to_canadian_organizations",
    "commercialized_offering",
    "mexico_in_international_plan",
    "resources_committed",
    "market_research_done",
    "registered_in_canada",
    "canadian_economic_benefit",
    "strategic_alignment",
    "fosters_partnerships",
    "demonstrated_value",
)
PROFILE_FIELDS = ("organization_type", "employees", "sector", *ANSWER_FIELDS, "representatives")

EXPORT_READINESS = (
    "commercialized_offering",
    "mexico_in_international_plan",
    "resources_committed",
    "market_research_done",
)
TCS_CLIENT = ("registered_in_canada", "canadian_economic_benefit")
ORGANIZATION_CRITERIA = ("strategic_alignment", "fosters_partnerships", "demonstrated_value")
CRITERIA_BY_TRACK = {
    "sme": ("in_scope", "sector", *EXPORT_READINESS, *TCS_CLIENT),
    "large_business": (
        "in_scope",
        "sector",
        *EXPORT_READINESS,
        *TCS_CLIENT,
        *ORGANIZATION_CRITERIA,
    ),
    "organization": ("in_scope", *ORGANIZATION_CRITERIA),
}
# The question that answers each criterion.
QUESTION_FOR = {
    **{criterion: criterion for criteria in CRITERIA_BY_TRACK.values() for criterion in criteria},
    "in_scope": "services_to_canadian_organizations",
}
VERDICTS = ("meets_criteria", "incomplete", "does_not_meet")
# A form's three answers to a yes/no question; "not sure" leaves it unanswered.
FORM_CHOICES = {"yes": True, "no": False, "unsure": None}
# Questions in the order the form asks them, by section.
FORM_SECTIONS = {
    "who": ("organization_type", "employees", "sector", "representatives"),
    "offer": (
        "services_to_canadian_organizations",
        "commercialized_offering",
        "registered_in_canada",
        "canadian_economic_benefit",
    ),
    "plans": EXPORT_READINESS[1:],
    "organizations": ORGANIZATION_CRITERIA,
}
# The page's criterion each question checks; its text is the "why we ask".
WHY_WE_ASK = {
    "sector": "sector",
    "services_to_canadian_organizations": "in_scope",
    **{name: name for name in (*EXPORT_READINESS, *ORGANIZATION_CRITERIA)},
    **{name: "tcs_client" for name in TCS_CLIENT},
}
MET, NOT_MET, UNANSWERED = "met", "not_met", "unanswered"


class ProfileError(ValueError):
    """An answer the self-assessment cannot use; ``field`` names it."""

    def __init__(self, field_name: str, problem: str):
        self.field = field_name
        self.problem = problem
        super().__init__(f"{field_name}: {problem}")


@dataclass(frozen=True)
class Profile:
    organization_type: str
    employees: int | None = None
    sector: str | None = None
    answers: Mapping[str, bool | None] = field(default_factory=dict)
    representatives: int = 1

    @property
    def track(self) -> str:
        if self.organization_type != "company":
            return "organization"
        assert self.employees is not None
        return "sme" if self.employees < SME_EMPLOYEE_LIMIT else "large_business"

    def answer(self, name: str) -> bool | None:
        return self.answers.get(name)

    def to_json(self) -> dict:
        return {
            "organization_type": self.organization_type,
            "employees": self.employees,
            "sector": self.sector,
            **{name: self.answers.get(name) for name in ANSWER_FIELDS},
            "representatives": self.representatives,
        }


@dataclass(frozen=True)
class MissionFacts:
    """What the rules need from the database."""

    sector_ids: tuple[str, ...]
    sector_cities: Mapping[str, tuple[str, ...]]  # Mexico City (core programming) first
    deadline_utc: dt.datetime
    time_zone: str
    max_representatives: int
    criterion_texts: Mapping[str, str]


@dataclass(frozen=True)
class CriterionResult:
    id: str
    status: str  # "met", "not_met" or "unanswered"
    explanation: str
    next_step: str  # what to do about a gap; empty when met

    def to_json(self) -> dict:
        text = f"{self.explanation} {self.next_step}".strip()
        return {"id": self.id, "status": self.status, "explanation": text}


@dataclass(frozen=True)
class Assessment:
    verdict: str
    track: str
    b2b_meetings: bool
    registration_open: bool
    cities: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
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

    def gaps(self) -> list[CriterionResult]:
        return [criterion for criterion in self.criteria if criterion.status != MET]


def _whole_number(field_name: str, value: object, minimum: int) -> int:
    # JSON true/false are Python ints; a count must be a real whole number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(field_name, f"must be a whole number, not {json.dumps(value)}")
    if value < minimum:
        raise ProfileError(field_name, f"must be {minimum} or more, not {value}")
    return value


def parse_profile(data: object, sector_ids: tuple[str, ...]) -> Profile:
    """A ``Profile`` from decoded JSON (or form answers); ``ProfileError`` names the bad field."""
    if not isinstance(data, dict):
        raise ProfileError("profile", "must be a JSON object of answers")
    for key in data:
        if key not in PROFILE_FIELDS:
            # A plain key as it is; anything else (empty, spaces, line breaks) quoted, so
            # the message stays one readable line.
            named = key if PLAIN_KEY.fullmatch(key) else json.dumps(key)
            raise ProfileError(named, "is not a known field")
    organization_type = data.get("organization_type")
    if organization_type is None:
        raise ProfileError("organization_type", "is required")
    if organization_type not in ORGANIZATION_TYPES:
        allowed = ", ".join(ORGANIZATION_TYPES)
        raise ProfileError("organization_type", f"must be one of {allowed}")
    employees = data.get("employees")
    if employees is not None:
        employees = _whole_number("employees", employees, 0)
    elif organization_type == "company":
        raise ProfileError("employees", "is required for a company")
    sector = data.get("sector")
    if sector is not None and sector not in (*sector_ids, OTHER_SECTOR):
        raise ProfileError("sector", f"must be one of {', '.join((*sector_ids, OTHER_SECTOR))}")
    answers: dict[str, bool | None] = {}
    for name in ANSWER_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, bool):
            raise ProfileError(name, f"must be true, false or null, not {json.dumps(value)}")
        answers[name] = value
    representatives = data.get("representatives")
    representatives = (
        1 if representatives is None else _whole_number("representatives", representatives, 1)
    )
    return Profile(organization_type, employees, sector, answers, representatives)


def profile_data_from_form(values: Mapping[str, object]) -> dict:
    """Form widget values as profile data: choices to booleans, blanks left out."""
    data: dict[str, object] = {}
    for name in PROFILE_FIELDS:
        value = values.get(name)
        if name in ANSWER_FIELDS:
            value = FORM_CHOICES.get(value) if isinstance(value, str) else None
        if value is not None:
            data[name] = value
    return data


def _status(answer: bool | None, met_when: bool = True) -> str:
    if answer is None:
        return UNANSWERED
    return MET if answer is met_when else NOT_MET


def criterion_status(criterion: str, profile: Profile, facts: MissionFacts) -> str:
    if criterion == "in_scope":
        return _status(profile.answer("services_to_canadian_organizations"), met_when=False)
    if criterion == "sector":
        if profile.sector is None:
            return UNANSWERED
        return MET if profile.sector in facts.sector_ids else NOT_MET
    return _status(profile.answer(criterion))


def explain(criterion: str, status: str, lang: str) -> CriterionResult:
    """What a status means for a criterion, and what to do about a gap."""
    if status == UNANSWERED:
        question = t(f"eligibility.question.{QUESTION_FOR[criterion]}.label", lang)
        return CriterionResult(
            criterion,
            status,
            t("eligibility.unanswered", lang, question=question),
            t("eligibility.unanswered_next", lang),
        )
    explanation = t(f"eligibility.criterion.{criterion}.{status}", lang)
    next_step = "" if status == MET else t(f"eligibility.criterion.{criterion}.next", lang)
    return CriterionResult(criterion, status, explanation, next_step)


def assess(
    profile: Profile,
    facts: MissionFacts,
    as_of: dt.datetime | dt.date,
    lang: str = DEFAULT_LANGUAGE,
) -> Assessment:
    """Check ``profile`` against every criterion that applies to its track."""
    track = profile.track
    results = [
        explain(criterion, criterion_status(criterion, profile, facts), lang)
        for criterion in CRITERIA_BY_TRACK[track]
    ]
    statuses = {result.status for result in results}
    if NOT_MET in statuses:
        verdict = "does_not_meet"
    elif UNANSWERED in statuses:
        verdict = "incomplete"
    else:
        verdict = "meets_criteria"
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


# Command line --------------------------------------------------------------------------------


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for bad profiles
        raise _Usage(message)


def parse_as_of(text: str) -> dt.datetime | dt.date:
    """An ISO-8601 date or date-time; a date or a time without offset is read in Pacific time."""
    try:
        if len(text.strip()) == 10:
            return dt.date.fromisoformat(text.strip())
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ProfileError("--as-of", f"{text!r} is not an ISO-8601 date or date-time") from None


def load_facts(con) -> MissionFacts:
    """``MissionFacts`` from the database (through ``trade_mission.queries``)."""
    mission = queries.mission(con)
    cities = queries.sector_cities(con)
    figures = queries.figures(con, queries.COUNTRY_FIGURES).set_index("figure_id")
    criteria = queries.eligibility_criteria(con)
    return MissionFacts(
        sector_ids=tuple(queries.sector_ids(con)),
        sector_cities={
            sector_id: tuple(group["city"]) for sector_id, group in cities.groupby("sector_id")
        },
        deadline_utc=mission.registration_deadline_utc,
        time_zone=mission.registration_time_zone,
        max_representatives=int(figures.loc["max_representatives", "value"]),
        criterion_texts=dict(zip(criteria["criterion_id"], criteria["text"], strict=True)),
    )


def _read_profile(argument: str) -> object:
    try:
        text = sys.stdin.read() if argument == "-" else Path(argument).read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError("PROFILE", f"cannot read {argument}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ProfileError("PROFILE", f"{argument} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(
            "PROFILE", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


def add_translations(output: dict, translated: Assessment, lang: str) -> None:
    """Add ``explanation_<lang>`` to each criterion and ``warnings_<lang>``; ids and the
    English stay as they are, so scripts reading the English keep working."""
    for item, result in zip(output["criteria"], translated.criteria, strict=True):
        item[f"explanation_{lang}"] = result.to_json()["explanation"]
    output[f"warnings_{lang}"] = list(translated.warnings)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python -m trade_mission.eligibility",
        description="Check an organization against the trade mission's published criteria.",
    )
    parser.add_argument("profile", metavar="PROFILE", help="JSON file of answers, or - for stdin")
    parser.add_argument("--as-of", help="ISO-8601 instant to judge registration at (default now)")
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE, help="en (default) or fr")
    try:
        args = parser.parse_args(argv)
        if args.lang not in LANGUAGES:
            raise ProfileError("--lang", f"must be one of {', '.join(LANGUAGES)}")
        as_of = parse_as_of(args.as_of) if args.as_of else dt.datetime.now(dt.UTC)
        data = _read_profile(args.profile)
        con = bootstrap.open_database()
        facts = load_facts(con)
        profile = parse_profile(data, facts.sector_ids)
    except _Usage as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ProfileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    output = assess(profile, facts, as_of).to_json()
    if args.lang != DEFAULT_LANGUAGE:
        add_translations(output, assess(profile, facts, as_of, args.lang), args.lang)
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
