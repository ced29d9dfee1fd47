"""The briefing pack: a sourced 16:9 slide deck of the mission, and a zip of every chart.

``build_deck(data, options)`` returns the bytes of a .pptx: a title slide, "Why Mexico",
one slide per chosen sector, the programme, the eligibility criteria and the sources.
Every slide has a source footer, and its speaker notes hold the verbatim quote of every
figure it shows (or, for an estimate, its formula and the quotes it is computed from).
Chart images are the app's own chart builders rendered to PNG by Plotly's exporter
(Kaleido) in the local Chromium, with no network.

Command line: ``python -m trade_mission.briefing --out deck.pptx [--sectors all|ID,ID]
[--no-programme] [--no-eligibility] [--lang en]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import math
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from trade_mission import bootstrap, charts, formatting, maps, queries, views
from trade_mission.charts import Chart
from trade_mission.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TITLE_COLOUR = RGBColor(0x0B, 0x53, 0x94)
TEXT_COLOUR = RGBColor(0x1F, 0x1F, 0x1F)
MUTED_COLOUR = RGBColor(0x59, 0x59, 0x59)
PIXELS_PER_INCH = 96
IMAGE_SCALE = 3  # three image pixels per CSS pixel: crisp on a projector
RENDER_TIMEOUT_SECONDS = 90
MAX_ITEMS_PER_KIND = 6
ProgressCallback = Callable[[float, str], None]


class ImageExportUnavailable(RuntimeError):
    """Chart images cannot be made here (no Chromium for Plotly's exporter)."""


@dataclass(frozen=True)
class BriefingOptions:
    sectors: tuple[str, ...]
    programme: bool = True
    eligibility: bool = True
    lang: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class BriefingData:
    """Everything the deck draws on, read once from the database."""

    mission: queries.Mission
    source: queries.SourceDocument
    sectors: pd.DataFrame
    figures: pd.DataFrame
    inputs: dict[str, list[dict]]
    programme: pd.DataFrame
    sector_cities: pd.DataFrame
    opportunities: pd.DataFrame
    opportunity_counts: pd.DataFrame
    companies: pd.DataFrame
    states: pd.DataFrame
    clusters: pd.DataFrame
    criteria: pd.DataFrame
    notices: dict[str, str]
    attributions: dict[str, str]
    activities: list[str] = field(default_factory=list)

    @property
    def sector_ids(self) -> list[str]:
        return self.sectors["sector_id"].tolist()

    def sector_name(self, sector_id: str) -> str:
        return self.sectors.set_index("sector_id").loc[sector_id, "name"]


def load_briefing_data(con, lang: str = DEFAULT_LANGUAGE) -> BriefingData:
    """Everything the deck shows, with names and labels in ``lang``."""
    return BriefingData(
        mission=queries.mission(con, lang),
        source=queries.source_document(con, lang),
        sectors=queries.sectors(con, lang),
        figures=queries.figures(con, queries.ALL_FIGURES, lang),
        inputs=queries.derived_figure_inputs(con, lang),
        programme=queries.programme(con, lang),
        sector_cities=queries.sector_cities(con, None, lang),
        opportunities=queries.opportunities(con, None, lang),
        opportunity_counts=queries.opportunity_counts(con),
        companies=queries.companies(con),
        states=queries.states(con),
        clusters=queries.cluster_states(con, lang),
        criteria=queries.eligibility_criteria(con, lang),
        notices=queries.notices(con),
        attributions=queries.attributions(con, lang),
        activities=queries.programme_activities(con, lang),
    )


# Charts and their images -------------------------------------------------------------------------


def sector_charts(data: BriefingData, sector_id: str, lang: str) -> list[Chart]:
    figures = data.figures[data.figures["sector_id"] == sector_id]
    return views.sector_charts(
        sector_id,
        figures,
        data.source,
        lang,
        states=data.states,
        cluster_states=data.clusters,
        programme=data.programme,
        sector_cities=data.sector_cities[data.sector_cities["sector_id"] == sector_id],
        attributions=data.attributions,
    )


def programme_map(data: BriefingData, lang: str) -> Chart:
    return maps.programme_map(
        data.states, data.clusters, data.programme, data.source, data.attributions, lang
    )


def all_charts(data: BriefingData, lang: str) -> list[Chart]:
    """Every chart the app draws, in page order."""
    built = [charts.figure_chart("bilateral_trade", data.figures, data.source, lang)]
    for sector_id in data.sector_ids:
        built += sector_charts(data, sector_id, lang)
    built.append(
        charts.opportunity_counts_chart(data.opportunity_counts, data.sectors, data.source, lang)
    )
    built.append(charts.programme_timeline(data.programme, data.source, lang))
    built.append(programme_map(data, lang))
    return built


def chromium_path() -> str | None:
    """Debian's Chromium (or ``CHROMIUM_PATH``), else whatever Chrome is on the PATH."""
    configured = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if Path(configured).is_file():
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pngs(
    figures: list[tuple[go.Figure, int, int]], scale: int = IMAGE_SCALE
) -> list[bytes]:
    """PNG images of Plotly figures (width and height in CSS pixels), rendered together.

    One headless Chromium for the whole batch; plotly.js comes from the installed plotly
    package and MathJax is off, so nothing is fetched from the network.
    """
    import kaleido  # imported here: only deck and zip exports need it

    browser = chromium_path()
    if browser is None:
        raise ImageExportUnavailable(t("briefing.no_chromium", DEFAULT_LANGUAGE))

    async def render() -> list[bytes]:
        # One tab: each extra tab loads plotly.js again, which costs more than it saves.
        async with kaleido.Kaleido(
            n=1, mathjax=False, path=browser, timeout=RENDER_TIMEOUT_SECONDS
        ) as exporter:
            return await asyncio.gather(
                *(
                    exporter.calc_fig(
                        figure,
                        opts=dict(format="png", width=width, height=height, scale=scale),
                    )
                    for figure, width, height in figures
                )
            )

    try:
        # In a thread of its own: the caller's thread may already run an event loop.
        with ThreadPoolExecutor(max_workers=1) as worker:
            return list(worker.submit(asyncio.run, render()).result())
    except Exception as error:  # Kaleido reports a missing or broken browser in many ways
        message = f"{t('briefing.no_chromium', DEFAULT_LANGUAGE)} ({error})"
        raise ImageExportUnavailable(message) from error


def for_export(chart: Chart) -> go.Figure:
    """The chart's figure as it is on screen, with a little more room at the edges."""
    figure = go.Figure(chart.figure)
    figure.update_layout(margin=dict(l=20, r=40, t=30, b=20))
    return figure


def charts_zip(data: BriefingData, lang: str, render=render_pngs) -> bytes:
    """Every chart as PNG and as the CSV of exactly what it draws, in one zip."""
    built = all_charts(data, lang)
    images = render([(for_export(chart), 1100, chart_height(chart)) for chart in built])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (chart, image) in enumerate(zip(built, images, strict=True), start=1):
            stem = f"{number:02d}-{chart.chart_id}"
            archive.writestr(f"{stem}.png", image)
            archive.writestr(f"{stem}.csv", chart.csv())
        archive.writestr("README.txt", zip_readme(built, data.source, lang))
    return buffer.getvalue()


def zip_readme(built: list[Chart], source: queries.SourceDocument, lang: str) -> str:
    lines = [t("briefing.zip_readme", lang, publisher=source.publisher, url=source.url), ""]
    for number, chart in enumerate(built, start=1):
        lines += [f"{number:02d}-{chart.chart_id}: {chart.title}", f"    {chart.caption}", ""]
    return "\n".join(lines)


def chart_height(chart: Chart) -> int:
    return 760 if chart.wide else 620


# Slides ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    def below(self, height: float) -> Box:
        """The part of this box under its top ``height`` inches."""
        return Box(self.left, self.top + height, self.width, self.height - height)


# Type roles and their size relative to the body text of a box.
ROLE_OFFSETS = {"heading": 2, "body": 0, "small": -2}
CONTENT_TOP = 1.35
CONTENT_HEIGHT = 5.6
CHART_TITLE_SIZE = 14
CHART_CAPTION_SIZE = 9
Paragraph = tuple[str, str]  # (text, role)


def text_height(paragraphs: list[Paragraph], width: float, size: int) -> float:
    """Inches a box of ``width`` inches needs for ``paragraphs`` at body size ``size``."""
    height = 0.0
    for text, role in paragraphs:
        points = size + ROLE_OFFSETS[role]
        glyph = 0.6 if role == "heading" else 0.55  # average advance, in ems (bold is wider)
        per_line = max(12, int(width * 72 / (points * glyph)))
        lines = max(1, math.ceil(len(text) / per_line))
        height += (lines * points * 1.2 + 4) / 72
    return height + 0.1


def fitted_size(paragraphs: list[Paragraph], box: Box, largest: int, smallest: int = 9) -> int:
    """The largest body size (points) at which the text fits the box."""
    for size in range(largest, smallest - 1, -1):
        if text_height(paragraphs, box.width, size) <= box.height:
            return size
    return smallest


@dataclass(frozen=True)
class ChartSlot:
    """Where a chart's title, image and caption go inside a box."""

    box: Box
    title_height: float
    caption_height: float

    @classmethod
    def fit(cls, chart: Chart, box: Box) -> ChartSlot:
        title = text_height([(chart.title, "heading")], box.width, CHART_TITLE_SIZE - 2)
        caption = text_height([(chart.caption, "body")], box.width, CHART_CAPTION_SIZE)
        return cls(box, title, caption)

    @property
    def image(self) -> Box:
        return Box(
            self.box.left,
            self.box.top + self.title_height,
            self.box.width,
            self.box.height - self.title_height - self.caption_height,
        )

    def render_size(self) -> tuple[int, int]:
        """CSS pixels to render at, so the chart's text keeps its size on the slide."""
        return int(self.image.width * PIXELS_PER_INCH), int(self.image.height * PIXELS_PER_INCH)


class Deck:
    """A 16:9 presentation with the project's slide furniture (title, footer, notes)."""

    def __init__(self, data: BriefingData, lang: str):
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
            rows = [
                (" · ".join(str(value) for value in row), "body")
                for row in chart.table().reset_index().itertuples(index=False)
            ]
            self.text(slide, area, rows, 14)
        caption = Box(box.left, area.top + area.height, box.width, slot.caption_height)
        self.text(slide, caption, [(chart.caption, "body")], CHART_CAPTION_SIZE, MUTED_COLOUR)


WHY_TEXT = Box(0.5, CONTENT_TOP, 5.7, CONTENT_HEIGHT)
WHY_CHART = Box(6.5, CONTENT_TOP, 6.3, CONTENT_HEIGHT)
SECTOR_TEXT = Box(0.5, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
SECTOR_CHART = Box(6.8, CONTENT_TOP, 6.0, CONTENT_HEIGHT)
TIMELINE = Box(0.5, CONTENT_TOP, 6.3, 3.2)
ACTIVITIES = Box(0.5, CONTENT_TOP + 3.3, 6.3, CONTENT_HEIGHT - 3.3)
MAP = Box(7.0, CONTENT_TOP, 5.8, CONTENT_HEIGHT)


def figure_lines(rows: list[dict], lang: str) -> list[Paragraph]:
    """ "nearly $56 billion: Canada-Mexico bilateral trade (2024)" for each figure."""
    lines = []
    for row in rows:
        label = row["label"]
        if row["year"] is not None:
            label = t("briefing.figure_year", lang, label=label, year=row["year"])
        if row["is_derived"]:
            label = t("briefing.estimate_label", lang, label=label)
        lines.append((f"{formatting.figure_value(row, lang)}: {label}", "body"))
    return lines


def figure_notes(rows: list[dict], inputs: dict[str, list[dict]], lang: str) -> list[str]:
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


def opportunity_lines(groups, lang: str) -> list[Paragraph]:
    lines = []
    for label, items in groups:
        names = [item["item"] for item in items]
        shown = ", ".join(names[:MAX_ITEMS_PER_KIND])
        if len(names) > MAX_ITEMS_PER_KIND:
            shown += " " + t("briefing.more_items", lang, count=len(names) - MAX_ITEMS_PER_KIND)
        lines.append((f"{label}: {shown}", "small"))
    return lines


def title_slide(deck: Deck, lang: str) -> None:
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
            (t("briefing.prepared", lang, date=formatting.date(dt.date.today(), lang)), "small"),
        ],
        22,
    )


