"""The briefing deck and chart zip: structure, sources in the notes, offline images, CLI."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.presentation import Presentation as Deck

from harness import sealed
from harness.server import in_ci
from tests.conftest import PROJECT_ROOT, SECTORS, fake_render
from tests.typography import french_typography_problems
from trade_mission.briefing import main as briefing_main
from trade_mission.data.bootstrap import open_database
from trade_mission.data.database import records
from trade_mission.reports import deck as briefing
from trade_mission.reports.briefing_data import BriefingData, BriefingOptions
from trade_mission.reports.chart_pack import charts_zip
from trade_mission.reports.images import ImageExportUnavailable, chromium_path, render_pngs
from trade_mission.text import formatting
from trade_mission.views.briefing import load_briefing_data

ALL = tuple(SECTORS)
SECTOR_NAMES = [
    "Advanced manufacturing",
    "Agriculture and processed foods",
    "Clean technologies and clean energy",
    "Creative industries",
    "Information and communications technologies",
]
PREPARED_ON = dt.date(2026, 1, 12)
MARKET_TITLE = "Mexico's market and its border in 2026"
# The sectors whose slide draws a chart: the page's own, or goods trade that stands for
# the sector. Clean technologies and ICT have neither (their chapters are only a proxy).
CHARTED = {"advanced_manufacturing", "agriculture_processed_foods", "creative_industries"}


# Session-scoped: a module's fixtures are rebuilt each time a worker comes back to the module,
# and the full deck (its chart images rendered in Chromium) is the dearest fixture of all.
@pytest.fixture(scope="session")
def data(con) -> BriefingData:
    return load_briefing_data(con, "en")


@pytest.fixture(scope="session")
def full_deck(data) -> Deck:
    """The full deck with real chart images from the local Chromium."""
    if chromium_path() is None and not in_ci():
        pytest.skip("Chromium is needed for chart images; `make test` installs it")
    content = briefing.build_deck(data, BriefingOptions(ALL), PREPARED_ON)
    assert has_images(content), "the chart images were not rendered"
    return Presentation(io.BytesIO(content))


def has_images(content: bytes) -> bool:
    """Whether any slide of a deck holds a chart picture."""
    return any(
        shape.shape_type == MSO_SHAPE_TYPE.PICTURE
        for slide in Presentation(io.BytesIO(content)).slides
        for shape in slide.shapes
    )


def titles(deck: Deck) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title else "" for slide in deck.slides]


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def notes(slide) -> str:
    return " ".join(slide.notes_slide.notes_text_frame.text.split())


@pytest.mark.slow
def test_the_full_deck_has_its_slides_in_order(full_deck):
    assert full_deck.slide_width / full_deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    sector_titles = []
    for name, extra in zip(SECTOR_NAMES, (0, 0, 0, 1, 1), strict=True):
        sector_titles += [name] + [f"{name}: more figures"] * extra
        sector_titles.append(f"{name}: programme and opportunities")
    assert titles(full_deck) == [
        "",
        "Why Mexico",
        "Canada–Mexico trade",
        "The page's trade figures, checked",
        "Canada–Mexico trade: the latest months, to July 2026",
        MARKET_TITLE,
        *sector_titles,
        "Where and when",
        "What the programme includes",
        "Who can take part",
        "Before applying",
        "Taking part: costs and travel",
        "Sources and data",
    ]
    assert "Canada Trade Mission to Mexico" in slide_text(full_deck.slides[0])
    assert "January 12, 2026" in slide_text(full_deck.slides[0])  # the day it was prepared


@pytest.mark.slow
def test_a_briefer_gets_why_now_and_what_taking_part_costs_each_quoted(full_deck):
    """The Prime Minister's visit and the Action Plan on the title slide; the fee, travel,
    insurance, travel advice, entry and funding on their own slide; the page's words in the
    notes, with the places it names."""
    title = full_deck.slides[0]
    assert "Comprehensive Strategic Partnership" in slide_text(title)
    assert "Canada-Mexico Action Plan" in notes(title)
    assert "Prime Minister Mark Carney’s visit" in notes(title)
    (costs,) = [
        slide
        for slide in full_deck.slides
        if slide.shapes.title and slide.shapes.title.text == "Taking part: costs and travel"
    ]
    shown = slide_text(costs)
    for words in ("no fee", "cancellation insurance", "twice", "Embassy of Mexico"):
        assert words in shown
    spoken = notes(costs)
    for quote in (
        "There is no fee to participate in the trade mission.",
        "make their own accommodation reservations",
        "purchase cancellation insurance and/or a refundable ticket",
        "check the Travel advice and advisories page for your destination twice",
        "Please consult the Embassy of Mexico in Canada",
        "Please consult the Business Benefits Finder",
    ):
        assert quote in spoken
    assert "https://travel.gc.ca/destinations/mexico" in spoken


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def sector_slides(deck: Deck, name: str) -> list:
    """A sector's slides: its figures (and any more), then its programme."""
    return [
        slide
        for slide in deck.slides
        if slide.shapes.title
        and (slide.shapes.title.text == name or slide.shapes.title.text.startswith(name + ":"))
    ]


