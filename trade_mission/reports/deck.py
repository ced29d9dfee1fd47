"""The briefing deck: a sourced 16:9 presentation of the mission.

``build_deck(data, options, prepared_on)`` returns the bytes of a .pptx: a title slide,
"Why Mexico", Canada–Mexico trade (the official series, with the page's figures checked),
its latest months (Statistics Canada's monthly table), each chosen sector's figures (with
its goods trade where the statistics can stand for it) and programme, the programme, the
eligibility criteria, before applying, costs and travel, and the sources. Every slide has
a source footer, and its speaker notes hold the verbatim quote of every figure it shows (or, for an
estimate, its formula and the quotes it is computed from) and, for the trade statistics,
what was computed and their credit. ``BriefingData`` (``trade_mission.views.briefing``)
brings everything, charts included, already read and drawn in the deck's language.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from trade_mission.charts.base import Chart
from trade_mission.charts.figures import figure_rows
from trade_mission.data.database import records
from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.reports.chart_pack import Renderer
from trade_mission.reports.images import ImageExportUnavailable, for_export, render_pngs
from trade_mission.reports.layout import (
    BODY_MIN,
    CHART_TITLE_SIZE,
    ROLE_INDENTS,
    ROLE_OFFSETS,
    SOURCE_SIZE,
    SPACE_AFTER,
    SPACE_BEFORE_HEADING,
    Box,
    ChartSlot,
    Paragraph,
    Run,
    fitted_size,
    runs_height,
    words_fit,
)
from trade_mission.reports.practical import mission_context, practical_facts
from trade_mission.reports.programme import programme_lines
from trade_mission.reports.status import mission_status
from trade_mission.rules.releases import newer_release_probably_out
from trade_mission.text import formatting
from trade_mission.text.i18n import DEFAULT_LANGUAGE, Language, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
TITLE_COLOUR = RGBColor(0x0B, 0x53, 0x94)
TEXT_COLOUR = RGBColor(0x1F, 0x1F, 0x1F)
MUTED_COLOUR = RGBColor(0x59, 0x59, 0x59)
CARD_FILL = RGBColor(0xF1, 0xF5, 0xFA)
MAX_ITEMS_PER_KIND = 6
MAX_FIGURES = 6  # figures on one slide: cards plus what its chart draws
MAX_CARDS_BESIDE_CHART = 4
TITLE = Box(0.5, 0.3, 12.33, 1.0)
CONTENT = Box(0.5, 1.45, 12.33, 5.4)
LEFT_HALF = Box(0.5, 1.45, 5.95, 5.4)
RIGHT_HALF = Box(6.88, 1.45, 5.95, 5.4)
FOOTER = Box(0.5, 6.9, 12.33, 0.55)
TITLE_SIZES = (30, 22)  # largest and smallest slide title, in points
# Arial in presentation software; Liberation Sans, its metric twin, in LibreOffice. Text
# is sized for its widths (``layout.line_height``).
FONT = "Arial"
CARD_HEIGHT = 2.55  # the tallest a figure card grows
GAP = 0.25  # between cards
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

    @property
    def sector_ids(self) -> list[str]:
        return self.sectors["sector_id"].tolist()

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


def set_bullet(paragraph, indent: float) -> None:
    """A real bullet with a hanging indent (the text wraps under the text, not the dot)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Inches(indent)))
    properties.set("indent", str(-Inches(0.25)))
    bullet = properties.makeelement(qn("a:buChar"), {"char": "•" if indent < 0.5 else "–"})
    properties.append(bullet)  # after spcAft, as the schema orders them


