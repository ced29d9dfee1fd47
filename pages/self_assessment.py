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

import functools
from collections.abc import Callable
from typing import cast

import streamlit as st

from pages import store, ui
from trade_mission.reports.assessment import assessment_report
from trade_mission.reports.pdf import assessment_pdf
from trade_mission.reports.status import mission_status_message
from trade_mission.rules import eligibility
from trade_mission.text.i18n import t
from trade_mission.views.assessment import (
    MAX_EXPORT_CHAPTERS,
    assessment_page,
    chapter_markets,
    exports_chart,
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


def start_over() -> None:
    """Forget every answer and the result."""
    for name in (*facts.profile_fields, "submitted"):
        st.session_state.pop(FIELD_KEY.format(name), None)
    for key in (ANSWERS_KEY, SUBMITTED_KEY, FOCUS_KEY, EXPORTS_KEY, SEARCH_FIELD, EXPORTS_FIELD):
        st.session_state.pop(key, None)


def keep_exports() -> None:
    st.session_state[EXPORTS_KEY] = list(st.session_state[EXPORTS_FIELD])


def chosen_exports() -> list[str]:
    """The chapters chosen so far, known chapters only, at most the limit."""
    kept = st.session_state.get(EXPORTS_KEY)
    if not isinstance(kept, list):
        return []
    return [hs2 for hs2 in kept if hs2 in page.chapters.names][:MAX_EXPORT_CHAPTERS]


def what_you_export() -> list[str]:
    """The optional question: a word search in either language, then the chapters."""
    st.header(t("assessment.exports_section", lang))
    st.markdown(t("assessment.exports_intro", lang))
    chosen = chosen_exports()
    query = st.text_input(
        t("assessment.exports_search", lang),
        placeholder=t("assessment.exports_search_placeholder", lang),
        help=t("assessment.exports_search_help", lang),
        max_chars=80,
        key=SEARCH_FIELD,
    ).strip()
    found = page.chapters.find(query)
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
    # The matches, and the chapters already chosen (so a new search never drops one);
    # with no search, every chapter.
    options = (
        [*found, *(hs2 for hs2 in chosen if hs2 not in found)]
        if found
        else list(page.chapters.names)
    )
    if EXPORTS_FIELD not in st.session_state or st.session_state[EXPORTS_FIELD] != chosen:
        st.session_state[EXPORTS_FIELD] = chosen
    st.multiselect(
        t("assessment.exports_choose", lang),
        options=options,
        format_func=page.chapters.names.__getitem__,
        placeholder=t("assessment.exports_choose_placeholder", lang),
        max_selections=MAX_EXPORT_CHAPTERS,
        help=t("assessment.exports_limit", lang, limit=MAX_EXPORT_CHAPTERS),
        on_change=keep_exports,
        key=EXPORTS_FIELD,
    )
    return chosen_exports()


def given_answers() -> dict[str, object]:
    """Every answer given so far, including those to questions hidden since the type
    changed: widgets forget a value once they are not shown, the session does not."""
    kept = st.session_state.setdefault(ANSWERS_KEY, {})
    for name in facts.profile_fields:
        key = FIELD_KEY.format(name)
        if key in st.session_state:
            kept[name] = st.session_state[key]
        elif kept.get(name) is not None:
            st.session_state[key] = kept[name]  # shown again: the widget starts from it
    return kept


def ask_for_result() -> None:
    st.session_state[SUBMITTED_KEY] = True
    st.session_state[FOCUS_KEY] = st.session_state.get(FOCUS_KEY, 0) + 1


def missing_answers(values: dict[str, object], asked: tuple[str, ...]) -> dict[str, bool]:
    """The questions asked but left blank, each with whether the result needs it
    (``True``: the type, and a company's size) or is only incomplete without it."""
    needed = {"organization_type"}
    if values.get("organization_type") == "company":
        needed.add("employees")
    return {
        name: name in needed
        for name in asked
        if name != "representatives" and values.get(name) is None
    }


def question(name: str, ask: Callable[[], object]) -> None:
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


def why_we_ask(question: str) -> None:
    why = page.why.get(question)
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


def yes_no(name: str) -> None:
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
    why_we_ask(name)


def organization_type() -> None:
    st.radio(
        t("eligibility.question.organization_type.label", lang),
        options=list(eligibility.ORGANIZATION_TYPES),
        format_func=lambda kind: t(f"eligibility.question.organization_type.{kind}", lang),
        index=None,
        key=FIELD_KEY.format("organization_type"),
    )


def employees() -> None:
    st.number_input(
        t("eligibility.question.employees.label", lang),
        min_value=0,
        step=1,
        value=None,
        placeholder=t("assessment.employees_placeholder", lang),
        key=FIELD_KEY.format("employees"),
    )
    st.caption(t("eligibility.question.employees.help", lang, limit=facts.sme_employee_limit))
    why_we_ask("employees")


def sector() -> None:
    st.selectbox(
        t("eligibility.question.sector.label", lang),
        options=[*facts.sector_ids, eligibility.OTHER_SECTOR],
        format_func=lambda sector: context.sector_names.get(
            sector, t("eligibility.question.sector.other", lang)
        ),
        index=None,
        placeholder=t("eligibility.question.sector.placeholder", lang),
        key=FIELD_KEY.format("sector"),
    )
    why_we_ask("sector")


def representatives() -> None:
    st.number_input(
        t("eligibility.question.representatives.label", lang),
        min_value=1,
        step=1,
        value="min",
        key=FIELD_KEY.format("representatives"),
    )


def bullet_list(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


lang = ui.language()
page = store.run(assessment_page, lang)
facts = page.facts
context = page.context
now = ui.clock()

st.title(t("assessment.title", lang))
st.markdown(t("assessment.intro", lang))
st.caption(t("assessment.privacy", lang))
ui.status(mission_status_message(context.mission, now, lang))

exports = what_you_export()

values = given_answers()
employees_given = values.get("employees")
asked = facts.questions_for(
    cast(str | None, values.get("organization_type")),
    employees_given if isinstance(employees_given, int) else None,
)
submitted = bool(st.session_state.get(SUBMITTED_KEY))
blanks = missing_answers(values, asked) if submitted else {}
needed = [name for name, required in blanks.items() if required]
profile, problem = None, None
if submitted and not needed:
    try:
        profile = eligibility.parse_profile(
            eligibility.profile_data_from_form(values, facts), facts
        )
    except eligibility.ProfileError as error:
        problem = error.field
assessment = eligibility.assess(profile, facts, now, lang) if profile is not None else None
# Blanks worth marking: all of them before there is a result; then only while they keep it
# incomplete (a firm that does not meet the criteria is not told its result is incomplete).
missing = (
    blanks
    if assessment is None or assessment.verdict == "incomplete"
    else {name: True for name in needed}
)
ASKERS: dict[str, Callable[[], object]] = {
    "organization_type": organization_type,
    "employees": employees,
    "sector": sector,
    "representatives": representatives,
}

st.header(t("assessment.section.who", lang))
for name in ("organization_type", "employees", "sector", "representatives"):
    if name in asked:
        question(name, ASKERS[name])
if "organization_type" not in values or values["organization_type"] is None:
    st.caption(t("assessment.choose_type_first", lang))
for section in ("offer", "plans", "organizations"):
    checks = [c for c in facts.checks if c.form_section == section and c.question in asked]
    if not checks:
        continue
    st.header(t(f"assessment.section.{section}", lang))
    if section == "organizations":
        st.caption(t("assessment.organizations_only", lang, limit=facts.sme_employee_limit))
    for check in checks:
        question(check.question, functools.partial(yes_no, check.question))

st.button(
    t("assessment.submit", lang),
    type="primary",
    on_click=ask_for_result,
    key=FIELD_KEY.format("submitted"),
)
blank = [name for name, required in missing.items() if not required]
if needed or blank:
    summary = "assessment.missing_summary" if needed else "assessment.missing_summary_optional"
    labels = [t(f"eligibility.question.{name}.label", lang) for name in [*needed, *blank]]
    (st.error if needed else st.warning)(
        t(summary, lang) + "\n" + bullet_list([ui.escape(label) for label in labels]),
        icon=":material/error:" if needed else ":material/help:",
    )
focus = st.session_state.pop(FOCUS_KEY, None)
if focus is not None and missing:
    # A new container each time, so the script runs again on every submit.
    with st.container(key=f"focus-{focus}"):
        ui.focus_first_missing()

if problem is not None:
    label = t(f"eligibility.question.{problem}.label", lang)
    st.warning(t("assessment.profile_problem", lang, question=label), icon=":material/help:")

if profile is not None and assessment is not None:
    markets = store.run(chapter_markets, tuple(exports), lang) if exports else []
    report = assessment_report(profile, assessment, context, lang, markets)
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
        ui.table(report.market.table.set_index(report.market.table.columns[0]), "market", lang)
        st.caption(ui.escape(report.market.derived))
        st.caption(ui.escape(report.market.source))
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
        icon=":material/restart_alt:",
        key="start-over",
    )
