"""Every page in French: nothing missing from the catalog, no English outside quotations."""

from __future__ import annotations

import pytest

from etl import paths
from tests.conftest import PAGES, SECTORS, answer, open_page, page_text
from trade_mission.data import queries


@pytest.fixture(scope="module")
def english_data(con) -> set[str]:
    """Sector names and figure labels in English, where French differs."""
    english = set(queries.sectors(con)["name"]) | set(queries.figures(con)["label"])
    french = set(queries.sectors(con, "fr")["name"]) | set(
        queries.figures(con, "all", "fr")["label"]
    )
    page = " ".join(paths.SOURCE_PATH.read_text(encoding="utf-8").split())
    return {text for text in english - french if len(text) >= 12 and text not in page}


CASES: list[tuple[str, dict[str, str]]] = (
    [(page, {}) for page in PAGES]
    + [("pages/sectors.py", {"sector": sector}) for sector in SECTORS]
    + [
        ("pages/trade.py", {"view": "chapters"}),
        ("pages/trade.py", {"hs": "87"}),
        ("pages/trade.py", {"province": "QC"}),
    ]
)


@pytest.mark.parametrize("page, query", CASES, ids=[f"{p}{q}" for p, q in CASES])
def test_a_page_in_french_has_no_english_outside_quotations(
    app_db, english_chunks, english_data, page, query
):
    at = open_page(page, "fr", **query)
    assert not at.exception
    text = page_text(at)
    assert "⟦" not in text
    found = sorted(chunk for chunk in english_chunks | english_data if chunk in text)
    assert found == []


@pytest.mark.parametrize(
    "answers, verdict",
    [
        (
            {"services_to_canadian_organizations": "yes"},
            "Cette mission ne s’adresse pas à votre entreprise",
        ),
        # Every part of a result: not sure, blanks marked beside their questions, help.
        ({"registered_in_canada": "not_sure", "employees": 900}, "Pas encore complet"),
    ],
)
def test_the_self_assessment_result_in_french(app_db, english_chunks, answers, verdict):
    at = answer(
        open_page("pages/self_assessment.py", "fr"),
        **{"organization_type": "company", "employees": 12, **answers},
    )
    alerts = " ".join(alert.value for alert in (*at.error, *at.info))
    assert verdict in alerts
    text = page_text(at)
    assert "⟦" not in text
    assert sorted(chunk for chunk in english_chunks if chunk in text) == []


def test_the_language_stays_in_the_address_across_pages(app_db):
    at = open_page("pages/programme.py", "fr")
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Où et quand"
    at.switch_page("pages/sources.py").run()
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Sources et données"


def test_the_sidebar_switch_changes_the_language(app_db):
    at = open_page(PAGES[0])
    at.segmented_control(key="language-switch").set_value("fr").run()
    assert not at.exception
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Mission commerciale canadienne au Mexique"


def test_an_unknown_language_gets_a_notice(app_db):
    at = open_page(PAGES[0], "<b>de</b>")
    assert not at.exception
    assert "does not offer" in at.info[0].value
    assert at.query_params["lang"] == "en"


def test_the_mission_is_led_by_l_honorable_in_running_french(app_db):
    at = open_page("pages/overview.py", lang="fr")
    assert any(
        block.value.startswith("Dirigée par l’honorable Dominic LeBlanc") for block in at.markdown
    )


def test_the_criteria_agree_with_the_plural_subject_the_deck_gives_them(con):
    """The deck reads "Les entreprises … doivent : Exercer leurs activités …; Être prêtes
    …", and "Les grandes entreprises et organisations … sont stratégiquement alignées"."""
    criteria = queries.eligibility_criteria(con, "fr").set_index("criterion_id")["text"]
    assert criteria["sector"].startswith("Exercer leurs activités")
    assert criteria["export_ready"].startswith("Être prêtes")
    assert "leur plan d’affaires" in criteria["mexico_in_international_plan"]
    assert criteria["strategic_alignment"].startswith("sont stratégiquement alignées")