def alt_text(slide) -> str:
    return " ".join(
        picture._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for picture in pictures(slide)
    )


@pytest.mark.slow
def test_each_sector_shows_its_chart_image_and_every_figure(full_deck, data):
    for sector_id, name in zip(ALL, SECTOR_NAMES, strict=True):
        slides = sector_slides(full_deck, name)
        drawn = [picture for slide in slides for picture in pictures(slide)]
        assert len(drawn) == (sector_id in CHARTED), sector_id
        for picture in drawn:
            assert picture.image.blob.startswith(b"\x89PNG")
            assert picture.image.size[0] >= 1000  # crisp: rendered at twice the pixels
        shown = " ".join(slide_text(slide) + alt_text(slide) for slide in slides)
        for row in records(data.figures[data.figures["sector_id"] == sector_id]):
            assert formatting.figure_value(row, "en") in shown, row["figure_id"]


@pytest.mark.slow
def test_every_figure_on_a_slide_has_its_quote_in_the_notes(full_deck, data):
    rows = {row["figure_id"]: row for row in records(data.figures)}
    for slide in full_deck.slides:
        spoken = notes(slide)
        for shape in slide.shapes:
            if not shape.name.startswith("figure:"):
                continue
            row = rows[shape.name.removeprefix("figure:")]
            text = shape.text_frame.text
            assert formatting.figure_value(row, "en") in text and row["label"] in text
            if row["is_derived"]:
                assert row["formula"] in spoken
                assert "estimate implied by the page" in text
                for source in data.inputs[row["figure_id"]]:
                    assert " ".join(source["quote"].split()) in spoken
            else:
                assert " ".join(row["quote"].split()) in spoken, row["figure_id"]


@pytest.mark.slow
def test_the_trade_slides_draw_the_official_series_and_check_the_pages_figures(full_deck):
    slide = full_deck.slides[2]
    assert len(pictures(slide)) == 1
    assert alt_text(slide).startswith("Line chart of Canada's trade with Mexico from 1990")
    assert "Current Canadian dollars, customs basis" in slide_text(slide)  # its credit
    checked = full_deck.slides[3]
    text = slide_text(checked)
    assert "nearly $56 billion" in text and "Canada-Mexico bilateral trade (2024)" in text
    assert "✓ Statistics Canada: C$55.98 billion" in text
    spoken = notes(checked)
    assert "Statistics Canada" in spoken and "Computed:" in spoken


