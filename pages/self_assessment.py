"""Self-assessment: "Do we qualify for the Canada Trade Mission to Mexico?"

Each organization type sees only its own questions, so the questions follow the answers
as they are given (no form); answers to questions hidden by a change of type are kept.
"Check our answers" shows the result, which then follows every change, or names each
question left blank, beside it, and moves the focus to the first. Answers live only in
this browser session: never in the address, never logged or stored; the page asks for
no name or contact details.

"What do you export?" sits outside the form: its word search reruns the page as the
firm types, and the chapters chosen feed only the market-context panel shown with the
result, never the verdict.
"""

import datetime as dt
import functools
from collections.abc import Callable, Mapping

import streamlit as st

from pages import store, ui
from trade_mission.reports.assessment import AssessmentReport, assessment_report
from trade_mission.reports.pdf import assessment_pdf
from trade_mission.reports.status import mission_status_message
from trade_mission.rules import eligibility
from trade_mission.text.i18n import Language, t
from trade_mission.views.assessment import (
    MAX_EXPORT_CHAPTERS,
    SEARCH_MAX_CHARS,
    AssessmentPage,
    FormOutcome,
    assessment_page,
    chapter_markets,
    exports_chart,
    form_outcome,
)

# Every answer given, kept while its question is hidden (the type changed).
ANSWERS_KEY = "self_assessment_answers"
# The firm asked for its result: from then on it follows the answers as they change.
SUBMITTED_KEY = "self_assessment_submitted"
# Set by a submit: on that run, the focus moves to the first question left blank.
FOCUS_KEY = "self_assessment_focus"
# The chapters chosen, kept apart from their widget so they outlive a visit to another page.
EXPORTS_KEY = "self_assessment_exports"
FIELD_KEY = "question-{}"
SEARCH_FIELD = FIELD_KEY.format("export-search")
EXPORTS_FIELD = FIELD_KEY.format("exports")


def start_over(fields: tuple[str, ...]) -> None:
    """Forget every answer and the result."""
    for name in (*fields, "submitted"):
        st.session_state.pop(FIELD_KEY.format(name), None)
    for key in (ANSWERS_KEY, SUBMITTED_KEY, FOCUS_KEY, EXPORTS_KEY, SEARCH_FIELD, EXPORTS_FIELD):
        st.session_state.pop(key, None)


def keep_exports() -> None:
    st.session_state[EXPORTS_KEY] = list(st.session_state[EXPORTS_FIELD])