def why_mexico_slide(deck: Deck, chart: Chart, image: bytes | None, lang: str) -> None:
    data = deck.data
    rows = queries.records(data.figures[data.figures["sector_id"].isna()])
    slide = deck.slide(t("overview.why_mexico", lang), figure_notes(rows, data.inputs, lang))
    deck.text(slide, WHY_TEXT, figure_lines(rows, lang))
    deck.chart(slide, chart, ChartSlot.fit(chart, WHY_CHART), image)


def sector_slide(
    deck: Deck, sector_id: str, chart: Chart | None, image: bytes | None, lang: str
) -> None:
    data = deck.data
    rows = queries.records(data.figures[data.figures["sector_id"] == sector_id])
    cities = data.sector_cities[data.sector_cities["sector_id"] == sector_id]["city"]
    where = views.sector_programme_lines(tuple(cities), data.programme, lang)
    opportunities = data.opportunities[data.opportunities["sector_id"] == sector_id]
    notes = figure_notes(rows, data.inputs, lang)
    companies = data.companies[data.companies["sector_id"] == sector_id]
    if len(companies):
        quote = " ".join(companies["quote"].iloc[0].split())
        notes.append(t("briefing.note_companies", lang, quote=quote))
    slide = deck.slide(data.sector_name(sector_id), notes)
    paragraphs = [
        (t("briefing.where", lang), "heading"),
        *[(line, "body") for line in where],
        (t("briefing.key_figures", lang), "heading"),
        *figure_lines(rows, lang),
        (t("sectors.opportunities", lang), "heading"),
        *opportunity_lines(views.opportunity_groups(opportunities, lang), lang),
    ]
    deck.text(slide, SECTOR_TEXT, paragraphs)
    if chart is not None:
        deck.chart(slide, chart, ChartSlot.fit(chart, SECTOR_CHART), image)