@pytest.mark.slow
def test_each_sector_says_what_its_goods_trade_can_and_cannot_stand_for(full_deck):
    slides = {
        sector_id: sector_slides(full_deck, name)[-1]
        for sector_id, name in zip(ALL, SECTOR_NAMES, strict=True)
    }
    agrifood = slide_text(slides["agriculture_processed_foods"])
    assert "HS chapters 01–24 (all of the sector's goods): C$2.21 billion" in agrifood
    clean = slide_text(slides["clean_technologies"])
    assert "Goods statistics cannot stand for this sector" in clean
    assert "exported to Mexico in" not in clean  # no total given as the sector's trade
    right_half = [
        shape.text_frame.text
        for shape in slides["clean_technologies"].shapes
        if shape.has_text_frame and shape.left > full_deck.slide_width / 2
    ]
    assert any(text.startswith("Opportunities the page names") for text in right_half)
    for slide in slides.values():
        assert "Goods trade:" in notes(slide) and "Statistics Canada" in notes(slide)


@pytest.mark.slow
def test_every_slide_credits_what_it_shows(full_deck, data):
    for slide in full_deck.slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        if title == MARKET_TITLE:
            # Mexico's records and tariff: credited to INEGI and SNICE, not to the page.
            assert "INEGI" in slide_text(slide) and "SNICE" in slide_text(slide)
            assert data.source.url not in slide_text(slide)
        elif "the latest months" in title:
            # Statistics Canada's monthly table, in the footer.
            assert "table 12-10-0011-01" in slide_text(slide)
            assert data.source.url not in slide_text(slide)
        else:
            assert data.source.url in slide_text(slide)


@pytest.mark.slow
def test_the_sources_slide_names_every_source_the_deck_shows(full_deck):
    text = slide_text(full_deck.slides[-1])
    for source in ("Trade Data Online", "12-10-0011-01", "INEGI", "SNICE"):
        assert source in text, source


@pytest.mark.slow
def test_the_market_slide_gives_mexicos_imports_and_border_with_sources(full_deck):
    (slide,) = [
        slide
        for slide in full_deck.slides
        if slide.shapes.title is not None and slide.shapes.title.text == MARKET_TITLE
    ]
    text = slide_text(slide)
    # The largest of the mission sectors' chapters, in US dollars, at most six.
    assert "84 · Machinery and mechanical appliances: US$144,474.6 million in 2025" in text
    assert text.count("lines at 25% or more") == 6
    assert "C$" not in text  # Canada's records are on other slides, never mixed in
    said = notes(slide)
    assert "published July 22, 2026" in said and "Secretaría de Economía" in said
    assert "dairy, poultry, egg and sugar" in said


@pytest.mark.slow
def test_charts_carry_alt_text(full_deck):
    for slide in full_deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]


def test_a_single_sector_deck_and_the_options(data):
    deck = Presentation(
        io.BytesIO(
            briefing.build_deck(data, BriefingOptions(("ict",)), PREPARED_ON, render=fake_render)
        )
    )
    ict = SECTOR_NAMES[4]
    assert titles(deck) == [
        "",
        "Why Mexico",
        MARKET_TITLE,  # its own chapters in Mexico's market
        ict,
        f"{ict}: more figures",
        f"{ict}: programme and opportunities",
        "Where and when",
        "What the programme includes",
        "Who can take part",
        "Before applying",
        "Taking part: costs and travel",
        "Sources and data",
    ]
    # One sector keeps only its own trade: no country trade slide, its goods line kept.
    assert "Statistics Canada" in notes(deck.slides[5])
    assert len(deck.slides) == briefing.planned_slides(data, BriefingOptions(("ict",)))
    lean = BriefingOptions(("creative_industries",), programme=False, eligibility=False)
    deck = Presentation(
        io.BytesIO(briefing.build_deck(data, lean, PREPARED_ON, render=fake_render))
    )
    creative = SECTOR_NAMES[3]
    assert titles(deck) == [
        "",
        "Why Mexico",
        MARKET_TITLE,
        creative,
        f"{creative}: more figures",
        f"{creative}: programme and opportunities",
        "Sources and data",
    ]
    assert len(deck.slides) == briefing.planned_slides(data, lean)


