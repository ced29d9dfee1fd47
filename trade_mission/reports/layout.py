"""Placing text and charts on 16:9 slides: boxes in inches, text sized to fit its box.

python-pptx does not measure text, so ``text_height`` estimates it from the number of
characters per line at a given size; ``fitted_size`` picks the largest body size at which
a box's paragraphs fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from trade_mission.charts.base import Chart

PIXELS_PER_INCH = 96
CHART_TITLE_SIZE = 14
CHART_CAPTION_SIZE = 9
Role = Literal["heading", "body", "small"]
# Type roles and their size relative to the body text of a box.
ROLE_OFFSETS: dict[Role, int] = {"heading": 2, "body": 0, "small": -2}
Paragraph = tuple[str, Role]


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float


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
