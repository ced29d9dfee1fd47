"""The briefing deck: a sourced 16:9 presentation of the mission.

``build_deck(data, options, prepared_on)`` returns the bytes of a .pptx: a title slide,
"Why Mexico", Canada–Mexico trade (the official series, then the page's figures checked
against it), its latest months (Statistics Canada's monthly table), each chosen sector's
figures (with its goods trade where the statistics can stand for it) and programme, the
programme and its activities, the eligibility criteria, before applying, costs and travel,
and the sources. ``outline`` plans every slide once, for ``build_deck`` to make and for
``planned_slides`` to count. Every slide has a source footer, and its speaker notes hold
the verbatim quote of every figure it shows (or, for an estimate, its formula and the
quotes it is computed from) and, for the trade statistics, what was computed and their
credit. ``BriefingData`` (``reports/briefing_data.py``, filled by
``trade_mission.views.briefing``) brings everything, charts included, already read and
drawn in the deck's language; ``reports/slides.py`` is the slide furniture.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pptx import Presentation

from trade_mission.charts.base import Chart
from trade_mission.charts.figures import figure_rows
from trade_mission.data.database import records
from trade_mission.reports.briefing_data import BriefingData, BriefingOptions, OpportunityGroups
from trade_mission.reports.chart_pack import Renderer
from trade_mission.reports.images import ImageExportUnavailable, for_export, render_pngs
from trade_mission.reports.layout import BODY_MIN, Box, Paragraph
from trade_mission.reports.practical import mission_context, practical_facts
from trade_mission.reports.programme import programme_lines
from trade_mission.reports.slides import CONTENT, LEFT_HALF, RIGHT_HALF, Deck
from trade_mission.reports.status import mission_status
from trade_mission.rules.releases import newer_release_probably_out
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t
from trade_mission.text.search import fold

MAX_ITEMS_PER_KIND = 6
MAX_FIGURES = 6  # figures on one slide: cards plus what its chart draws
MAX_CARDS_BESIDE_CHART = 4


def figure_notes(rows: list[dict], inputs: dict[str, list[dict]], lang: Language) -> list[str]:
    """The verbatim quote of every figure shown; for an estimate, its formula and sources."""
    notes = []
    for row in rows:
        value = formatting.figure_value(row, lang)
        if row["is_derived"]:
            notes.append(
                t(
                    "briefing.note_estimate",
                    lang,
                    value=value,
                    label=row["label"],
                    formula=row["formula"],
                )
            )
            quoted = inputs.get(row["figure_id"], [])
        else:
            quoted = [row]
        for source in quoted:
            notes.append(
                t(
                    "briefing.note_quote",
                    lang,
                    value=formatting.figure_value(source, lang),
                    label=source["label"],
                    quote=formatting.one_line(source["quote"]),
                    section=source["section"],
                )
            )
    return notes


def opportunity_lines(groups: OpportunityGroups, lang: Language) -> list[Paragraph]:
    lines: list[Paragraph] = []
    for label, items in groups:
        names = [item["item"] for item in items]
        shown = ", ".join(names[:MAX_ITEMS_PER_KIND])
        if len(names) > MAX_ITEMS_PER_KIND:
            more = len(names) - MAX_ITEMS_PER_KIND
            shown += " " + t(
                f"briefing.more_items.{formatting.plural(lang, more)}", lang, count=more
            )
        lines.append((t("briefing.colon_line", lang, first=label, rest=shown), "bullet"))
    return lines


def title_slide(deck: Deck, data: BriefingData, prepared_on: dt.date, lang: Language) -> None:
    mission = data.mission
    context = mission_context(data.notices, lang)
    slide = deck.slide(
        None,
        [
            t("briefing.note_source", lang, publisher=data.source.publisher, url=data.source.url),
            t("briefing.note_programme", lang, quote=" ".join(context.quotes)),
        ],
    )
    status = mission_status(mission, prepared_on)
    dates = formatting.date_range(mission.start_date, mission.end_date, lang)
    deck.text(
        slide,
        Box(0.5, 1.4, 12.33, 1.4),
        [(t("overview.title", lang), "heading")],
        36,
        name="title",
    )
    deck.text(
        slide,
        Box(0.5, 3.0, 12.33, 3.8),
        [
            (t(f"status.phase.{status.phase}", lang, dates=dates), "heading"),
            (formatting.join(data.programme["city_name"].tolist(), lang), "body"),
            (t("overview.lead", lang, lead=mission.lead), "body"),
            (context.line, "body"),
            (t("briefing.prepared", lang, date=formatting.date(prepared_on, lang)), "body"),
        ],
        22,
    )


def why_mexico_slide(
    deck: Deck, data: BriefingData, checks: dict[str, dict], lang: Language
) -> None:
    """The headline figures: the first large on the left, the others beside it."""
    rows = figure_rows(data.figures, data.headlines)
    slide = deck.slide(t("overview.why_mexico", lang), figure_notes(rows, data.inputs, lang))
    lead, *others = rows
    deck.figure(
        slide, Box(0.5, 1.45, 4.4, 5.4), lead, checks.get(lead["figure_id"]), (60, 40), (24, 18)
    )
    for cell, row in zip(Box(5.15, 1.45, 7.68, 5.4).grid(len(others), 2), others, strict=True):
        deck.figure(slide, cell, row, checks.get(row["figure_id"]), (30, 22), (16, BODY_MIN))


def trade_rows(data: BriefingData, drawn: list[str]) -> list[dict]:
    """The page's country-wide figures the statistics check: those the chart marks first.
    A sector's checked figures are on its own slide."""
    rows = [
        row
        for row in records(data.figures)
        if row["sector_id"] is None
        and data.checks.get(row["figure_id"], {}).get("verdict") in ("consistent", "differs")
    ]
    rows.sort(key=lambda row: row["figure_id"] not in drawn)
    return rows[: MAX_FIGURES - len(set(drawn) - {row["figure_id"] for row in rows})]


