"""What taking part involves, and why the mission is happening, as the page states it.

``practical_facts`` gives the page's travel and expenses passages (no fee, own travel and
accommodation, cancellation insurance, the travel advice checked twice, entry
requirements, funding programs), each as one plain line in the reader's language, the
verbatim quote it rests on, and where to look when the page names a place. ``mission_context``
gives the Prime Minister's September 2025 visit, the Comprehensive Strategic
Partnership and the Canada-Mexico Action Plan the same way. The Overview, the
self-assessment (page and PDF) and the briefing deck all show these, so an applicant and a
briefer read the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

# notices.csv ids, in the order a participant meets them.
PRACTICAL_NOTICES = (
    "no_fee",
    "own_travel",
    "cancellation_insurance",
    "travel_advice",
    "entry_requirements",
    "funding_programs",
)
CONTEXT_NOTICES = ("pm_visit", "action_plan")
# The catalog key ("links.<key>" and "links.<key>_url") of the place a passage names.
PLACES = {
    "travel_advice": "travel_advice",
    "entry_requirements": "embassy",
    "funding_programs": "benefits_finder",
}


@dataclass(frozen=True)
class PracticalFact:
    """One of the page's practical passages: the plain line, its quote, where to look."""

    notice_id: str
    line: str  # in the reader's language
    quote: str  # verbatim, in English as published
    place: str | None = None  # the link's label
    url: str | None = None


@dataclass(frozen=True)
class MissionContext:
    line: str
    quotes: list[str]


def practical_facts(notices: dict[str, str], lang: Language) -> list[PracticalFact]:
    facts = []
    for notice_id in PRACTICAL_NOTICES:
        place = PLACES.get(notice_id)
        facts.append(
            PracticalFact(
                notice_id=notice_id,
                line=t(f"practical.{notice_id}", lang),
                quote=formatting.one_line(notices[notice_id]),
                place=t(f"links.{place}", lang) if place else None,
                url=t(f"links.{place}_url", lang) if place else None,
            )
        )
    return facts


def mission_context(notices: dict[str, str], lang: Language) -> MissionContext:
    return MissionContext(
        line=t("practical.context", lang),
        quotes=[formatting.one_line(notices[notice_id]) for notice_id in CONTEXT_NOTICES],
    )