def test_without_trade_the_deck_is_the_pages_alone(data):
    options = BriefingOptions(ALL, trade=False)
    content = briefing.build_deck(data, options, PREPARED_ON, render=fake_render)
    deck = Presentation(io.BytesIO(content))
    assert not [title for title in titles(deck) if title.startswith("Canada–Mexico trade")]
    assert len(deck.slides) == briefing.planned_slides(data, options)
    for slide in deck.slides:
        assert "Statistics Canada" not in slide_text(slide) + notes(slide)
        assert "C$" not in slide_text(slide)


def latest_months_slide(deck: Deck):
    return next(
        slide
        for slide in deck.slides
        if slide.shapes.title and "the latest months" in slide.shapes.title.text
    )


def test_the_latest_months_slide_gives_both_periods_with_release_and_credit(data):
    content = briefing.build_deck(data, BriefingOptions(ALL), PREPARED_ON, render=fake_render)
    slide = latest_months_slide(Presentation(io.BytesIO(content)))
    assert slide.shapes.title.text == "Canada–Mexico trade: the latest months, to July 2026"
    text = slide_text(slide)
    for shown in (
        "C$10,066.4 million",  # exports to Mexico, August 2025 to July 2026
        "Exports to Mexico, 12 months to July 2026",
        "+16.6% on a year earlier",
        "Exports to Mexico, January to July 2026",
        "C$6,249.2 million",
        "1.24%",  # Mexico's share of Canada's exports
    ):
        assert shown in text, shown
    said = notes(slide)
    assert "To July 2026 · Statistics Canada, table 12-10-0011-01, released September 3" in said
    assert "C$8,634.9 million, August 2024 to July 2025" in said  # the year before, exactly
    assert "cannot show its effect" in said
    assert "DOI: https://doi.org/10.25318/1210001101-eng" in said
    assert "very probably published newer months" not in said  # judged on the day it is made


def test_a_deck_made_once_a_newer_release_is_due_says_so_in_its_notes(data):
    content = briefing.build_deck(
        data, BriefingOptions(ALL), dt.date(2026, 12, 1), render=fake_render
    )
    slide = next(
        slide
        for slide in Presentation(io.BytesIO(content)).slides
        if slide.shapes.title and slide.shapes.title.text.startswith("Canada–Mexico trade: the m")
    )
    assert slide.shapes.title.text == "Canada–Mexico trade: the months to July 2026"
    said = notes(slide)
    assert said.startswith("These months run to July 2026")
    assert "make refresh" in said


def test_without_a_browser_the_deck_shows_chart_data_as_text(data):
    def unavailable(figures):
        raise ImageExportUnavailable("no browser")

    content = briefing.build_deck(
        data, BriefingOptions(("agriculture_processed_foods",)), PREPARED_ON, render=unavailable
    )
    assert not has_images(content)
    deck = Presentation(io.BytesIO(content))
    assert "$45.4 billion" in slide_text(deck.slides[3])


def test_any_other_failure_while_rendering_is_a_bug_and_surfaces(data):
    def broken(figures):
        raise ValueError("a figure plotly.js cannot draw")

    with pytest.raises(ValueError, match=r"plotly\.js cannot draw"):
        briefing.build_deck(data, BriefingOptions(("ict",)), PREPARED_ON, render=broken)


def test_a_browser_that_will_not_start_means_no_images_not_a_crash(monkeypatch, tmp_path):
    impostor = tmp_path / "chromium"
    impostor.write_text("#!/bin/sh\nexit 1\n")
    impostor.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(impostor))
    with pytest.raises(ImageExportUnavailable):
        render_pngs([({"data": [{"type": "bar", "y": [1]}]}, 200, 100)])