def trade_slide(
    deck: Deck, data: BriefingData, chart: Chart, image: bytes | None, lang: Language
) -> None:
    """Canada–Mexico trade since 1990 in the official series, across the slide; the notes
    give the credit and the quotes of the page's figures it marks."""
    drawn = data.chart_figures.get(chart.chart_id, [])
    notes = [t("briefing.note_trade", lang, attribution=data.trade_attribution)]
    notes += figure_notes(figure_rows(data.figures, drawn), data.inputs, lang)
    slide = deck.slide(t("briefing.trade_title", lang), notes)
    deck.chart(slide, chart, deck.slot(chart, CONTENT), image)


def trade_checks_slide(deck: Deck, data: BriefingData, chart: Chart, lang: Language) -> None:
    """The page's trade figures against the official series; the notes give what was
    computed and the credit."""
    rows = trade_rows(data, data.chart_figures.get(chart.chart_id, []))
    notes = [
        t("briefing.note_trade", lang, attribution=data.trade_attribution),
        *figure_notes(rows, data.inputs, lang),
    ]
    for row in rows:
        check = data.checks[row["figure_id"]]
        notes.append(
            t(
                "briefing.note_check",
                lang,
                value=formatting.figure_value(row, lang),
                label=row["label"],
                verdict=t(f"trade.verdict.{check['verdict']}", lang),
                official=check["official_text"],
                basis=check["basis"],
                note=check["note"],
            )
        )
    slide = deck.slide(t("briefing.trade_checks", lang), notes)
    deck.figures(slide, CONTENT, rows, data.checks, 2)


# The latest months: four cards (two periods, two flows) over a wide one (the share),
# the months drawn beside them.
LATEST_CARDS = Box(0.5, 1.45, 7.0, 4.35)
LATEST_LAST_CARD = Box(0.5, 6.05, 7.0, 0.8)
LATEST_CHART = Box(7.75, 1.45, 5.08, 5.4)


