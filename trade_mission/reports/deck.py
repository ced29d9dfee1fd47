"""The briefing deck: a sourced 16:9 presentation of the mission.

``build_deck(data, options, prepared_on)`` returns the bytes of a .pptx: a title slide,
"Why Mexico", Canada–Mexico trade (the official series, with the page's figures checked),
one slide per chosen sector (with its goods trade where the statistics can stand for it),
the programme, the eligibility criteria and the sources. Every slide has a source footer,
and its speaker notes hold the verbatim quote of every figure it shows (or, for an
estimate, its formula and the quotes it is computed from) and, for the trade statistics,
what was computed and their credit. ``BriefingData`` (``trade_mission.views.briefing``)
brings everything, charts included, already read and drawn in the deck's language.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from trade_mission.charts.base import Chart
from trade_mission.data.database import records
from trade_mission.data.queries import Mission, SourceDocument
from trade_mission.reports.assessment import programme_lines
from trade_mission.reports.chart_pack import Renderer
from trade_mission.reports.images import ImageExportUnavailable, for_export, render_pngs
from trade_mission.reports.layout import (
    CHART_CAPTION_SIZE,
    CHART_TITLE_SIZE,
    ROLE_OFFSETS,
    Box,
    ChartSlot,
    Paragraph,
    fitted_size,
)
from trade_mission.text import formatting
from trade_mission.text.i18n import DEFAULT_LANGUAGE, Language, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TITLE_COLOUR = RGBColor(0x0B, 0x53, 0x94)
TEXT_COLOUR = RGBColor(0x1F, 0x1F, 0x1F)
MUTED_COLOUR = RGBColor(0x59, 0x59, 0x59)
MAX_ITEMS_PER_KIND = 6
CONTENT_TOP = 1.35
CONTENT_HEIGHT = 5.6
OpportunityGroups = list[tuple[str, list[dict]]]


@dataclass(frozen=True)
class BriefingOptions:
    sectors: tuple[str, ...]
    programme: bool = True
    eligibility: bool = True
    lang: Language = DEFAULT_LANGUAGE
    trade: bool = True  # the trade slide and each sector's goods trade

    @property
    def trade_slide(self) -> bool:
        """A deck of one sector keeps only that sector's trade, not the country's: the
        two-way trade chart is drawn on the trade slide alone."""
        return self.trade and len(self.sectors) > 1


@dataclass(frozen=True)
class SectorTradeLine:
    """A sector's goods trade in one sentence, and where it comes from."""

    text: str  # "HS chapters 01–24: C$2.21 billion exported to Mexico in 2024 ..."
    source: str  # for the speaker notes: what was computed, the credit


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
    timeline: Chart
    programme_map: Chart

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
            *self.trade_page_charts,
            self.timeline,
            self.programme_map,
        ]


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
        """A slide with a real title (read out by screen readers), footer and notes."""
        if title is None:
            slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[6])
        else:
            slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[5])
            heading = slide.shapes.title
            heading.left, heading.top = MARGIN, Inches(0.3)
            heading.width, heading.height = SLIDE_WIDTH - 2 * MARGIN, Inches(0.95)
            heading.text = title
            paragraph = heading.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size = Pt(28)
                run.font.bold = True
                run.font.color.rgb = TITLE_COLOUR
        self.text(
            slide, Box(0.5, 7.05, 12.33, 0.4), [(self.footer_text, "body")], 10, MUTED_COLOUR
        )
        slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
        return slide

    def text(
        self,
        slide,
        box: Box,
        paragraphs: list[Paragraph],
        largest: int = 16,
        colour: RGBColor = TEXT_COLOUR,
    ) -> None:
        """A text box whose body size is the largest that fits (headings 2 points bigger)."""
        size = fitted_size(paragraphs, box, largest)
        shape = slide.shapes.add_textbox(
            Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
        )
        frame = shape.text_frame
        frame.word_wrap = True
        for index, (text, role) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size + ROLE_OFFSETS[role])
            run.font.bold = role == "heading"
            run.font.color.rgb = colour
            paragraph.space_after = Pt(4 if role == "heading" else 2)

    def chart(self, slide, chart: Chart, slot: ChartSlot, image: bytes | None) -> None:
        """The chart's finding, its image (or its data as text without one), its source."""
        box = slot.box
        title_box = Box(box.left, box.top, box.width, slot.title_height)
        self.text(slide, title_box, [(chart.title, "heading")], CHART_TITLE_SIZE - 2)
        area = slot.image
        if image is not None:
            picture = slide.shapes.add_picture(
                io.BytesIO(image),
                Inches(area.left),
                Inches(area.top),
                Inches(area.width),
                Inches(area.height),
            )
            picture.name = chart.chart_id
            description = picture._element.xpath("./p:nvPicPr/p:cNvPr")[0]
            description.set("descr", chart.alt)  # alt text for screen readers
        else:
            rows: list[Paragraph] = [
                (" · ".join(str(value) for value in row), "body")
                for row in chart.table().reset_index().itertuples(index=False)
            ]
            self.text(slide, area, rows, 14)
        caption = Box(box.left, area.top + area.height, box.width, slot.caption_height)
        self.text(slide, caption, [(chart.caption, "body")], CHART_CAPTION_SIZE, MUTED_COLOUR)


