"""When Statistics Canada has probably published a newer monthly release than the one held.

Statistics Canada releases a month's merchandise trade about five weeks after the month
ends (July 2026 on September 3, April 2026 on June 9: 34 to 40 days). So once
``RELEASE_LAG_DAYS`` have passed since the end of the month after the last one held, the
release of that next month is almost certainly out: the app says so and how to refresh,
rather than presenting old months as the latest. The day is counted in Ottawa, where
releases are published (08:30 Eastern time).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

RELEASE_LAG_DAYS = 45  # generously above the 34 to 40 days seen
RELEASE_TIME_ZONE = ZoneInfo("America/Toronto")


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def next_release_due(last_month: dt.date) -> dt.date:
    """The day by which the month after ``last_month`` will have been released."""
    following = month_end(last_month) + dt.timedelta(days=1)
    return month_end(following) + dt.timedelta(days=RELEASE_LAG_DAYS)


def newer_release_probably_out(last_month: dt.date, now: dt.datetime) -> bool:
    """True when the release of the month after ``last_month`` is due by ``now``."""
    today = now.astimezone(RELEASE_TIME_ZONE).date() if now.tzinfo else now.date()
    return today > next_release_due(last_month)


# INEGI publishes Mexico's revised monthly trade (the BCMM package) about seven to eight
# weeks after the month ends (May 2026 on July 22, 2026: 52 days).
INEGI_RELEASE_LAG_DAYS = 60
INEGI_TIME_ZONE = ZoneInfo("America/Mexico_City")


def months_probably_released(
    last_month: dt.date, now: dt.datetime, lag_days: int, time_zone: ZoneInfo
) -> list[dt.date]:
    """The months after ``last_month`` whose release was due by ``now`` (``lag_days``
    after each month's end): how many newer releases are probably out, and the latest
    month they reach."""
    today = now.astimezone(time_zone).date() if now.tzinfo else now.date()
    months = []
    month = month_end(last_month) + dt.timedelta(days=1)
    while month_end(month) + dt.timedelta(days=lag_days) < today:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


# Trade Data Online carries a year's annual figures by chapter and province in the spring
# after it (the files held, of 2000 to 2024, were exported March 14, 2025). From April 1 of
# the year after a year, its figures are said to be probably out.
ANNUAL_AVAILABLE_FROM = (4, 1)


def annual_years_probably_out(last_year: int, now: dt.datetime) -> list[int]:
    """The years after ``last_year`` whose annual figures were probably published by
    ``now``."""
    today = now.astimezone(RELEASE_TIME_ZONE).date() if now.tzinfo else now.date()
    month, day = ANNUAL_AVAILABLE_FROM
    return [
        year for year in range(last_year + 1, today.year) if today >= dt.date(year + 1, month, day)
    ]