class Deck:
    """A 16:9 presentation with the project's slide furniture (title, footer, notes)."""

    def __init__(self, data: BriefingData, lang: Language):
        self.data = data
        self.lang = lang
        self.presentation = Presentation()
        self.presentation.slide_width = SLIDE_WIDTH
        self.presentation.slide_height = SLIDE_HEIGHT
        self.footer_text = t(
            "briefing.footer",
            lang,
            publisher=data.source.publisher,
            title=data.source.title,
            url=data.source.url,
        )

    def slide(self, title: str | None, notes: list[str]):
        """A slide with a real title (read out by screen readers), one footer and notes."""
        if title is None:
            slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[6])
        else:
            slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[5])
            heading = slide.shapes.title
            heading.left, heading.top = Inches(TITLE.left), Inches(TITLE.top)
            heading.width, heading.height = Inches(TITLE.width), Inches(TITLE.height)
            heading.text = title
            frame = heading.text_frame
            frame.word_wrap = True
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT
            size = next(
                (
                    points
                    for points in range(TITLE_SIZES[0], TITLE_SIZES[1] - 1, -1)
                    if runs_height([[(title, points, True, None)]], TITLE.width) <= TITLE.height
                ),
                TITLE_SIZES[1],
            )
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = True
                run.font.name = FONT
                run.font.color.rgb = TITLE_COLOUR
        self.text(
            slide,
            FOOTER,
            [(self.footer_text, "body")],
            SOURCE_SIZE,
            SOURCE_SIZE - 1,
            MUTED_COLOUR,
            name="footer",
        )
        slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
        return slide

    def text(
        self,
        slide,
        box: Box,
        paragraphs: list[Paragraph],
        largest: int = 18,
        smallest: int = BODY_MIN,
        colour: RGBColor = TEXT_COLOUR,
        name: str = "text",
        size: int | None = None,
    ):
        """A text box whose body size is ``size``, or the largest that fits (headings 2
        points bigger), bullets hanging."""
        if size is None:
            size = fitted_size(paragraphs, box, largest, smallest)
        shape = slide.shapes.add_textbox(
            Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
        )
        shape.name = name
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for index, (text, role) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size + ROLE_OFFSETS[role])
            run.font.name = FONT
            run.font.bold = role == "heading"
            run.font.color.rgb = TITLE_COLOUR if role == "heading" else colour
            paragraph.space_before = Pt(SPACE_BEFORE_HEADING if role == "heading" and index else 0)
            paragraph.space_after = Pt(SPACE_AFTER)
            if ROLE_INDENTS[role]:
                set_bullet(paragraph, ROLE_INDENTS[role])
        return shape

    def columns(self, slide, columns: list[tuple[Box, list[Paragraph]]], largest: int = 18):
        """Text boxes side by side, all in one size: the largest at which each fits."""
        size = min(fitted_size(paragraphs, box, largest) for box, paragraphs in columns)
        for box, paragraphs in columns:
            self.text(slide, box, paragraphs, size=size)

    def figure(
        self,
        slide,
        box: Box,
        row: dict,
        check: dict | None,
        value_sizes: tuple[int, int] = (32, 20),
        label_sizes: tuple[int, int] = (18, BODY_MIN),
        compact: bool = False,
    ) -> None:
        """One figure as a card: its value large, what it is beneath, and the trade
        statistics' verdict where they check it."""
        label = formatting.figure_label(row, self.lang, "briefing.figure_year")
        if row["is_derived"]:
            label = t("briefing.estimate_label", self.lang, label=label)
        verdict = ""
        if check is not None and check["verdict"] != "not_comparable":
            verdict = t(
                f"figure.check_badge.{check['verdict']}",
                self.lang,
                official=check["official_text"],
            )
        self.card(
            slide,
            box,
            f"figure:{row['figure_id']}",
            formatting.figure_value(row, self.lang),
            label,
            verdict,
            value_sizes,
            label_sizes,
            compact,
        )

    def card(
        self,
        slide,
        box: Box,
        name: str,
        value: str,
        label: str,
        note: str = "",
        value_sizes: tuple[int, int] = (32, 20),
        label_sizes: tuple[int, int] = (18, BODY_MIN),
        compact: bool = False,
    ) -> None:
        """A card: ``value`` large, ``label`` beneath (``compact``, or when nothing else
        fits: after it, on the same line), ``note`` in muted type. Sizes shrink to fit,
        never below the smallest given."""

        def lines(value_size: int, label_size: int, compact: bool) -> list[list[Run]]:
            shown: list[list[Run]] = (
                [
                    [
                        (value, label_size, True, TITLE_COLOUR),
                        (" " + label, label_size, False, TEXT_COLOUR),
                    ]
                ]
                if compact
                else [
                    [(value, value_size, True, TITLE_COLOUR)],
                    [(label, label_size, False, TEXT_COLOUR)],
                ]
            )
            if note:
                shown.append([(note, label_size, False, MUTED_COLOUR)])
            return shown

        # Largest first; the value on a line of its own (never cut inside a word held by
        # no-break spaces) before it shares the label's.
        layouts = [
            lines(value_size, label_size, shared)
            for shared in sorted({compact, True})
            for value_size in range(value_sizes[0], value_sizes[1] - 1, -2)
            for label_size in range(label_sizes[0], label_sizes[1] - 1, -1)
            if label_size <= value_size
            and (shared or words_fit(value, box.width, value_size, bold=True))
        ]
        chosen = next(
            (shown for shown in layouts if runs_height(shown, box.width) <= box.height),
            layouts[-1],
        )
        card = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            Inches(box.left),
            Inches(box.top),
            Inches(box.width),
            Inches(box.height),
        )
        card.name = name
        card.fill.solid()
        card.fill.fore_color.rgb = CARD_FILL
        card.line.fill.background()
        card.shadow.inherit = False
        frame = card.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for index, runs in enumerate(chosen):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.LEFT
            paragraph.space_after = Pt(SPACE_AFTER)
            for text, points, bold, colour in runs:
                run = paragraph.add_run()
                run.text = text
                run.font.size = Pt(points)
                run.font.name = FONT
                run.font.bold = bold
                run.font.color.rgb = colour

    def figures(
        self, slide, box: Box, rows: list[dict], checks: dict[str, dict], columns: int
    ) -> None:
        """Cards in a grid from the top of ``box``, none taller than ``CARD_HEIGHT``."""
        count = math.ceil(len(rows) / columns)
        height = min(CARD_HEIGHT, (box.height - GAP * (count - 1)) / count)
        area = Box(box.left, box.top, box.width, count * height + GAP * (count - 1))
        for cell, row in zip(area.grid(len(rows), columns, GAP), rows, strict=True):
            self.figure(slide, cell, row, checks.get(row["figure_id"]))

    def slot(self, chart: Chart, box: Box) -> ChartSlot:
        """Where ``chart`` goes in ``box``: the same for its image and for its slide."""
        return ChartSlot.fit(chart, box, chart.credit)

    def chart(self, slide, chart: Chart, slot: ChartSlot, image: bytes | None) -> None:
        """The chart's finding, its image (or its data as text without one), any credit
        beyond the page."""
        self.text(
            slide, slot.title, [(chart.title, "heading")], CHART_TITLE_SIZE - 2, name="chart-title"
        )
        area = slot.image
        if image is not None:
            picture = slide.shapes.add_picture(
                io.BytesIO(image),
                Inches(area.left),
                Inches(area.top),
                Inches(area.width),
                Inches(area.height),
            )
            picture.name = f"chart:{chart.chart_id}"
            description = picture._element.xpath("./p:nvPicPr/p:cNvPr")[0]
            description.set("descr", chart.alt)  # alt text for screen readers
        else:
            rows: list[Paragraph] = [
                (" · ".join(str(value) for value in row), "body")
                for row in chart.table().reset_index().itertuples(index=False)
            ]
            self.text(slide, area, rows, BODY_MIN, name=f"chart:{chart.chart_id}")
        credit = chart.credit
        if credit:
            self.text(
                slide,
                slot.caption,
                [(credit, "body")],
                SOURCE_SIZE,
                SOURCE_SIZE - 1,
                MUTED_COLOUR,
                name="chart-source",
            )


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


