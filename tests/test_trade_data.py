"""Over the built database: the trade statistics say what their README says, the derived
measures follow their formulas, and every figure of the page has its check."""

from __future__ import annotations

import pandas as pd
import pytest

from trade_mission.data import annual_trade
from trade_mission.data.database import records
from trade_mission.views.trade import checks_by_figure


def test_the_readme_check_figures_come_out_of_the_tables(con):
    exports, imports = con.execute(
        "select exports_cad, imports_cad from trade_by_origin "
        "where year = 2024 and origin_code = 'CA' and partner = 'Mexico'"
    ).fetchone()
    assert (exports, imports) == (8_663_078_573, 47_318_194_591)
    markets = con.execute(
        "select partner, sum(exports_cad) as exports from trade_by_chapter "
        "where year = 2024 and hs2 <= '24' and partner <> 'Total All Countries' "
        "group by partner order by exports desc limit 4"
    ).fetchall()
    assert markets[3] == ("Mexico", 2_212_363_350)


def test_mexico_trade_is_the_province_files_all_canada_rows(con):
    rows = annual_trade.mexico_trade(con).set_index("year")
    assert rows.loc[2024, "two_way_cad"] == 55_981_273_164
    assert rows.loc[2024, "balance_cad"] == 8_663_078_573 - 47_318_194_591
    assert list(rows.index) == list(range(1990, 2025))


def test_growth_rank_and_benchmark_follow_their_formulas(con):
    """Recomputed here from the published rows, independently of the SQL views."""
    indicators = annual_trade.chapter_indicators(con).set_index("hs2")

    def exports(year: int, partner: str, hs2: str = "87") -> int:
        return con.execute(
            "select exports_cad from trade_by_chapter where year = ? and partner = ? and hs2 = ?",
            [year, partner, hs2],
        ).fetchone()[0]

    vehicles = indicators.loc["87"]
    assert vehicles["cagr_5y_pct"] == pytest.approx(
        ((exports(2024, "Mexico") / exports(2019, "Mexico")) ** (1 / 5) - 1) * 100
    )
    assert vehicles["cagr_10y_pct"] == pytest.approx(
        ((exports(2024, "Mexico") / exports(2014, "Mexico")) ** (1 / 10) - 1) * 100
    )
    world = exports(2024, "Total All Countries")
    overall = (
        8_663_078_573
        / con.execute(
            "select exports_cad from trade_by_origin where year = 2024 and origin_code = 'CA' "
            "and partner = 'Total All Countries'"
        ).fetchone()[0]
    )
    assert vehicles["representation_ratio"] == pytest.approx(
        exports(2024, "Mexico") / world / overall
    )
    assert vehicles["benchmark_gap_cad"] == pytest.approx(
        world * overall - exports(2024, "Mexico")
    )
    assert vehicles["mexico_rank"] == 2  # after the United States; the total is not a market
    assert vehicles["share_of_exports_to_mexico_pct"] == pytest.approx(
        exports(2024, "Mexico") / 8_663_078_573 * 100
    )


def test_every_figure_has_its_check_and_the_trade_claims_are_judged(con):
    checks = checks_by_figure(con, "en")
    figures = {row[0] for row in con.execute("select figure_id from figures").fetchall()}
    assert set(checks) == figures
    verdicts = {figure_id: check["verdict"] for figure_id, check in checks.items()}
    assert verdicts["bilateral_trade_2024"] == "consistent"
    assert checks["bilateral_trade_2024"]["official_value"] == pytest.approx(55.981273164)
    assert verdicts["bilateral_trade_growth_since_1994"] == "consistent"
    assert verdicts["bilateral_trade_1994"] == "differs"
    assert verdicts["canada_agrifood_exports_2024"] == "consistent"
    assert verdicts["mexico_merchandise_partner_rank"] == "consistent"
    assert verdicts["creative_exports_2022"] == "not_comparable"
    assert checks["creative_exports_2022"]["official_value"] is None


def test_a_claim_with_two_readings_shows_both(con):
    readings = annual_trade.figure_check_readings(con, "en")
    growth = readings[readings["figure_id"] == "bilateral_trade_growth_since_1994"]
    assert list(growth["year"]) == [1993, 1994]
    assert list(growth["verdict"]) == ["consistent", "differs"]
    assert growth["official_value"].tolist() == pytest.approx([12.3428, 9.9808], rel=1e-4)
    note = checks_by_figure(con, "en")["bilateral_trade_growth_since_1994"]["note"]
    assert "12.3 times" in note and "10.0 times" in note
    french = checks_by_figure(con, "fr")["bilateral_trade_growth_since_1994"]["note"]
    assert "12,3\u00a0fois" in french and "10,0\u00a0fois" in french


def test_the_sectors_chapters_and_how_much_they_stand_for(con):
    links = annual_trade.sector_chapters(con)
    agri = links[links["sector_id"] == "agriculture_processed_foods"]
    assert list(agri["hs2"]) == [f"{number:02d}" for number in range(1, 25)]
    assert set(agri["coverage"]) == {"whole"}
    ict = links[links["sector_id"] == "ict"]
    assert list(ict["hs2"]) == ["84", "85"] and set(ict["coverage"]) == {"part"}
    coverage = annual_trade.sector_trade_notes(con).set_index("sector_id")["coverage"]
    assert coverage.to_dict() == {
        "advanced_manufacturing": "most",
        "agriculture_processed_foods": "whole",
        "clean_technologies": "proxy",
        "creative_industries": "proxy",
        "ict": "proxy",
    }


def test_chapter_names_are_translated_never_copied(con):
    english = annual_trade.chapters(con, "en").set_index("hs2")["label"]
    french = annual_trade.chapters(con, "fr").set_index("hs2")["label"]
    assert len(english) == 96  # 77 is reserved, 98 and 99 carry no rows
    copied = [hs2 for hs2 in english.index if english[hs2] == french[hs2]]
    assert copied == []


def test_a_row_read_as_records_has_none_for_null_and_plain_python_values(con):
    frame = con.execute(
        "select * from (values (3, 2.5, date '2026-05-01', 'a'), (null, null, null, null)) "
        "as t(n, x, d, s)"
    ).df()
    first, second = records(frame)
    assert first == {"n": 3, "x": 2.5, "d": pd.Timestamp("2026-05-01"), "s": "a"}
    assert [type(first[key]) for key in ("n", "x", "s")] == [int, float, str]  # not numpy's
    assert second == {"n": None, "x": None, "d": None, "s": None}
    assert records(frame.iloc[:0]) == []
