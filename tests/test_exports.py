"""The self-assessment summary PDF: what a firm keeps must say what the page said."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests.test_eligibility import ALL_YES_SME
from trade_mission import eligibility, exports, queries


@pytest.fixture(scope="module")
def context(con) -> exports.AssessmentContext:
    sectors = queries.sectors(con)
    return exports.AssessmentContext(
        mission=queries.mission(con),
        source=queries.source_document(con),
        sector_names=dict(zip(sectors["sector_id"], sectors["name"], strict=True)),
        programme=queries.programme(con),
        notices=queries.notices(con),
    )


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def summary(con, context, answers: dict, lang: str = "en") -> str:
    facts = eligibility.load_facts(con)
    profile = eligibility.parse_profile(answers, facts.sector_ids)
    as_of = dt.datetime(2026, 11, 27, 15, tzinfo=dt.UTC)
    result = eligibility.assess(profile, facts, as_of, lang)
    data = exports.assessment_pdf(profile, result, context, as_of, lang)
    assert data.startswith(b"%PDF")
    return pdf_text(data)


def test_the_summary_has_date_answers_verdict_reasons_and_source(con, context):
    text = summary(con, context, {**ALL_YES_SME, "market_research_done": False})
    assert "November 27, 2026" in text
    assert "You do not meet the published criteria" in text
    assert "Research the Mexican market" in text  # what to do about the gap
    assert "How many employees does your company have?" in text and "45" in text
    assert "Clean technologies and clean energy" in text
    assert "tradecommissioner.gc.ca" in text
    assert "Registration for this mission closed on November 28, 2025" in text


def test_a_firm_that_meets_the_criteria_is_told_it_is_not_selection(con, context):
    text = summary(con, context, ALL_YES_SME)
    assert "You appear to meet the published criteria" in text
    assert "not selection" in text
    assert "A limited number of Canadian organizations will be selected" in text


def test_the_summary_in_french(con, context):
    french_context = exports.AssessmentContext(
        mission=queries.mission(con, "fr"),
        source=context.source,
        sector_names=dict(
            zip(
                queries.sectors(con, "fr")["sector_id"],
                queries.sectors(con, "fr")["name"],
                strict=True,
            )
        ),
        programme=queries.programme(con, "fr"),
        notices=context.notices,
    )
    text = summary(con, french_context, ALL_YES_SME, "fr")
    assert "Vous semblez satisfaire aux critères publiés" in text
    assert "27 novembre 2026" in text
    assert "Technologies propres et énergie propre" in text
