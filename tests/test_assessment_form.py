"""What the self-assessment form shows for the answers given: ``form_outcome``, the one
place the page's decisions are made (which questions, which blanks to mark, the result).

The answers are given as the form's widgets hold them: "yes", "no", "not_sure" or None
for a yes/no question; the page only renders what comes back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import AFTER_DEADLINE, BEFORE_DEADLINE
from trade_mission.rules.eligibility import (
    MissionFacts,
    ProfileError,
    parse_profile,
    required_fields,
)
from trade_mission.views.assessment import FormOutcome, form_outcome, load_facts

SME_FORM: dict[str, Any] = {
    "organization_type": "company",
    "employees": 45,
    "sector": "clean_technologies",
    "services_to_canadian_organizations": "no",
    "commercialized_offering": "yes",
    "registered_in_canada": "yes",
    "canadian_economic_benefit": "yes",
    "mexico_in_international_plan": "yes",
    "resources_committed": "yes",
    "market_research_done": "yes",
    "representatives": 1,
}
ORGANIZATION_FORM: dict[str, Any] = {
    "strategic_alignment": "yes",
    "fosters_partnerships": "yes",
    "demonstrated_value": "yes",
}


@pytest.fixture(scope="module")
def facts(con) -> MissionFacts:
    return load_facts(con)


def outcome(
    facts: MissionFacts, submitted: bool = True, as_of=BEFORE_DEADLINE, **values
) -> FormOutcome:
    return form_outcome(values, submitted, facts, as_of, "en")


def asked(result: FormOutcome) -> list[str]:
    return [*result.who, *(name for _, questions in result.sections for name in questions)]


def test_before_a_type_is_chosen_only_the_type_is_asked(facts):
    result = outcome(facts, submitted=False)
    assert result.who == ("organization_type",)
    assert result.sections == ()
    assert not result.type_chosen
    assert result.missing == {} and result.assessment is None


def test_nothing_is_marked_missing_before_the_firm_asks_for_its_result(facts):
    result = outcome(facts, submitted=False, organization_type="company")
    assert result.type_chosen
    assert result.missing == {}
    assert result.assessment is None


def test_an_empty_submit_needs_the_type_and_nothing_else(facts):
    result = outcome(facts)
    assert result.missing == {"organization_type": True}
    assert result.needed == ("organization_type",)
    assert result.assessment is None


def test_a_company_without_its_size_gets_no_result_and_every_blank_is_marked(facts):
    result = outcome(facts, organization_type="company")
    assert result.needed == ("employees",)
    assert {"sector", "commercialized_offering", "market_research_done"} <= set(result.blank)
    assert "representatives" not in result.missing  # it starts at 1: never blank
    assert result.assessment is None


def test_an_organization_of_another_type_is_never_asked_its_size(facts):
    result = outcome(facts, organization_type="trade_association")
    assert "employees" not in asked(result)
    assert result.needed == ()
    assert result.assessment is not None  # incomplete, but a result
    assert result.assessment.verdict == "incomplete"


def test_blanks_stay_marked_beside_an_incomplete_result(facts):
    result = outcome(facts, organization_type="company", employees=45)
    assert result.assessment is not None and result.assessment.verdict == "incomplete"
    assert result.needed == ()
    assert "sector" in result.blank
    filled = outcome(facts, organization_type="company", employees=45, sector="ict")
    assert "sector" not in filled.missing


def test_a_firm_that_does_not_meet_the_criteria_is_not_told_it_is_incomplete(facts):
    result = outcome(
        facts,
        organization_type="company",
        employees=45,
        services_to_canadian_organizations="yes",
    )
    assert result.assessment is not None and result.assessment.verdict == "does_not_meet"
    assert result.missing == {}


def test_an_eligible_sme_meets_the_criteria_with_nothing_marked(facts):
    result = outcome(facts, **SME_FORM)
    assert result.assessment is not None
    assert result.assessment.verdict == "meets_criteria"
    assert result.assessment.b2b_meetings
    assert result.missing == {}
    assert [section for section, _ in result.sections] == ["offer", "plans"]


def test_the_result_is_judged_at_the_clock_given(facts):
    before = outcome(facts, as_of=BEFORE_DEADLINE, **SME_FORM).assessment
    after = outcome(facts, as_of=AFTER_DEADLINE, **SME_FORM).assessment
    assert before is not None and before.registration_open
    assert after is not None and not after.registration_open


def test_a_large_business_is_also_asked_the_organizations_questions(facts):
    result = outcome(facts, **{**SME_FORM, "employees": 600})
    sections = dict(result.sections)
    assert sections["organizations"] == tuple(ORGANIZATION_FORM)
    assert result.assessment is not None and result.assessment.verdict == "incomplete"
    assert set(result.blank) == set(ORGANIZATION_FORM)
    done = outcome(facts, **{**SME_FORM, "employees": 600}, **ORGANIZATION_FORM)
    assert done.assessment is not None and done.assessment.verdict == "meets_criteria"
    assert not done.assessment.b2b_meetings  # B2B meetings are for SMEs


def test_answers_kept_from_another_type_do_not_count_for_this_one(facts):
    # A company's answers, then the type changes to a chamber of commerce: the chamber is
    # not asked the scope question, so a "yes" kept from before cannot fail it.
    values = {
        **SME_FORM,
        "services_to_canadian_organizations": "yes",
        "organization_type": "chamber_of_commerce",
        **ORGANIZATION_FORM,
    }
    result = outcome(facts, **values)
    assert "services_to_canadian_organizations" not in asked(result)
    assert "employees" not in asked(result)
    assert result.profile is not None and result.profile.employees is None
    assert result.assessment is not None and result.assessment.verdict == "meets_criteria"


def test_an_answer_the_rules_cannot_use_is_named_not_raised(facts):
    # The widgets cannot give a negative count; a session can still hold one.
    result = outcome(facts, **{**SME_FORM, "employees": -1})
    assert result.problem == "employees"
    assert result.assessment is None


@pytest.mark.parametrize("organization_type", ["company", "trade_association"])
def test_the_fields_the_form_requires_are_the_ones_the_rules_refuse_without(
    facts, organization_type
):
    complete = {"organization_type": organization_type, "employees": 45}
    for name in required_fields(organization_type):
        with pytest.raises(ProfileError) as refused:
            parse_profile({key: value for key, value in complete.items() if key != name}, facts)
        assert refused.value.field == name
    optional = set(facts.profile_fields) - set(required_fields(organization_type))
    for name in optional:
        parse_profile({**complete, name: None}, facts)  # a blank is never refused
