"""The latest months of Canada–Mexico trade: the trade page's first view, the "newer
release probably out" notice under an injected clock, what Sources says of every release
and revision, and the charts' data exactly as drawn."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.build import build_database
from etl.inputs import Inputs
from tests.conftest import open_page, tables_headed
from tests.wds import answer, body
from trade_mission.rules.releases import newer_release_probably_out, next_release_due
from trade_mission.views.latest_months import freshness, latest_months_view

PAGE = "pages/trade.py"
AS_OF = "To July 2026 · Statistics Canada, table 12-10-0011-01, released September 3, 2026"
# The release of July 2026's months (September 3) is current until August's is due.
CURRENT = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
STALE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
# By then August's and September's releases were due (45 days after each month ends).
STALE_RELEASES, STALE_REACHES = 2, "September 2026"


def shown(at) -> str:
    return " ".join(str(block.value) for block in (*at.markdown, *at.caption, *at.info))


def test_the_trade_page_opens_on_the_latest_months_with_their_release(app_db, set_clock):
    set_clock(CURRENT)
    at = open_page(PAGE)
    assert not at.exception and not at.warning
    assert at.segmented_control(key="trade-view").value == "latest"
    assert "The latest months" in [header.value for header in at.header]
    text = shown(at)
    assert "To July 2026 · Statistics Canada, table 12\\-10\\-0011\\-01" in text
    assert "C\\$10,066\\.4 million" in text  # exports to Mexico, August 2025 to July 2026
    assert "+16\\.6% on the same months a year earlier" in text
    assert "never with the month before" in text
    assert "cannot show its effect" in text
    assert len(at.get("plotly_chart")) == 1  # the shares of every year come when asked for
    (shares,) = tables_headed(at, "Partner")
    assert shares.loc["Mexico"].tolist() == ["1.24%", "1.10%", "7.18%", "6.30%"]
    assert list(shares.index) == ["Mexico", "United States", "China"]
    periods = tables_headed(at, "Canada and Mexico")
    assert [table.columns[0] for table in periods] == [
        "12 months to July 2026 (August 2025 to July 2026)",
        "Year to date (January to July 2026)",
        "Since the mission (March to July 2026)",
    ]
    assert [table.iloc[:, 0]["Exports to Mexico"] for table in periods] == [
        "C$10,066.4 million",
        "C$6,249.2 million",
        "C$4,789.8 million",
    ]
    assert periods[1].iloc[:, 0]["Change in imports"] == "+16.2%"


def test_the_shares_chart_and_a_long_table_come_when_asked_for(app_db, set_clock):
    set_clock(CURRENT)
    at = open_page(PAGE)
    assert not tables_headed(at, "Month")  # 91 months: sent only when asked for
    at.toggle(key="table-mexico_monthly_trade").set_value(True).run()
    (months,) = tables_headed(at, "Month")
    assert len(months) == 91 and months.loc["July 2026", "Exports to Mexico (C$ million)"] == (
        "C$1,026.2 million"
    )
    at.toggle(key="monthly-shares-chart").set_value(True).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2


def test_a_newer_release_probably_out_is_said_with_how_to_refresh(app_db, set_clock):
    set_clock(STALE)
    at = open_page(PAGE)
    headers = [header.value for header in at.header]
    assert "The months to July 2026" in headers and "The latest months" not in headers
    (warning,) = at.warning
    assert "very probably published" in warning.value
    assert "make refresh" in warning.value and "October 15, 2026" in warning.value
    # How many releases have probably come out, and how far they reach, by the clock.
    assert f"{STALE_RELEASES} newer releases" in warning.value
    assert f"reaching {STALE_REACHES}" in warning.value
    sources = open_page("pages/sources.py")
    assert any("make refresh" in block.value for block in sources.warning)


def test_the_french_page_reads_in_french(app_db, set_clock):
    set_clock(STALE)
    at = open_page(PAGE, lang="fr")
    assert not at.exception
    text = shown(at)
    assert "Jusqu’à juillet 2026 · Statistique Canada, tableau 12\\-10\\-0011\\-01" in text
    assert "10\u00a0066,4\u00a0millions\u00a0$\u00a0CA".replace("$", "\\$") in text
    assert "publié depuis 2\u00a0diffusions plus récentes" in at.warning[0].value or (
        "publié depuis 2 diffusions plus récentes" in at.warning[0].value
    )


@pytest.mark.parametrize(
    ("now", "stale"),
    [
        (dt.datetime(2026, 10, 16, 3, 0, tzinfo=dt.UTC), False),  # Oct 15, 23:00 in Ottawa
        (dt.datetime(2026, 10, 16, 5, 0, tzinfo=dt.UTC), True),  # Oct 16, 01:00 in Ottawa
    ],
)
def test_a_release_is_judged_stale_by_the_day_in_ottawa(now, stale):
    assert next_release_due(dt.date(2026, 7, 1)) == dt.date(2026, 10, 15)
    assert newer_release_probably_out(dt.date(2026, 7, 1), now) is stale
    # December's months: January's release is due 45 days after January ends.
    assert next_release_due(dt.date(2026, 12, 1)) == dt.date(2027, 3, 17)


def test_the_periods_csv_holds_every_partner_as_computed(con):
    view = latest_months_view(con, "en")
    rows = list(csv.DictReader(io.StringIO(view.csv.decode("utf-8-sig"))))
    assert len(rows) == 3 * 4 * 2  # periods, partners, flows
    mexico = next(
        row
        for row in rows
        if row["Partner"] == "Mexico" and row["Flow"] == "Exports" and "12 months" in row["Period"]
    )
    assert mexico["Sum of the months (C$ million)"] == "10066.4"
    assert mexico["Same months a year earlier (C$ million)"] == "8634.9"
    assert mexico["Change (%)"] == "16.5781"
    assert mexico["Release"] == "2026-09-03"


def test_the_monthly_chart_draws_exactly_its_csv(con):
    chart = latest_months_view(con, "en").months_chart
    rows = list(csv.DictReader(io.StringIO(chart.csv().decode("utf-8-sig"))))
    assert rows[0]["Month"] == "2019-01" and rows[-1]["Month"] == "2026-07"
    exports = next(trace for trace in chart.figure["data"] if trace["name"] == "Exports to Mexico")
    assert [float(row["Exports to Mexico (C$ million)"]) for row in rows] == list(exports["y"])
    assert {row["Release"] for row in rows} == {"2026-09-03"}
    assert "Statistics Canada's flag" not in chart.table().columns  # none flagged


def test_the_shares_chart_gives_mexico_against_the_united_states_and_china(con):
    chart = latest_months_view(con, "en").shares_chart
    assert chart.title.startswith("Mexico took 1.24% of Canada's exports from August 2025")
    table = chart.table()
    assert table.index[-1] == "12 months to July 2026"
    assert table.loc["2025", "Mexico: share of Canada's exports (%)"] == "1.14%"
    assert table.loc["2025", "United States: share of Canada's exports (%)"].endswith("%")


@pytest.fixture(scope="module")
def flagged_db(tmp_path_factory) -> Path:
    """A database with a fetched release whose August 2026 exports are preliminary."""
    folder = tmp_path_factory.mktemp("flagged")
    kept = folder / "releases" / "2026-10-07"
    kept.mkdir(parents=True)
    flags = {("v87008879", "2026-08"): {"symbolCode": 1}}
    (kept / "answer.json").write_bytes(body(answer(flags=flags)))
    (kept / "retrieval.json").write_text(json.dumps({"retrieved_at": "2026-10-07T16:05:00Z"}))
    target = folder / "trade_mission.duckdb"
    inputs = Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR, folder / "releases")
    build_database(inputs, target)
    return target


@pytest.mark.slow  # builds a whole database of its own
def test_a_flagged_value_is_shown_in_words(flagged_db):
    con = duckdb.connect(str(flagged_db), read_only=True)
    view = latest_months_view(con, "fr")
    assert view.latest.release_date == dt.date(2026, 10, 7)
    table = view.months_chart.table()
    assert table.loc["août 2026", "Signe de Statistique Canada"] == "p\u00a0: provisoire"
    assert "encerclées" in view.months_chart.alt
    assert view.flagged.startswith("Statistique Canada signale 1 des valeurs")
    assert "exportations d’août 2026 (p\u00a0: provisoire)" in view.flagged
    assert freshness(view.latest, dt.datetime(2026, 11, 1, tzinfo=dt.UTC), "fr") is None


def test_sources_lists_every_release_and_revision(app_db):
    at = open_page("pages/sources.py")
    (releases,) = tables_headed(at, "Data")
    assert releases.loc["The mission page", "Release"] == "No date: the capture carries none"
    monthly_rows = releases.loc["Monthly trade, table 12-10-0011-01"]
    assert monthly_rows["Release"].tolist() == [
        "Released June 9, 2026",
        "Released September 3, 2026",
    ]
    (revisions,) = tables_headed(at, "Month")
    assert len(revisions) == 25
    april = revisions.loc["April 2026"]
    imports = april[april["Flow"] == "Imports"].iloc[0]
    assert (imports["Earlier value"], imports["Revised value"]) == (
        "C$4,949.9 million",
        "C$5,118.0 million",
    )
    assert imports["Revision"] == "+C$168.1 million"
    (agreement,) = tables_headed(at, "Year")
    assert agreement.loc["2023", "Imports: difference"] == "+0.97%"
    labels = [button.proto.label for button in at.get("download_button")]
    assert "The revisions (CSV)" in labels and "The two products compared (CSV)" in labels