def programme_slide(deck: Deck, placed: dict[str, tuple[Chart, bytes | None]], lang: str) -> None:
    data = deck.data
    notes = [
        t("briefing.note_programme", lang, quote=quote)
        for quote in dict.fromkeys(data.programme["quote"])
    ]
    slide = deck.slide(t("programme.title", lang), notes)
    timeline, timeline_image = placed["programme_timeline"]
    deck.chart(slide, timeline, ChartSlot.fit(timeline, TIMELINE), timeline_image)
    activities = [(t("programme.activities", lang), "heading")]
    activities += [(f"• {item}", "body") for item in data.activities]
    deck.text(slide, ACTIVITIES, activities, 13)
    atlas, atlas_image = placed["programme_map"]
    deck.chart(slide, atlas, ChartSlot.fit(atlas, MAP), atlas_image)


def eligibility_slide(deck: Deck, lang: str) -> None:
    data = deck.data
    criteria = data.criteria.set_index("criterion_id")
    representatives = queries.records(
        data.figures[data.figures["figure_id"] == "max_representatives"]
    )
    notes = [
        t("briefing.note_criteria", lang),
        *figure_notes(representatives, data.inputs, lang),
        t("briefing.note_programme", lang, quote=" ".join(data.notices["b2b_smes_only"].split())),
    ]
    slide = deck.slide(t("briefing.eligibility_title", lang), notes)

    def criterion_lines(scope: str) -> list[Paragraph]:
        part = queries.records(criteria[criteria["applies_to"] == scope].reset_index())
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


