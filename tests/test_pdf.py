"""The self-assessment summary PDF: what a firm keeps says what the page showed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from tests.conftest import ELIGIBLE_SME
from trade_mission.reports.assessment import AssessmentReport, assessment_report, status_text
from trade_mission.reports.pdf import assessment_pdf
from trade_mission.rules.eligibility import assess, parse_profile
from trade_mission.text.i18n import Language
from trade_mission.views.assessment import assessment_page, chapter_markets

AS_OF = dt.datetime(2026, 11, 27, 15, tzinfo=dt.UTC)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@dataclass(frozen=True)
class Summary:
    """``summary(answers)``: the report the page shows and the text of its PDF, in
    ``summary.lang``."""

    make: Callable[[dict], tuple[AssessmentReport, str]]
    lang: Language

    def __call__(self, answers: dict) -> tuple[AssessmentReport, str]:
        return self.make(answers)


@pytest.fixture(scope="module", params=["en", "fr"])
def summary(con, request) -> Summary:
    """``summary(answers)``: the report the page shows and the text of its PDF."""
    lang = request.param
    page = assessment_page(con, lang)

    def make(answers: dict):
        profile = parse_profile(answers, page.facts)
        report = assessment_report(
            profile, assess(profile, page.facts, AS_OF, lang), page.context, lang
        )
        data = assessment_pdf(report, page.context.source, AS_OF, lang)
        assert data.startswith(b"%PDF")
        return report, pdf_text(data)

    return Summary(make, lang)


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_pdf_carries_everything_the_report_says(summary):
    report, text = summary({**ELIGIBLE_SME, "market_research_done": False})
    text = plain(text)
    for part in [
        report.verdict.text,
        report.b2b,
        report.registration.text,
        *report.where,
        *report.criteria.iloc[:, 0],
        *report.answers.iloc[:, 0],
    ]:
        assert plain(part)[:60] in text
    quotes = [report.b2b_quote, report.representatives_quote, *report.advice_quotes]
    quotes += [fact.quote for fact in report.practical]
    for quote in quotes:
        assert plain(quote)[:60] in text
    for fact in report.practical:
        assert plain(fact.line)[:60] in text
    assert "tradecommissioner.gc.ca" in text
    assert "embamex.sre.gob.mx" in text  # where to ask about entry requirements
    date = "November 27, 2026" if summary.lang == "en" else "27 novembre 2026"
    assert date in text


def test_in_english_a_gap_says_what_to_do(con):
    page = assessment_page(con, "en")
    profile = parse_profile({**ELIGIBLE_SME, "market_research_done": False}, page.facts)
    report = assessment_report(profile, assess(profile, page.facts, AS_OF), page.context, "en")
    text = pdf_text(assessment_pdf(report, page.context.source, AS_OF, "en"))
    assert "You do not meet the published criteria" in text
    assert "Research the Mexican market" in text
    assert "How many employees does your company have?" in text and "45" in text
    assert "Registration for this mission closed on November 28, 2025" in text
    assert report.not_selection is None  # a refusal is not told "meeting is not selection"


def test_a_firm_that_meets_the_criteria_is_told_it_is_not_selection(summary):
    report, text = summary(ELIGIBLE_SME)
    assert report.not_selection and plain(report.not_selection)[:40] in plain(text)
    assert "A limited number of Canadian organizations will be selected" in text


def test_the_pdf_carries_the_market_panel_for_the_chapters_chosen(con, summary):
    page = assessment_page(con, summary.lang)
    profile = parse_profile(ELIGIBLE_SME, page.facts)
    markets = chapter_markets(con, ("03", "88"), summary.lang)
    report = assessment_report(
        profile, assess(profile, page.facts, AS_OF), page.context, summary.lang, markets
    )
    assert report.market is not None
    text = plain(pdf_text(assessment_pdf(report, page.context.source, AS_OF, summary.lang)))
    assert plain(report.market.title) in text
    assert plain(report.market.never_changes_verdict)[:60] in text
    for line in report.market.places:
        assert plain(line)[:50] in text
    for cell in report.market.table.iloc[:, 1]:  # each chapter's exports to Mexico
        assert plain(cell) in text
    assert "Statistique Canada" in text or "Statistics Canada" in text
    # Mexico's side: its imports of each chapter (INEGI, US dollars) and its border.
    assert report.market.mexico_table is not None
    for cell in report.market.mexico_table.iloc[:, 1]:
        assert plain(cell) in text and "US" in cell
    assert "INEGI" in text


def test_without_chapters_chosen_there_is_no_market_panel(summary):
    report, text = summary(ELIGIBLE_SME)
    assert report.market is None
    assert "Mexico buys" not in text and "Mexique achète" not in text


def test_the_pdf_quotes_in_the_languages_marks_and_never_breaks_an_address(summary):
    report, text = summary({**ELIGIBLE_SME, "market_research_done": "not_sure"})
    assert report.advice_quotes and report.help
    if summary.lang == "fr":
        assert "« A limited number of Canadian organizations" in plain(text)
        assert "“" not in text
    else:
        assert "“A limited number of Canadian organizations" in text
    # Addresses on lines of their own, whole, as links people can follow.
    for address in (
        "https://www.tradecommissioner.gc.ca/en/trade-events-training/2026/"
        "canada-trade-mission-mexico.html",
        report.help[1].url,
    ):
        assert address in text
    for link in report.help:
        assert plain(link.label) in plain(text)


def test_an_out_of_scope_pdf_says_one_thing(summary):
    report, text = summary({**ELIGIBLE_SME, "services_to_canadian_organizations": True})
    assert report.instead is not None
    assert plain(report.instead)[:60] in plain(text)
    assert report.practical == []
    for part in (report.b2b_quote, report.representatives_quote, *report.advice_quotes):
        assert plain(part)[:60] not in plain(text)
    assert "There is no fee to participate" not in text


def test_no_word_of_a_table_is_broken_across_lines(con, summary):
    """A narrow column broke "Non satisf/ait" and "Representa tion ratio": every word of
    every table cell must come back whole from the PDF."""
    page = assessment_page(con, summary.lang)
    answers = {**ELIGIBLE_SME, "market_research_done": False, "registered_in_canada": "not_sure"}
    profile = parse_profile(answers, page.facts)
    markets = chapter_markets(con, ("03", "88"), summary.lang)
    report = assessment_report(
        profile,
        assess(profile, page.facts, AS_OF, summary.lang),
        page.context,
        summary.lang,
        markets,
    )
    assert report.market is not None
    text = plain(pdf_text(assessment_pdf(report, page.context.source, AS_OF, summary.lang)))
    # Each cell comes back as it reads; a word broken across lines comes back in two.
    cells = {
        plain(str(cell))
        for table in (report.criteria, report.market.table, report.market.mexico_table)
        if table is not None
        for cell in [*table.columns, *table.to_numpy().ravel()]
    }
    assert sorted(cell for cell in cells if cell not in text) == []


def test_in_french_no_line_of_the_pdf_starts_with_a_mark(con):
    """The no-break space before : ; ? ! and inside « » holds through the PDF's line
    breaking: no line starts with one of those marks or ends with an opening guillemet."""
    page = assessment_page(con, "fr")
    answers = {**ELIGIBLE_SME, "market_research_done": False, "registered_in_canada": "not_sure"}
    profile = parse_profile(answers, page.facts)
    report = assessment_report(
        profile,
        assess(profile, page.facts, AS_OF, "fr"),
        page.context,
        "fr",
        chapter_markets(con, ("03", "88"), "fr"),
    )
    reader = PdfReader(io.BytesIO(assessment_pdf(report, page.context.source, AS_OF, "fr")))
    lines = [
        line.strip()
        for pdf_page in reader.pages
        for line in (pdf_page.extract_text() or "").splitlines()
        if line.strip()
    ]
    assert len(lines) > 100  # the whole summary came back, line by line
    not_sure = plain(status_text("not_sure", "fr"))  # "? Pas sûr": a symbol, not a mark
    assert [
        line
        for line in lines
        if (line[0] in ":;?!»" and not line.startswith(not_sure)) or line.endswith("«")
    ] == []