def latest_months_slide(
    deck: Deck, data: BriefingData, image: bytes | None, prepared_on: dt.date, lang: Language
) -> None:
    """The latest months of the monthly table: the cards on the left (the latest 12 months
    and the year to date against a year earlier, Mexico's share of Canada's exports), the
    months drawn on the right; period, release, formulas and credit in the notes."""
    latest = data.latest_months
    notes = list(latest.notes)
    title = latest.title
    moment = dt.datetime.combine(prepared_on, dt.time(12), tzinfo=dt.UTC)
    if newer_release_probably_out(latest.last_month, moment):
        notes.insert(0, latest.stale_note)
        title = latest.stale_title
    slide = deck.slide(title, notes, footer=latest.footer)
    deck.chart(slide, latest.chart, deck.slot(latest.chart, LATEST_CHART), image)
    *pairs, last = latest.facts
    cells = LATEST_CARDS.grid(len(pairs), 2)
    for index, (cell, (label, value, comparison)) in enumerate(zip(cells, pairs, strict=True)):
        deck.card(slide, cell, f"fact:{index}", value, label, comparison, (24, 16), (14, BODY_MIN))
    label, value, comparison = last  # on one line with its label: the card is low
    deck.card(
        slide,
        LATEST_LAST_CARD,
        f"fact:{len(pairs)}",
        value,
        t("briefing.latest_compared", lang, label=label, comparison=comparison),
        "",
        (20, 18),
        (14, BODY_MIN),
        compact=True,
    )


# The chapters the market slide lists at most: one line each, in 14-point type or larger.
MARKET_CHAPTERS = 6


def market_slide(deck: Deck, data: BriefingData, sectors: tuple[str, ...], lang: Language) -> None:
    """Mexico's market and its border in 2026: the chosen sectors' largest chapters in
    Mexico's imports (INEGI), with their growth and the general rates a supplier without a
    trade agreement pays; sources, release and caveats in the notes."""
    market = data.market
    chosen = [chapter for chapter in market.chapters if set(chapter.sector_ids) & set(sectors)]
    chosen = sorted(chosen, key=lambda chapter: -chapter.imports)[:MARKET_CHAPTERS]
    slide = deck.slide(market.title, market.notes, footer=market.footer)
    paragraphs: list[Paragraph] = [(market.intro, "body")]
    paragraphs += [(chapter.line, "bullet") for chapter in chosen]
    deck.text(slide, CONTENT, paragraphs, 18)


def split_figures(count: int, first: int) -> list[int]:
    """How many figure cards go on each slide: ``first`` at most on the first (beside a
    chart), then at most ``MAX_FIGURES`` per slide, as evenly as they divide."""
    if count <= first:
        return [count]
    rest = count - first
    slides = math.ceil(rest / MAX_FIGURES)
    per_slide = math.ceil(rest / slides)
    counts = [first]
    while rest > 0:
        counts.append(min(per_slide, rest))
        rest -= counts[-1]
    return counts


@dataclass(frozen=True)
class SectorPlan:
    """A sector's slides: its figures (cards) slide by slide, its chart on the first."""

    sector_id: str
    chart: Chart | None
    cards: list[list[dict]]  # the figure cards of each figures slide

    @property
    def chart_box(self) -> Box:
        """Beside the first cards, or across the slide when every figure is in it."""
        return RIGHT_HALF if self.cards[0] else CONTENT