def what_you_export(page: AssessmentPage, lang: Language) -> list[str]:
    """The optional question: a word search in either language, then the chapters."""
    st.header(t("assessment.exports_section", lang))
    st.markdown(t("assessment.exports_intro", lang))
    chosen = page.chapters.known(st.session_state.get(EXPORTS_KEY))
    query = st.text_input(
        t("assessment.exports_search", lang),
        placeholder=t("assessment.exports_search_placeholder", lang),
        help=t("assessment.exports_search_help", lang),
        key=SEARCH_FIELD,
    ).strip()
    if len(query) > SEARCH_MAX_CHARS:
        # Pasted text longer than a search: the first words are searched, and it says so.
        query = query[:SEARCH_MAX_CHARS]
        st.info(
            t("assessment.exports_truncated", lang, count=SEARCH_MAX_CHARS),
            icon=":material/content_cut:",
        )
    found = page.chapters.find(query)
    by_code = page.chapters.code_chapter(query)
    if by_code is not None:
        st.caption(
            t(
                "assessment.exports_code",
                lang,
                code=ui.escape(query),
                chapter=ui.escape(page.chapters.names[by_code]),
            )
        )
    services = page.chapters.services_in(query)
    if services:
        # Never a goods chapter as if it were theirs: what the dashboard knows instead.
        sectors = page.chapters.service_sectors(query)
        st.info(
            t(
                "assessment.exports_services",
                lang,
                words=ui.escape(", ".join(f"“{word}”" for word in services)),
            )
            + " "
            + t(
                "assessment.exports_services_sector"
                if sectors
                else "assessment.exports_services_any",
                lang,
            ),
            icon=":material/design_services:",
        )
        if sectors:
            names = page.context.sector_names
            ui.sector_links([(sector, names[sector]) for sector in sectors], lang)
        else:
            st.page_link(
                "pages/sectors.py",
                label=t("nav.sectors", lang),
                query_params={"lang": lang},
                icon=":material/arrow_forward:",
            )
    if query and found:
        st.caption(t("assessment.exports_matches", lang, query=ui.escape(query)))
    elif query and not services:  # services alone: the notice above says why nothing matches
        st.info(
            t("assessment.exports_no_match", lang, query=ui.escape(query)),
            icon=":material/search_off:",
        )
    if EXPORTS_FIELD not in st.session_state or st.session_state[EXPORTS_FIELD] != chosen:
        st.session_state[EXPORTS_FIELD] = chosen
    st.multiselect(
        t("assessment.exports_choose", lang),
        options=page.chapters.options(found, chosen),
        format_func=page.chapters.names.__getitem__,
        placeholder=t("assessment.exports_choose_placeholder", lang),
        max_selections=MAX_EXPORT_CHAPTERS,
        help=t("assessment.exports_limit", lang, limit=MAX_EXPORT_CHAPTERS),
        on_change=keep_exports,
        key=EXPORTS_FIELD,
    )
    return page.chapters.known(st.session_state.get(EXPORTS_KEY))


def given_answers(fields: tuple[str, ...]) -> dict[str, object]:
    """Every answer given so far, including those to questions hidden since the type
    changed: widgets forget a value once they are not shown, the session does not."""
    kept = st.session_state.setdefault(ANSWERS_KEY, {})
    for name in fields:
        key = FIELD_KEY.format(name)
        if key in st.session_state:
            kept[name] = st.session_state[key]
        elif kept.get(name) is not None:
            st.session_state[key] = kept[name]  # shown again: the widget starts from it
    return kept


def ask_for_result() -> None:
    st.session_state[SUBMITTED_KEY] = True
    st.session_state[FOCUS_KEY] = st.session_state.get(FOCUS_KEY, 0) + 1


def question(
    name: str, ask: Callable[[], object], missing: Mapping[str, bool], lang: Language
) -> None:
    """One question in its own box, with a note beneath it when a result was asked for
    and it is still blank, so the focus script can find the first one."""
    with st.container(key=f"ask-{name}"):
        ask()
        if name in missing:
            with st.container(key=f"missing-{name}"):
                if missing[name]:
                    st.error(t("assessment.missing_required", lang), icon=":material/error:")
                else:
                    st.warning(t("assessment.missing_optional", lang), icon=":material/help:")


def why_we_ask(name: str, page: AssessmentPage, lang: Language) -> None:
    why = page.why.get(name)
    if why is None:
        return
    if why.criterion:
        st.caption(t("assessment.why_we_ask", lang, text=ui.escape(why.criterion)))
    if why.rule and why.rule_source:
        st.caption(
            t(
                "assessment.outside_rule",
                lang,
                rule=ui.escape(why.rule),
                source=ui.escape(why.rule_source),
            )
        )


def yes_no(name: str, page: AssessmentPage, lang: Language) -> None:
    st.radio(
        t(f"eligibility.question.{name}.label", lang),
        options=list(eligibility.FORM_CHOICES),
        format_func=lambda choice: t(f"assessment.choice.{choice}", lang),
        index=None,
        horizontal=True,
        key=FIELD_KEY.format(name),
    )
    if name == "services_to_canadian_organizations":
        st.caption(t(f"eligibility.question.{name}.help", lang))
    why_we_ask(name, page, lang)


