"""Self-assessment: "Do we qualify for the Canada Trade Mission to Mexico?"

One form, one rerun per submit. Answers live only in this browser session: never in the
address, never logged or stored; the page asks for no name or contact details.

"What do you export?" sits outside the form: its word search reruns the page as the
firm types, and the chapters chosen feed only the market-context panel shown with the
result, never the verdict.
"""

import functools

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

PROFILE_KEY = "self_assessment_profile"
ERROR_KEY = "self_assessment_error"
# The chapters chosen, kept apart from their widget so they outlive a visit to another page.
EXPORTS_KEY = "self_assessment_exports"
FIELD_KEY = "question-{}"
SEARCH_FIELD = FIELD_KEY.format("export-search")
EXPORTS_FIELD = FIELD_KEY.format("exports")


def start_over() -> None:
    """Forget every answer and the result."""
    for name in (*facts.profile_fields, "submitted"):
        st.session_state.pop(FIELD_KEY.format(name), None)
    for key in (PROFILE_KEY, ERROR_KEY, EXPORTS_KEY, SEARCH_FIELD, EXPORTS_FIELD):
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
    if query and found:
        st.caption(t("assessment.exports_matches", lang, query=ui.escape(query)))
    elif query:
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


def check_answers() -> None:
    """On submit: validate the answers, keep the profile or a friendly problem."""
    values = {name: st.session_state.get(FIELD_KEY.format(name)) for name in facts.profile_fields}
    data = eligibility.profile_data_from_form(values, facts)
    try:
        profile = eligibility.parse_profile(data, facts)
    except eligibility.ProfileError as error:
        st.session_state.pop(PROFILE_KEY, None)
        st.session_state[ERROR_KEY] = error.field
    else:
        st.session_state[PROFILE_KEY] = profile
        st.session_state.pop(ERROR_KEY, None)


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


def yes_no(question: str) -> None:
    st.radio(
        t(f"eligibility.question.{question}.label", lang),
        options=list(eligibility.FORM_CHOICES),
        format_func=lambda choice: t(f"assessment.choice.{choice}", lang),
        index=None,
        horizontal=True,
        key=FIELD_KEY.format(question),
    )
    why_we_ask(question)


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

with st.form("self-assessment", enter_to_submit=False):
    st.header(t("assessment.section.who", lang))
    st.radio(
        t("eligibility.question.organization_type.label", lang),
        options=list(eligibility.ORGANIZATION_TYPES),
        format_func=lambda kind: t(f"eligibility.question.organization_type.{kind}", lang),
        index=None,
        key=FIELD_KEY.format("organization_type"),
    )
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
    st.number_input(
        t("eligibility.question.representatives.label", lang),
        min_value=1,
        step=1,
        value=1,
        key=FIELD_KEY.format("representatives"),
    )
    for section in ("offer", "plans", "organizations"):
        st.header(t(f"assessment.section.{section}", lang))
        if section == "organizations":
            st.caption(t("assessment.organizations_only", lang, limit=facts.sme_employee_limit))
        for check in facts.checks:
            if check.form_section == section:
                yes_no(check.question)
    st.form_submit_button(
        t("assessment.submit", lang),
        type="primary",
        on_click=check_answers,
        key=FIELD_KEY.format("submitted"),
    )

if ERROR_KEY in st.session_state:
    field = st.session_state[ERROR_KEY]
    question = t(f"eligibility.question.{field}.label", lang)
    st.warning(t("assessment.form_problem", lang, question=question), icon=":material/help:")

profile = st.session_state.get(PROFILE_KEY)
if profile is not None:
    assessment = eligibility.assess(profile, facts, now, lang)
    markets = store.run(chapter_markets, tuple(exports), lang) if exports else []
    report = assessment_report(profile, assessment, context, lang, markets)
    st.header(t("assessment.result", lang))
    ui.status(report.verdict)
    if report.not_selection and report.not_selection_quote:
        st.markdown(report.not_selection)
        ui.quote_block(report.not_selection_quote, None, lang)

    st.subheader(t("assessment.checklist", lang))
    st.table(report.criteria.set_index(t("eligibility.column.criterion", lang)))

    if report.market is not None:
        st.subheader(report.market.title)
        st.info(report.market.never_changes_verdict, icon=":material/info:")
        st.table(report.market.table.set_index(report.market.table.columns[0]))
        st.caption(ui.escape(report.market.derived))
        st.caption(ui.escape(report.market.source))
        st.markdown("\n".join(f"- {ui.escape(line)}" for line in report.market.places))
        st.caption(t("assessment.exports_open", lang))
        ui.chapter_links([(hs2, page.chapters.names[hs2]) for hs2 in exports], lang)
        ui.chart_block(store.run(exports_chart, tuple(exports), lang), lang, level=4)

    left, right = st.columns(2)
    with left:
        st.subheader(t("assessment.b2b", lang))
        st.markdown(ui.escape(report.b2b))
        ui.quote_block(report.b2b_quote, None, lang)
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
        ui.quote_block(report.representatives_quote, None, lang)

    st.subheader(t("assessment.advice", lang))
    for quote in report.advice_quotes:
        ui.quote_block(quote, None, lang)

    actions = st.container(horizontal=True)
    actions.download_button(
        t("assessment.download_pdf", lang),
        data=functools.partial(assessment_pdf, report, context.source, now, lang),
        file_name="self-assessment-canada-trade-mission-mexico.pdf",
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