def plan_sector(data: BriefingData, sector_id: str, with_trade: bool) -> SectorPlan:
    chart = sector_chart(data, sector_id, with_trade)
    drawn = set(data.chart_figures.get(chart.chart_id, [])) if chart else set()
    rows = [row for row in records(data.figures) if row["sector_id"] == sector_id]
    cards = [row for row in rows if row["figure_id"] not in drawn]
    if chart is None:
        first = min(MAX_FIGURES, len(cards))
        if len(cards) > MAX_FIGURES:  # even slides: 4 and 3, not 6 and 1
            first = math.ceil(len(cards) / math.ceil(len(cards) / MAX_FIGURES))
    else:
        first = min(MAX_CARDS_BESIDE_CHART, MAX_FIGURES - len(drawn))
    if chart is None and not cards:  # nothing to show: no figures slide at all
        return SectorPlan(sector_id, None, [])
    counts = split_figures(len(cards), first)
    chunks, start = [], 0
    for count in counts:
        chunks.append(cards[start : start + count])
        start += count
    return SectorPlan(sector_id, chart, chunks)


def sector_figures_slide(
    deck: Deck,
    data: BriefingData,
    plan: SectorPlan,
    index: int,
    image: bytes | None,
    lang: Language,
    with_trade: bool,
) -> None:
    """The sector's figures slide ``index``: the first has its chart with the first cards
    beside it, the others the cards that did not fit."""
    checks = data.checks if with_trade else {}
    name = data.sector_name(plan.sector_id)
    cards = plan.cards[index]
    drawn = (
        figure_rows(data.figures, data.chart_figures.get(plan.chart.chart_id, []))
        if (plan.chart and index == 0)
        else []
    )
    title = name if index == 0 else t("briefing.more_figures", lang, sector=name)
    slide = deck.slide(title, figure_notes(cards + drawn, data.inputs, lang))
    if index == 0 and plan.chart is not None:
        deck.chart(slide, plan.chart, deck.slot(plan.chart, plan.chart_box), image)
        if cards:
            deck.figures(slide, LEFT_HALF, cards, checks, 2 if len(cards) > 1 else 1)
    else:
        deck.figures(slide, CONTENT, cards, checks, 3 if len(cards) > 4 else 2)


def sector_programme_slide(
    deck: Deck, data: BriefingData, sector_id: str, lang: Language, with_trade: bool
) -> None:
    """Where and when the sector's programme runs, its goods trade, its opportunities."""
    cities = data.sector_cities[data.sector_cities["sector_id"] == sector_id]["city"]
    where = programme_lines(tuple(cities), data.programme, lang)
    notes = []
    companies = data.companies[data.companies["sector_id"] == sector_id]
    if len(companies):
        quote = formatting.one_line(companies["quote"].iloc[0])
        notes.append(t("briefing.note_companies", lang, quote=quote))
    goods = data.sector_trade_lines[sector_id] if with_trade else None
    if goods is not None:
        notes.append(goods.source)
    name = data.sector_name(sector_id)
    slide = deck.slide(t("briefing.sector_programme", lang, sector=name), notes)
    left: list[Paragraph] = [
        (t("briefing.where", lang), "heading"),
        *[(line, "bullet") for line in where],
    ]
    if goods is not None:
        left += [(t("sectors.trade_title", lang), "heading"), (goods.text, "body")]
    right: list[Paragraph] = [
        (t("sectors.opportunities", lang), "heading"),
        *opportunity_lines(data.opportunities[sector_id], lang),
    ]
    deck.columns(slide, [(LEFT_HALF, left), (RIGHT_HALF, right)])


TIMELINE = Box(0.5, 1.45, 6.35, 2.9)
CITIES = Box(0.5, 4.5, 6.35, 2.35)
MAP = Box(7.1, 1.45, 5.73, 5.4)


def programme_notes(data: BriefingData, lang: Language) -> list[str]:
    return [
        t("briefing.note_programme", lang, quote=quote)
        for quote in dict.fromkeys(data.programme["quote"])
    ]