def organization_type(page: AssessmentPage, lang: Language) -> None:
    st.radio(
        t("eligibility.question.organization_type.label", lang),
        options=list(eligibility.ORGANIZATION_TYPES),
        format_func=lambda kind: t(f"eligibility.question.organization_type.{kind}", lang),
        index=None,
        key=FIELD_KEY.format("organization_type"),
    )


def employees(page: AssessmentPage, lang: Language) -> None:
    st.number_input(
        t("eligibility.question.employees.label", lang),
        min_value=0,
        step=1,
        value=None,
        placeholder=t("assessment.employees_placeholder", lang),
        key=FIELD_KEY.format("employees"),
    )
    limit = page.facts.sme_employee_limit
    st.caption(t("eligibility.question.employees.help", lang, limit=limit))
    why_we_ask("employees", page, lang)


def sector(page: AssessmentPage, lang: Language) -> None:
    st.selectbox(
        t("eligibility.question.sector.label", lang),
        options=[*page.facts.sector_ids, eligibility.OTHER_SECTOR],
        format_func=lambda sector: page.context.sector_names.get(
            sector, t("eligibility.question.sector.other", lang)
        ),
        index=None,
        placeholder=t("eligibility.question.sector.placeholder", lang),
        key=FIELD_KEY.format("sector"),
    )
    why_we_ask("sector", page, lang)


def representatives(page: AssessmentPage, lang: Language) -> None:
    st.number_input(
        t("eligibility.question.representatives.label", lang),
        min_value=1,
        step=1,
        value="min",
        key=FIELD_KEY.format("representatives"),
    )


ASKERS: dict[str, Callable[[AssessmentPage, Language], None]] = {
    "organization_type": organization_type,
    "employees": employees,
    "sector": sector,
    "representatives": representatives,
}


def the_form(page: AssessmentPage, outcome: FormOutcome, lang: Language) -> None:
    """The questions asked, the button, and what is missing, summed up beneath it."""
    st.header(t("assessment.section.who", lang))
    for name in outcome.who:
        question(name, functools.partial(ASKERS[name], page, lang), outcome.missing, lang)
    if not outcome.type_chosen:
        st.caption(t("assessment.choose_type_first", lang))
    for section, questions in outcome.sections:
        st.header(t(f"assessment.section.{section}", lang))
        if section == "organizations":
            limit = page.facts.sme_employee_limit
            st.caption(t("assessment.organizations_only", lang, limit=limit))
        for name in questions:
            question(name, functools.partial(yes_no, name, page, lang), outcome.missing, lang)

    st.button(
        t("assessment.submit", lang),
        type="primary",
        on_click=ask_for_result,
        key=FIELD_KEY.format("submitted"),
    )
    if outcome.missing:
        needed = bool(outcome.needed)
        summary = "assessment.missing_summary" if needed else "assessment.missing_summary_optional"
        labels = [
            t(f"eligibility.question.{name}.label", lang)
            for name in (*outcome.needed, *outcome.blank)
        ]
        (st.error if needed else st.warning)(
            t(summary, lang) + "\n" + bullet_list([ui.escape(label) for label in labels]),
            icon=":material/error:" if needed else ":material/help:",
        )
    focus = st.session_state.pop(FOCUS_KEY, None)
    if focus is not None and outcome.missing:
        # A new container each time, so the script runs again on every submit.
        with st.container(key=f"focus-{focus}"):
            ui.focus_first_missing()
    if outcome.problem is not None:
        label = t(f"eligibility.question.{outcome.problem}.label", lang)
        st.warning(t("assessment.profile_problem", lang, question=label), icon=":material/help:")


