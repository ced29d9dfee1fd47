"""Data tests over the built database, in the style of dbt's generic tests.

unique, not_null, accepted_values and relationships, plus this project's provenance
checks: every quote is verbatim in the source, every published value is the one its
quote states, and every derived figure recomputes from its inputs.
"""

from __future__ import annotations

import pytest

from etl.values import QUALIFIERS, UNITS, evaluate, stated_value
from trade_mission import queries

SECTOR_IDS = {
    "advanced_manufacturing",
    "agriculture_processed_foods",
    "clean_technologies",
    "creative_industries",
    "ict",
}

UNIQUE = [
    ("sectors", ("sector_id",)),
    ("sector_cities", ("sector_id", "city")),
    ("programme", ("city", "start_date")),
    ("opportunities", ("sector_id", "category", "item")),
    ("figures", ("figure_id",)),
    ("eligibility_criteria", ("criterion_id",)),
    ("notices", ("notice_id",)),
    ("states", ("state_code",)),
    ("cities", ("city",)),
]
NOT_NULL = [
    ("sectors", ("sector_id", "name", "short_name")),
    ("sector_cities", ("sector_id", "city")),
    ("programme", ("city", "start_date", "end_date", "kind")),
    ("opportunities", ("sector_id", "category", "item", "quote")),
    ("figures", ("figure_id", "label", "value", "unit", "is_derived")),
    ("eligibility_criteria", ("criterion_id", "text", "applies_to")),
    ("mission", ("title", "lead", "start_date", "end_date", "registration_deadline_utc")),
]
ACCEPTED = [
    ("programme", "kind", {"core", "sector"}),
    ("opportunities", "category", {"subsector", "product", "process", "technology", "market"}),
    ("figures", "unit", set(UNITS)),
    ("sectors", "sector_id", SECTOR_IDS),
    (
        "eligibility_criteria",
        "applies_to",
        {"everyone", "companies", "large_businesses_and_organizations"},
    ),
]
RELATIONSHIPS = [
    ("sector_cities", "sector_id", "sectors", "sector_id"),
    ("sector_cities", "city", "programme", "city"),
    ("programme", "city", "cities", "city"),
    ("opportunities", "sector_id", "sectors", "sector_id"),
    ("companies", "sector_id", "sectors", "sector_id"),
    ("figures", "sector_id", "sectors", "sector_id"),
    ("figure_inputs", "input_figure_id", "figures", "figure_id"),
    ("cluster_states", "state_code", "states", "state_code"),
    ("eligibility_criteria", "parent_id", "eligibility_criteria", "criterion_id"),
]
# Every column that holds text taken from the page.
VERBATIM_COLUMNS = [
    ("figures", "quote"),
    ("opportunities", "quote"),
    ("companies", "quote"),
    ("cluster_states", "quote"),
    ("programme", "quote"),
    ("eligibility_criteria", "text"),
    ("notices", "text"),
    ("bullets", "text"),
    ("programme_activities", "text"),
]


def rows(con, table: str, columns: tuple[str, ...] | list[str]) -> list[tuple]:
    return con.table(table).select(*columns).fetchall()


@pytest.mark.parametrize("table, columns", UNIQUE)
def test_unique(con, table, columns):
    values = rows(con, table, columns)
    assert len(values) == len(set(values))


@pytest.mark.parametrize("table, columns", NOT_NULL)
def test_not_null(con, table, columns):
    for column in columns:
        assert all(value is not None for (value,) in rows(con, table, [column])), column


@pytest.mark.parametrize("table, column, accepted", ACCEPTED)
def test_accepted_values(con, table, column, accepted):
    assert {value for (value,) in rows(con, table, [column])} <= accepted


@pytest.mark.parametrize("table, column, parent, parent_column", RELATIONSHIPS)
def test_relationships(con, table, column, parent, parent_column):
    children = {value for (value,) in rows(con, table, [column]) if value is not None}
    parents = {value for (value,) in rows(con, parent, [parent_column])}
    assert children <= parents, children - parents


