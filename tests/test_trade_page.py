"""The "Trade with Mexico" page in AppTest: every view, shareable addresses, hostile ones."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import open_page, table_of, tables_headed
from trade_mission.data import annual_trade
from trade_mission.text.i18n import t
from trade_mission.views.assessment import chapter_markets, exports_chart
from trade_mission.views.trade import chapter_table, chapter_view, provinces_view

PAGE = "pages/trade.py"


def test_the_annual_view_shows_trade_since_1990_and_checks_the_page(app_db):
    at = open_page(PAGE, view="overview")
    assert not at.exception and not at.error
    assert at.segmented_control(key="trade-view").value == "overview"
    assert at.query_params["view"] == "overview"
    assert len(at.get("plotly_chart")) == 2
    (checks,) = tables_headed(at, "Figure")
    assert len(checks) == 7
    assert checks.loc["Canada-Mexico bilateral trade", "Statistics Canada"] == "C$55.98 billion"
    assert checks.loc["Canada-Mexico bilateral trade", "Verdict"] == "✓ Consistent"
    headings = " ".join(block.value for block in at.markdown)
    # The annual files to 2024, then 2025 from the monthly table, said to be so.
    assert "reached C\\$62,359\\.2 million in 2025" in headings
    captions = " ".join(block.value for block in (*at.caption, *at.markdown))
    assert "1990–2024\\. 2025: the sum of the twelve months of the monthly table" in captions
    assert "Annual statistics from Trade Data Online" in captions  # and say which product


def test_a_chapter_opens_by_address(app_db):
    at = open_page(PAGE, hs="88")
    assert not at.exception and not at.info[1:]
    assert at.segmented_control(key="trade-view").value == "chapter"
    assert at.selectbox(key="trade-hs").value == "88"
    assert at.query_params["hs"] == "88"
    assert "Chapter 88 · Aircraft, spacecraft and their parts" in [h.value for h in at.header]
    assert len(at.get("plotly_chart")) == 2
    assert "Advanced manufacturing" in " ".join(block.value for block in at.markdown)


@pytest.mark.parametrize("bad", ["77", "8", "<script>alert(1)</script>", "x" * 3000])
def test_an_unknown_chapter_gets_a_notice_and_the_largest_one(app_db, bad):
    at = open_page(PAGE, hs=bad)
    assert not at.exception
    assert at.selectbox(key="trade-hs").value == "87"
    assert "does not know the HS chapter" in at.info[-1].value
    assert at.query_params["hs"] == "87"
    shown = " ".join(str(block.value) for block in (*at.markdown, *at.info, *at.caption))
    assert "<script>" not in shown and "x" * 100 not in shown


@pytest.mark.slow
def test_every_chapter_and_province_opens_even_with_years_of_no_trade(con):
    """Years with no trade (NULL in the statistics) read as "—", never as an error: the
    views behind /trade?hs=NN, /trade?province=XX and the self-assessment's panel."""
    chapters = tuple(annual_trade.chapters(con)["hs2"])
    for hs2 in chapters:
        chapter_view(con, hs2, "en")
    assert len(chapter_markets(con, chapters, "en")) == len(chapters)
    with_gaps = ("06", "09", "46", "50", "93")  # years Canada sold Mexico none of them
    exports_chart(con, with_gaps, "fr")
    for origin_code in annual_trade.origins(con)["origin_code"]:
        provinces_view(con, origin_code, "en")
    flowers = chapter_view(con, "06", "en")  # none sold to Mexico in 2024
    assert "—" in set(flowers.ranks.iloc[:, 1])
    for title in (flowers.trade_chart.title, flowers.markets_chart.title):
        assert "—" not in title
        assert "none are recorded" in title or "no exports to Mexico are recorded" in title
    assert "none are recorded for 2024" in exports_chart(con, ("06",), "en").title


def test_choosing_a_chapter_updates_the_address(app_db):
    at = open_page(PAGE, hs="87")
    at.selectbox(key="trade-hs").set_value("03").run()
    assert not at.exception
    assert at.query_params["hs"] == "03"


def test_the_provinces_open_by_address_and_a_bad_one_gets_a_notice(app_db):
    at = open_page(PAGE, province="QC")
    assert not at.exception
    assert at.selectbox(key="trade-province").value == "QC"
    assert len(at.get("plotly_chart")) == 2
    assert any("Quebec in 2024: C\\$1\\.97 billion" in block.value for block in at.markdown)
    bad = open_page(PAGE, province="Narnia")
    assert "does not know the province" in bad.info[-1].value
    assert bad.selectbox(key="trade-province").value == "ON"  # sells Mexico the most