def test_the_zip_holds_every_chart_as_png_and_the_csv_it_draws(data):
    built = data.all_charts()
    archive = zipfile.ZipFile(io.BytesIO(charts_zip(built, data.source, "en", render=fake_render)))
    names = archive.namelist()
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


@pytest.mark.slow
def test_image_export_works_with_the_network_unavailable():
    if chromium_path() is None:
        if in_ci():
            pytest.fail("CI needs Chromium to prove offline image export")
        pytest.skip("needs Chromium; `make test` installs it")
    prefix, env = offline_command()
    script = (
        "import plotly.graph_objects as go\n"
        "from trade_mission.reports.images import render_pngs\n"
        "(png,) = render_pngs([(go.Figure(go.Bar(y=[1, 2])), 400, 300)])\n"
        "assert png.startswith(b'\\x89PNG')\n"
        "print(len(png))\n"
    )
    result = subprocess.run(
        [*prefix, sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) > 1000


@pytest.mark.slow
def test_building_a_deck_resolves_and_sends_nothing_beyond_the_machine(built_db, tmp_path):
    """The deck's Chromium is started offline: in a network namespace where any DNS query
    or connection leaves a frame on the way out (``harness.sealed``), a deck with chart
    images is built and not one frame is seen."""
    unavailable = sealed.available()
    if unavailable or chromium_path() is None:
        why = unavailable or "no Chromium; `make test` installs it"
        if in_ci():
            pytest.fail(f"CI runs as root with Chromium and must run this test: {why}")
        pytest.skip(why)
    out = tmp_path / "deck.pptx"
    command = [sys.executable, "-m", "trade_mission.briefing", "--out", str(out)]
    result = subprocess.run(
        sealed.sealed_command([*command, "--sectors", "advanced_manufacturing"]),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TRADE_MISSION_DB": str(built_db)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert [frame for frame in report["frames"] if sealed.beyond_the_link(frame)] == []
    # The browser did render: the deck carries its chart images, not the text fallback.
    pictures = [
        shape
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures


@pytest.fixture
def cli(app_db, capsys, monkeypatch):
    """``python -m trade_mission.briefing`` run in this process, on the test database, its
    chart images stood in for (the command with real images is run as people type it)."""
    monkeypatch.setattr(
        "trade_mission.briefing.build_deck",
        functools.partial(briefing.build_deck, render=fake_render),
    )

    def run(*args: str) -> tuple[int, str, str]:
        status = briefing_main(list(args), today=lambda: PREPARED_ON)
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.mark.parametrize(
    "args, field",
    [
        (("--sectors", "mining"), "--sectors"),
        (("--sectors", "ict,space"), "--sectors"),
        (("--out", "/nonexistent-folder/deck.pptx"), "--out"),
        (("--out", "d" * 300 + ".pptx"), "--out"),  # longer than a file name may be
        (("--colour", "red"), "--colour"),
        (("--lang", "de"), "--lang"),
    ],
)
def test_cli_refusals_exit_2_with_one_line(cli, tmp_path, monkeypatch, args, field):
    def drawn(*_args, **_kwargs):
        raise AssertionError("the deck was drawn before its options were refused")

    # Refused at once, before a second is spent reading and drawing the deck's data.
    monkeypatch.setattr("trade_mission.briefing.load_briefing_data", drawn)
    base = ["--out", str(tmp_path / "deck.pptx")] if "--out" not in args else []
    status, _, err = cli(*base, *args)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert not (tmp_path / "deck.pptx").exists()


@pytest.mark.slow
def test_cli_writes_a_deck(cli, data, tmp_path):
    out = tmp_path / "deck.pptx"
    status, printed, _ = cli("--out", str(out), "--sectors", "ict", "--no-eligibility")
    assert status == 0
    count = briefing.planned_slides(data, BriefingOptions(("ict",), eligibility=False))
    assert printed.strip() == f"wrote {out} ({count} slides)"
    assert titles(Presentation(str(out)))[3] == SECTOR_NAMES[4]
    status, printed, _ = cli("--out", str(out), "--no-trade")
    count = briefing.planned_slides(data, BriefingOptions(ALL, trade=False))
    assert status == 0 and printed.strip() == f"wrote {out} ({count} slides)"
    assert "Canada–Mexico trade" not in titles(Presentation(str(out)))


def test_cli_out_never_writes_through_a_link_or_into_a_fifo(cli, tmp_path):
    victim = tmp_path / "report.docx"
    victim.write_bytes(b"someone's report")
    link = tmp_path / "deck.pptx"
    link.symlink_to(victim)
    status, _, _ = cli("--out", str(link), "--sectors", "ict", "--no-trade")
    assert status == 0
    assert victim.read_bytes() == b"someone's report"  # the link was replaced, not followed
    assert not link.is_symlink() and Presentation(str(link)).slides
    fifo = tmp_path / "pipe.pptx"
    os.mkfifo(fifo)
    status, _, err = cli("--out", str(fifo), "--sectors", "ict")
    assert status == 2 and "not a regular file" in err and err.count("\n") == 1
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]
    assert leftovers == []


@pytest.mark.slow
def test_python_m_trade_mission_briefing_as_people_type_it(app_db, tmp_path):
    """The documented command, end to end, chart images included."""
    out = tmp_path / "deck.pptx"
    done = subprocess.run(
        [sys.executable, "-m", "trade_mission.briefing", "--out", str(out), "--sectors", "ict"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = briefing.planned_slides(
        load_briefing_data(open_database(), "en"), BriefingOptions(("ict",))
    )
    assert briefing.slide_count(out.read_bytes()) == expected
    refused = subprocess.run(
        [sys.executable, "-m", "trade_mission.briefing", "--out", str(out), "--sectors", "x"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_the_french_deck_is_french_outside_the_quoted_notes(con, english_chunks):
    french_data = load_briefing_data(con, "fr")
    options = BriefingOptions(ALL, lang="fr")
    content = briefing.build_deck(french_data, options, PREPARED_ON, render=fake_render)
    deck = Presentation(io.BytesIO(content))
    assert titles(deck)[1:7] == [
        "Pourquoi le Mexique",
        "Commerce Canada–Mexique",
        "Les chiffres commerciaux de la page, vérifiés",
        "Commerce Canada–Mexique\u00a0: les derniers mois, jusqu’à juillet 2026",
        "Le marché mexicain et sa frontière en 2026",
        "Fabrication de pointe",
    ]
    for position, slide in enumerate(deck.slides, 1):
        text = slide_text(slide)
        assert "⟦" not in text
        assert [chunk for chunk in english_chunks if chunk in text] == []
        # French typography, notes included: "43 % : Part visée", "(éditeur : SDC ; titre".
        spoken = slide.notes_slide.notes_text_frame.text
        assert french_typography_problems(f"{text}\n{spoken}") == [], position
    shown = " ".join(slide_text(slide) for slide in deck.slides).replace("\u00a0", " ")
    # Numbers as the app writes them in French.
    for number in ("56 milliards $", "4e", "55,98 milliards $ CA"):
        assert number in shown, number
    assert "La page dit, en anglais" in notes(deck.slides[1])


def test_cli_without_a_usable_database_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    theirs = tmp_path / "notes.txt"
    theirs.write_text("not a database\n")
    monkeypatch.setenv("TRADE_MISSION_DB", str(theirs))
    with pytest.raises(SystemExit) as stop:
        briefing_main(["--out", str(tmp_path / "deck.pptx")], today=lambda: PREPARED_ON)
    assert stop.value.code != 0
    assert len(str(stop.value.code).splitlines()) == 1 and str(theirs) in str(stop.value.code)
    assert capsys.readouterr().err == "" and theirs.read_text() == "not a database\n"
