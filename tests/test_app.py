"""AppTest over every page, the clock on both sides of the deadline, and the app's
behaviour when the database is missing or bad."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.errors import BuildError
from etl.target import manifest_path, write_manifest
from tests.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    PAGES,
    SECTOR_CHARTS,
    SECTORS,
    keyed_blocks,
    open_page,
    table_of,
)
from trade_mission.text.i18n import t

# The pages that say where registration and the mission stand.
STATUS_PAGES = [
    "pages/overview.py",
    "pages/sectors.py",
    "pages/programme.py",
    "pages/self_assessment.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_exception(app_db, page):
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title


def test_overview_shows_the_headline_figures_with_their_sources(app_db):
    at = open_page("pages/overview.py")
    values = [metric.value for metric in at.metric]
    assert "nearly $56 billion" in values
    assert "over 132 million" in values
    assert "≈ $4.7 billion" in values  # derived, and marked as such
    markdown = " ".join(block.value for block in at.markdown)
    assert "Estimate implied by the page" in markdown
    assert "reaching nearly \\$56 billion in 2024" in markdown  # the quote, escaped for Markdown


@pytest.mark.parametrize(
    "lang, context, fee",
    [
        ("en", "Comprehensive Strategic Partnership", "There is no fee to take part."),
        ("fr", "Partenariat stratégique global", "La participation est gratuite."),
    ],
)
def test_the_overview_says_why_now_and_what_taking_part_costs(app_db, lang, context, fee):
    at = open_page("pages/overview.py", lang=lang)
    headings = [header.value for header in at.subheader]
    assert t("practical.context_heading", lang) in headings
    assert t("practical.heading", lang) in headings
    markdown = " ".join(block.value for block in at.markdown).replace("\\", "")  # unescaped
    assert context in markdown and fee in markdown
    # The page's sentences, in English as published, for every line above.
    assert "Prime Minister Mark Carney’s visit to the country, in September 2025" in markdown
    assert "Canada-Mexico Action Plan" in markdown
    assert "purchase cancellation insurance and/or a refundable ticket" in markdown


@pytest.mark.parametrize("page", STATUS_PAGES)
def test_before_the_deadline_pages_say_registration_is_open(app_db, set_clock, page):
    set_clock(BEFORE_DEADLINE)
    at = open_page(page)
    assert not at.exception
    assert at.success[0].value == (
        "Registration is open until November 28, 2025, 23:59 Pacific time. "
        "The mission runs February 15 to 20, 2026."
    )
    assert not at.warning


@pytest.mark.parametrize("page", STATUS_PAGES)
def test_after_the_deadline_pages_say_it_closed_and_where_the_mission_stands(
    app_db, set_clock, page
):
    set_clock(AFTER_DEADLINE)
    at = open_page(page)
    (warning,) = [box.value for box in at.warning]
    assert warning.startswith("Registration closed on November 28, 2025, 23:59 Pacific time.")
    assert "The mission runs February 15 to 20, 2026." in warning
    assert "ctm-mcc.mex@international.gc.ca" in warning
    assert not at.success


@pytest.mark.parametrize(
    "moment, phase",
    [
        # 23:30 on February 20 in Mexico City is still the mission's last day, though it is
        # already February 21 in UTC.
        (dt.datetime(2026, 2, 21, 5, 30, tzinfo=dt.UTC), "The mission is under way"),
        (dt.datetime(2026, 2, 21, 6, 30, tzinfo=dt.UTC), "The mission took place"),
    ],
)
def test_the_mission_days_are_counted_in_mexico_city(app_db, set_clock, moment, phase):
    set_clock(moment)
    at = open_page("pages/programme.py")
    assert phase in at.warning[0].value


@pytest.mark.slow  # builds a whole database of its own
def test_a_missing_database_is_built_on_first_start(tmp_path, monkeypatch):
    target = tmp_path / "fresh.duckdb"
    monkeypatch.setenv(paths.DB_ENV_VAR, str(target))
    at = open_page("pages/overview.py")
    assert not at.exception and not at.error
    assert target.is_file()


@pytest.mark.slow
def test_a_damaged_database_is_rebuilt(built_db, tmp_path, monkeypatch):
    """Damaged past opening (cut short, as a full disk leaves it), at a path the build
    made: its manifest is beside it and the file's head is the one it describes."""
    target = tmp_path / "damaged.duckdb"
    target.write_bytes(built_db.read_bytes()[: built_db.stat().st_size // 20])
    shutil.copy(manifest_path(built_db), manifest_path(target))
    monkeypatch.setenv(paths.DB_ENV_VAR, str(target))
    at = open_page("pages/overview.py")
    assert not at.exception and not at.error
    assert "nearly $56 billion" in [metric.value for metric in at.metric]


def test_when_the_database_cannot_be_built_the_app_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DB_ENV_VAR, str(tmp_path / "never.duckdb"))

    def refuse(inputs, path):
        raise BuildError(Path("data/curated/figures.csv"), "simulated refusal", 2)

    monkeypatch.setattr("etl.build_database", refuse)
    at = open_page(PAGES[0])
    assert not at.exception
    assert "make db" in at.error[0].value


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_opens_its_own_view(app_db, sector):
    at = open_page("pages/sectors.py", sector=sector)
    assert not at.exception and not at.error
    assert at.segmented_control(key="sector").value == sector
    assert at.query_params["sector"] == sector
    assert not any("does not know" in notice.value for notice in at.info)
    # Its own charts, its trade chart unless its chapters are only a proxy, the comparison.
    assert len(at.get("plotly_chart")) == SECTOR_CHARTS[sector]


@pytest.mark.parametrize(
    "bad",
    [
        "mining",
        "<script>alert(1)</script>",
        "ict' or '1'='1",
        "x" * 5000,
        "",
    ],
)
def test_an_unknown_sector_gets_a_notice_and_the_default_view(app_db, bad):
    at = open_page("pages/sectors.py", sector=bad)
    assert not at.exception
    assert at.segmented_control(key="sector").value == SECTORS[0]
    assert "does not know" in at.info[0].value
    everything = " ".join(str(block.value) for block in (*at.markdown, *at.info, *at.caption))
    assert "<script>" not in everything and "x" * 100 not in everything
    assert at.query_params["sector"] == SECTORS[0]  # the address is corrected


def test_a_repeated_sector_key_takes_the_last_value(app_db):
    at = open_page("pages/sectors.py", sector=["ict", "creative_industries"])
    assert at.segmented_control(key="sector").value == "creative_industries"


def test_choosing_a_sector_updates_the_address(app_db):
    at = open_page("pages/sectors.py", sector="ict")
    at.segmented_control(key="sector").set_value("clean_technologies").run()
    assert not at.exception
    assert at.query_params["sector"] == "clean_technologies"
    assert "Clean technologies and clean energy" in [header.value for header in at.header]


def test_the_sources_page_lists_and_searches_every_figure(app_db):
    at = open_page("pages/sources.py")
    figures = table_of(at, "figures")
    assert len(figures) >= 34
    at.text_input(key="figure-search").input("agri-food 2024").run()
    assert not at.exception
    found = table_of(at, "figures")
    assert 0 < len(found) < 34
    assert all("agri-food" in " ".join(map(str, row)).casefold() for row in found.itertuples())
    at.text_input(key="figure-search").input("zzzz no such figure").run()
    assert not keyed_blocks(at, "data-table-figures")
    assert len(table_of(at, "checks")) == 34  # the checks stay
    assert "No figure matches" in at.info[-1].value


def test_the_programme_page_has_its_timeline_matrix_and_map(app_db):
    at = open_page("pages/programme.py")
    assert len(at.get("plotly_chart")) == 2
    matrix = table_of(at, "sector-cities")
    assert list(matrix.columns) == ["Mexico City", "Guadalajara", "Monterrey"]
    assert matrix.loc["Creative industries", "Guadalajara"].startswith("✓")
    assert matrix.loc["Creative industries", "Monterrey"] == "—"


def test_the_briefing_page_offers_the_deck_for_the_chosen_sectors(app_db):
    at = open_page("pages/briefing.py")
    assert "24 slides" in at.caption[0].value
    at.multiselect(key="briefing-sectors").set_value(["ict"]).run()
    at.checkbox(key="briefing-eligibility").uncheck().run()
    assert not at.exception
    assert "9 slides" in at.caption[0].value
    at.multiselect(key="briefing-sectors").set_value([]).run()
    assert "Choose at least one sector" in at.warning[0].value


def test_the_sectors_compare_by_goods_trade_and_proxies_get_no_total(app_db):
    at = open_page("pages/sectors.py", sector="ict")
    compare = table_of(at, "comparison")
    exports = next(column for column in compare.columns if column.startswith("Exports to Mexico"))
    for sector, row in compare.iterrows():
        proxy = row["What the chapters stand for"] == "only a proxy for the sector"
        assert (row[exports] == "—") == proxy, sector
    assert compare.loc["Agriculture and processed foods", exports] == "C$2,212,363,350"
    # Derived in etl/marts.sql (sector_indicators): 2014 to 2024, a year.
    assert compare.loc["Agriculture and processed foods", "Growth a year, 10 years"] == "+2.7%"
    assert compare.loc["Creative industries", "Growth a year, 10 years"] == "—"


@pytest.mark.parametrize(
    "page, query",
    [
        ("pages/overview.py", {}),
        ("pages/sectors.py", {"sector": "ict"}),
        ("pages/trade.py", {"hs": "88"}),
    ],
)
def test_every_link_within_the_app_keeps_the_language(app_db, page, query):
    """A French reader following a link stays in French, whatever the browser's language."""
    at = open_page(page, lang="fr", **query)
    links = [element.proto for element in at.get("page_link")]
    internal = [link for link in links if not link.external]
    assert internal, "the page links to other views"
    for link in internal:
        assert "lang=fr" in link.query_string, (link.label, link.query_string)


def test_a_sector_note_with_two_dollar_amounts_is_shown_as_written(
    built_db, tmp_path, monkeypatch
):
    """Two "$" in Markdown make a formula: the note is escaped, so it reads as written."""
    old = "the measure behind the page's $2.2 billion."
    new = "the measure behind the page's $2.2 billion, not $9 billion."
    target = tmp_path / "notes.duckdb"
    shutil.copyfile(built_db, target)
    with duckdb.connect(str(target)) as con:
        changed = con.execute(
            "update sector_trade_notes set note = replace(note, ?, ?) where contains(note, ?)",
            [old, new, old],
        ).fetchone()
    assert changed == (1,)
    write_manifest(target, target)  # the database the build would have made of that note
    monkeypatch.setenv(paths.DB_ENV_VAR, str(target))
    at = open_page("pages/sectors.py", sector="agriculture_processed_foods")
    notes = [info.value for info in at.info if "HS chapters 1 to 24" in info.value]
    assert notes and "\\$2\\.2 billion, not \\$9 billion" in notes[0]


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "deux": 2, "trois": 3, "cinq": 5}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_comparison_heading_claims_no_count_the_chart_does_not_draw(app_db, lang):
    at = open_page("pages/sectors.py", lang=lang, sector="ict")
    heading = t("sectors.compare", lang)
    assert heading in [header.value for header in at.header]
    # ICT's own chapters are only a proxy: the comparison is its page's one chart.
    (comparison,) = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    drawn = len(comparison["data"])
    claimed = [count for word, count in NUMBER_WORDS.items() if word in heading.lower().split()]
    assert all(count == drawn for count in claimed), (heading, drawn)


@pytest.mark.parametrize(
    "lang, reading",
    [
        (
            "en",
            "Two readings, with 1993: 12.3 times ✓\u00a0Consistent; "
            "with 1994: 10.0 times ≠\u00a0Differs.",
        ),
        (
            "fr",
            "Deux lectures, avec 1993\u00a0: 12,3\u00a0fois ✓\u00a0Concordant\u00a0; "
            "avec 1994\u00a0: 10,0\u00a0fois ≠\u00a0Différent.",
        ),
    ],
)
def test_a_claim_read_two_ways_shows_both_readings_on_its_card(app_db, lang, reading):
    """The twelvefold growth is consistent from 1993 and differs from 1994: a card showing
    only the first read as a contradiction beside the 1994 value it implies."""
    at = open_page("pages/overview.py", lang=lang)
    captions = [caption.value.replace("\\", "") for caption in at.caption]
    assert reading in captions
