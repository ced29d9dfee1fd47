"""Property-based tests: no input crashes the eligibility engine or its command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trade_mission import config, eligibility
from trade_mission.eligibility import ANSWER_FIELDS, ProfileError, assess, parse_profile

SECTOR_IDS = (
    "advanced_manufacturing",
    "agriculture_processed_foods",
    "clean_technologies",
    "creative_industries",
    "ict",
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
# Mostly well-formed profiles, with any field replaced by anything now and then.
profiles = (
    st.fixed_dictionaries(
        {},
        optional={
            "organization_type": st.sampled_from(eligibility.ORGANIZATION_TYPES) | json_values,
            "employees": st.integers(min_value=-5, max_value=100_000) | json_values,
            "sector": st.sampled_from((*SECTOR_IDS, "other")) | json_values,
            "representatives": st.integers(min_value=-2, max_value=10) | json_values,
            **{name: st.none() | st.booleans() | json_values for name in ANSWER_FIELDS},
        },
    )
    | json_values
)
instants = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 1, 1), timezones=st.timezones()
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles, as_of=instants)
def test_the_engine_answers_or_names_the_bad_field(con, profile, as_of):
    facts = eligibility.load_facts(con)
    try:
        parsed = parse_profile(profile, facts.sector_ids)
    except ProfileError as error:
        assert error.field and error.problem
        return
    result = assess(parsed, facts, as_of)
    assert result.verdict in eligibility.VERDICTS
    statuses = {criterion.status for criterion in result.criteria}
    assert (result.verdict == "does_not_meet") == ("not_met" in statuses)
    assert result.b2b_meetings == (result.track == "sme" and result.verdict == "meets_criteria")
    json.dumps(result.to_json())  # always serialisable


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200) | profiles.map(json.dumps))
def test_the_command_line_never_shows_a_traceback(built_db, text):
    result = subprocess.run(
        [sys.executable, "-m", "trade_mission.eligibility", "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", config.DB_ENV_VAR: str(built_db)},
        timeout=60,
    )
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert json.loads(result.stdout)["verdict"] in eligibility.VERDICTS
    else:
        assert len(result.stderr.strip().splitlines()) == 1