def sources_slide(deck: Deck, lang: str) -> None:
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
    deck.text(
        slide,
        Box(0.5, 1.4, 12.3, 5.5),
        [
            (
                t(
                    "briefing.source_document",
                    lang,
                    title=source.title,
                    publisher=source.publisher,
                ),
                "heading",
            ),
            (source.url, "body"),
            (t("sources.capture", lang, note=source.capture_note), "body"),
            (t("sources.currency", lang), "body"),
            (t("sources.derived", lang), "body"),
            (reference, "small"),
        ],
        16,
    )


def build_deck(
    data: BriefingData,
    options: BriefingOptions,
    progress: ProgressCallback | None = None,
    render=render_pngs,
) -> bytes:
    """The deck as .pptx bytes. ``progress(fraction, message)`` is told how far it got."""
    lang = options.lang
    report = progress or (lambda fraction, message: None)
    report(0.05, t("briefing.progress.charts", lang))
    why_chart = charts.figure_chart("bilateral_trade", data.figures, data.source, lang)
    slots: list[tuple[Chart, ChartSlot]] = [(why_chart, ChartSlot.fit(why_chart, WHY_CHART))]
    main_chart: dict[str, Chart | None] = {}
    for sector_id in options.sectors:
        built = sector_charts(data, sector_id, lang)
        main_chart[sector_id] = built[0] if built else None
        if built:
            slots.append((built[0], ChartSlot.fit(built[0], SECTOR_CHART)))
    if options.programme:
        timeline = charts.programme_timeline(data.programme, data.source, lang)
        atlas = programme_map(data, lang)
        slots += [
            (timeline, ChartSlot.fit(timeline, TIMELINE)),
            (atlas, ChartSlot.fit(atlas, MAP)),
        ]
    report(0.15, t("briefing.progress.images", lang, count=len(slots)))
    try:
        pngs = render([(for_export(chart), *slot.render_size()) for chart, slot in slots])
    except ImageExportUnavailable:
        pngs = [None] * len(slots)
    placed = {chart.chart_id: (chart, png) for (chart, _), png in zip(slots, pngs, strict=True)}
    report(0.75, t("briefing.progress.slides", lang))

    deck = Deck(data, lang)
    title_slide(deck, lang)
    why_mexico_slide(deck, *placed[why_chart.chart_id], lang)
    for sector_id in options.sectors:
        chart = main_chart[sector_id]
        image = placed[chart.chart_id][1] if chart else None
        sector_slide(deck, sector_id, chart, image, lang)
    if options.programme:
        programme_slide(deck, placed, lang)
    if options.eligibility:
        eligibility_slide(deck, lang)
    sources_slide(deck, lang)
    buffer = io.BytesIO()
    deck.presentation.save(buffer)
    report(1.0, t("briefing.progress.done", lang))
    return buffer.getvalue()


