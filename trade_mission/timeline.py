"""Where an instant falls against the mission's dates and registration deadline.

The page gives the deadline as "November 28, 2025, 23:59 PT": registration is open up to
the end of that minute in Pacific time, whatever zone the instant is given in. An instant
without a zone is read in the deadline's own zone, as a reader of the page would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DEADLINE_MINUTE = dt.timedelta(minutes=1)


def as_instant(moment: dt.datetime | dt.date, time_zone: str) -> dt.datetime:
    """An aware datetime; a date is its first instant, a naive time is read in ``time_zone``."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment


def registration_open(deadline_utc: dt.datetime, time_zone: str, as_of: dt.datetime) -> bool:
    """True until the end of the deadline's minute (23:59:59.999… Pacific time)."""
    closes = deadline_utc.astimezone(dt.UTC) + DEADLINE_MINUTE
    return as_instant(as_of, time_zone).astimezone(dt.UTC) < closes


@dataclass(frozen=True)
class MissionStatus:
    registration_open: bool
    phase: str  # "upcoming", "under_way" or "past"
    days_since_deadline: int  # negative while registration is open


def mission_status(
    start: dt.date, end: dt.date, deadline_utc: dt.datetime, time_zone: str, as_of: dt.datetime
) -> MissionStatus:
    """Registration and programme status at ``as_of``, judged on the mission's local dates."""
    instant = as_instant(as_of, time_zone)
    local_today = instant.astimezone(ZoneInfo("America/Mexico_City")).date()
    if local_today < start:
        phase = "upcoming"
    elif local_today <= end:
        phase = "under_way"
    else:
        phase = "past"
    deadline_day = deadline_utc.astimezone(ZoneInfo(time_zone)).date()
    return MissionStatus(
        registration_open=registration_open(deadline_utc, time_zone, instant),
        phase=phase,
        days_since_deadline=(instant.astimezone(ZoneInfo(time_zone)).date() - deadline_day).days,
    )