def test_every_chapter_filtered_by_sector_and_sorted(app_db):
    at = open_page(PAGE, view="chapters")
    assert not at.exception
    assert len(table_of(at, "chapters")) == 96
    at.selectbox(key="trade-sector").set_value("ict").run()
    assert list(table_of(at, "chapters").index) == [
        "84 · Machinery and mechanical appliances",
        "85 · Electrical machinery and equipment",
    ]
    at.selectbox(key="trade-sector").set_value(None).run()
    at.selectbox(key="trade-sort").set_value("chapter").run()
    at.checkbox(key="trade-descending").uncheck().run()
    assert table_of(at, "chapters").index[0].startswith("01 ·")
    assert at.get("download_button")


def test_an_unknown_view_gets_a_notice_and_the_latest_months(app_db):
    at = open_page(PAGE, view="everything")
    assert not at.exception
    assert any("does not have" in block.value for block in at.info)
    assert at.segmented_control(key="trade-view").value == "latest"


def test_the_figure_cards_show_their_check(app_db):
    at = open_page("pages/overview.py")
    shown = " ".join(block.value for block in at.markdown)
    assert "✓ Statistics Canada: C\\$55\\.98 billion" in shown
    assert "≠ Statistics Canada: C\\$5\\.61 billion" in shown  # the 1994 estimate


def test_the_sources_page_lists_every_check_and_credits_statistics_canada(app_db):
    at = open_page("pages/sources.py")
    checks = table_of(at, "checks")
    assert len(checks) == 34
    assert set(checks["Verdict"]) == {"✓ Consistent", "≠ Differs", "Not checkable"}
    text = " ".join(str(block.value) for block in (*at.markdown, *at.caption))
    assert "Source: Statistics Canada, Canadian international merchandise trade" in text
    names = [button.proto.label for button in at.get("download_button")]
    assert "Trade by chapter and partner (CSV, large)" in names


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_growth_ratio_and_gap_say_what_they_mean_where_they_are_shown(app_db, lang):
    """Not only in the expander of one view: on the chapter's cards (a tooltip), under the
    table of every chapter and beside the sector's growth."""
    chapter = open_page("pages/trade.py", lang=lang, hs="03")
    helps = {caption.value.replace("\\", ""): caption.proto.help for caption in chapter.caption}
    for metric, meaning in (
        ("cagr_10y", t("trade.meaning.growth", lang, years=10)),
        ("ratio", t("trade.meaning.ratio", lang)),
        ("gap", t("trade.meaning.gap", lang)),
    ):
        assert helps.get(t(f"trade.metric.{metric}", lang)) == meaning, metric
    every = open_page("pages/trade.py", lang=lang, view="chapters")
    assert t("trade.meaning.table", lang) in [caption.value for caption in every.caption]
    sector = open_page("pages/sectors.py", lang=lang, sector="agriculture_processed_foods")
    helps = {caption.value.replace("\\", ""): caption.proto.help for caption in sector.caption}
    assert helps.get(t("trade.metric.cagr_10y", lang)) == t("trade.meaning.growth", lang, years=10)
    assert t("trade.meaning.growth_column", lang) in [caption.value for caption in sector.caption]


def test_annual_figures_say_how_old_they_are_once_a_newer_year_is_out(app_db, set_clock):
    set_clock(dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    at = open_page("pages/trade.py", view="overview")
    assert not at.exception
    (notice,) = [box.value for box in at.warning if "annual figures run to 2024" in box.value]
    assert "exported March 14, 2025" in notice and "annual figures of 2025" in notice
    set_clock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))  # 2025's not yet out
    at = open_page("pages/trade.py", view="overview")
    assert not [box for box in at.warning if "annual figures run to" in box.value]


def test_a_blank_in_every_chapter_says_why_it_is_blank(con):
    table = chapter_table(con, None, "chapter", False, "en").table.set_index("Chapter")
    coffee = table.loc[next(name for name in table.index if name.startswith("09 ·"))]
    assert coffee.iloc[0] == "None recorded (0 in the benchmark gap)"
    assert "n/a: none recorded this year" in list(coffee)
    fish_preparations = table.loc[next(name for name in table.index if name.startswith("16 ·"))]
    assert "n/a: none recorded 5 years before" in list(fish_preparations)
    assert "—" not in [cell.strip() for cell in table.to_numpy().ravel()]
