"""Registration status around the deadline, whatever zone the instant is given in, and the
mission's days counted where it takes place."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from trade_mission.rules import timeline

DEADLINE = dt.datetime(2025, 11, 29, 7, 59, tzinfo=dt.UTC)  # November 28, 23:59 PT
ZONE = "America/Los_Angeles"
MEXICO_CITY = "America/Mexico_City"
PACIFIC = ZoneInfo(ZONE)
EASTERN = ZoneInfo("America/Toronto")
DATES = (dt.date(2026, 2, 15), dt.date(2026, 2, 20))


@pytest.mark.parametrize(
    "as_of, is_open",
    [
        (dt.datetime(2025, 11, 28, 23, 59, 0, tzinfo=PACIFIC), True),
        (dt.datetime(2025, 11, 28, 23, 59, 59, tzinfo=PACIFIC), True),
        (dt.datetime(2025, 11, 29, 0, 0, 0, tzinfo=PACIFIC), False),
        (dt.datetime(2025, 11, 29, 7, 59, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2025, 11, 29, 8, 0, 0, tzinfo=dt.UTC), False),
        (dt.datetime(2025, 11, 29, 2, 59, tzinfo=EASTERN), True),
        (dt.datetime(2025, 11, 29, 3, 0, tzinfo=EASTERN), False),
        (dt.datetime(2025, 11, 28, 23, 30), True),  # naive: read in Pacific time
        (dt.date(2025, 11, 28), True),
        (dt.date(2025, 11, 29), False),
    ],
)
def test_registration_closes_at_the_end_of_2359_pacific(as_of, is_open):
    assert timeline.registration_open(DEADLINE, ZONE, as_of) is is_open


@pytest.mark.parametrize(
    "as_of, phase",
    [
        (dt.datetime(2025, 11, 1, tzinfo=dt.UTC), "upcoming"),
        (dt.datetime(2026, 2, 15, 5, 59, tzinfo=dt.UTC), "upcoming"),  # 23:59 on the 14th
        (dt.datetime(2026, 2, 15, 6, 0, tzinfo=dt.UTC), "under_way"),  # midnight in Mexico
        (dt.datetime(2026, 2, 21, 5, 59, tzinfo=dt.UTC), "under_way"),
        (dt.datetime(2026, 2, 21, 6, 0, tzinfo=dt.UTC), "past"),
    ],
)
def test_the_mission_phase_follows_mexico_city_days(as_of, phase):
    status = timeline.mission_status(DATES, DEADLINE, ZONE, MEXICO_CITY, as_of)
    assert status.phase == phase
    assert status.registration_open is (as_of < DEADLINE)