def programme_slide(deck: Deck, data: BriefingData, images: Images, lang: Language) -> None:
    """Where and when: the timeline, the cities, the map."""
    slide = deck.slide(t("programme.title", lang), programme_notes(data, lang))
    deck.chart(
        slide, data.timeline, deck.slot(data.timeline, TIMELINE), images.get("programme_timeline")
    )
    cities = programme_lines(tuple(data.programme["city"]), data.programme, lang)
    deck.text(slide, CITIES, [(line, "bullet") for line in cities])
    atlas = data.programme_map
    deck.chart(slide, atlas, deck.slot(atlas, MAP), images.get(atlas.chart_id))


def activities_slide(deck: Deck, data: BriefingData, lang: Language) -> None:
    """What the programme includes, in type a room can read."""
    slide = deck.slide(t("programme.activities", lang), programme_notes(data, lang))
    deck.text(slide, CONTENT, [(item, "bullet") for item in data.activities], 24)


def eligibility_slide(deck: Deck, data: BriefingData, lang: Language) -> None:
    """The page's criteria, in full: companies on the left, organizations on the right."""
    criteria = data.criteria.set_index("criterion_id")
    slide = deck.slide(t("briefing.eligibility_title", lang), [t("briefing.note_criteria", lang)])

    def criterion_lines(section_id: str) -> list[Paragraph]:
        # The page's two lists as it sets them out; its out-of-scope statement, in another
        # section, is on the before-applying slide.
        part = records(criteria[criteria["section_id"] == section_id].reset_index())
        return [
            (formatting.one_line(row["text"]), "subbullet" if row["parent_id"] else "bullet")
            for row in part
        ]

    companies: list[Paragraph] = [
        (t("briefing.criteria_companies", lang), "heading"),
        *criterion_lines("criteria_companies"),
    ]
    organizations: list[Paragraph] = [
        (t("briefing.criteria_organizations", lang), "heading"),
        *criterion_lines("criteria_organizations"),
    ]
    deck.columns(slide, [(LEFT_HALF, companies), (RIGHT_HALF, organizations)])


def before_applying_slide(
    deck: Deck, data: BriefingData, prepared_on: dt.date, lang: Language
) -> None:
    """What else the page says a participant must know: scope, meetings, representatives,
    and registration, open or closed on the day the deck is made."""
    criteria = data.criteria.set_index("criterion_id")
    representatives = figure_rows(data.figures, ["max_representatives"])
    notes = [
        t("briefing.note_criteria", lang),
        *figure_notes(representatives, data.inputs, lang),
        t(
            "briefing.note_programme",
            lang,
            quote=formatting.one_line(data.notices["b2b_smes_only"]),
        ),
    ]
    slide = deck.slide(t("briefing.before_applying", lang), notes)
    mission = data.mission
    deadline = formatting.deadline(
        mission.registration_deadline_utc, mission.registration_time_zone, lang
    )
    is_open = mission_status(mission, prepared_on).registration_open
    registration = t(
        "status.open" if is_open else "status.closed",
        lang,
        deadline=deadline,
        dates=formatting.date_range(mission.start_date, mission.end_date, lang),
    )
    value = formatting.figure_value(representatives[0], lang)
    deck.text(
        slide,
        CONTENT,
        [
            (formatting.one_line(criteria.loc["in_scope", "text"]), "bullet"),
            (t("briefing.b2b", lang), "bullet"),
            (t("briefing.representatives", lang, value=value), "bullet"),
            (registration, "bullet"),
        ],
        22,
    )


def costs_and_travel_slide(deck: Deck, data: BriefingData, lang: Language) -> None:
    """What taking part costs and what a participant arranges: the page's travel and
    expenses passages in plain lines, each quoted in the notes with the place it names."""
    facts = practical_facts(data.notices, lang)
    notes = [
        t("briefing.note_programme", lang, quote=fact.quote)
        + (
            " " + t("common.labelled", lang, label=fact.place, value=fact.url)
            if fact.place
            else ""
        )
        for fact in facts
    ]
    slide = deck.slide(t("practical.heading", lang), notes)
    deck.text(slide, CONTENT, [(fact.line, "bullet") for fact in facts], 22)