def test_the_five_sectors_are_there(con):
    assert {value for (value,) in rows(con, "sectors", ["sector_id"])} == SECTOR_IDS


@pytest.mark.parametrize("table, column", VERBATIM_COLUMNS)
def test_text_from_the_page_is_verbatim(con, source_text, table, column):
    for (text,) in rows(con, table, [column]):
        if text is not None:
            assert text in source_text, text


def test_every_published_value_is_the_one_its_quote_states(con):
    published = queries.records(queries.figures(con).query("not is_derived"))
    assert len(published) >= 30
    for figure in published:
        assert figure["value_text"] in " ".join(figure["quote"].split())
        assert stated_value(figure["value_text"]) == pytest.approx(figure["value"])
        assert figure["qualifier"] is None or figure["qualifier"] in QUALIFIERS


def test_every_derived_figure_recomputes_from_its_inputs(con):
    figures = {row["figure_id"]: row for row in queries.records(queries.figures(con))}
    inputs = queries.derived_figure_inputs(con)
    derived = [row for row in figures.values() if row["is_derived"]]
    assert {row["figure_id"] for row in derived} >= {
        "creative_exports_other_2022",
        "creative_exports_2021",
        "canada_share_of_mexico_agrifood_imports_2024",
        "ict_turnover_2023",
        "bilateral_trade_1994",
    }
    for row in derived:
        assert row["quote"] is None and row["formula"]
        assert all(not source["is_derived"] for source in inputs[row["figure_id"]])
    assert figures["creative_exports_other_2022"]["value"] == pytest.approx(
        377.8 - 108.9 - 27.1 - 24.3
    )
    assert figures["creative_exports_2021"]["value"] == pytest.approx(377.8 / 1.527)
    assert figures["canada_share_of_mexico_agrifood_imports_2024"]["value"] == pytest.approx(
        2.2 / 45.4 * 100
    )
    assert figures["ict_turnover_2023"]["value"] == pytest.approx(110 / 1.045)
    assert figures["bilateral_trade_1994"]["value"] == pytest.approx(56 / 12)


def test_formulas_show_the_numbers_they_use(con):
    ((formula,),) = con.execute(
        "select formula from figures where figure_id = ?", ["creative_exports_other_2022"]
    ).fetchall()
    assert "377.8 − 108.9 − 27.1 − 24.3" in formula
    assert evaluate("a - b", {"a": 1, "b": 1})[0] == 0


def test_programme_and_host_cities(con):
    programme = {
        row[0]: row[1:]
        for row in rows(con, "programme", ["city", "start_date", "end_date", "kind"])
    }
    assert programme["Mexico City"][2] == "core"
    assert (programme["Mexico City"][0].day, programme["Mexico City"][1].day) == (15, 17)
    assert (programme["Monterrey"][0].day, programme["Monterrey"][1].day) == (18, 20)
    cities = queries.sector_cities(con, "clean_technologies")["city"].tolist()
    assert cities == ["Mexico City", "Monterrey"]


def test_the_deadline_is_midnight_pacific_in_utc(con):
    mission = queries.mission(con)
    assert mission.registration_deadline_utc.isoformat() == "2025-11-29T07:59:00+00:00"


def test_the_eligibility_criteria_cover_both_lists_and_the_scope_rule(con):
    ids = set(queries.eligibility_criteria(con)["criterion_id"])
    assert ids >= {
        "sector",
        "commercialized_offering",
        "mexico_in_international_plan",
        "resources_committed",
        "market_research_done",
        "tcs_client",
        "strategic_alignment",
        "fosters_partnerships",
        "demonstrated_value",
        "in_scope",
    }


def test_cluster_states_have_shapes(con):
    names = set(queries.cluster_states(con)["state_name"])
    assert names == {"Baja California", "Chihuahua", "Nuevo León", "Querétaro"}
