"""AppTest runs of the self-assessment page, found by widget keys as a person fills it in."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page

PAGE = "pages/self_assessment.py"


@pytest.fixture
def page(app_db) -> AppTest:
    at = open_page(PAGE)
    assert not at.exception
    return at


def answer(at: AppTest, **answers) -> AppTest:
    for name, value in answers.items():
        key = f"question-{name}"
        if name in ("employees", "representatives"):
            at.number_input(key=key).set_value(value)
        elif name == "sector":
            at.selectbox(key=key).set_value(value)
        else:
            at.radio(key=key).set_value(value)
    at.button(key="question-submitted").click().run()
    assert not at.exception
    return at


def text_of(at: AppTest) -> str:
    parts = [block.value for block in (*at.markdown, *at.caption)]
    parts += [alert.value for alert in (*at.success, *at.error, *at.warning, *at.info)]
    return " ".join(str(part) for part in parts)


ELIGIBLE_SME = dict(
    organization_type="company",
    employees=45,
    sector="clean_technologies",
    services_to_canadian_organizations="no",
    commercialized_offering="yes",
    registered_in_canada="yes",
    canadian_economic_benefit="yes",
    mexico_in_international_plan="yes",
    resources_committed="yes",
    market_research_done="yes",
)


def test_an_eligible_sme_is_told_it_meets_the_criteria_and_what_comes_next(page):
    at = answer(page, **ELIGIBLE_SME)
    assert "You appear to meet the published criteria" in at.success[0].value
    text = text_of(at)
    assert "pre-arranged business-to-business meetings" in text
    assert "Mexico City: February 15 to 17, 2026" in text
    assert "Monterrey: February 18 to 20, 2026" in text
    assert "not selection" in text
    assert "closed on November 28, 2025" in text  # registration, stated honestly
    table = at.table[0].value
    assert len(table) == 8 and all(value.startswith("✓") for value in table.iloc[:, 0])
    assert at.get("download_button")  # the PDF summary is offered


def test_an_out_of_scope_firm_is_told_why(page):
    at = answer(page, **{**ELIGIBLE_SME, "services_to_canadian_organizations": "yes"})
    assert "You do not meet the published criteria" in at.error[0].value
    table = at.table[0].value
    assert table.iloc[0, 0].startswith("✗")
    assert "out of scope" in table.iloc[0, 1]


def test_a_company_without_employees_gets_a_friendly_notice_not_a_traceback(page):
    at = answer(page, organization_type="company")
    assert not at.exception
    assert "How many employees" in at.warning[-1].value


def test_start_over_forgets_the_answers(page):
    at = answer(page, **ELIGIBLE_SME)
    at.button(key="start-over").click().run()
    assert not at.exception
    assert at.radio(key="question-organization_type").value is None
    assert "Your result" not in [header.value for header in at.header]


def test_answers_never_reach_the_address(page):
    at = answer(page, **ELIGIBLE_SME)
    assert dict(at.query_params) == {"lang": "en"}  # only the language


def test_questions_from_outside_the_page_say_so_and_give_their_source(page):
    captions = [caption.value for caption in page.caption]
    registered = next(text for text in captions if "registered in Canada" in text)
    assert registered.startswith("Not stated on the mission page:")
    assert "Trade Commissioner Service" in registered
    sme = next(text for text in captions if "fewer than 500 employees" in text)
    assert "Innovation, Science and Economic Development Canada" in sme


# What do you export? ------------------------------------------------------------------


def search_chapters(at: AppTest, words: str) -> list[str]:
    """Type ``words`` in the search box; the chapters the picker then offers."""
    at.text_input(key="question-export-search").input(words).run()
    assert not at.exception
    return list(at.multiselect(key="question-exports").options)


def choose_chapters(at: AppTest, *hs2s: str) -> AppTest:
    picker = at.multiselect(key="question-exports")
    picker.set_value([*picker.value, *hs2s]).run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    "lang, words, expected",
    [
        ("en", "seafood", "03 · Fish, crustaceans and molluscs"),
        (
            "en",
            "logiciels",
            "85 · Electrical machinery and equipment",
        ),  # French, on the English page
        ("en", "AÉRONEFS", "88 · Aircraft, spacecraft and their parts"),
        ("fr", "aircraft", "88 · Aéronefs, engins spatiaux et leurs parties"),  # and back
        ("fr", "fruits de mer", "03 · Poissons, crustacés et mollusques"),
        ("fr", "boeuf", "02 · Viandes et abats comestibles"),  # without the ligature
        ("en", "87", "87 · Vehicles and parts (other than railway)"),
    ],
)
def test_a_firm_finds_its_chapters_by_typing_words_in_either_language(
    app_db, lang, words, expected
):
    at = open_page(PAGE, lang=lang)
    offered = search_chapters(at, words)
    assert offered[0] == expected
    assert len(offered) < 5  # what was typed narrows the list


def test_words_that_find_nothing_get_a_friendly_notice(page):
    search_chapters(page, "<b>xyzzy</b>")
    notice = page.info[-1].value
    assert "No chapter matches" in notice and "<b>" not in notice
    assert len(page.multiselect(key="question-exports").options) > 90  # every chapter


def test_the_market_panel_comes_with_the_verdict_and_never_changes_it(page):
    search_chapters(page, "seafood")
    choose_chapters(page, "03")
    search_chapters(page, "aircraft")
    choose_chapters(page, "88")
    assert page.multiselect(key="question-exports").value == ["03", "88"]
    at = answer(page, **ELIGIBLE_SME)
    assert "You appear to meet the published criteria" in at.success[0].value
    assert "What Mexico buys of what you export" in [header.value for header in at.subheader]
    assert any("never changes your result" in notice.value for notice in at.info)
    panel = at.table[1].value
    assert list(panel.index) == [
        "03 · Fish, crustaceans and molluscs",
        "88 · Aircraft, spacecraft and their parts",
    ]
    assert all(value.startswith("C$") for value in panel.iloc[:, 0])
    text = text_of(at)
    assert "Agriculture and processed foods" in text and "Advanced manufacturing" in text
    assert "Statistics Canada" in text
    assert len(at.get("plotly_chart")) == 1  # the chapters' exports to Mexico over time
    assert dict(at.query_params) == {"lang": "en"}  # never in the address


def test_a_firm_that_does_not_qualify_keeps_its_verdict_with_the_panel(page):
    search_chapters(page, "seafood")
    choose_chapters(page, "03")
    at = answer(page, **{**ELIGIBLE_SME, "services_to_canadian_organizations": "yes"})
    assert "You do not meet the published criteria" in at.error[0].value
    assert "What Mexico buys of what you export" in [header.value for header in at.subheader]


def test_the_panel_in_french(app_db):
    at = open_page(PAGE, lang="fr")
    search_chapters(at, "fruits de mer")
    choose_chapters(at, "03")
    at = answer(at, **ELIGIBLE_SME)
    assert "Ce que le Mexique achète de ce que vous exportez" in [h.value for h in at.subheader]
    assert at.table[1].value.iloc[0, 0].replace("\xa0", " ").endswith("$ CA")


def test_chosen_chapters_outlive_a_visit_to_another_page_and_start_over_forgets_them(page):
    search_chapters(page, "seafood")
    choose_chapters(page, "03")
    page.switch_page("pages/overview.py").run()
    page.switch_page(PAGE).run()
    assert page.multiselect(key="question-exports").value == ["03"]
    at = answer(page, **ELIGIBLE_SME)
    at.button(key="start-over").click().run()
    assert not at.exception
    assert at.multiselect(key="question-exports").value == []
    assert at.text_input(key="question-export-search").value in ("", None)