def sources_slide(deck: Deck, data: BriefingData, with_trade: bool, lang: Language) -> None:
    source = data.source
    note = t("briefing.note_source", lang, publisher=source.publisher, url=source.url)
    slide = deck.slide(t("sources.title", lang), [note])
    reference = t(
        "sources.reference_data",
        lang,
        states=data.attributions["states"],
        cities=data.attributions["cities"],
    )
    document = "briefing.source_document_and_trade" if with_trade else "briefing.source_document"
    paragraphs: list[Paragraph] = [
        (t(document, lang, title=source.title, publisher=source.publisher), "heading"),
        (source.url, "body"),
        (t("sources.capture", lang, note=source.capture_note), "body"),
        (t("sources.currency" if with_trade else "briefing.currency_page", lang), "body"),
        (t("sources.derived", lang), "body"),
        (reference, "body"),
    ]
    if with_trade:
        # Every source a slide of the deck shows: the annual files, the monthly table
        # (the latest months), Mexico's records and tariff (the market slide).
        paragraphs.append(
            (
                " ".join(
                    [
                        t("trade.attribution", lang, attribution=data.trade_attribution),
                        data.latest_months.footer + ".",
                        data.market.footer + ".",
                    ]
                ),
                "body",
            )
        )
    deck.text(slide, CONTENT, paragraphs, 18)


def sector_chart(data: BriefingData, sector_id: str, with_trade: bool) -> Chart | None:
    """A sector slide's chart: the page's own first, else its goods trade."""
    candidates = data.sector_charts[sector_id] + (
        data.sector_trade_charts[sector_id] if with_trade else []
    )
    return candidates[0] if candidates else None


def plan_deck(data: BriefingData, options: BriefingOptions) -> list[SectorPlan]:
    return [plan_sector(data, sector_id, options.trade) for sector_id in options.sectors]


# Each chart's image, by chart id; ``None`` where none could be drawn.
Images = dict[str, bytes | None]


@dataclass(frozen=True)
class PlannedSlide:
    """One slide of the deck: the charts it draws, each in its box (drawn for all slides
    at once, before any slide is made), and what makes it, given them and the day."""

    charts: tuple[tuple[Chart, Box], ...]
    make: Callable[[Deck, Images, dt.date], None]


def outline(data: BriefingData, options: BriefingOptions) -> list[PlannedSlide]:
    """Every slide of the deck for ``options``, in order: the one plan that both
    ``build_deck`` makes and ``planned_slides`` counts."""
    lang, trade = options.lang, options.trade
    slides = [
        PlannedSlide((), lambda deck, images, day: title_slide(deck, data, day, lang)),
        PlannedSlide(
            (),
            lambda deck, images, day: why_mexico_slide(
                deck, data, data.checks if trade else {}, lang
            ),
        ),
    ]
    if options.trade_slide:
        chart, latest = data.country_charts[0], data.latest_months.chart
        slides += [
            PlannedSlide(
                ((chart, CONTENT),),
                lambda deck, images, day: trade_slide(
                    deck, data, chart, images.get(chart.chart_id), lang
                ),
            ),
            PlannedSlide(
                (), lambda deck, images, day: trade_checks_slide(deck, data, chart, lang)
            ),
            PlannedSlide(
                ((latest, LATEST_CHART),),
                lambda deck, images, day: latest_months_slide(
                    deck, data, images.get(latest.chart_id), day, lang
                ),
            ),
        ]
    if trade:
        slides.append(
            PlannedSlide(
                (),
                lambda deck, images, day: market_slide(deck, data, options.sectors, lang),
            )
        )
    for plan in plan_deck(data, options):
        slides += sector_slides(data, plan, lang, trade)
    if options.programme:
        slides += [
            PlannedSlide(
                ((data.timeline, TIMELINE), (data.programme_map, MAP)),
                lambda deck, images, day: programme_slide(deck, data, images, lang),
            ),
            PlannedSlide((), lambda deck, images, day: activities_slide(deck, data, lang)),
        ]
    if options.eligibility:
        slides += [
            PlannedSlide((), lambda deck, images, day: eligibility_slide(deck, data, lang)),
            PlannedSlide(
                (), lambda deck, images, day: before_applying_slide(deck, data, day, lang)
            ),
            PlannedSlide((), lambda deck, images, day: costs_and_travel_slide(deck, data, lang)),
        ]
    slides.append(
        PlannedSlide((), lambda deck, images, day: sources_slide(deck, data, trade, lang))
    )
    return slides


