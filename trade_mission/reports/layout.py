"""Placing text and charts on 16:9 slides: boxes in inches, text sized to fit its box.

python-pptx does not measure text, so ``text_height`` estimates it from the number of
characters per line at a given size; ``fitted_size`` picks the largest body size at which
a box's paragraphs fit, never below ``BODY_MIN``: text that would need smaller type is
split across slides by the deck instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from trade_mission.charts.base import Chart

PIXELS_PER_INCH = 96
BODY_MIN = 14  # the smallest body text on a slide, in points
SOURCE_SIZE = 11  # source lines: the footer and a chart's own credit
CHART_TITLE_SIZE = 16
Role = Literal["heading", "body", "bullet", "subbullet"]
# Type roles: size relative to the body text of a box, and indent in inches.
ROLE_OFFSETS: dict[Role, int] = {"heading": 2, "body": 0, "bullet": 0, "subbullet": 0}
ROLE_INDENTS: dict[Role, float] = {"heading": 0, "body": 0, "bullet": 0.3, "subbullet": 0.6}
Paragraph = tuple[str, Role]
# A run of text as the deck sets it: text, points, bold, colour (any object).
Run = tuple[str, float, bool, object]
SPACE_AFTER = 4  # points after each paragraph
LINE_PITCH = 1.3  # baseline to baseline, in ems, as LibreOffice sets Liberation Sans
SPACE_BEFORE_HEADING = 8  # points before a heading that follows text
# Space a text frame keeps inside its box (python-pptx's defaults), in inches.
INSET_X = 0.1
INSET_Y = 0.05


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right - 0.001
            and other.left < self.right - 0.001
            and self.top < other.bottom - 0.001
            and other.top < self.bottom - 0.001
        )

    def grid(self, count: int, columns: int, gap: float = 0.25) -> list[Box]:
        """``count`` cells, ``columns`` to a row, filling the box with ``gap`` between."""
        rows = max(1, math.ceil(count / columns))
        width = (self.width - gap * (columns - 1)) / columns
        height = (self.height - gap * (rows - 1)) / rows
        return [
            Box(
                self.left + (index % columns) * (width + gap),
                self.top + (index // columns) * (height + gap),
                width,
                height,
            )
            for index in range(count)
        ]


def line_height(text: str, width: float, points: float, bold: bool = False) -> float:
    """Inches one paragraph of ``text`` takes in a frame ``width`` inches wide, with the
    space after it."""
    # Average advance in ems of Arial (Liberation Sans), with room to spare: a line
    # that wraps one word early must still fit.
    glyph = 0.6 if bold else 0.55
    usable = max(0.5, width - 2 * INSET_X)
    per_line = max(8, int(usable * 72 / (points * glyph)))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return (lines * points * LINE_PITCH + SPACE_AFTER) / 72


def words_fit(text: str, width: float, points: float, bold: bool = False) -> bool:
    """Whether every word of ``text`` (what no ordinary space breaks: "6 249,2 millions $
    CA" is one, held together by no-break spaces) fits on a line of a frame ``width``
    inches wide; a longer one would be cut inside itself."""
    single = (points * LINE_PITCH + SPACE_AFTER) / 72
    return all(line_height(word, width, points, bold) <= single for word in text.split(" "))


def text_height(paragraphs: list[Paragraph], width: float, size: float) -> float:
    """Inches a box of ``width`` inches needs for ``paragraphs`` at body size ``size``."""
    height = 2 * INSET_Y
    for index, (text, role) in enumerate(paragraphs):
        height += line_height(
            text, width - ROLE_INDENTS[role], size + ROLE_OFFSETS[role], role == "heading"
        )
        if role == "heading" and index:
            height += SPACE_BEFORE_HEADING / 72
    return height


def runs_height(paragraphs: list[list[Run]], width: float, indent: float = 0) -> float:
    """Inches a frame ``width`` inches wide needs for paragraphs of runs: each paragraph
    wraps as if all of it were in its largest run's size (bold if all of it is)."""
    height = 2 * INSET_Y
    for runs in paragraphs:
        text = "".join(run[0] for run in runs)
        points = max(run[1] for run in runs)
        height += line_height(text, width - indent, points, all(run[2] for run in runs))
    return height


def fitted_size(
    paragraphs: list[Paragraph], box: Box, largest: int, smallest: int = BODY_MIN
) -> int:
    """The largest body size (points) at which the text fits the box, or ``smallest``."""
    for size in range(largest, smallest - 1, -1):
        if text_height(paragraphs, box.width, size) <= box.height:
            return size
    return smallest


def fits(paragraphs: list[Paragraph], box: Box, size: int = BODY_MIN) -> bool:
    return text_height(paragraphs, box.width, size) <= box.height


@dataclass(frozen=True)
class ChartSlot:
    """Where a chart's title, image and credit line go inside a box."""

    box: Box
    title_height: float
    caption_height: float

    @classmethod
    def fit(cls, chart: Chart, box: Box, credit: str = "") -> ChartSlot:
        title = text_height([(chart.title, "heading")], box.width, CHART_TITLE_SIZE - 2)
        caption = text_height([(credit, "body")], box.width, SOURCE_SIZE) if credit else 0.0
        return cls(box, title, caption)

    @property
    def title(self) -> Box:
        return Box(self.box.left, self.box.top, self.box.width, self.title_height)

    @property
    def image(self) -> Box:
        return Box(
            self.box.left,
            self.box.top + self.title_height,
            self.box.width,
            self.box.height - self.title_height - self.caption_height,
        )

    @property
    def caption(self) -> Box:
        return Box(self.box.left, self.image.bottom, self.box.width, self.caption_height)

    def render_size(self) -> tuple[int, int]:
        """CSS pixels to render at, so the chart's text keeps its size on the slide."""
        return int(self.image.width * PIXELS_PER_INCH), int(self.image.height * PIXELS_PER_INCH)
