"""Query results turned into what a page shows: localised tables and status messages.

Pure functions (data in, data out) so the pages stay thin and the wording is tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission import formatting, timeline
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