def title_slide(deck: Deck, prepared_on: dt.date, lang: Language) -> None:
    data = deck.data
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


def why_mexico_slide(deck: Deck, checks: dict[str, dict], lang: Language) -> None:
    """The headline figures: the first large on the left, the others beside it."""
    data = deck.data
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


def trade_slides(deck: Deck, chart: Chart, image: bytes | None, lang: Language) -> None:
    """Canada–Mexico trade since 1990 in the official series, across the slide; then the
    page's trade figures against it. The notes give what was computed and the credit."""
    data = deck.data
    drawn = data.chart_figures.get(chart.chart_id, [])
    rows = trade_rows(data, drawn)
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
    chart_notes = [t("briefing.note_trade", lang, attribution=data.trade_attribution)]
    chart_notes += figure_notes(figure_rows(data.figures, drawn), data.inputs, lang)
    slide = deck.slide(t("briefing.trade_title", lang), chart_notes)
    deck.chart(slide, chart, deck.slot(chart, CONTENT), image)
    slide = deck.slide(t("briefing.trade_checks", lang), notes)
    deck.figures(slide, CONTENT, rows, data.checks, 2)


# The latest months: four cards (two periods, two flows) over a wide one (the share),
# the months drawn beside them.
LATEST_CARDS = Box(0.5, 1.45, 7.0, 4.35)
LATEST_LAST_CARD = Box(0.5, 6.05, 7.0, 0.8)
LATEST_CHART = Box(7.75, 1.45, 5.08, 5.4)