def sector_slides(
    data: BriefingData, plan: SectorPlan, lang: Language, with_trade: bool
) -> list[PlannedSlide]:
    """A sector's figures slides (its chart on the first), then its programme slide."""

    def figures(index: int) -> PlannedSlide:
        chart = plan.chart if index == 0 else None

        def make(deck: Deck, images: Images, day: dt.date) -> None:
            image = images.get(chart.chart_id) if chart is not None else None
            sector_figures_slide(deck, data, plan, index, image, lang, with_trade)

        return PlannedSlide(() if chart is None else ((chart, plan.chart_box),), make)

    return [
        *(figures(index) for index in range(len(plan.cards))),
        PlannedSlide(
            (),
            lambda deck, images, day: sector_programme_slide(
                deck, data, plan.sector_id, lang, with_trade
            ),
        ),
    ]


def build_deck(
    data: BriefingData,
    options: BriefingOptions,
    prepared_on: dt.date,
    render: Renderer = render_pngs,
) -> bytes:
    """The deck as .pptx bytes, dated ``prepared_on``: every slide of ``outline``, its
    charts drawn for the boxes they are placed in."""
    footer = t(
        "briefing.footer",
        options.lang,
        publisher=data.source.publisher,
        title=data.source.title,
        url=data.source.url,
    )
    deck = Deck(footer, options.lang)
    slides = outline(data, options)
    slots = [(chart, deck.slot(chart, box)) for slide in slides for chart, box in slide.charts]
    try:
        pngs: list[bytes | None] = list(
            render([(for_export(chart), *slot.render_size()) for chart, slot in slots])
        )
    except ImageExportUnavailable:
        pngs = [None] * len(slots)
    images = {chart.chart_id: png for (chart, _), png in zip(slots, pngs, strict=True)}
    for slide in slides:
        slide.make(deck, images, prepared_on)
    buffer = io.BytesIO()
    deck.presentation.save(buffer)
    return buffer.getvalue()


def slide_count(deck: bytes) -> int:
    return len(Presentation(io.BytesIO(deck)).slides)


def planned_slides(data: BriefingData, options: BriefingOptions) -> int:
    """How many slides ``build_deck`` makes for ``options``."""
    return len(outline(data, options))


def deck_file_name(options: BriefingOptions, short_names: Mapping[str, str]) -> str:
    """ "canada-trade-mission-mexico-all-sectors.pptx" when the deck has every sector of
    ``short_names`` (id -> short name in the deck's language), else the chosen sectors'
    short names, folded to plain letters: "...-ict-creative-industries.pptx",
    "mission-commerciale-canadienne-mexique-tic-industries-creatives.pptx". The whole name
    is in the deck's language."""
    lang = options.lang
    if set(options.sectors) >= set(short_names):
        scope = t("files.all_sectors", lang)
    else:
        scope = "-".join(file_slug(short_names[sector_id]) for sector_id in options.sectors)
    return t("files.deck", lang, scope=scope)


def file_slug(name: str) -> str:
    """``name`` folded as the searches fold it (``text.search.fold``), its letters and
    digits joined by hyphens: "Industries créatives" -> "industries-creatives"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