WHY_LEFT = Box(0.5, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
WHY_RIGHT = Box(6.8, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
TRADE_CHART = Box(0.5, CONTENT_TOP, 7.3, CONTENT_HEIGHT)
TRADE_TEXT = Box(8.0, CONTENT_TOP, 4.8, CONTENT_HEIGHT)
SECTOR_TEXT = Box(0.5, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
SECTOR_CHART = Box(6.8, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
TIMELINE = Box(0.5, CONTENT_TOP, 6.3, 3.2)
ACTIVITIES = Box(0.5, CONTENT_TOP + 3.3, 6.3, CONTENT_HEIGHT - 3.3)
MAP = Box(7.0, CONTENT_TOP, 5.8, CONTENT_HEIGHT)


def figure_lines(
    rows: list[dict], lang: Language, checks: dict[str, dict] | None = None
) -> list[Paragraph]:
    """ "nearly $56 billion: Canada-Mexico bilateral trade (2024)" for each figure, with
    the trade statistics' verdict where ``checks`` has one."""
    lines: list[Paragraph] = []
    for row in rows:
        label = formatting.figure_label(row, lang, "briefing.figure_year")
        if row["is_derived"]:
            label = t("briefing.estimate_label", lang, label=label)
        line = t("briefing.colon_line", lang, first=formatting.figure_value(row, lang), rest=label)
        check = (checks or {}).get(row["figure_id"])
        if check is not None and check["verdict"] != "not_comparable":
            line += " " + t(
                f"briefing.check.{check['verdict']}", lang, official=check["official_text"]
            )
        lines.append((line, "body"))
    return lines


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
                    quote=" ".join(source["quote"].split()),
                    line=source["line"],
                )
            )
    return notes


def opportunity_lines(groups: OpportunityGroups, lang: Language) -> list[Paragraph]:
    lines: list[Paragraph] = []
    for label, items in groups:
        names = [item["item"] for item in items]
        shown = ", ".join(names[:MAX_ITEMS_PER_KIND])
        if len(names) > MAX_ITEMS_PER_KIND:
            shown += " " + t("briefing.more_items", lang, count=len(names) - MAX_ITEMS_PER_KIND)
        lines.append((t("briefing.colon_line", lang, first=label, rest=shown), "small"))
    return lines


def title_slide(deck: Deck, prepared_on: dt.date, lang: Language) -> None:
    data = deck.data
    mission = data.mission
    slide = deck.slide(
        None,
        [t("briefing.note_source", lang, publisher=data.source.publisher, url=data.source.url)],
    )
    deck.text(slide, Box(0.5, 1.4, 12.3, 1.3), [(t("overview.title", lang), "heading")], 38)
    deck.text(
        slide,
        Box(0.5, 2.8, 12.3, 3.8),
        [
            (formatting.date_range(mission.start_date, mission.end_date, lang), "heading"),
            (formatting.join(data.programme["city_name"].tolist(), lang), "body"),
            (t("overview.lead", lang, lead=mission.lead), "body"),
            (t("briefing.prepared", lang, date=formatting.date(prepared_on, lang)), "small"),
        ],
        22,
    )


def why_mexico_slide(deck: Deck, checks: dict[str, dict], lang: Language) -> None:
    """The page's country-wide figures in two columns, each with its check when given."""
    data = deck.data
    rows = records(data.figures[data.figures["sector_id"].isna()])
    slide = deck.slide(t("overview.why_mexico", lang), figure_notes(rows, data.inputs, lang))
    lines = figure_lines(rows, lang, checks)
    half = (len(lines) + 1) // 2
    deck.text(slide, WHY_LEFT, lines[:half])
    deck.text(slide, WHY_RIGHT, lines[half:])


def trade_slide(deck: Deck, chart: Chart, image: bytes | None, lang: Language) -> None:
    """Canada–Mexico trade since 1990 in the official series, and the page's trade figures
    against it; the notes give what was computed and the statistics' credit."""
    data = deck.data
    rows = [
        row
        for row in records(data.figures)
        if data.checks.get(row["figure_id"], {}).get("verdict") in ("consistent", "differs")
    ]
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
    slide = deck.slide(t("briefing.trade_title", lang), notes)
    deck.chart(slide, chart, ChartSlot.fit(chart, TRADE_CHART), image)
    deck.text(
        slide,
        TRADE_TEXT,
        [(t("briefing.trade_checks", lang), "heading"), *figure_lines(rows, lang, data.checks)],
        14,
    )


def sector_slide(
    deck: Deck,
    sector_id: str,
    chart: Chart | None,
    image: bytes | None,
    lang: Language,
    with_trade: bool,
) -> None:
    data = deck.data
    rows = records(data.figures[data.figures["sector_id"] == sector_id])
    cities = data.sector_cities[data.sector_cities["sector_id"] == sector_id]["city"]
    where = programme_lines(tuple(cities), data.programme, lang)
    notes = figure_notes(rows, data.inputs, lang)
    companies = data.companies[data.companies["sector_id"] == sector_id]
    if len(companies):
        quote = " ".join(companies["quote"].iloc[0].split())
        notes.append(t("briefing.note_companies", lang, quote=quote))
    goods = data.sector_trade_lines[sector_id] if with_trade else None
    if goods is not None:
        notes.append(goods.source)
    slide = deck.slide(data.sector_name(sector_id), notes)
    paragraphs: list[Paragraph] = [
        (t("briefing.where", lang), "heading"),
        *[(line, "body") for line in where],
        (t("briefing.key_figures", lang), "heading"),
        *figure_lines(rows, lang, data.checks if with_trade else None),
    ]
    if goods is not None:
        paragraphs += [(t("sectors.trade_title", lang), "heading"), (goods.text, "body")]
    opportunities: list[Paragraph] = [
        (t("sectors.opportunities", lang), "heading"),
        *opportunity_lines(data.opportunities[sector_id], lang),
    ]
    if chart is None:  # no chart: the opportunities take the right half
        deck.text(slide, WHY_LEFT, paragraphs)
        deck.text(slide, WHY_RIGHT, opportunities)
        return
    deck.text(slide, SECTOR_TEXT, paragraphs + opportunities)
    deck.chart(slide, chart, ChartSlot.fit(chart, SECTOR_CHART), image)


def programme_slide(
    deck: Deck, placed: dict[str, tuple[Chart, bytes | None]], lang: Language
) -> None:
    data = deck.data
    notes = [
        t("briefing.note_programme", lang, quote=quote)
        for quote in dict.fromkeys(data.programme["quote"])
    ]
    slide = deck.slide(t("programme.title", lang), notes)
    timeline, timeline_image = placed["programme_timeline"]
    deck.chart(slide, timeline, ChartSlot.fit(timeline, TIMELINE), timeline_image)
    activities: list[Paragraph] = [(t("programme.activities", lang), "heading")]
    activities += [(f"• {item}", "body") for item in data.activities]
    deck.text(slide, ACTIVITIES, activities, 13)
    atlas, atlas_image = placed["programme_map"]
    deck.chart(slide, atlas, ChartSlot.fit(atlas, MAP), atlas_image)


def eligibility_slide(deck: Deck, lang: Language) -> None:
    data = deck.data
    criteria = data.criteria.set_index("criterion_id")
    representatives = records(data.figures[data.figures["figure_id"] == "max_representatives"])
    notes = [
        t("briefing.note_criteria", lang),
        *figure_notes(representatives, data.inputs, lang),
        t("briefing.note_programme", lang, quote=" ".join(data.notices["b2b_smes_only"].split())),
    ]
    slide = deck.slide(t("briefing.eligibility_title", lang), notes)

    def criterion_lines(scope: str) -> list[Paragraph]:
        part = records(criteria[criteria["applies_to"] == scope].reset_index())
        return [
            (("    – " if row["parent_id"] else "• ") + " ".join(row["text"].split()), "body")
            for row in part
        ]

    deck.text(
        slide,
        Box(0.5, CONTENT_TOP, 6.0, 3.5),
        [(t("briefing.criteria_companies", lang), "heading"), *criterion_lines("companies")],
        14,
    )
    deck.text(
        slide,
        Box(6.8, CONTENT_TOP, 6.0, 3.5),
        [
            (t("briefing.criteria_organizations", lang), "heading"),
            *criterion_lines("large_businesses_and_organizations"),
        ],
        14,
    )
    mission = data.mission
    deadline = formatting.deadline(
        mission.registration_deadline_utc, mission.registration_time_zone, lang
    )
    representatives_value = formatting.figure_value(representatives[0], lang)
    deck.text(
        slide,
        Box(0.5, 5.0, 12.3, 1.95),
        [
            ("• " + " ".join(criteria.loc["in_scope", "text"].split()), "body"),
            ("• " + t("briefing.b2b", lang), "body"),
            ("• " + t("briefing.representatives", lang, value=representatives_value), "body"),
            ("• " + t("briefing.deadline", lang, deadline=deadline), "body"),
        ],
        12,
    )


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
        (reference, "small"),
    ]
    if with_trade:
        paragraphs.append(
            (t("trade.attribution", lang, attribution=data.trade_attribution), "small")
        )
    deck.text(slide, Box(0.5, 1.4, 12.3, 5.5), paragraphs, 16)


def sector_chart(data: BriefingData, sector_id: str, with_trade: bool) -> Chart | None:
    """A sector slide's chart: the page's own first, else its goods trade."""
    candidates = data.sector_charts[sector_id] + (
        data.sector_trade_charts[sector_id] if with_trade else []
    )
    return candidates[0] if candidates else None


def build_deck(
    data: BriefingData,
    options: BriefingOptions,
    prepared_on: dt.date,
    render: Renderer = render_pngs,
) -> bytes:
    """The deck as .pptx bytes, dated ``prepared_on``."""
    lang = options.lang
    trade_chart = data.country_charts[0]
    slots: list[tuple[Chart, ChartSlot]] = []
    if options.trade_slide:
        slots.append((trade_chart, ChartSlot.fit(trade_chart, TRADE_CHART)))
    main_chart: dict[str, Chart | None] = {}
    for sector_id in options.sectors:
        main_chart[sector_id] = sector_chart(data, sector_id, options.trade)
        chart = main_chart[sector_id]
        if chart is not None:
            slots.append((chart, ChartSlot.fit(chart, SECTOR_CHART)))
    if options.programme:
        slots += [
            (data.timeline, ChartSlot.fit(data.timeline, TIMELINE)),
            (data.programme_map, ChartSlot.fit(data.programme_map, MAP)),
        ]
    try:
        pngs: list[bytes | None] = list(
            render([(for_export(chart), *slot.render_size()) for chart, slot in slots])
        )
    except ImageExportUnavailable:
        pngs = [None] * len(slots)
    placed = {chart.chart_id: (chart, png) for (chart, _), png in zip(slots, pngs, strict=True)}

    deck = Deck(data, lang)
    title_slide(deck, prepared_on, lang)
    why_mexico_slide(deck, data.checks if options.trade else {}, lang)
    if options.trade_slide:
        trade_slide(deck, *placed[trade_chart.chart_id], lang)
    for sector_id in options.sectors:
        chart = main_chart[sector_id]
        image = placed[chart.chart_id][1] if chart else None
        sector_slide(deck, sector_id, chart, image, lang, options.trade)
    if options.programme:
        programme_slide(deck, placed, lang)
    if options.eligibility:
        eligibility_slide(deck, lang)
    sources_slide(deck, options.trade, lang)
    buffer = io.BytesIO()
    deck.presentation.save(buffer)
    return buffer.getvalue()


def slide_count(deck: bytes) -> int:
    return len(Presentation(io.BytesIO(deck)).slides)


def planned_slides(options: BriefingOptions) -> int:
    """How many slides ``build_deck`` makes for ``options``."""
    fixed = 3  # title, why Mexico, sources
    optional = (options.trade_slide, options.programme, options.eligibility)
    return fixed + len(options.sectors) + sum(map(int, optional))


def deck_file_name(options: BriefingOptions) -> str:
    """ "canada-trade-mission-mexico-all-sectors.pptx", named in the deck's language."""
    lang = options.lang
    scope = (
        t("files.all_sectors", lang)
        if len(options.sectors) > 1
        else options.sectors[0].replace("_", "-")
    )
    return t("files.deck", lang, scope=scope)