def slide_count(deck: bytes) -> int:
    return len(Presentation(io.BytesIO(deck)).slides)


def has_images(deck: bytes) -> bool:
    """Whether any slide of the deck holds a chart picture."""
    return any(
        shape.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
        for slide in Presentation(io.BytesIO(deck)).slides
        for shape in slide.shapes
    )


def planned_slides(options: BriefingOptions) -> int:
    """How many slides ``build_deck`` makes for ``options``."""
    fixed = 3  # title, why Mexico, sources
    return fixed + len(options.sectors) + int(options.programme) + int(options.eligibility)


def deck_file_name(options: BriefingOptions) -> str:
    scope = "all-sectors" if len(options.sectors) > 1 else options.sectors[0].replace("_", "-")
    return f"canada-trade-mission-mexico-{scope}-{options.lang}.pptx"


# Command line ------------------------------------------------------------------------------------


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, no usage dump
        raise _Usage(message)


def parse_sectors(text: str, known: list[str]) -> tuple[str, ...]:
    if text.strip() == "all":
        return tuple(known)
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [sector for sector in chosen if sector not in known]
    if unknown or not chosen:
        named = ", ".join(repr(sector) for sector in unknown) or repr(text)
        raise _Usage(f"--sectors: unknown sector id {named}; known: all, {', '.join(known)}")
    return tuple(dict.fromkeys(chosen))


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python -m trade_mission.briefing", description="Build the briefing deck."
    )
    parser.add_argument("--out", required=True, type=Path, help="where to write the .pptx")
    parser.add_argument(
        "--sectors", default="all", help="all (default) or sector ids, comma-separated"
    )
    parser.add_argument(
        "--no-programme", action="store_true", help="leave out the programme slide"
    )
    parser.add_argument(
        "--no-eligibility", action="store_true", help="leave out the eligibility slide"
    )
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE, help="en (default) or fr")
    try:
        args = parser.parse_args(argv)
        if args.lang not in LANGUAGES:
            raise _Usage(f"--lang: must be one of {', '.join(LANGUAGES)}")
        out = args.out.expanduser()
        if out.is_dir() or not out.parent.is_dir() or not os.access(out.parent, os.W_OK):
            raise _Usage(f"--out: cannot write {str(out)!r}")
        data = load_briefing_data(bootstrap.open_database(), args.lang)
        sectors = parse_sectors(args.sectors, data.sector_ids)
    except _Usage as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    options = BriefingOptions(sectors, not args.no_programme, not args.no_eligibility, args.lang)
    content = build_deck(data, options)
    try:
        out.write_bytes(content)
    except OSError as error:
        print(f"error: --out: cannot write {str(out)!r}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({slide_count(content)} slides)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
