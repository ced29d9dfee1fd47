"""Every page in French: nothing missing from the catalog, no English outside quotations."""

from __future__ import annotations

import re
import string

import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, PAGES, SECTORS, TIMEOUT
from trade_mission import config, queries
from trade_mission.i18n import catalog

QUOTED = re.compile(r"«[^»]*»|“[^”]*”|body: \"> [^\n]*")


def open_in_french(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "fr"
    at.run()
    if page != PAGES[0] or query:
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    assert not at.exception
    return at


def page_text(at: AppTest) -> str:
    """Every string the page sends to the browser, quotations of the page removed."""
    texts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return QUOTED.sub(" ", "\n".join(texts))


def english_chunks() -> set[str]:
    """Runs of English catalog text long enough to be unmistakable.

    A run that is also the page's own wording is left out: it may be a quotation (the
    sources table quotes every figure's sentence, in English, as published).
    """
    page = " ".join(config.SOURCE_PATH.read_text(encoding="utf-8").split())
    english, french = catalog("en"), catalog("fr")
    chunks = set()
    for key, text in english.items():
        if text == french[key]:
            continue
        for literal, *_ in string.Formatter().parse(text):
            for part in re.split(r"[“”(){}\[\]]", literal):
                part = part.strip(" .,:;")
                if len(part) >= 20 and part not in page:
                    chunks.add(part)
    return chunks


@pytest.fixture(scope="module")
def english_data(con) -> set[str]:
    """Sector names and figure labels in English, where French differs."""
    english = set(queries.sectors(con)["name"]) | set(queries.figures(con)["label"])
    french = set(queries.sectors(con, "fr")["name"]) | set(
        queries.figures(con, "all", "fr")["label"]
    )
    page = " ".join(config.SOURCE_PATH.read_text(encoding="utf-8").split())
    return {text for text in english - french if len(text) >= 12 and text not in page}


CASES = [(page, {}) for page in PAGES] + [
    ("pages/sectors.py", {"sector": sector}) for sector in SECTORS
]


@pytest.mark.parametrize("page, query", CASES, ids=[f"{p}{q}" for p, q in CASES])
def test_a_page_in_french_has_no_english_outside_quotations(app_db, english_data, page, query):
    at = open_in_french(page, **query)
    text = page_text(at)
    assert "⟦" not in text
    found = sorted(chunk for chunk in english_chunks() | english_data if chunk in text)
    assert found == []


def test_the_self_assessment_result_in_french(app_db):
    at = open_in_french("pages/self_assessment.py")
    for name, value in {
        "organization_type": "company",
        "services_to_canadian_organizations": "yes",
    }.items():
        at.radio(key=f"question-{name}").set_value(value)
    at.number_input(key="question-employees").set_value(12)
    at.button(key="question-submitted").click().run()
    assert not at.exception
    assert "Vous ne satisfaites pas aux critères publiés" in at.error[0].value
    text = page_text(at)
    assert "⟦" not in text
    assert sorted(chunk for chunk in english_chunks() if chunk in text) == []


def test_the_language_stays_in_the_address_across_pages(app_db):
    at = open_in_french("pages/programme.py")
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Où et quand"
    at.switch_page("pages/sources.py").run()
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Sources et données"


def test_the_sidebar_switch_changes_the_language(app_db):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.segmented_control(key="language-switch").set_value("fr").run()
    assert not at.exception
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Mission commerciale du Canada au Mexique"


def test_an_unknown_language_gets_a_notice(app_db):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "<b>de</b>"
    at.run()
    assert not at.exception
    assert "does not offer" in at.info[0].value
    assert at.query_params["lang"] == "en"
