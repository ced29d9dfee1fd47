"""AppTest runs of the self-assessment page, found by widget keys as a person fills it in."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import answer, fill, keyed_blocks, open_page, table_of
from trade_mission.text.i18n import t

PAGE = "pages/self_assessment.py"

PANEL_TITLE = "What you export: Canada's sales to Mexico and Mexico's market for them"
PANEL_TITLE_FR = "Ce que vous exportez : les ventes du Canada au Mexique et le marché mexicain"


@pytest.fixture
def page(app_db) -> AppTest:
    at = open_page(PAGE)
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
    table = table_of(at, "criteria")
    assert len(table) == 8 and all(value.startswith("✓") for value in table.iloc[:, 0])
    assert at.get("download_button")  # the PDF summary is offered


def test_an_applicant_learns_what_taking_part_costs_in_the_pages_words(page):
    at = answer(page, **ELIGIBLE_SME)
    assert "Taking part: costs and travel" in [header.value for header in at.subheader]
    text = text_of(at).replace("\\", "")  # as read, without Markdown's escapes
    assert "There is no fee to take part." in text
    assert "cancellation insurance or a refundable ticket" in text
    assert "[Embassy of Mexico in Canada](https://embamex.sre.gob.mx/canada/)" in text
    assert "Check the travel advice for Mexico twice" in text
    # The page's own sentences, as quotations.
    assert "There is no fee to participate in the trade mission." in text
    assert "make their own accommodation reservations" in text


def asked(at: AppTest) -> set[str]:
    """The questions on screen, by name."""
    widgets = (*at.radio, *at.number_input, *at.selectbox)
    return {widget.key.removeprefix("question-") for widget in widgets if widget.key}


LARGE_ORGANIZATION_QUESTIONS = {
    "strategic_alignment",
    "fosters_partnerships",
    "demonstrated_value",
}
COMPANY_QUESTIONS = {"employees", "commercialized_offering", "market_research_done"}


def test_an_out_of_scope_firm_gets_one_answer_and_where_to_turn(page):
    # Only the type, size and scope answered: the rest no longer matters.
    at = answer(
        page, organization_type="company", employees=30, services_to_canadian_organizations="yes"
    )
    verdict = at.error[0].value
    assert verdict.startswith("This mission is not for your business.")
    assert "out of scope" in verdict
    table = table_of(at, "criteria")
    assert len(table) == 1 and table.iloc[0, 0].startswith("✗")  # the one that decides
    text = text_of(at)
    # Nothing about taking part, or about answering more, contradicts "not for you".
    assert "you would be offered them" not in text and "once you meet" not in text
    assert "incomplete" not in text and missing_marks(at) == []
    headings = [header.value for header in at.subheader]
    for part in ("Business-to-business meetings", "Registration", "Where and when"):
        assert not any(heading.startswith(part) for heading in headings), part
    assert "What you can do instead" in headings
    assert "Taking part: costs and travel" not in headings
    assert text.count("not the right fit") == 1  # said once, in its own section
    assert table.iloc[0, 2] == "See “What you can do instead” below."
    assert "](https://www.tradecommissioner.gc.ca/en.html)" in text
    assert "[Business Benefits Finder: " in text


def test_a_services_firm_selling_to_mexico_is_told_the_exclusion_is_not_about_it(page):
    shown = fill(page, organization_type="company", employees=30)
    help_text = " ".join(caption.value for caption in shown.caption)
    assert "clients in Mexico, answer No, even if most of your clients today are in Canada" in (
        help_text
    )
    ict = {**ELIGIBLE_SME, "sector": "ict", "employees": 30}
    at = answer(page, **ict)
    assert "You appear to meet the published criteria" in at.success[0].value


def test_each_organization_type_is_asked_only_its_own_questions(page):
    assert asked(page) == {"organization_type"}  # before the type is known
    sme = fill(page, organization_type="company", employees=45)
    assert asked(sme) >= COMPANY_QUESTIONS
    assert not LARGE_ORGANIZATION_QUESTIONS & asked(sme)
    large = fill(sme, employees=900)
    assert asked(large) >= COMPANY_QUESTIONS | LARGE_ORGANIZATION_QUESTIONS
    association = fill(large, organization_type="trade_association")
    assert asked(association) >= LARGE_ORGANIZATION_QUESTIONS
    assert not COMPANY_QUESTIONS & asked(association)  # not even its employee count


@pytest.mark.parametrize("organization_type", ["chamber_of_commerce", "trade_association"])
def test_a_chamber_or_association_is_not_asked_the_firms_scope_question_and_can_qualify(
    page, organization_type
):
    """A chamber serves its members in Canada; the page's exclusion is for firms selling
    services to Canadian organizations, and it invites chambers and associations."""
    # Answered yes as a company first, then the type corrected: that answer no longer counts.
    at = fill(
        page, organization_type="company", employees=30, services_to_canadian_organizations="yes"
    )
    at = fill(at, organization_type=organization_type)
    assert "services_to_canadian_organizations" not in asked(at)
    at = answer(at, sector="ict", **dict.fromkeys(LARGE_ORGANIZATION_QUESTIONS, "yes"))
    assert "You appear to meet the published criteria" in at.success[0].value
    assert not at.error and "not for your business" not in text_of(at)


def test_answers_survive_a_change_of_type_and_only_the_types_own_count(page):
    at = fill(page, organization_type="company", employees=45, market_research_done="yes")
    at = fill(at, organization_type="chamber_of_commerce", strategic_alignment="no")
    at = fill(at, organization_type="company")
    assert at.number_input(key="question-employees").value == 45
    assert at.radio(key="question-market_research_done").value == "yes"
    at.button(key="question-submitted").click().run()
    # The chamber's "no" was to a question an SME is not asked: it does not count.
    assert "does not meet" not in text_of(at) and not at.error


def test_not_sure_is_its_own_status_with_how_to_find_out(page):
    at = answer(page, **{**ELIGIBLE_SME, "registered_in_canada": "not_sure"})
    assert at.info[0].value.startswith("Not complete yet")
    table = table_of(at, "criteria")
    row = table.loc["Registered in Canada (Trade Commissioner Service client)"]
    assert row.iloc[0] == "?\u00a0Not\u00a0sure"  # one line, however narrow the column
    assert row.iloc[1].startswith("Not sure yet:")
    assert "incorporation or business registration papers" in row.iloc[2]
    assert "Answer this question" not in " ".join(table.iloc[:, 2])


def test_an_empty_submit_names_every_missing_answer_beside_it(page):
    at = answer(page)
    assert [container.key for container in missing_marks(at)] == ["missing-organization_type"]
    at = answer(at, organization_type="company")
    marked = [container.key.removeprefix("missing-") for container in missing_marks(at)]
    assert marked[0] == "employees"
    assert {"sector", "commercialized_offering", "market_research_done"} <= set(marked)
    summary = at.error[-1].value
    assert summary.startswith("To see your result, answer:")
    assert "How many employees does your company have?" in summary
    assert "Your result" not in [header.value for header in at.header]
    assert "check" not in summary.lower()


def test_blank_questions_stay_marked_beside_an_incomplete_result(page):
    at = answer(page, organization_type="company", employees=45)
    assert at.info[0].value.startswith("Not complete yet")
    assert "missing-sector" in [container.key for container in missing_marks(at)]
    at = fill(at, sector="ict")
    assert "missing-sector" not in [container.key for container in missing_marks(at)]


def missing_marks(at: AppTest) -> list:
    """The notes beside questions left blank, in page order."""
    return keyed_blocks(at, "missing-")


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
    captions = [caption.value for caption in fill(page, organization_type="company").caption]
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
        ("en", "homard", "03 · Fish, crustaceans and molluscs"),  # French, on the English page
        ("en", "frozen fish", "03 · Fish, crustaceans and molluscs"),  # any word, best first
        ("en", "aircraft parts", "88 · Aircraft, spacecraft and their parts"),
        ("en", "auto parts", "87 · Vehicles and parts (other than railway)"),
        ("en", "machinery", "84 · Machinery and mechanical appliances"),
        ("en", "medical devices", "90 · Optical, measuring, precision and medical instruments"),
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


@pytest.mark.parametrize(
    "lang, words, sector",
    [
        ("en", "software", "ict"),
        ("en", "cybersecurity", "ict"),
        ("fr", "logiciels", "ict"),
        ("en", "film production", "creative_industries"),
        ("en", "film", "creative_industries"),
        ("en", "consulting", None),
    ],
)
def test_a_services_firm_is_told_goods_statistics_do_not_count_it(lang, words, sector, app_db):
    """ "software" found chapter 85 and "film" chapter 37 (photographic goods), as if they
    were the firm's; now it is told plainly, and led to its sector's page."""
    at = open_page(PAGE, lang=lang)
    offered = search_chapters(at, words)
    said = t("assessment.exports_services", lang, words=f"“{words.split()[0]}”")
    follow = "assessment.exports_services_sector" if sector else "assessment.exports_services_any"
    assert f"{said} {t(follow, lang)}" in [info.value for info in at.info]
    assert len(offered) > 90  # no chapter found as if it were the firm's: the full list
    # One notice, not a second "no chapter matches" beside it.
    no_match = t("assessment.exports_no_match", lang, query="\0").split("\0")[0]
    assert not any(info.value.startswith(no_match) for info in at.info)
    links = [link.proto for link in at.get("page_link") if not link.proto.external]
    targets = [link.query_string for link in links]
    if sector:
        assert any(f"sector={sector}" in target for target in targets)
    else:
        assert any("sectors" in link.page for link in links)


def test_words_that_find_nothing_get_a_friendly_notice(page):
    search_chapters(page, "<b>xyzzy</b>")
    notice = page.info[-1].value
    assert "No chapter matches" in notice and "<b>" not in notice
    assert len(page.multiselect(key="question-exports").options) > 90  # every chapter


@pytest.mark.parametrize("words", ["⓵", "፩", "٠٣", "3" * 80, "03 9"])
def test_digits_that_are_no_chapter_number_find_nothing_and_keep_the_form(page, words):
    """Only 0 to 9 make a chapter number: other digits, or a number too long, find
    nothing, with the notice, and the form stays whole."""
    search_chapters(page, words)
    assert "No chapter matches" in page.info[-1].value
    assert page.radio(key="question-organization_type") is not None  # the form is still there


def test_a_chapter_number_still_finds_its_chapter(page):
    assert search_chapters(page, "3") == ["03 · Fish, crustaceans and molluscs"]


def test_the_market_panel_comes_with_the_verdict_and_never_changes_it(page):
    search_chapters(page, "seafood")
    choose_chapters(page, "03")
    search_chapters(page, "aircraft")
    choose_chapters(page, "88")
    assert page.multiselect(key="question-exports").value == ["03", "88"]
    at = answer(page, **ELIGIBLE_SME)
    assert "You appear to meet the published criteria" in at.success[0].value
    assert PANEL_TITLE in [header.value for header in at.subheader]
    assert any("never changes your result" in notice.value for notice in at.info)
    panel = table_of(at, "market")
    assert list(panel.index) == [
        "03 · Fish, crustaceans and molluscs",
        "88 · Aircraft, spacecraft and their parts",
    ]
    assert all(value.startswith("C$") for value in panel.iloc[:, 0])
    # Mexico's side, from its own records, in US dollars, in a table of its own.
    mexico = table_of(at, "market-mexico")
    assert list(mexico.index) == list(panel.index)
    assert all(value.startswith("US$") for value in mexico.iloc[:, 0])
    assert "Duty-free under CUSMA (originating goods)" in list(mexico.iloc[:, -1])
    text = text_of(at)
    assert "Agriculture and processed foods" in text and "Advanced manufacturing" in text
    assert "Statistics Canada" in text
    assert len(at.get("plotly_chart")) == 1  # the chapters' exports to Mexico over time
    assert dict(at.query_params) == {"lang": "en"}  # never in the address


def test_a_firm_that_does_not_qualify_keeps_its_verdict_with_the_panel(page):
    search_chapters(page, "seafood")
    choose_chapters(page, "03")
    at = answer(page, **{**ELIGIBLE_SME, "market_research_done": "no"})
    assert "You do not meet the published criteria" in at.error[0].value
    assert PANEL_TITLE in [header.value for header in at.subheader]


def test_the_panel_in_french(app_db):
    at = open_page(PAGE, lang="fr")
    search_chapters(at, "fruits de mer")
    choose_chapters(at, "03")
    at = answer(at, **ELIGIBLE_SME)
    assert PANEL_TITLE_FR in [h.value for h in at.subheader]
    assert table_of(at, "market").iloc[0, 0].replace("\xa0", " ").endswith("$ CA")


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


@pytest.mark.parametrize("code", ["8708", "8708.29", "870829", "8708.29.99"])
def test_a_code_longer_than_a_chapter_finds_its_chapter_and_says_so(page, code):
    offered = search_chapters(page, code)
    assert offered[0].startswith("87")
    assert any("is an HS code: its chapter is 87" in c.value for c in page.caption)


def test_a_pasted_paragraph_is_searched_by_its_first_words_and_says_so(page):
    offered = search_chapters(page, "frozen seafood " + "and more words " * 20)
    assert any("03" in option for option in offered)
    assert any("first 80 characters" in notice.value for notice in page.info)
