"""The self-assessment rules and their command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from trade_mission import config, eligibility
from trade_mission.eligibility import ProfileError, assess, load_facts, parse_profile

ALL_YES_SME = {
    "organization_type": "company",
    "employees": 45,
    "sector": "clean_technologies",
    "services_to_canadian_organizations": False,
    "commercialized_offering": True,
    "mexico_in_international_plan": True,
    "resources_committed": True,
    "market_research_done": True,
    "registered_in_canada": True,
    "canadian_economic_benefit": True,
}
ORGANIZATION_YES = {
    "strategic_alignment": True,
    "fosters_partnerships": True,
    "demonstrated_value": True,
}
BEFORE_DEADLINE = dt.datetime(2025, 11, 1, tzinfo=dt.UTC)
AFTER_DEADLINE = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def facts(con) -> eligibility.MissionFacts:
    return load_facts(con)


def check(facts, as_of=BEFORE_DEADLINE, **answers) -> eligibility.Assessment:
    return assess(parse_profile(answers, facts.sector_ids), facts, as_of)


def status_of(assessment, criterion: str) -> str:
    return {result.id: result.status for result in assessment.criteria}[criterion]


# The examples ------------------------------------------------------------------------


def test_example_1_an_eligible_sme_before_the_deadline(facts):
    result = check(facts, **ALL_YES_SME)
    assert result.verdict == "meets_criteria"
    assert result.track == "sme"
    assert result.b2b_meetings is True
    assert result.registration_open is True
    assert result.cities == ("Mexico City", "Monterrey")


def test_example_2_the_same_sme_after_the_deadline(facts):
    result = check(facts, as_of=AFTER_DEADLINE, **ALL_YES_SME)
    assert result.verdict == "meets_criteria"
    assert result.registration_open is False


def test_example_3_immigration_services_to_canadian_firms_are_out_of_scope(facts):
    result = check(facts, **{**ALL_YES_SME, "services_to_canadian_organizations": True})
    assert result.verdict == "does_not_meet"
    assert status_of(result, "in_scope") == "not_met"
    assert "out of scope" in result.criteria[0].explanation


def test_example_4_a_chamber_of_commerce(facts):
    result = check(
        facts,
        organization_type="chamber_of_commerce",
        services_to_canadian_organizations=False,
        **ORGANIZATION_YES,
    )
    assert result.verdict == "meets_criteria"
    assert result.track == "organization"
    assert result.b2b_meetings is False
    assert [criterion.id for criterion in result.criteria] == [
        "in_scope",
        "strategic_alignment",
        "fosters_partnerships",
        "demonstrated_value",
    ]


def test_example_5_an_sme_without_market_research(facts):
    result = check(facts, **{**ALL_YES_SME, "market_research_done": False})
    assert result.verdict == "does_not_meet"
    assert status_of(result, "market_research_done") == "not_met"
    gap = next(c for c in result.criteria if c.id == "market_research_done")
    assert gap.next_step  # says what to do


def test_example_6_negative_employees_are_refused_by_name(facts):
    with pytest.raises(ProfileError) as error:
        parse_profile({**ALL_YES_SME, "employees": -3}, facts.sector_ids)
    assert error.value.field == "employees"


# Rules and boundaries ------------------------------------------------------------------------


@pytest.mark.parametrize("employees, track", [(0, "sme"), (499, "sme"), (500, "large_business")])
def test_500_employees_is_where_an_sme_ends(facts, employees, track):
    assert check(facts, **{**ALL_YES_SME, "employees": employees}).track == track


def test_a_large_business_must_also_meet_the_organization_criteria(facts):
    large = {**ALL_YES_SME, "employees": 500}
    assert check(facts, **large).verdict == "incomplete"
    assert check(facts, **large, **ORGANIZATION_YES).verdict == "meets_criteria"
    no_b2b = check(facts, **large, **ORGANIZATION_YES)
    assert no_b2b.b2b_meetings is False
    refused = check(facts, **large, **{**ORGANIZATION_YES, "demonstrated_value": False})
    assert refused.verdict == "does_not_meet"


def test_not_met_wins_over_unanswered(facts):
    answers = {**ALL_YES_SME, "market_research_done": None, "registered_in_canada": False}
    result = check(facts, **answers)
    assert result.verdict == "does_not_meet"
    assert status_of(result, "market_research_done") == "unanswered"


def test_an_unanswered_question_makes_the_result_incomplete_and_says_which(facts):
    answers = {key: value for key, value in ALL_YES_SME.items() if key != "resources_committed"}
    result = check(facts, **answers)
    assert result.verdict == "incomplete"
    assert result.b2b_meetings is False
    gap = next(c for c in result.criteria if c.status == "unanswered")
    assert "significant resources" in gap.explanation


def test_another_sector_is_not_met_and_has_no_cities(facts):
    result = check(facts, **{**ALL_YES_SME, "sector": "other"})
    assert status_of(result, "sector") == "not_met"
    assert result.cities == ()


def test_an_organization_sector_only_picks_the_cities(facts):
    result = check(
        facts,
        organization_type="trade_association",
        sector="creative_industries",
        services_to_canadian_organizations=False,
        **ORGANIZATION_YES,
    )
    assert "sector" not in [criterion.id for criterion in result.criteria]
    assert result.cities == ("Mexico City", "Guadalajara")


def test_more_than_two_representatives_is_a_warning_not_a_failure(facts):
    result = check(facts, **{**ALL_YES_SME, "representatives": 3})
    assert result.verdict == "meets_criteria"
    assert any("At most 2 representatives" in warning for warning in result.warnings)
    assert check(facts, **ALL_YES_SME).warnings == ()


PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    "as_of, is_open",
    [
        (dt.datetime(2025, 11, 28, 23, 59, 30, tzinfo=PACIFIC), True),
        (dt.datetime(2025, 11, 29, 0, 0, tzinfo=PACIFIC), False),
        (dt.datetime(2025, 11, 29, 7, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2025, 11, 29, 8, 0, tzinfo=dt.UTC), False),
        (dt.datetime(2025, 11, 29, 2, 59, tzinfo=ZoneInfo("America/Toronto")), True),
        (dt.datetime(2025, 11, 29, 3, 0, tzinfo=ZoneInfo("America/Toronto")), False),
    ],
)
def test_the_deadline_is_judged_at_the_instant_whatever_its_zone(facts, as_of, is_open):
    assert check(facts, as_of=as_of, **ALL_YES_SME).registration_open is is_open


@pytest.mark.parametrize(
    "profile, field",
    [
        ([], "profile"),
        ({"organization_type": "company", "employees": 5, "colour": "red"}, "colour"),
        ({"employees": 5}, "organization_type"),
        ({"organization_type": "cooperative"}, "organization_type"),
        ({"organization_type": "company"}, "employees"),
        ({"organization_type": "company", "employees": "45"}, "employees"),
        ({"organization_type": "company", "employees": 4.5}, "employees"),
        ({"organization_type": "company", "employees": True}, "employees"),
        ({"organization_type": "company", "employees": 5, "sector": "mining"}, "sector"),
        (
            {"organization_type": "company", "employees": 5, "resources_committed": "yes"},
            "resources_committed",
        ),
        (
            {"organization_type": "company", "employees": 5, "representatives": 0},
            "representatives",
        ),
    ],
)
def test_invalid_profiles_name_the_field(facts, profile, field):
    with pytest.raises(ProfileError) as error:
        parse_profile(profile, facts.sector_ids)
    assert error.value.field == field


# Command line --------------------------------------------------------------------------------


def run_cli(*args: str, stdin: str = "", db=None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin"}
    if db is not None:
        env[config.DB_ENV_VAR] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "trade_mission.eligibility", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
        env=env,
        timeout=60,
    )


def test_cli_example_1(built_db, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(ALL_YES_SME))
    result = run_cli(str(profile), "--as-of", "2025-11-01", db=built_db)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["verdict"] == "meets_criteria"
    assert output["track"] == "sme"
    assert output["b2b_meetings"] is True
    assert output["registration_open"] is True
    assert output["cities"] == ["Mexico City", "Monterrey"]
    assert set(output) == {
        "verdict",
        "track",
        "b2b_meetings",
        "registration_open",
        "cities",
        "criteria",
        "warnings",
    }
    assert all(set(item) == {"id", "status", "explanation"} for item in output["criteria"])


def test_cli_example_2_reads_stdin_and_judges_the_deadline(built_db):
    result = run_cli("-", "--as-of", "2025-12-01", stdin=json.dumps(ALL_YES_SME), db=built_db)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert (output["verdict"], output["registration_open"]) == ("meets_criteria", False)


def test_cli_exits_0_whatever_the_verdict(built_db):
    profile = {**ALL_YES_SME, "services_to_canadian_organizations": True}
    result = run_cli("-", stdin=json.dumps(profile), db=built_db)
    assert result.returncode == 0
    assert json.loads(result.stdout)["verdict"] == "does_not_meet"


@pytest.mark.parametrize(
    "stdin, args, field",
    [
        ("{not json", (), "PROFILE"),
        ("[1, 2]", (), "profile"),
        ('{"organization_type": "company", "employees": -3}', (), "employees"),
        ('{"organization_type": "company"}', (), "employees"),
        ('{"organization_type": "company", "employees": 3, "sector": "x"}', (), "sector"),
        ('{"organization_type": "guild"}', (), "organization_type"),
        ('{"organization_type": "company", "employees": 3, "extra": 1}', (), "extra"),
        (
            '{"organization_type": "company", "employees": 3, "representatives": 0}',
            (),
            "representatives",
        ),
        ('{"organization_type": "company", "employees": 3}', ("--as-of", "yesterday"), "--as-of"),
        ('{"organization_type": "company", "employees": 3}', ("--colour",), "--colour"),
    ],
)
def test_cli_invalid_input_exits_2_with_one_line_naming_the_field(built_db, stdin, args, field):
    result = run_cli("-", *args, stdin=stdin, db=built_db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_missing_profile_file_exits_2(built_db, tmp_path):
    result = run_cli(str(tmp_path / "absent.json"), db=built_db)
    assert result.returncode == 2
    assert "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_cli_in_french_keeps_the_ids_and_adds_french_explanations(built_db):
    profile = {**ALL_YES_SME, "market_research_done": False, "representatives": 3}
    result = run_cli(
        "-", "--lang", "fr", "--as-of", "2025-11-01", stdin=json.dumps(profile), db=built_db
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["verdict"] == "does_not_meet" and output["track"] == "sme"
    research = next(item for item in output["criteria"] if item["id"] == "market_research_done")
    assert research["status"] == "not_met"
    assert research["explanation"].startswith("The page asks")
    assert research["explanation_fr"].startswith("La page demande")
    assert "représentants" in output["warnings_fr"][0]