def latest_months_slide(
    deck: Deck, image: bytes | None, prepared_on: dt.date, lang: Language
) -> None:
    """The latest months of the monthly table: the cards on the left (the latest 12 months
    and the year to date against a year earlier, Mexico's share of Canada's exports), the
    months drawn on the right; period, release, formulas and credit in the notes."""
    latest = deck.data.latest_months
    notes = list(latest.notes)
    title = latest.title
    moment = dt.datetime.combine(prepared_on, dt.time(12), tzinfo=dt.UTC)
    if newer_release_probably_out(latest.last_month, moment):
        notes.insert(0, latest.stale_note)
        title = latest.stale_title
    slide = deck.slide(title, notes)
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


def sector_figure_slides(
    deck: Deck, plan: SectorPlan, image: bytes | None, lang: Language, with_trade: bool
) -> None:
    """The sector's figures: its chart with the first cards beside it, then any more."""
    data = deck.data
    checks = data.checks if with_trade else {}
    name = data.sector_name(plan.sector_id)
    for index, cards in enumerate(plan.cards):
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


def sector_programme_slide(deck: Deck, sector_id: str, lang: Language, with_trade: bool) -> None:
    """Where and when the sector's programme runs, its goods trade, its opportunities."""
    data = deck.data
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


def programme_slides(
    deck: Deck, placed: dict[str, tuple[Chart, bytes | None]], lang: Language
) -> None:
    """Where and when (the timeline, the cities, the map), then what the programme
    includes, in type a room can read."""
    data = deck.data
    notes = [
        t("briefing.note_programme", lang, quote=quote)
        for quote in dict.fromkeys(data.programme["quote"])
    ]
    slide = deck.slide(t("programme.title", lang), notes)
    timeline_chart, timeline_image = placed["programme_timeline"]
    slot = deck.slot(timeline_chart, TIMELINE)
    deck.chart(slide, timeline_chart, slot, timeline_image)
    cities = programme_lines(tuple(data.programme["city"]), data.programme, lang)
    deck.text(slide, CITIES, [(line, "bullet") for line in cities])
    atlas, atlas_image = placed["programme_map"]
    deck.chart(slide, atlas, deck.slot(atlas, MAP), atlas_image)
    slide = deck.slide(t("programme.activities", lang), notes)
    deck.text(slide, CONTENT, [(item, "bullet") for item in data.activities], 24)


def eligibility_slide(deck: Deck, lang: Language) -> None:
    """The page's criteria, in full: companies on the left, organizations on the right."""
    data = deck.data
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


def before_applying_slide(deck: Deck, prepared_on: dt.date, lang: Language) -> None:
    """What else the page says a participant must know: scope, meetings, representatives,
    and registration, open or closed on the day the deck is made."""
    data = deck.data
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


