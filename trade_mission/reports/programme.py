"""Where and when the programme runs, as the lines the sector view, the self-assessment's
result and the deck all show ("Mexico City: February 15 to 17, 2026 (Core programming)")."""

from __future__ import annotations

import pandas as pd

from trade_mission.data.database import records
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t


def programme_lines(cities: tuple[str, ...], programme: pd.DataFrame, lang: Language) -> list[str]:
    """Where and when the programme runs in ``cities``, city by city."""
    lines = []
    for row in records(programme):
        if row["city"] in cities:
            dates = formatting.date_range(row["start_date"], row["end_date"], lang)
            kind = t(f"programme.kind.{row['kind']}", lang)
            city = row["city_name"]
            lines.append(t("eligibility.where_line", lang, city=city, dates=dates, kind=kind))
    return lines
