"""Mexico's market (``/market``): what an exporter reads there, from Mexico's own records,
kept apart from Canada's; the search; what Canadian-origin goods pay; how current it is."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from tests.conftest import APP_TIMEOUT, open_page, page_text
from trade_mission.data import mexico
from trade_mission.rules.cusma import canadian_treatment
from trade_mission.views.market import (
    SEARCH_MAX_CHARS,
    freshness,
    market_chapter,
    market_index,
    market_overview,
    market_search,
    search_index,
)
from trade_mission.views.trade import chapter_table


@pytest.fixture(scope="module")
def entries(con):
    return search_index(con)


def test_the_overview_gives_mexicos_imports_as_inegi_totals_them(con):
    overview = market_overview(con, "en")
    values = [fact.value for fact in overview.facts]
    # The README's check figures: 2025, and January to May 2026.
    assert values[0] == "US$664,066.2 million"
    assert values[1] == "US$311,404.9 million"
    assert overview.facts[1].label == "Imports, January to May 2026"
    assert "January to May 2025" in (overview.facts[1].comparison or "")
    assert "C$" not in " ".join(values)


def test_a_chapter_gives_its_imports_modes_and_canadas_side_apart(con):
    chapter = market_chapter(con, "87", "en")
    assert chapter.facts[0].value == "US$62,732.6 million"  # the README's check figure
    # The months drawn are exactly the CSV, in US dollars, from January 2019.
    data = pd.read_csv(io.BytesIO(chapter.months_chart.csv()), encoding="utf-8-sig")
    assert data.iloc[0, 0] == "2019-01" and data.iloc[-1, 0] == "2026-05"
    assert "US$" in chapter.months_chart.table().iloc[0, 0]
    modes = chapter.modes_chart.data
    assert abs(pd.to_numeric(modes.iloc[:, 2]).sum() - 100) < 0.1
    # Canada's exports of the same chapter, from Statistics Canada, in Canadian dollars.
    assert chapter.canada is not None and chapter.canada.exports.startswith("C$")
    assert "Statistics Canada" in chapter.canada.attribution


def test_a_non_agreement_supplier_rate_and_canadas_are_both_stated(con):
    chapter = market_chapter(con, "87", "en")
    lines_8708 = chapter.headings[chapter.headings.iloc[:, 0].str.startswith("8708")]
    assert len(lines_8708) == 1
    row = lines_8708.iloc[0]
    assert "%" in row.iloc[2]  # the general rate, what a supplier without an agreement pays
    assert row.iloc[3] == "Duty-free under CUSMA (originating goods)"
    # Every Spanish description is marked as Spanish, and escaped.
    assert chapter.lines_html.count("lang='es'") == len(mexico.tariff_lines(con, "87"))
    assert "<script" not in chapter.lines_html


def test_dairy_poultry_eggs_and_sugar_are_never_shown_duty_free(con):
    assert canadian_treatment("0401.10.01", "Ex.") == "exclusion_may_apply"
    assert canadian_treatment("0207.14.04", "75") == "exclusion_may_apply"
    assert canadian_treatment("1701.99.99", "Ex.") == "exclusion_may_apply"
    assert (
        canadian_treatment("2106.90.99", "AMX (10%+0.36 Dls por Kg de azúcar)")
        == "exclusion_may_apply"
    )
    assert canadian_treatment("0306.12.01", "15") == "duty_free"
    dairy = market_chapter(con, "04", "en")
    assert dairy.has_exclusion
    assert "Duty-free" not in " ".join(dairy.headings.iloc[:, 3])


@pytest.mark.parametrize(
    "query, code",
    [
        ("lobster", "0306"),
        ("homard", "0306"),
        ("Frozen COD fillets", "030471"),
        ("aircraft parts", "8807"),
        ("8708", "8708"),
        ("8708.29", "870829"),
        ("870829", "8708.29"),
        ("0304", "0304"),
    ],
)
def test_the_search_finds_products_by_words_or_code(entries, query, code):
    result = market_search(entries, query, "en")
    assert any(hit.code.startswith(code) for hit in result.hits), [h.code for h in result.hits]


def test_a_search_is_read_as_text_and_a_long_one_is_cut_and_said(entries):
    assert market_search(entries, "(.*[+?", "en").hits == []
    result = market_search(entries, "lobster " * 2000, "en")
    assert result.truncated and len("lobster " * 2000) > SEARCH_MAX_CHARS
    assert result.hits  # the first words were searched


def test_a_line_found_is_shown_in_spanish_as_published(entries):
    result = market_search(entries, "8708.29.99", "fr")
    (line,) = [hit for hit in result.hits if hit.level == "line"]
    assert line.text_lang == "es" and line.rate


def test_the_notice_counts_the_releases_probably_out_since_the_one_held(con):
    periods = market_index(con, "en").periods  # to May 2026, published July 22, 2026
    assert freshness(periods, dt.datetime(2026, 7, 30, tzinfo=dt.UTC), "en") is None
    notice = freshness(periods, dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), "en")
    assert notice is not None
    assert "4 newer monthly packages" in notice.text and "September 2026" in notice.text


def test_the_page_opens_a_chapter_from_its_address_and_refuses_an_unknown_one():
    at = open_page("pages/market.py", hs="03")
    assert not at.exception
    assert any("03 · Fish" in header.value for header in at.header)
    at = open_page("pages/market.py", hs="<script>")
    assert not at.exception
    assert any("do not hold" in info.value for info in at.info)


def test_the_search_box_answers_on_the_page_in_french():
    at = open_page("pages/market.py", lang="fr")
    at.text_input(key="market-search").input("homard").run(timeout=APP_TIMEOUT)
    assert not at.exception
    text = page_text(at)
    assert "Position 0306" in text or "Sous-position 0306" in text


def test_the_chapters_view_sorts_by_mexicos_demand_beside_canadas_supply(con):
    table = chapter_table(con, None, "mexico_imports", True, "en")
    assert table.table.iloc[0, 0].startswith("84 ·")  # Mexico's largest import chapter
    demand = table.table[
        "Mexico's imports, 2025 (INEGI, US$); growth a year since 2019 (computed)"
    ]
    assert demand.iloc[0] == "US$144,474.6 million; +11.1%"
    assert table.table.iloc[0, 1].startswith("C$")  # Canada's own column stays in C$
    growth = chapter_table(con, None, "mexico_growth", True, "en").table
    rates = [
        float(cell.split("; ")[1].replace("−", "-").rstrip("%")) for cell in growth.iloc[:5, -1]
    ]
    assert rates == sorted(rates, reverse=True)  # the fastest growing first
