"""The deck read back from its file, as a presenter would meet it: every slide within the
page, no shape over another, no text spilling out of its box, no body text under 14
points, at most six figures, one source footer, real bullets; in both languages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.util import Emu

from tests.conftest import SECTORS, fake_render
from trade_mission.reports import deck as briefing
from trade_mission.reports.briefing_data import BriefingData, BriefingOptions
from trade_mission.reports.layout import BODY_MIN, Box, runs_height
from trade_mission.views.briefing import load_briefing_data

ALL = tuple(SECTORS)
BEFORE = dt.date(2025, 11, 1)  # registration open
AFTER = dt.date(2026, 3, 2)  # the mission over
SOURCE_LINES = ("footer", "chart-source")  # credits, not body text: 10 points or more
SOURCE_MIN = 10
TOLERANCE = 0.02  # inches


def inches(length: int) -> float:
    return Emu(length).inches


def box_of(shape) -> Box:
    return Box(inches(shape.left), inches(shape.top), inches(shape.width), inches(shape.height))


@pytest.fixture(scope="module", params=["en", "fr"])
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def data(con, lang) -> BriefingData:
    return load_briefing_data(con, lang)


@pytest.fixture(scope="module")
def decks(data, lang):
    """The full deck, a deck of one sector and a deck without the statistics, built after
    the mission, in one language, read back from their bytes."""
    built = []
    for options in (
        BriefingOptions(ALL, lang=lang),
        BriefingOptions(("creative_industries",), lang=lang),
        BriefingOptions(ALL, lang=lang, trade=False),
    ):
        content = briefing.build_deck(data, options, AFTER, render=fake_render)
        built.append(Presentation(io.BytesIO(content)))
    return data, built


def slides(decks):
    data, built = decks
    for deck in built:
        for number, slide in enumerate(deck.slides, start=1):
            title = slide.shapes.title.text if slide.shapes.title else "(title slide)"
            yield data, deck, f"slide {number}, {title}", slide


def test_every_shape_is_on_the_slide_and_none_covers_another(decks):
    for _, deck, where, slide in slides(decks):
        page = Box(0, 0, inches(deck.slide_width), inches(deck.slide_height))
        boxes = [(shape.name, box_of(shape)) for shape in slide.shapes]
        for name, box in boxes:
            assert box.left >= 0 and box.top >= 0, (where, name)
            assert box.right <= page.right + TOLERANCE, (where, name)
            assert box.bottom <= page.bottom + TOLERANCE, (where, name)
        for index, (name, box) in enumerate(boxes):
            for other, other_box in boxes[index + 1 :]:
                assert not box.overlaps(other_box), (where, name, other)


def paragraphs_of(shape) -> list[tuple[list, float]]:
    """Each paragraph's runs (text, points, bold) and its indent in inches."""
    found = []
    for paragraph in shape.text_frame.paragraphs:
        runs = [
            (run.text, run.font.size.pt, bool(run.font.bold), None)
            for run in paragraph.runs
            if run.text
        ]
        properties = paragraph._p.pPr
        indent = inches(int(properties.get("marL", 0))) if properties is not None else 0
        if runs:
            found.append((runs, indent))
    return found


def test_no_text_is_smaller_than_a_room_can_read_or_spills_out_of_its_box(decks):
    for _, _, where, slide in slides(decks):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            smallest = SOURCE_MIN if shape.name in SOURCE_LINES else BODY_MIN
            box = box_of(shape)
            needed = 0.1
            for runs, indent in paragraphs_of(shape):
                for text, points, _, _ in runs:
                    assert points >= smallest, (where, shape.name, text[:40], points)
                needed += runs_height([runs], box.width, indent) - 0.1
            assert needed <= box.height + TOLERANCE, (where, shape.name, needed, box.height)


def test_no_slide_shows_more_than_six_figures(decks):
    for data, _, where, slide in slides(decks):
        cards = {shape.name[7:] for shape in slide.shapes if shape.name.startswith("figure:")}
        drawn = {
            figure_id
            for shape in slide.shapes
            if shape.name.startswith("chart:")
            for figure_id in data.chart_figures.get(shape.name[6:], [])
        }
        assert len(cards | drawn) <= briefing.MAX_FIGURES, (where, sorted(cards | drawn))


def test_one_source_footer_and_real_bullets(decks):
    for data, _, where, slide in slides(decks):
        footers = [shape for shape in slide.shapes if shape.name == "footer"]
        assert len(footers) == 1, where
        # The footer credits what the slide shows: Mexico's records on the market slide,
        # the mission page everywhere else.
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        if title == data.market.title:
            assert "INEGI" in footers[0].text_frame.text, where
        elif title in (data.latest_months.title, data.latest_months.stale_title):
            assert "12-10-0011-01" in footers[0].text_frame.text, where
        else:
            assert data.source.url in footers[0].text_frame.text, where
        others = " ".join(
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and shape.name != "footer"
        )
        if slide != list(slide.part.package.presentation_part.presentation.slides)[-1]:
            # The page's credit is said once (the sources slide spells it out).
            assert data.source.url not in others, where
            assert data.source.publisher not in others, where
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                assert not paragraph.text.startswith(("•", "– ", "- ")), (where, paragraph.text)


def test_the_criteria_are_bulleted_with_hanging_indents(decks):
    _, built = decks
    full = built[0]
    criteria = next(
        slide
        for slide in full.slides
        if slide.shapes.title
        and slide.shapes.title.text in ("Who can take part", "Qui peut participer")
    )
    bullets = criteria.shapes[2]._element.xpath(".//a:pPr[a:buChar]")
    assert len(bullets) >= 5
    for properties in bullets:
        assert int(properties.get("indent")) < 0 < int(properties.get("marL"))


@pytest.mark.parametrize(
    "prepared_on, phrase",
    [
        (BEFORE, {"en": "The mission runs", "fr": "La mission se déroule"}),
        (AFTER, {"en": "The mission took place", "fr": "La mission a eu lieu"}),
    ],
)
def test_the_title_slide_says_where_the_mission_stands_that_day(data, lang, prepared_on, phrase):
    content = briefing.build_deck(
        data, BriefingOptions(("ict",), lang=lang), prepared_on, render=fake_render
    )
    first = Presentation(io.BytesIO(content)).slides[0]
    text = " ".join(shape.text_frame.text for shape in first.shapes if shape.has_text_frame)
    assert phrase[lang] in text
