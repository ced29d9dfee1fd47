"""The briefing deck and chart zip: structure, sources in the notes, offline images, CLI."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from tests.browser.server import in_ci
from trade_mission import briefing, config, formatting, queries
from trade_mission.briefing import BriefingOptions

ALL = (
    "advanced_manufacturing",
    "agriculture_processed_foods",
    "clean_technologies",
    "creative_industries",
    "ict",
)
SECTOR_NAMES = [
    "Advanced manufacturing",
    "Agriculture and processed foods",
    "Clean technologies and clean energy",
    "Creative industries",
    "Information and communications technologies",
]
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def fake_render(figures):
    """Stands in for Chromium where a test is about the deck's structure, not its images."""
    return [TINY_PNG for _ in figures]


@pytest.fixture(scope="module")
def data(con) -> briefing.BriefingData:
    return briefing.load_briefing_data(con)


@pytest.fixture(scope="module")
def full_deck(data) -> Presentation:
    """The full deck with real chart images from the local Chromium."""
    if briefing.chromium_path() is None and not in_ci():
        pytest.skip("Chromium is needed for chart images; `make test` installs it")
    content = briefing.build_deck(data, BriefingOptions(ALL))
    assert briefing.has_images(content), "the chart images were not rendered"
    return Presentation(io.BytesIO(content))


def titles(deck: Presentation) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title else "" for slide in deck.slides]


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def notes(slide) -> str:
    return " ".join(slide.notes_slide.notes_text_frame.text.split())


def test_the_full_deck_has_its_slides_in_order(full_deck):
    assert full_deck.slide_width / full_deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    assert titles(full_deck) == [
        "",
        "Why Mexico",
        *SECTOR_NAMES,
        "Where and when",
        "Who can take part",
        "Sources and data",
    ]
    assert "Canada Trade Mission to Mexico" in slide_text(full_deck.slides[0])


def test_each_sector_slide_has_a_chart_image_and_its_figures(full_deck, data):
    for slide, sector_id in zip(list(full_deck.slides)[2:7], ALL, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].image.blob.startswith(b"\x89PNG")
        assert pictures[0].image.size[0] >= 1000  # crisp: rendered at twice the pixels
        text = slide_text(slide)
        for row in queries.records(data.figures[data.figures["sector_id"] == sector_id]):
            assert formatting.figure_value(row, "en") in text


def test_every_figure_on_a_slide_has_its_quote_in_the_notes(full_deck, data):
    rows = queries.records(data.figures)
    for slide in full_deck.slides:
        text, spoken = slide_text(slide), notes(slide)
        for row in rows:
            shown = f"{formatting.figure_value(row, 'en')}: {row['label']}"
            if shown not in text:
                continue
            if row["is_derived"]:
                assert row["formula"] in spoken
                assert "estimate implied by the page" in text
                for source in data.inputs[row["figure_id"]]:
                    assert " ".join(source["quote"].split()) in spoken
            else:
                assert " ".join(row["quote"].split()) in spoken, row["figure_id"]


def test_every_slide_carries_the_source(full_deck, data):
    for slide in full_deck.slides:
        assert data.source.url in slide_text(slide)


def test_charts_carry_alt_text(full_deck):
    for slide in full_deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]


def test_a_single_sector_deck_and_the_options(data):
    deck = Presentation(
        io.BytesIO(briefing.build_deck(data, BriefingOptions(("ict",)), render=fake_render))
    )
    assert titles(deck) == [
        "",
        "Why Mexico",
        SECTOR_NAMES[4],
        "Where and when",
        "Who can take part",
        "Sources and data",
    ]
    lean = BriefingOptions(("creative_industries",), programme=False, eligibility=False)
    deck = Presentation(io.BytesIO(briefing.build_deck(data, lean, render=fake_render)))
    assert titles(deck) == ["", "Why Mexico", SECTOR_NAMES[3], "Sources and data"]


