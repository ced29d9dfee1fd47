"""Where an instant falls against the mission's dates and registration deadline.

The page gives the deadline as "November 28, 2025, 23:59 PT": registration is open up to
the end of that minute in Pacific time, whatever zone the instant is given in. An instant
without a zone is read in the deadline's own zone, as a reader of the page would. The
mission's days (upcoming, under way, past) are counted in its own local time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

DEADLINE_MINUTE = dt.timedelta(minutes=1)
Phase = Literal["upcoming", "under_way", "past"]


def as_instant(moment: dt.datetime | dt.date, time_zone: str) -> dt.datetime:
    """An aware datetime; a date is its first instant, a naive time is read in ``time_zone``."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment


def registration_open(
    deadline_utc: dt.datetime, time_zone: str, as_of: dt.datetime | dt.date
) -> bool:
    """True until the end of the deadline's minute (23:59:59.999… Pacific time)."""
    closes = deadline_utc.astimezone(dt.UTC) + DEADLINE_MINUTE
    return as_instant(as_of, time_zone).astimezone(dt.UTC) < closes


@dataclass(frozen=True)
class MissionStatus:
    registration_open: bool
    phase: Phase


def mission_status(
    dates: tuple[dt.date, dt.date],
    deadline_utc: dt.datetime,
    deadline_zone: str,
    local_zone: str,
    as_of: dt.datetime | dt.date,
) -> MissionStatus:
    """Registration and programme status at ``as_of``; the mission's days (``dates``, first
    and last) are counted in ``local_zone``, where it takes place."""
    instant = as_instant(as_of, deadline_zone)
    local_today = instant.astimezone(ZoneInfo(local_zone)).date()
    start, end = dates
    phase: Phase = (
        "upcoming" if local_today < start else "under_way" if local_today <= end else "past"
    )
    return MissionStatus(
        registration_open=registration_open(deadline_utc, deadline_zone, instant), phase=phase
    )
