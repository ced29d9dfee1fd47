"""The self-assessment rules and their command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from etl.paths import DB_ENV_VAR
from tests.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    ELIGIBLE_SME,
    ORGANIZATION_YES,
    PROJECT_ROOT,
)
from trade_mission.eligibility import main as eligibility_main
from trade_mission.rules.eligibility import (
    Assessment,
    MissionFacts,
    ProfileError,
    assess,
    parse_profile,
)
from trade_mission.views.assessment import load_facts

ALL_YES_SME = ELIGIBLE_SME


@pytest.fixture(scope="module")
def facts(con) -> MissionFacts:
    return load_facts(con)


def check(facts, as_of=BEFORE_DEADLINE, **answers) -> Assessment:
    return assess(parse_profile(answers, facts), facts, as_of)


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


@pytest.mark.parametrize("organization_type", ["chamber_of_commerce", "trade_association"])
def test_example_4_a_chamber_or_association_that_serves_its_members_in_canada(
    facts, organization_type
):
    """The page puts *firms* serving Canadian organizations out of scope and invites
    chambers and associations, which serve their members: they are not judged on it, and
    an answer given anyway is ignored like their other company answers."""
    result = check(
        facts,
        organization_type=organization_type,
        services_to_canadian_organizations=True,
        **ORGANIZATION_YES,
    )
    assert result.verdict == "meets_criteria"
    assert result.track == "organization"
    assert result.b2b_meetings is False
    assert [criterion.id for criterion in result.criteria] == [
        "strategic_alignment",
        "fosters_partnerships",
        "demonstrated_value",
    ]
    assert "services_to_canadian_organizations" not in facts.questions_for(organization_type, None)


def test_a_company_serving_organizations_in_canada_is_still_out_of_scope(facts):
    result = check(facts, **{**ALL_YES_SME, "services_to_canadian_organizations": True})
    assert result.verdict == "does_not_meet"
    assert status_of(result, "in_scope") == "not_met"


def test_example_5_an_sme_without_market_research(facts):
    result = check(facts, **{**ALL_YES_SME, "market_research_done": False})
    assert result.verdict == "does_not_meet"
    assert status_of(result, "market_research_done") == "not_met"
    gap = next(c for c in result.criteria if c.id == "market_research_done")
    assert gap.next_step  # says what to do


def test_example_6_negative_employees_are_refused_by_name(facts):
    with pytest.raises(ProfileError) as error:
        parse_profile({**ALL_YES_SME, "employees": -3}, facts)
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
        parse_profile(profile, facts)
    assert error.value.field == field


# Command line --------------------------------------------------------------------------------


@pytest.fixture
def cli(app_db, capsys, monkeypatch):
    """``python -m trade_mission.eligibility`` run in this process, on the test database,
    with ``stdin`` as its input: its exit status, stdout and stderr."""

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        status = eligibility_main(list(args), clock=lambda: BEFORE_DEADLINE)
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_cli_example_1(cli, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(ALL_YES_SME))
    status, out, _ = cli(str(profile), "--as-of", "2025-11-01")
    assert status == 0
    output = json.loads(out)
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


def test_cli_example_2_reads_stdin_and_judges_the_deadline(cli):
    status, out, _ = cli("-", "--as-of", "2025-12-01", stdin=json.dumps(ALL_YES_SME))
    assert status == 0
    output = json.loads(out)
    assert (output["verdict"], output["registration_open"]) == ("meets_criteria", False)


def test_cli_without_as_of_judges_now(cli):
    status, out, _ = cli("-", stdin=json.dumps(ALL_YES_SME))
    assert status == 0
    assert json.loads(out)["registration_open"] is True  # the clock says November 1, 2025


def test_cli_exits_0_whatever_the_verdict(cli):
    profile = {**ALL_YES_SME, "services_to_canadian_organizations": True}
    status, out, _ = cli("-", stdin=json.dumps(profile))
    assert status == 0
    assert json.loads(out)["verdict"] == "does_not_meet"


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
        ('{"organization_type": "company", "employees": 3}', ("--lang", "de"), "--lang"),
        ('{"organization_type": "company", "employees": 3}', ("--colour",), "--colour"),
        ('{"organization_type": "company", "employees": ' + "9" * 5000 + "}", (), "PROFILE"),
        ("[" * 100_000 + "]" * 100_000, (), "PROFILE"),
        *(
            ('{"organization_type": "company", "employees": 3}', ("--as-of", when), "--as-of")
            for when in ("9999-12-31T23:00", "0001-01-01T00:00+01:00", "", "   ")
        ),
    ],
)
def test_cli_invalid_input_exits_2_with_one_line_naming_the_field(cli, stdin, args, field):
    status, out, err = cli("-", *args, stdin=stdin)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert out == ""


def test_cli_not_sure_is_its_own_status_and_keeps_the_verdict_incomplete(cli):
    profile = {**ALL_YES_SME, "registered_in_canada": "not_sure"}
    status, out, _ = cli("-", stdin=json.dumps(profile))
    assert status == 0
    output = json.loads(out)
    assert output["verdict"] == "incomplete"
    (criterion,) = [item for item in output["criteria"] if item["status"] == "not_sure"]
    assert criterion["id"] == "registered_in_canada"
    assert "incorporation or business registration papers" in criterion["explanation"]
    status, _, err = cli("-", stdin=json.dumps({**ALL_YES_SME, "registered_in_canada": "maybe"}))
    assert status == 2 and "registered_in_canada" in err and '"not_sure"' in err


def test_cli_endless_or_huge_input_is_one_short_line(cli):
    status, out, err = cli("/dev/zero")
    assert status == 2 and out == "" and "larger than" in err and err.count("\n") == 1
    huge = json.dumps({"organization_type": "x" * 10_000_000})
    status, _, err = cli("-", stdin=huge)
    assert status == 2 and "larger than" in err and len(err) < 400
    status, _, err = cli("-", stdin=json.dumps({"organization_type": "\x1b[2J" + "y" * 5000}))
    assert status == 2 and len(err) < 400 and "\x1b" not in err


@pytest.mark.slow
def test_cli_piped_into_head_ends_quietly(app_db):
    """``... | head -c 20``: the reader stops early, and no traceback is printed."""
    done = subprocess.run(
        f"{sys.executable} -m trade_mission.eligibility - --as-of 2025-11-01 | head -c 20",
        shell=True,
        input=json.dumps(ALL_YES_SME),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stdout.startswith("{")


def test_cli_missing_profile_file_exits_2(cli, tmp_path):
    status, _, err = cli(str(tmp_path / "absent.json"))
    assert status == 2
    assert "cannot read" in err


def test_cli_in_french_keeps_the_ids_and_adds_french_explanations(cli):
    profile = {**ALL_YES_SME, "market_research_done": False, "representatives": 3}
    status, out, _ = cli("-", "--lang", "fr", "--as-of", "2025-11-01", stdin=json.dumps(profile))
    assert status == 0
    output = json.loads(out)
    assert output["verdict"] == "does_not_meet" and output["track"] == "sme"
    research = next(item for item in output["criteria"] if item["id"] == "market_research_done")
    assert research["status"] == "not_met"
    assert research["explanation"].startswith("The page asks")
    assert research["explanation_fr"].startswith("La page demande")
    assert "représentants" in output["warnings_fr"][0]


@pytest.mark.slow
def test_python_m_trade_mission_eligibility_as_people_type_it(app_db):
    """The documented command, end to end: a verdict, then a refusal without a traceback."""
    command = [sys.executable, "-m", "trade_mission.eligibility", "-", "--as-of", "2025-11-01"]
    done = subprocess.run(
        command,
        input=json.dumps(ALL_YES_SME),
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "meets_criteria"
    refused = subprocess.run(
        command, input="{", capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60
    )
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: PROFILE: not valid JSON")
    assert "Traceback" not in refused.stderr


def test_cli_pointed_at_someone_elses_file_says_so_in_one_line_and_keeps_it(
    tmp_path, monkeypatch, capsys
):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    monkeypatch.setenv(DB_ENV_VAR, str(notes))
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(ALL_YES_SME))
    with pytest.raises(SystemExit) as stop:
        eligibility_main([str(profile)], clock=lambda: BEFORE_DEADLINE)
    message = str(stop.value.code)
    assert len(message.splitlines()) == 1 and str(notes) in message
    assert capsys.readouterr().err == ""
    assert notes.read_text() == "my notes\n"
