"""One click on the briefing page gives a deck with chart images, built offline."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from tests.browser.conftest import wait_for_app


def test_one_click_downloads_a_deck_with_chart_images(server, offline_page, tmp_path):
    page = offline_page.page
    page.goto(server.url + "/briefing")
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as download:
        page.locator(".st-key-briefing-download button").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "canada-trade-mission-mexico-all-sectors.pptx"
    deck = Presentation(str(target))
    assert len(deck.slides) == 24
    pictures = [
        shape
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    # Canada–Mexico trade and its latest months; advanced manufacturing, agri-food and
    # creative industries (the two sectors whose chapters are only a proxy draw none); the
    # timeline and the map.
    assert len(pictures) == 7
    assert offline_page.external_requests == []
