"""Where the mission stands at an instant, in words: registration open or closed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from trade_mission.data.queries import Mission
from trade_mission.rules import timeline
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

MessageKind = Literal["success", "info", "warning", "error"]


@dataclass(frozen=True)
class StatusMessage:
    kind: MessageKind  # how a page shows it: st.success, st.info, st.warning or st.error
    text: str


def mission_status(mission: Mission, as_of: dt.datetime | dt.date) -> timeline.MissionStatus:
    """Registration and the mission's phase (upcoming, under way, past) at ``as_of``."""
    return timeline.mission_status(
        (mission.start_date, mission.end_date),
        mission.registration_deadline_utc,
        mission.registration_time_zone,
        mission.local_time_zone,
        as_of,
    )


def mission_status_message(mission: Mission, as_of: dt.datetime, lang: Language) -> StatusMessage:
    """Whether registration is open at ``as_of``, and where the mission stands."""
    status = mission_status(mission, as_of)
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
