"""What the briefing deck is made from: the options a person chooses, and
``BriefingData``, everything the deck shows in one language, charts already drawn.

``trade_mission.views.briefing`` fills it from the database; ``trade_mission.reports.deck``
lays it out. Neither reads what the other does: this is the contract between them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.text.i18n import DEFAULT_LANGUAGE, Language

OpportunityGroups = list[tuple[str, list[dict]]]


@dataclass(frozen=True)
class BriefingOptions:
    sectors: tuple[str, ...]
    programme: bool = True
    eligibility: bool = True
    lang: Language = DEFAULT_LANGUAGE
    trade: bool = True  # the trade slides, the latest months and each sector's goods trade

    @property
    def trade_slide(self) -> bool:
        """A deck of one sector keeps only that sector's trade, not the country's: the
        two-way trade chart and the latest months are drawn on their own slides alone."""
        return self.trade and len(self.sectors) > 1


@dataclass(frozen=True)
class SectorTradeLine:
    """A sector's goods trade in one sentence, and where it comes from."""

    text: str  # "HS chapters 01–24: C$2.21 billion exported to Mexico in 2024 ..."
    source: str  # for the speaker notes: what was computed, the credit


@dataclass(frozen=True)
class LatestMonths:
    """The "Latest months" slide: Statistics Canada's monthly table, read and worded."""

    title: str
    stale_title: str  # once a newer release is probably out: not called the latest
    facts: list[tuple[str, str, str]]  # (what, value, against a year earlier)
    chart: Chart  # exports and imports month by month
    notes: list[str]  # period, release, formulas, caveats, credit
    last_month: dt.date  # the latest month held, to judge whether a newer release is out
    stale_note: str  # said in the notes when it probably is
    footer: str  # the slide shows Statistics Canada's table: its footer credits it


@dataclass(frozen=True)
class MarketChapter:
    """One chapter on the "Mexico's market" slide: Mexico's records and its border."""

    hs2: str
    sector_ids: tuple[str, ...]  # the mission sectors it stands for
    line: str  # "87 · Vehicles ...: US$62,732.6 million in 2025, +6.6% a year since 2019; ..."
    imports: float  # for choosing the largest


@dataclass(frozen=True)
class MarketSlide:
    """The "Mexico's market and its border in 2026" slide: the mission sectors' chapters
    in Mexico's own records, with sources, release and caveats for the notes."""

    title: str
    intro: str
    chapters: list[MarketChapter]
    notes: list[str]
    footer: str  # the slide shows Mexico's records: its footer credits them, not the page


@dataclass(frozen=True)
class BriefingData:
    """Everything the deck shows, in one language, charts already drawn."""

    mission: Mission
    source: SourceDocument
    sectors: pd.DataFrame
    figures: pd.DataFrame
    inputs: dict[str, list[dict]]
    programme: pd.DataFrame
    sector_cities: pd.DataFrame
    opportunities: dict[str, OpportunityGroups]  # sector id -> opportunities by kind
    companies: pd.DataFrame
    criteria: pd.DataFrame
    notices: dict[str, str]
    attributions: dict[str, str]
    activities: list[str]
    country_charts: list[Chart]  # Canada-Mexico trade since 1990
    sector_charts: dict[str, list[Chart]]  # of the page's own figures
    sector_trade_charts: dict[str, list[Chart]]  # none for a sector its chapters cannot stand for
    sector_trade_lines: dict[str, SectorTradeLine]
    checks: dict[str, dict]  # figure id -> its check against the trade statistics
    trade_attribution: str
    comparison: Chart
    trade_page_charts: list[Chart]  # the trade page's own, for the chart pack
    headlines: list[str]  # figure ids "Why Mexico" leads with, most important first
    chart_figures: dict[str, list[str]]  # chart id -> the figures it draws or names
    timeline: Chart
    programme_map: Chart
    latest_months: LatestMonths
    monthly_charts: list[Chart]  # the trade page's latest months, for the chart pack
    market: MarketSlide

    @property
    def sector_ids(self) -> list[str]:
        return self.sectors["sector_id"].tolist()

    @property
    def short_names(self) -> dict[str, str]:
        """Each sector's short name in the deck's language, by id, in page order."""
        return dict(zip(self.sectors["sector_id"], self.sectors["short_name"], strict=True))

    def sector_name(self, sector_id: str) -> str:
        return str(self.sectors.set_index("sector_id").loc[sector_id, "name"])

    def all_charts(self) -> list[Chart]:
        """Every chart the app draws, in page order."""
        built = list(self.country_charts)
        for sector_id in self.sector_ids:
            built += self.sector_charts[sector_id] + self.sector_trade_charts[sector_id]
        return [
            *built,
            self.comparison,
            *self.monthly_charts,
            *self.trade_page_charts,
            self.timeline,
            self.programme_map,
        ]
