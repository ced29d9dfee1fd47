"""What people download: figures and chart data a spreadsheet opens as they are read."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from trade_mission.data import queries
from trade_mission.reports.briefing_data import BriefingOptions
from trade_mission.reports.deck import deck_file_name
from trade_mission.text import spreadsheet
from trade_mission.text.i18n import LANGUAGES, Language
from trade_mission.views.briefing import load_briefing_data
from trade_mission.views.sources import sources_page
from trade_mission.views.trade import SORT_COLUMNS, chapter_table

NOISE = re.compile(r"\d\.\d{10,}")  # 4.666666666666667, not a value anyone published


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # accents survive a spreadsheet
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_figures_csv_is_for_readers_in_their_language(con, lang):
    page = sources_page(con, lang)
    rows = {row[next(iter(row))]: row for row in read_csv(page.figures_csv)}
    header = list(next(iter(rows.values())))
    assert "display_decimals" not in header and "line" not in header
    figure, as_stated, value, unit, qualifier = header[1:6]
    trade = rows["bilateral_trade_2024"]
    assert trade[value] == "56"  # as published: not 56.0
    assert trade[header[-1]] == page.source.url  # the address, as a column
    if lang == "fr":
        assert [figure, as_stated, value] == ["Chiffre", "Tel que publié", "Valeur"]
        assert (trade[unit], trade[qualifier]) == ("milliards $", "près de")
    else:
        assert [figure, as_stated, value] == ["Figure", "As stated", "Value"]
        assert (trade[unit], trade[qualifier]) == ("$ billion", "nearly")
    estimate = rows["bilateral_trade_1994"]
    assert re.fullmatch(r"\d+\.\d", estimate[value])  # to the decimals it is shown with


# Charts of the monthly table, whose values are millions written to one decimal as
# published ("1103.0"), where a ".0" is the value, not a float's noise.
MONTHLY_CHARTS = {"mexico_monthly_trade"}


def test_no_chart_csv_carries_binary_noise(con):
    charts = load_briefing_data(con, "en").all_charts()
    assert {chart.chart_id for chart in charts} >= MONTHLY_CHARTS
    for chart in charts:
        text = chart.csv().decode("utf-8-sig")
        assert not NOISE.search(text), (chart.chart_id, NOISE.search(text))
        if chart.chart_id in MONTHLY_CHARTS:
            values = [row[1:3] for row in csv.reader(io.StringIO(text))][1:]
            assert all(re.fullmatch(r"\d+\.\d", value) for row in values for value in row)
        else:
            assert not re.search(r"\d\.0(,|$)", text, re.M), chart.chart_id  # 2210000000.0


def short_names(con, lang: Language) -> dict[str, str]:
    frame = queries.sectors(con, lang)
    return dict(zip(frame["sector_id"], frame["short_name"], strict=True))


def test_a_deck_is_named_for_the_sectors_it_holds_in_its_language(con):
    short: dict[str, dict[str, str]] = {lang: short_names(con, lang) for lang in LANGUAGES}
    every = tuple(short["en"])
    both = ("ict", "creative_industries")
    assert deck_file_name(BriefingOptions(sectors=both, lang="fr"), short["fr"]) == (
        "mission-commerciale-canadienne-mexique-tic-industries-creatives.pptx"
    )
    assert deck_file_name(BriefingOptions(sectors=both, lang="en"), short["en"]) == (
        "canada-trade-mission-mexico-ict-creative-industries.pptx"
    )
    agri_food = BriefingOptions(sectors=("agriculture_processed_foods",), lang="fr")
    assert deck_file_name(agri_food, short["fr"]) == (
        "mission-commerciale-canadienne-mexique-agroalimentaire.pptx"
    )
    whole = BriefingOptions(sectors=every, lang="fr")
    assert deck_file_name(whole, short["fr"]) == (
        "mission-commerciale-canadienne-mexique-tous-les-secteurs.pptx"
    )
    assert deck_file_name(BriefingOptions(sectors=every, lang="en"), short["en"]) == (
        "canada-trade-mission-mexico-all-sectors.pptx"
    )


def test_the_chapters_csv_is_headed_in_french_with_sector_names_not_ids(con):
    table = chapter_table(con, None, next(iter(SORT_COLUMNS)), True, "fr")
    text = table.csv.decode("utf-8-sig")
    rows = read_csv(table.csv)
    header = list(rows[0])
    assert header[:2] == ["Année", "Chapitre"]
    assert not any("_" in column for column in header)  # no database column names
    vehicles = next(row for row in rows if row["Chapitre"].startswith("87 · "))
    assert vehicles["Secteurs de la mission"] == "Fabrication de pointe"
    assert vehicles["Exportations vers le Mexique ($ CA)"] == "1756672253"  # as published
    assert not NOISE.search(text)


def test_no_downloaded_cell_runs_as_a_spreadsheet_formula():
    frame = pd.DataFrame(
        {
            "note": ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "plain"],
            "change": ["-5.2", "+3", "12", "-0", "0.5", "1"],  # numbers stay numbers
            "value": [-1.5, 2.0, 3.25, -4.0, 5.0, -1e-05],
        }
    )
    rows = list(csv.reader(io.StringIO(spreadsheet.csv_bytes(frame).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "plain",
    ]
    assert [row[1] for row in rows[1:]] == ["-5.2", "+3", "12", "-0", "0.5", "1"]
    assert [row[2] for row in rows[1:]] == ["-1.5", "2", "3.25", "-4", "5", "-1e-05"]
