"""The deck's slide furniture, in python-pptx: a 16:9 presentation whose every slide has
a real title, one source footer and speaker notes, and the text boxes, figure cards and
charts placed on it, each sized to fit its box (``trade_mission.reports.layout``).

What goes on which slide is ``trade_mission.reports.deck``'s; this module knows no data.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from trade_mission.charts.base import Chart
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
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
TITLE_COLOUR = RGBColor(0x0B, 0x53, 0x94)
TEXT_COLOUR = RGBColor(0x1F, 0x1F, 0x1F)
MUTED_COLOUR = RGBColor(0x59, 0x59, 0x59)
CARD_FILL = RGBColor(0xF1, 0xF5, 0xFA)
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


def set_bullet(paragraph, indent: float) -> None:
    """A real bullet with a hanging indent (the text wraps under the text, not the dot)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Inches(indent)))
    properties.set("indent", str(-Inches(0.25)))
    bullet = properties.makeelement(qn("a:buChar"), {"char": "•" if indent < 0.5 else "–"})
    properties.append(bullet)  # after spcAft, as the schema orders them


class Deck:
    """A 16:9 presentation with the project's slide furniture (title, footer, notes)."""

    def __init__(self, footer: str, lang: Language):
        self.lang = lang
        self.presentation = Presentation()
        self.presentation.slide_width = SLIDE_WIDTH
        self.presentation.slide_height = SLIDE_HEIGHT
        self.footer_text = footer

    def slide(self, title: str | None, notes: list[str], footer: str | None = None):
        """A slide with a real title (read out by screen readers), one footer (the deck's,
        unless the slide shows another source) and notes."""
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
            [(footer or self.footer_text, "body")],
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
