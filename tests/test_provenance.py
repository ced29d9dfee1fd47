"""Over the built database: every number traces to the page, and what was parsed is right.

Keys, types, allowed values and references are enforced by schema.sql at load and by the
build's own checks (tests/test_build.py shows them refusing bad input); these tests check
what a reader relies on beyond that: every quote is verbatim in the source, every
published value is the one its quote states, every derived figure recomputes from its
inputs, and the page's dates, cities and criteria were read as the page gives them.
"""

from __future__ import annotations

import pytest

from etl.values import stated_value
from trade_mission.data import queries
from trade_mission.data.database import records
from trade_mission.views.assessment import load_facts

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


@pytest.mark.parametrize("table, column", VERBATIM_COLUMNS)
def test_text_from_the_page_is_verbatim(con, source_text, table, column):
    texts = [text for (text,) in con.table(table).select(column).fetchall() if text is not None]
    assert texts
    assert [text for text in texts if text not in source_text] == []


def test_every_published_value_is_the_one_its_quote_states(con):
    published = records(queries.figures(con).query("not is_derived"))
    assert len(published) == 30
    for figure in published:
        assert figure["value_text"] in " ".join(figure["quote"].split())
        assert stated_value(figure["value_text"]) == pytest.approx(figure["value"])


def test_every_derived_figure_recomputes_from_its_inputs(con):
    figures = {row["figure_id"]: row for row in records(queries.figures(con))}
    inputs = queries.derived_figure_inputs(con)
    derived = [row for row in figures.values() if row["is_derived"]]
    assert {row["figure_id"] for row in derived} == {
        "creative_exports_other_2022",
        "creative_exports_2021",
        "ict_turnover_2023",
        "bilateral_trade_1994",
    }
    for row in derived:
        assert all(not source["is_derived"] for source in inputs[row["figure_id"]])
    assert figures["creative_exports_other_2022"]["value"] == pytest.approx(
        377.8 - 108.9 - 27.1 - 24.3
    )
    assert figures["creative_exports_2021"]["value"] == pytest.approx(377.8 / 1.527)
    assert figures["ict_turnover_2023"]["value"] == pytest.approx(110 / 1.045)
    assert figures["bilateral_trade_1994"]["value"] == pytest.approx(56 / 12)


def test_formulas_show_the_numbers_they_use_in_both_languages(con):
    english = queries.figures(con, "creative_industries").set_index("figure_id")
    french = queries.figures(con, "creative_industries", "fr").set_index("figure_id")
    assert (
        "377.8 − 108.9 − 27.1 − 24.3 ≈ 217.5"
        in english.loc["creative_exports_other_2022", "formula"]
    )
    assert (
        "377,8 − 108,9 − 27,1 − 24,3 ≈ 217,5"
        in french.loc["creative_exports_other_2022", "formula"]
    )


def test_programme_and_host_cities(con):
    programme = {row["city"]: row for row in records(queries.programme(con))}
    assert programme["Mexico City"]["kind"] == "core"
    assert (
        programme["Mexico City"]["start_date"].day,
        programme["Mexico City"]["end_date"].day,
    ) == (15, 17)
    assert (programme["Monterrey"]["start_date"].day, programme["Monterrey"]["end_date"].day) == (
        18,
        20,
    )
    cities = queries.sector_cities(con, "clean_technologies")["city"].tolist()
    assert cities == ["Mexico City", "Monterrey"]


def test_the_deadline_is_midnight_pacific_in_utc_and_the_mission_is_in_mexico_city_time(con):
    mission = queries.mission(con)
    assert mission.registration_deadline_utc.isoformat() == "2025-11-29T07:59:00+00:00"
    assert mission.local_time_zone == "America/Mexico_City"


def test_the_self_assessment_checks_every_criterion_the_page_states(con):
    criteria = queries.eligibility_criteria(con)
    parents = set(criteria["parent_id"].dropna())
    leaves = set(criteria["criterion_id"]) - parents
    facts = load_facts(con)
    assert {check.criterion_id for check in facts.checks} == leaves
    assert [check.check_id for check in facts.checks_for("organization")] == [
        "strategic_alignment",
        "fosters_partnerships",
        "demonstrated_value",
    ]
    assert facts.sme_employee_limit == 500


def test_cluster_states_have_shapes(con):
    names = set(queries.cluster_states(con)["state_name"])
    assert names == {"Baja California", "Chihuahua", "Nuevo León", "Querétaro"}