def test_without_a_browser_the_deck_shows_chart_data_as_text(data):
    def unavailable(figures):
        raise briefing.ImageExportUnavailable("no browser")

    content = briefing.build_deck(
        data, BriefingOptions(("agriculture_processed_foods",)), render=unavailable
    )
    assert not briefing.has_images(content)
    deck = Presentation(io.BytesIO(content))
    assert "$45.4 billion" in slide_text(deck.slides[2])


def test_the_zip_holds_every_chart_as_png_and_the_csv_it_draws(data):
    archive = zipfile.ZipFile(io.BytesIO(briefing.charts_zip(data, "en", render=fake_render)))
    names = archive.namelist()
    built = briefing.all_charts(data, "en")
    assert len([name for name in names if name.endswith(".png")]) == len(built)
    for number, chart in enumerate(built, start=1):
        assert archive.read(f"{number:02d}-{chart.chart_id}.csv") == chart.csv()
    assert "README.txt" in names


def offline_command() -> tuple[list[str], dict[str, str]]:
    """How to run a process with no network: a network namespace of its own when the
    machine allows one (``unshare -rn``), else a proxy that refuses every connection."""
    if shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["unshare", "-rn"], {}
    return [], {"CHOREO_PROXY_SERVER": "127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}


def test_image_export_works_with_the_network_unavailable():
    if briefing.chromium_path() is None:
        if in_ci():
            pytest.fail("CI needs Chromium to prove offline image export")
        pytest.skip("needs Chromium; `make test` installs it")
    prefix, env = offline_command()
    script = (
        "import plotly.graph_objects as go\n"
        "from trade_mission import briefing\n"
        "(png,) = briefing.render_pngs([(go.Figure(go.Bar(y=[1, 2])), 400, 300)])\n"
        "assert png.startswith(b'\\x89PNG')\n"
        "print(len(png))\n"
    )
    result = subprocess.run(
        [*prefix, sys.executable, "-c", script],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) > 1000


def run_cli(*args: str, db) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trade_mission.briefing", *args],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", config.DB_ENV_VAR: str(db)},
        timeout=120,
    )


@pytest.mark.parametrize(
    "args, field",
    [
        (("--sectors", "mining"), "--sectors"),
        (("--sectors", "ict,space"), "--sectors"),
        (("--out", "/nonexistent-folder/deck.pptx"), "--out"),
        (("--colour", "red"), "--colour"),
        (("--lang", "de"), "--lang"),
    ],
)
def test_cli_refusals_exit_2_with_one_line(built_db, tmp_path, args, field):
    base = ["--out", str(tmp_path / "deck.pptx")] if "--out" not in args else []
    result = run_cli(*base, *args, db=built_db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "deck.pptx").exists()


def test_cli_writes_a_deck(built_db, tmp_path):
    out = tmp_path / "deck.pptx"
    result = run_cli("--out", str(out), "--sectors", "ict", "--no-eligibility", db=built_db)
    assert result.returncode == 0, result.stderr
    assert titles(Presentation(str(out)))[2] == SECTOR_NAMES[4]


def test_the_french_deck_is_french_outside_the_quoted_notes(con):
    from tests.test_french import english_chunks

    french_data = briefing.load_briefing_data(con, "fr")
    options = BriefingOptions(ALL, lang="fr")
    deck = Presentation(io.BytesIO(briefing.build_deck(french_data, options, render=fake_render)))
    assert titles(deck)[1:4] == [
        "Pourquoi le Mexique",
        "Fabrication de pointe",
        "Agriculture et aliments transformés",
    ]
    chunks = english_chunks()
    for slide in deck.slides:
        text = slide_text(slide)
        assert "⟦" not in text
        assert [chunk for chunk in chunks if chunk in text] == []
    assert "56 milliards $" in " ".join(slide_text(slide) for slide in deck.slides).replace(
        "\u00a0", " "
    )
    assert "La page dit, en anglais" in notes(deck.slides[1])