def bullet_list(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def the_result(
    page: AssessmentPage,
    report: AssessmentReport,
    exports: list[str],
    now: dt.datetime,
    lang: Language,
) -> None:
    """The result, the market panel for the chapters chosen, what comes next, the PDF."""
    context = page.context
    st.header(t("assessment.result", lang))
    st.caption(t("assessment.result_live", lang))
    ui.status(report.verdict)
    if report.not_selection and report.not_selection_quote:
        st.markdown(report.not_selection)
        ui.quote_block(report.not_selection_quote, lang)

    st.subheader(t("assessment.checklist", lang))
    ui.table(report.criteria.set_index(t("eligibility.column.criterion", lang)), "criteria", lang)

    if report.market is not None:
        st.subheader(report.market.title)
        st.info(report.market.never_changes_verdict, icon=":material/info:")
        st.markdown(f"**{ui.escape(report.market.canada_heading)}**")
        ui.table(report.market.table.set_index(report.market.table.columns[0]), "market", lang)
        st.caption(ui.escape(report.market.derived))
        st.caption(ui.escape(report.market.source))
        if report.market.mexico_table is not None:
            st.markdown(f"**{ui.escape(report.market.mexico_heading)}**")
            mexico_table = report.market.mexico_table
            ui.table(mexico_table.set_index(mexico_table.columns[0]), "market-mexico", lang)
            st.caption(ui.escape(report.market.mexico_source))
        st.markdown(bullet_list([ui.escape(line) for line in report.market.places]))
        st.caption(t("assessment.exports_open", lang))
        ui.chapter_links([(hs2, page.chapters.names[hs2]) for hs2 in exports], lang)
        ui.chart_block(store.run(exports_chart, tuple(exports), lang), lang, level=4)

    if report.instead is not None:
        st.subheader(t("assessment.instead", lang))
        st.markdown(ui.escape(report.instead))
        st.markdown(bullet_list([link.markdown for link in report.help]))
    else:
        left, right = st.columns(2)
        with left:
            st.subheader(t("assessment.b2b", lang))
            st.markdown(ui.escape(report.b2b))
            ui.quote_block(report.b2b_quote, lang)
            st.subheader(t("assessment.where", lang))
            st.markdown(
                "\n".join(f"- {ui.escape(line)}" for line in report.where)
                or t("eligibility.no_sector_cities", lang)
            )
        with right:
            st.subheader(t("assessment.registration", lang))
            ui.status(report.registration)
            st.subheader(t("assessment.representatives", lang))
            for warning in report.representatives:
                st.warning(warning)
            ui.quote_block(report.representatives_quote, lang)

        st.subheader(t("assessment.advice", lang))
        for quote in report.advice_quotes:
            ui.quote_block(quote, lang)
        st.subheader(t("practical.heading", lang))
        ui.practical_facts(report.practical, lang)
        st.subheader(t("assessment.help", lang))
        st.markdown(bullet_list([link.markdown for link in report.help]))

    actions = st.container(horizontal=True)
    actions.download_button(
        t("assessment.download_pdf", lang),
        data=functools.partial(assessment_pdf, report, context.source, now, lang),
        file_name=t("assessment.pdf_file_name", lang),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download-assessment",
        on_click="ignore",
    )
    actions.button(
        t("assessment.start_over", lang),
        on_click=start_over,
        args=(page.facts.profile_fields,),
        icon=":material/restart_alt:",
        key="start-over",
    )


lang = ui.language()
page = store.run(assessment_page, lang)
context = page.context
now = ui.clock()

st.title(t("assessment.title", lang))
st.markdown(t("assessment.intro", lang))
st.caption(t("assessment.privacy", lang))
ui.status(mission_status_message(context.mission, now, lang))

exports = what_you_export(page, lang)
outcome = form_outcome(
    given_answers(page.facts.profile_fields),
    bool(st.session_state.get(SUBMITTED_KEY)),
    page.facts,
    now,
    lang,
)
the_form(page, outcome, lang)

if outcome.profile is not None and outcome.assessment is not None:
    markets = store.run(chapter_markets, tuple(exports), lang) if exports else []
    report = assessment_report(outcome.profile, outcome.assessment, context, lang, markets)
    the_result(page, report, exports, now, lang)
