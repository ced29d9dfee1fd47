"""Self-assessment: "Do we qualify for the Canada Trade Mission to Mexico?"

One form, one rerun per submit. Answers live only in this browser session: never in the
address, never logged or stored; the page asks for no name or contact details.
"""

import functools

import streamlit as st

from pages import store, ui
from trade_mission.reports.assessment import assessment_report
from trade_mission.reports.pdf import assessment_pdf
from trade_mission.reports.status import mission_status_message
from trade_mission.rules import eligibility
from trade_mission.text.i18n import t
from trade_mission.views.assessment import assessment_page

PROFILE_KEY = "self_assessment_profile"
ERROR_KEY = "self_assessment_error"
FIELD_KEY = "question-{}"


def start_over() -> None:
    """Forget every answer and the result."""
    for name in (*facts.profile_fields, "submitted"):
        st.session_state.pop(FIELD_KEY.format(name), None)
    st.session_state.pop(PROFILE_KEY, None)
    st.session_state.pop(ERROR_KEY, None)


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
    report = assessment_report(profile, assessment, context, lang)
    st.header(t("assessment.result", lang))
    ui.status(report.verdict)
    if report.not_selection and report.not_selection_quote:
        st.markdown(report.not_selection)
        ui.quote_block(report.not_selection_quote, None, lang)

    st.subheader(t("assessment.checklist", lang))
    st.table(report.criteria.set_index(t("eligibility.column.criterion", lang)))

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
