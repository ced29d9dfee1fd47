"""Property-based tests: no input crashes the eligibility engine or its command line."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SECTORS
from trade_mission.eligibility import main as eligibility_main
from trade_mission.rules.eligibility import (
    ORGANIZATION_TYPES,
    VERDICTS,
    MissionFacts,
    ProfileError,
    assess,
    parse_profile,
)
from trade_mission.views.assessment import load_facts

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
YES_NO = (
    "services_to_canadian_organizations",
    "commercialized_offering",
    "mexico_in_international_plan",
    "resources_committed",
    "market_research_done",
    "registered_in_canada",
    "canadian_economic_benefit",
    "strategic_alignment",
    "fosters_partnerships",
    "demonstrated_value",
)
# Mostly well-formed profiles, with any field replaced by anything now and then.
profiles = (
    st.fixed_dictionaries(
        {},
        optional={
            "organization_type": st.sampled_from(ORGANIZATION_TYPES) | json_values,
            "employees": st.integers(min_value=-5, max_value=100_000) | json_values,
            "sector": st.sampled_from((*SECTORS, "other")) | json_values,
            "representatives": st.integers(min_value=-2, max_value=10) | json_values,
            **{name: st.none() | st.booleans() | json_values for name in YES_NO},
        },
    )
    | json_values
)
instants = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 1, 1), timezones=st.timezones()
)


@pytest.fixture(scope="module")
def facts(con) -> MissionFacts:
    return load_facts(con)


def test_the_profile_fields_are_the_documented_ones(facts):
    assert set(facts.yes_no_questions) == set(YES_NO)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles, as_of=instants)
def test_the_engine_answers_or_names_the_bad_field(facts, profile, as_of):
    try:
        parsed = parse_profile(profile, facts)
    except ProfileError as error:
        assert error.field and error.problem
        return
    result = assess(parsed, facts, as_of)
    assert result.verdict in VERDICTS
    statuses = {criterion.status for criterion in result.criteria}
    assert (result.verdict == "does_not_meet") == ("not_met" in statuses)
    assert result.b2b_meetings == (result.track == "sme" and result.verdict == "meets_criteria")
    json.dumps(result.to_json())  # always serialisable


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@pytest.mark.slow
@given(text=st.text(max_size=200) | profiles.map(json.dumps))
def test_the_command_line_answers_or_refuses_in_one_line(app_db, capsys, monkeypatch, text):
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    status = eligibility_main(["-", "--as-of", "2025-11-01"])
    out, err = capsys.readouterr()
    assert status in (0, 2)
    if status == 0:
        assert json.loads(out)["verdict"] in VERDICTS
    else:
        assert out == "" and len(err.strip().splitlines()) == 1
