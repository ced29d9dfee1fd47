"""Query results turned into what a page shows: localised tables and status messages.

Pure functions (data in, data out) so the pages stay thin and the wording is tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission import formatting, timeline
from trade_mission.eligibility import QUESTION_FOR, Assessment, Profile
from trade_mission.i18n import t
from trade_mission.queries import Mission


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
            t("column.city", lang): programme["city"].tolist(),
            t("column.dates", lang): [
                formatting.date_range(_day(row.start_date), _day(row.end_date), lang)
                for row in programme.itertuples()
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


def _day(value: object) -> dt.date:
    """A date from a DataFrame cell (DuckDB dates arrive as pandas timestamps)."""
    return pd.Timestamp(value).date()


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
    for row in programme.itertuples():
        if row.city in cities:
            dates = formatting.date_range(_day(row.start_date), _day(row.end_date), lang)
            kind = t(f"programme.kind.{row.kind}", lang)
            lines.append(t("eligibility.where_line", lang, city=row.city, dates=dates, kind=kind))
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