def costs_and_travel_slide(deck: Deck, lang: Language) -> None:
    """What taking part costs and what a participant arranges: the page's travel and
    expenses passages in plain lines, each quoted in the notes with the place it names."""
    facts = practical_facts(deck.data.notices, lang)
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


def sources_slide(deck: Deck, with_trade: bool, lang: Language) -> None:
    data = deck.data
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
        paragraphs.append(
            (t("trade.attribution", lang, attribution=data.trade_attribution), "body")
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


def build_deck(
    data: BriefingData,
    options: BriefingOptions,
    prepared_on: dt.date,
    render: Renderer = render_pngs,
) -> bytes:
    """The deck as .pptx bytes, dated ``prepared_on``."""
    lang = options.lang
    deck = Deck(data, lang)
    trade_chart = data.country_charts[0]
    plans = plan_deck(data, options)
    slots: list[tuple[Chart, ChartSlot]] = []
    if options.trade_slide:
        slots.append((trade_chart, deck.slot(trade_chart, CONTENT)))
        latest_chart = data.latest_months.chart
        slots.append((latest_chart, deck.slot(latest_chart, LATEST_CHART)))
    for plan in plans:
        if plan.chart is not None:
            slots.append((plan.chart, deck.slot(plan.chart, plan.chart_box)))
    if options.programme:
        slots += [
            (data.timeline, deck.slot(data.timeline, TIMELINE)),
            (data.programme_map, deck.slot(data.programme_map, MAP)),
        ]
    try:
        pngs: list[bytes | None] = list(
            render([(for_export(chart), *slot.render_size()) for chart, slot in slots])
        )
    except ImageExportUnavailable:
        pngs = [None] * len(slots)
    placed = {chart.chart_id: (chart, png) for (chart, _), png in zip(slots, pngs, strict=True)}

    title_slide(deck, prepared_on, lang)
    why_mexico_slide(deck, data.checks if options.trade else {}, lang)
    if options.trade_slide:
        trade_slides(deck, *placed[trade_chart.chart_id], lang)
        latest_months_slide(deck, placed[data.latest_months.chart.chart_id][1], prepared_on, lang)
    for plan in plans:
        image = placed[plan.chart.chart_id][1] if plan.chart else None
        sector_figure_slides(deck, plan, image, lang, options.trade)
        sector_programme_slide(deck, plan.sector_id, lang, options.trade)
    if options.programme:
        programme_slides(deck, placed, lang)
    if options.eligibility:
        eligibility_slide(deck, lang)
        before_applying_slide(deck, prepared_on, lang)
        costs_and_travel_slide(deck, lang)
    sources_slide(deck, options.trade, lang)
    buffer = io.BytesIO()
    deck.presentation.save(buffer)
    return buffer.getvalue()


def slide_count(deck: bytes) -> int:
    return len(Presentation(io.BytesIO(deck)).slides)


def planned_slides(data: BriefingData, options: BriefingOptions) -> int:
    """How many slides ``build_deck`` makes for ``options``."""
    fixed = 3  # title, why Mexico, sources
    sectors = sum(len(plan.cards) + 1 for plan in plan_deck(data, options))
    optional = 2 * (int(options.trade_slide) + int(options.programme))
    optional += int(options.trade_slide)  # the latest months
    optional += 3 * int(options.eligibility)  # who, before applying, costs and travel
    return fixed + sectors + optional


def deck_file_name(options: BriefingOptions, every_sector: Sequence[str]) -> str:
    """ "canada-trade-mission-mexico-all-sectors.pptx" when the deck has ``every_sector``,
    else the chosen sectors' ids ("...-ict-clean-technologies.pptx"); in the deck's
    language."""
    lang = options.lang
    if set(options.sectors) >= set(every_sector):
        scope = t("files.all_sectors", lang)
    else:
        scope = "-".join(sector_id.replace("_", "-") for sector_id in options.sectors)
    return t("files.deck", lang, scope=scope)
